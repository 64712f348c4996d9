/**
 * Annotations: one per error and warning, titled with its finding ID, pointing at the workflow
 * line that set the value where the report found it (so it shows on the pull request's diff),
 * within GitHub's ten of each kind per step (`limitAnnotations`). Pure.
 */
import type { Finding, Report } from '../model.js'
import { repositoryFix } from './fixes.js'
import { docsUrl } from './links.js'
import { ANNOTATIONS_PER_STEP } from './limits.js'
// Annotations are plain text: Markdown code spans and emphasis only add noise there.
import { plainText } from './markdown.js'
import { ReportReferences } from './references.js'

export interface Annotation {
  readonly severity: 'error' | 'warning' | 'notice'
  /** The finding it reports; none for the line that counts the ones left out. */
  readonly id?: string
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
        id: item.id,
        title: `${item.id}: ${item.title}`,
        message,
        ...(item.location?.file === undefined ? {} : { file: item.location.file }),
        ...(item.location?.line === undefined ? {} : { line: item.location.line })
      }
    })
}

export interface AnnotationLimits {
  /**
   * Whether the step fails: `core.setFailed` writes an error annotation of its own, which takes
   * one of the ten.
   */
  readonly failed: boolean
  /** Where the findings left out are listed (`the job summary`). */
  readonly where: string
}

const SEVERITY_WORDS = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  notice: ['notice', 'notices']
} as const

/**
 * The annotations GitHub will show, most important first (the report's order): at most ten of
 * each kind, the failure's own error counted. Where there are more, the last slot says how
 * many more there are and where they are listed.
 */
export function limitAnnotations(
  annotations: readonly Annotation[],
  limits: AnnotationLimits
): Annotation[] {
  const shown: Annotation[] = []
  for (const severity of ['error', 'warning', 'notice'] as const) {
    const all = annotations.filter(item => item.severity === severity)
    const slots = ANNOTATIONS_PER_STEP - (severity === 'error' && limits.failed ? 1 : 0)
    if (all.length <= slots) {
      shown.push(...all)
      continue
    }
    const kept = all.slice(0, Math.max(0, slots - 1))
    const rest = all.slice(kept.length)
    const [one, many] = SEVERITY_WORDS[severity]
    const word = rest.length === 1 ? one : many
    shown.push(...kept, {
      severity,
      title: `aws-credentials-doctor: ${rest.length} more ${word}`,
      message: `GitHub shows ${ANNOTATIONS_PER_STEP} ${many} per step: ${rest.length} more ${rest.length === 1 ? 'is' : 'are'} listed in ${limits.where}: ${rest.map(item => item.id ?? item.title).join(', ')}.`
    })
  }
  return shown
}
