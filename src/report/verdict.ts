/** The verdict: how findings rank, what the step's status is, and whether it fails. */
import { rankOf, type FindingId } from '../findings.js'
import type { Finding, Severity, Status } from '../model.js'
import { SEVERITY_RANK } from '../model.js'
import type { FailOn } from '../settings.js'

/**
 * Findings that describe the run as a whole: two paths reaching the same conclusion (offline
 * and through the SDK's chain) make one finding, the first, which is the more specific.
 */
const ONCE_PER_RUN: ReadonlySet<FindingId> = new Set<FindingId>([
  'no-credentials',
  'iam-check-skipped'
])

/** Most severe first; within a severity, the registry's order (most specific first). */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>()
  return [...findings]
    .sort(
      (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || rankOf(a.id) - rankOf(b.id)
    )
    .filter(item => {
      // The same finding about the same value from two paths is one finding.
      const key = ONCE_PER_RUN.has(item.id)
        ? item.id
        : `${item.id}\u0000${item.source ?? ''}\u0000${item.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
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
