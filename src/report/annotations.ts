/**
 * Annotations: one per error and warning, titled with its finding ID, pointing at the workflow
 * line that set the value where the report found it (so it shows on the pull request's diff).
 * Pure.
 */
import type { Finding, Report } from '../model.js'
import { repositoryFix } from './fixes.js'
import { docsUrl } from './links.js'
// Annotations are plain text: Markdown code spans and emphasis only add noise there.
import { plainText } from './markdown.js'
import { ReportReferences } from './references.js'

export interface Annotation {
  readonly severity: 'error' | 'warning'
  readonly title: string
  readonly message: string
  readonly file?: string
  readonly line?: number
}

export function annotationsOf(report: Report): Annotation[] {
  const references = new ReportReferences(report.discovery)
  return report.findings
    .filter(
      (item): item is Finding & { severity: 'error' | 'warning' } => item.severity !== 'notice'
    )
    .map(item => {
      const steps = repositoryFix(item, report, references)
      const message = [
        plainText(item.message),
        `Fix: ${plainText(item.remediation)}`,
        ...steps.map(
          step =>
            `- ${plainText(step.text)}${step.command === undefined ? '' : `\n    ${step.command.split('\n').join('\n    ')}`}`
        ),
        `More: ${docsUrl(item.id, report.discovery.github)}`
      ].join('\n')
      return {
        severity: item.severity,
        title: `${item.id}: ${item.title}`,
        message,
        ...(item.location?.file === undefined ? {} : { file: item.location.file }),
        ...(item.location?.line === undefined ? {} : { line: item.location.line })
      }
    })
}
