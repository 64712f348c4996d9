import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FINDINGS, finding, rankOf } from '../src/findings.js'
import { CHECKS } from '../src/checks/index.js'
import { ROOT } from './e2e/harness.js'

/** The finding table of the contract: `| \`id\` | severity | when |`. */
function contractIds(): Map<string, string> {
  const path = join(ROOT, '..', 'shared', 'action-contract.md')
  let text = ''
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return new Map()
  }
  return new Map(
    [...text.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning|notice) \|/gmu)].map(match => [
      match[1] ?? '',
      match[2] ?? ''
    ])
  )
}

describe('the finding registry', () => {
  test('IDs are unique', () => {
    const ids = FINDINGS.map(item => item.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('every ID of the contract is registered with the contract severity', () => {
    const contract = contractIds()
    expect(contract.size).toBeGreaterThan(30)
    for (const [id, severity] of contract) {
      expect(FINDINGS.find(item => item.id === id)?.severity).toBe(severity)
    }
  })

  test('every check emits only registered IDs', () => {
    const registered = new Set(FINDINGS.map(item => item.id))
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
    const gated = finding('long-term-credentials', {
      message: 'm',
      remediation: 'r',
      severity: 'error'
    })
    expect(gated.severity).toBe('error')
  })
})
