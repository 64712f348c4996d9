import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FINDINGS, definitionOf, finding, rankOf } from '../src/findings.js'
import { CHECKS } from '../src/checks/index.js'
import { ROOT } from './e2e/harness.js'

/**
 * The public table of finding IDs and severities (`| [\`id\`](id.md) | severity | summary |`
 * rows of docs/findings/README.md). It is written by hand, apart from the registry, so that
 * changing a severity or dropping an ID takes a change in both: IDs and their severities are
 * part of the action's contract.
 */
function publishedIds(): Array<[string, string]> {
  const text = readFileSync(join(ROOT, 'docs', 'findings', 'README.md'), 'utf8')
  return [...text.matchAll(/^\| \[`([a-z0-9-]+)`\]\(([a-z0-9-]+)\.md\) \| ([a-z]+) \|/gmu)].map(
    match => {
      expect(match[2]).toBe(match[1])
      return [match[1] ?? '', match[3] ?? '']
    }
  )
}

describe('the finding registry', () => {
  test('IDs are unique', () => {
    const ids = FINDINGS.map(item => item.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('the published table lists every registered ID once, with its severity', () => {
    const published = publishedIds()
    expect(published.map(([id]) => id).sort()).toEqual(FINDINGS.map(item => item.id).sort())
    for (const [id, severity] of published)
      expect(FINDINGS.find(item => item.id === id)?.severity).toBe(severity)
  })

  test('every check declares only registered IDs', () => {
    const registered = new Set<string>(FINDINGS.map(item => item.id))
    for (const check of CHECKS) for (const id of check.ids) expect(registered.has(id)).toBe(true)
  })

  test('the most specific explanation ranks first', () => {
    expect(rankOf('fork-pr-secrets-unavailable')).toBeLessThan(rankOf('empty-credential-variable'))
    expect(rankOf('empty-credential-variable')).toBeLessThan(rankOf('no-credentials'))
    expect(rankOf('invisible-characters')).toBeLessThan(rankOf('signature-mismatch'))
    expect(rankOf('session-token-missing')).toBeLessThan(rankOf('invalid-client-token-id'))
  })

  test('finding() takes severity and title from the registry unless overridden', () => {
    const plain = finding('long-term-credentials', { message: 'm', remediation: 'r' })
    expect(plain.severity).toBe('notice')
    expect(plain.title).toBe(definitionOf('long-term-credentials').title)
    const gated = finding('long-term-credentials', {
      message: 'm',
      remediation: 'r',
      severity: 'error'
    })
    expect(gated.severity).toBe('error')
  })

  test('every definition has its docs page path', () => {
    for (const item of FINDINGS) expect(item.docs).toBe(`docs/findings/${item.id}.md`)
  })
})

describe('whether re-running may help', () => {
  test('every ID has a retry class', () => {
    for (const item of FINDINGS)
      expect(['transient', 'configuration', 'unknown']).toContain(item.retry)
  })

  test('timeouts and server errors are transient', () => {
    for (const id of ['sts-timeout', 'sts-service-error'] as const)
      expect(definitionOf(id).retry).toBe('transient')
  })

  test('wrong secrets, trust-policy mismatches and missing permissions need a change first', () => {
    for (const id of [
      'signature-mismatch',
      'invalid-client-token-id',
      'empty-credential-variable',
      'oidc-trust-policy-mismatch',
      'oidc-permission-missing',
      'missing-permissions',
      'settings-invalid'
    ] as const)
      expect(definitionOf(id).retry).toBe('configuration')
  })

  test('IDs that cover both kinds of cause say so', () => {
    // A DNS failure is a blip or a wrong proxy; the token service refuses (403) or fails (5xx).
    for (const id of ['sts-unreachable', 'oidc-token-request-failed', 'internal-error'] as const)
      expect(definitionOf(id).retry).toBe('unknown')
  })
})

describe('what a finding concerns', () => {
  test('the signature is the secret, a missing token is about the key ID', () => {
    expect(definitionOf('signature-mismatch').concerns).toEqual(['secretAccessKey'])
    expect(definitionOf('session-token-missing').concerns).toEqual(['accessKeyId'])
    expect(definitionOf('sts-timeout').concerns).toEqual([])
  })
})
