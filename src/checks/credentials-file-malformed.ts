import { finding } from '../findings.js'
import type { Discovery, Finding, Origin, Severity, SharedFile, SharedFileIssue } from '../model.js'
import { defineCheck } from './check.js'

/** The profile a section header defines, read the way its file is read. */
function profileOfHeader(header: string | undefined, file: SharedFile): string | undefined {
  if (header === undefined) return undefined
  if (file.kind === 'credentials') return header
  if (header === 'default') return 'default'
  const match = /^profile\s+["']?([^"']+)["']?$/u.exec(header.trim())
  return match?.[1]
}

/** The profiles this run reads: the one named for it, the one in use, and its role chain. */
function profilesInUse(discovery: Discovery): Set<string> {
  const names = new Set<string>()
  if (discovery.profile.origin.kind !== 'default') names.add(discovery.profile.name)
  const selected = discovery.selected
  if (selected?.profile !== undefined) names.add(selected.profile)
  for (const source of discovery.sources)
    if (
      source.partOf !== undefined &&
      source.partOf === selected?.label &&
      source.profile !== undefined
    )
      names.add(source.profile)
  return names
}

interface Problem {
  readonly line: number
  readonly section?: string
  readonly message: string
  readonly severity: Severity
}

/**
 * A file the AWS CLI cannot parse fails every profile in it, so that is an error; so is any
 * problem in a profile this run uses. A problem elsewhere in the file is a warning.
 */
function severityOf(
  issue: SharedFileIssue,
  file: SharedFile,
  inUse: ReadonlySet<string>
): Severity {
  if (issue.breaksCli) return 'error'
  const profile = profileOfHeader(issue.section, file)
  return profile !== undefined && inUse.has(profile) ? 'error' : 'warning'
}

function problemsOf(file: SharedFile, inUse: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = file.issues.map(issue => ({
    line: issue.line,
    ...(issue.section === undefined ? {} : { section: issue.section }),
    message: issue.message,
    severity: severityOf(issue, file, inUse)
  }))
  for (const section of file.ignoredSections) {
    problems.push({
      line: section.line,
      section: section.header,
      message: `Section \`[${section.header}]\` on line ${section.line} is ignored: ${section.reason}.`,
      severity: section.intended !== undefined && inUse.has(section.intended) ? 'error' : 'warning'
    })
  }
  return problems.sort((a, b) => a.line - b.line)
}

function fileFinding(
  file: SharedFile,
  severity: Severity,
  problems: readonly Problem[]
): Finding<'credentials-file-malformed'> {
  const first = problems[0]
  const origin: Origin = {
    kind: 'file',
    path: file.display,
    line: first?.line ?? 1,
    key: '',
    section: first?.section ?? ''
  }
  const count = problems.length
  return finding('credentials-file-malformed', {
    severity,
    title:
      count === 1
        ? `${file.display} line ${first?.line ?? 1} would be misread`
        : `${file.display} has ${count} lines the SDKs would misread`,
    message:
      `${first?.message ?? ''}` +
      (count > 1
        ? ` And ${count - 1} more problem${count === 2 ? '' : 's'} in this file (see the evidence).`
        : '') +
      (severity === 'warning'
        ? ' They concern profiles this run does not use, but break them for every other job that does.'
        : ''),
    remediation:
      'Open the file at the lines named and keep to the layout both the AWS CLI and the SDKs read alike: a `[section]` first, one lower-case `key = value` per line, no indentation, comments on lines of their own, each section and key once. `aws configure list --profile NAME` shows what the AWS CLI resolves (keys masked). If a workflow step generates the file, fix the template in the workflow.',
    ...(count > 1
      ? {
          evidence: problems.slice(0, 12).map(problem => `line ${problem.line}: ${problem.message}`)
        }
      : {}),
    origin
  })
}

/** Shared credentials and config files that the SDKs would misread, or read differently from each other. */
export const credentialsFileMalformed = defineCheck({
  ids: ['credentials-file-malformed'],
  run: discovery => {
    const inUse = profilesInUse(discovery)
    return (discovery.shared?.files ?? []).flatMap(file => {
      const problems = problemsOf(file, inUse)
      return (['error', 'warning'] as const)
        .map(severity => problems.filter(problem => problem.severity === severity))
        .filter(group => group.length > 0)
        .map(group => fileFinding(file, group[0]?.severity ?? 'error', group))
    })
  }
})
