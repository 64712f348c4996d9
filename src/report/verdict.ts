/** The verdict: how findings rank, what the step's status is, and whether it fails. */
import { definitionOf, rankOf, type RetryClass } from '../findings.js'
import type { Finding, Severity, Status } from '../model.js'
import { SEVERITY_RANK } from '../model.js'
import type { FailOn } from '../settings.js'
import { supersede } from './supersede.js'

/**
 * Most severe first; within a severity, the registry's order (most specific first); then the
 * findings others supersede are dropped (src/report/supersede.ts).
 */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  return supersede(
    [...findings].sort(
      (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || rankOf(a.id) - rankOf(b.id)
    )
  )
}

export function statusOf(findings: readonly Finding[]): Status {
  if (findings.some(item => item.severity === 'error')) return 'fail'
  if (findings.some(item => item.severity === 'warning')) return 'warn'
  return 'pass'
}

export function causeOf(ordered: readonly Finding[]): string {
  return (
    (
      ordered.find(item => item.severity === 'error') ??
      ordered.find(item => item.severity === 'warning')
    )?.id ?? ''
  )
}

export function failsStep(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false
  const threshold = SEVERITY_RANK[failOn as Severity]
  return findings.some(item => SEVERITY_RANK[item.severity] >= threshold)
}

/**
 * Whether re-running the job may help, over the findings that set the status (the errors of a
 * failing run, the warnings of a warning one): `configuration` when any of them needs a change
 * first, `transient` when all of them may pass on their own, else `unknown`. Undefined for a pass.
 */
export function retryOf(ordered: readonly Finding[]): RetryClass | undefined {
  const status = statusOf(ordered)
  if (status === 'pass') return undefined
  const severity: Severity = status === 'fail' ? 'error' : 'warning'
  const classes = ordered
    .filter(item => item.severity === severity)
    .map(item => definitionOf(item.id).retry)
  if (classes.includes('configuration')) return 'configuration'
  if (classes.length > 0 && classes.every(value => value === 'transient')) return 'transient'
  return 'unknown'
}

/** The `retryable` output: `true`, `false`, or empty when unknown or passing. */
export function retryableOf(ordered: readonly Finding[]): string {
  const retry = retryOf(ordered)
  if (retry === 'transient') return 'true'
  if (retry === 'configuration') return 'false'
  return ''
}
