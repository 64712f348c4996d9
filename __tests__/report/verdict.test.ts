import { describe, expect, test } from '@jest/globals'
import { finding } from '../../src/findings.js'
import {
  causeOf,
  failsStep,
  orderFindings,
  retryableOf,
  retryOf,
  statusOf
} from '../../src/report/verdict.js'

const details = { message: 'm', remediation: 'r' }

describe('the verdict', () => {
  test('errors come first, and among them the most specific explanation', () => {
    const ordered = orderFindings([
      finding('long-term-credentials', details),
      finding('no-credentials', details),
      finding('clock-skew', details),
      finding('fork-pr-secrets-unavailable', details),
      finding('empty-credential-variable', details)
    ])
    expect(ordered.map(item => item.id)).toEqual([
      'fork-pr-secrets-unavailable',
      'empty-credential-variable',
      'no-credentials',
      'clock-skew',
      'long-term-credentials'
    ])
    expect(causeOf(ordered)).toBe('fork-pr-secrets-unavailable')
    expect(statusOf(ordered)).toBe('fail')
  })

  test('no-credentials reached by two paths is reported once, the first kept', () => {
    const ordered = orderFindings([
      finding('no-credentials', { ...details, message: 'offline' }),
      finding('no-credentials', { ...details, message: 'from the chain' })
    ])
    expect(ordered.map(item => item.message)).toEqual(['offline'])
  })

  test('the same finding about two different values stays two findings', () => {
    const ordered = orderFindings([
      finding('invisible-characters', { ...details, message: 'key ID' }),
      finding('invisible-characters', { ...details, message: 'secret' })
    ])
    expect(ordered).toHaveLength(2)
  })

  test('the cause is the first warning when there is no error, and empty on a pass', () => {
    expect(
      causeOf(
        orderFindings([
          finding('long-term-credentials', details),
          finding('access-key-age', details)
        ])
      )
    ).toBe('access-key-age')
    expect(causeOf([finding('long-term-credentials', details)])).toBe('')
    expect(statusOf([finding('long-term-credentials', details)])).toBe('pass')
    expect(statusOf([finding('access-key-age', details)])).toBe('warn')
  })

  test('the step fails exactly at or above fail-on', () => {
    const warning = [finding('access-key-age', details)]
    const error = [finding('signature-mismatch', details)]
    expect(failsStep(warning, 'error')).toBe(false)
    expect(failsStep(warning, 'warning')).toBe(true)
    expect(failsStep(error, 'error')).toBe(true)
    expect(failsStep(error, 'never')).toBe(false)
    expect(failsStep([finding('long-term-credentials', details)], 'warning')).toBe(false)
  })

  test('re-running helps only when every failure that sets the status is transient', () => {
    const transient = orderFindings([
      finding('sts-service-error', details),
      finding('long-term-credentials', details)
    ])
    expect(retryOf(transient)).toBe('transient')
    expect(retryableOf(transient)).toBe('true')
    // A configuration error next to a transient one: a re-run cannot pass until it changes.
    const mixed = orderFindings([
      finding('sts-timeout', details),
      finding('invalid-client-token-id', details)
    ])
    expect(retryOf(mixed)).toBe('configuration')
    expect(retryableOf(mixed)).toBe('false')
    const unknown = orderFindings([finding('sts-unreachable', details)])
    expect(retryOf(unknown)).toBe('unknown')
    expect(retryableOf(unknown)).toBe('')
    // A pass (notices only) has nothing to re-run.
    const pass = orderFindings([finding('oidc-token-claims', details)])
    expect(retryOf(pass)).toBeUndefined()
    expect(retryableOf(pass)).toBe('')
  })
})
