/** Annotations: one per error and warning, titled with its finding ID. Pure. */
import type { Finding, Report } from '../model.js'

export interface Annotation {
  readonly severity: 'error' | 'warning'
  readonly title: string
  readonly message: string
  readonly file?: string
  readonly line?: number
}

export function annotationsOf(report: Report): Annotation[] {
  return report.findings
    .filter(
      (item): item is Finding & { severity: 'error' | 'warning' } => item.severity !== 'notice'
    )
    .map(item => ({
      severity: item.severity,
      title: `${item.id}: ${item.title}`,
      message: `${item.message} Fix: ${item.remediation}`,
      ...(item.location?.file === undefined ? {} : { file: item.location.file }),
      ...(item.location?.line === undefined ? {} : { line: item.location.line })
    }))
}
