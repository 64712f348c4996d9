import { describe, expect, test } from '@jest/globals'
import { FINDINGS, finding } from '../../src/findings.js'
import { supersede } from '../../src/report/supersede.js'
import { orderFindings } from '../../src/report/verdict.js'

const details = { message: 'm', remediation: 'r' }

describe('supersede', () => {
  test('a finding declared once per run is reported once, the first one kept', () => {
    const first = finding('no-credentials', { ...details, message: 'offline' })
    const second = finding('no-credentials', { ...details, message: 'through the chain' })
    expect(supersede([first, second])).toEqual([first])
  })

  test('the same finding from two paths is one finding; different messages stay apart', () => {
    const one = finding('quoted-value', { ...details, source: 'environment' })
    const other = finding('quoted-value', { ...details, source: 'environment', message: 'n' })
    expect(supersede([one, { ...one }, other])).toEqual([one, other])
  })

  test('ordering applies it after sorting by severity and registry order', () => {
    const notice = finding('iam-check-skipped', { ...details, message: 'a' })
    const again = finding('iam-check-skipped', { ...details, message: 'b' })
    const error = finding('no-credentials', details)
    expect(orderFindings([notice, again, error]).map(item => item.id)).toEqual([
      'no-credentials',
      'iam-check-skipped'
    ])
  })

  test('a less severe finding never hides a more severe one it would supersede', () => {
    // A notice about a source the run does not use leaves the error that fails the step.
    const notice = finding('credential-process-failed', { ...details, severity: 'notice' })
    const error = finding('no-credentials', details)
    expect(supersede([notice, error])).toEqual([notice, error])
    const inUse = finding('credential-process-failed', details)
    expect(supersede([inUse, error])).toEqual([inUse])
  })

  test('every supersedes entry names a registered ID and a scope', () => {
    const ids = new Set(FINDINGS.map(item => item.id))
    for (const item of FINDINGS)
      for (const entry of item.supersedes) {
        expect(ids.has(entry.id)).toBe(true)
        expect(['value', 'source', 'run']).toContain(entry.per)
      }
  })
})
