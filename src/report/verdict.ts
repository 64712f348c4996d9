/** The verdict: how findings rank, what the step's status is, and whether it fails. */
import { rankOf } from '../findings.js'
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
