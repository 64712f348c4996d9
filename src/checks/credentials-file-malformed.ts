import { finding } from '../findings.js'
import type { Discovery, Finding, Origin, Severity, SharedFile } from '../model.js'
import { defineCheck } from './check.js'
import { profilesOfAction, useNote } from './usage.js'
import { code } from '../report/markdown.js'
import { MAX_SHARED_FILE_BYTES } from '../discover/files.js'

/** The profile a section header defines, read the way its file is read. */
function profileOfHeader(header: string | undefined, file: SharedFile): string | undefined {
  if (header === undefined) return undefined
  if (file.kind === 'credentials') return header
  if (header === 'default') return 'default'
  // `profile`, whitespace, then the name, split by hand: `/^profile\s+["']?([^"']+)["']?$/u`
  // backtracks quadratically over a long run of spaces.
  const trimmed = header.trim()
  if (!trimmed.startsWith('profile')) return undefined
  const rest = trimmed.slice('profile'.length)
  const name = rest.trimStart()
  if (name.length === rest.length) return undefined
  return /^["']?([^"']+)["']?$/u.exec(name)?.[1]
}

/** The profiles the action's check reads: the one named for it, the one in use, and its role chain. */
function profilesInUse(discovery: Discovery): Set<string> {
  const names = profilesOfAction(discovery)
  if (discovery.profile.origin.kind !== 'default') names.add(discovery.profile.name)
  return names
}

interface Use {
  /** Profiles the action's own check reads. */
  readonly action: ReadonlySet<string>
  /** Profiles the AWS CLI reads in this run. */
  readonly cli: ReadonlySet<string>
  /** Profiles the JS SDK reads in a run where it finds no credentials: they may be why. */
  readonly failingJs: ReadonlySet<string>
}

function useOf(discovery: Discovery): Use {
  const js = discovery.tools?.jsSdk
  return {
    action: profilesInUse(discovery),
    cli: new Set(discovery.tools?.awsCli.profilesRead ?? []),
    failingJs: new Set(js?.failure === undefined ? [] : js.profilesRead)
  }
}

interface Problem {
  readonly line: number
  readonly section?: string
  readonly message: string
  readonly severity: Severity
}

/**
 * A problem in a profile the action uses is an error. A file the AWS CLI cannot parse fails every
 * `aws` command of the job, but not the action or Node-based tools: a warning. So is a problem in
 * a profile only the AWS CLI reads; a problem in a profile nothing reads is a notice.
 */
function severityFor(
  profile: string | undefined,
  issue: { readonly breaksCli: boolean; readonly cliOnly?: boolean },
  use: Use
): Severity {
  const read = (names: ReadonlySet<string>): boolean => profile !== undefined && names.has(profile)
  if (issue.cliOnly !== true && (read(use.action) || read(use.failingJs))) return 'error'
  if (issue.breaksCli) return 'warning'
  return read(use.cli) ? 'warning' : 'notice'
}

/** The file the AWS CLI cannot parse where no line above already says so. */
function cliParseProblem(
  file: SharedFile,
  discovery: Discovery,
  known: readonly Problem[]
): Problem[] {
  const unparseable = discovery.tools?.awsCli.unparseable
  if (unparseable?.path !== file.display || file.issues.some(issue => issue.breaksCli)) return []
  if (known.some(problem => problem.line === unparseable.line)) return []
  return [
    {
      line: unparseable.line,
      message: `The AWS CLI cannot parse this file (line ${unparseable.line}: ${unparseable.reason}): every \`aws\` command in the job fails with "Unable to parse config file", even where valid key variables are set, while the JS SDK reads the file.`,
      severity: 'warning'
    }
  ]
}

/**
 * A file above the size this action reads: the tools read it, so nothing here may say what is
 * or is not in it. A notice; where no other source gives credentials, no-credentials says so.
 */
function unreadFinding(file: SharedFile): Finding<'credentials-file-malformed'> {
  return finding('credentials-file-malformed', {
    severity: 'notice',
    title: `${file.display} was not read by this action`,
    message: `This action did not read ${code(file.display)} (${file.detail ?? 'too large'}; it reads at most ${MAX_SHARED_FILE_BYTES / 1024 / 1024} MiB of a file), so its profiles are not checked; the JS SDK and the AWS CLI read it whatever its size.`,
    remediation:
      'A credentials or config file of a few profiles is under 1 KiB: remove what does not belong in it (a log, a pasted archive, thousands of comment lines).',
    origin: { kind: 'file', path: file.display, line: 1, key: '', section: '' }
  })
}

function problemsOf(file: SharedFile, use: Use, discovery: Discovery): Problem[] {
  const problems: Problem[] = file.issues.map(issue => ({
    line: issue.line,
    ...(issue.section === undefined ? {} : { section: issue.section }),
    message: issue.message,
    severity: severityFor(profileOfHeader(issue.section, file), issue, use)
  }))
  for (const section of file.ignoredSections) {
    problems.push({
      line: section.line,
      section: section.header,
      message: `Section ${code(`[${section.header}]`)} on line ${section.line} is ignored: ${section.reason}.`,
      severity: severityFor(section.intended, { breaksCli: false }, use)
    })
  }
  problems.push(...cliParseProblem(file, discovery, problems))
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
      useNote(severity),
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
    const use = useOf(discovery)
    return (discovery.shared?.files ?? []).flatMap(file => {
      if (file.state === 'too-large') return [unreadFinding(file)]
      const problems = problemsOf(file, use, discovery)
      return (['error', 'warning', 'notice'] as const)
        .map(severity => problems.filter(problem => problem.severity === severity))
        .filter(group => group.length > 0)
        .map(group => fileFinding(file, group[0]?.severity ?? 'error', group))
    })
  }
})
