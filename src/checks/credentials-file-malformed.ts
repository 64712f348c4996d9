import type { Discovery, Severity, SharedFile } from '../model.js'
import { defineFactCheck } from './check.js'
import type { CheckFact, FileProblem } from './facts.js'
import { profilesOfAction } from './usage.js'
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
  known: readonly FileProblem[]
): FileProblem[] {
  const unparseable = discovery.tools?.awsCli.unparseable
  if (unparseable?.path !== file.display || file.issues.some(issue => issue.breaksCli)) return []
  if (known.some(problem => problem.line === unparseable.line)) return []
  return [
    {
      line: unparseable.line,
      about: { kind: 'cli-parse', reason: unparseable.reason },
      severity: 'warning'
    }
  ]
}

function problemsOf(file: SharedFile, use: Use, discovery: Discovery): FileProblem[] {
  const problems: FileProblem[] = file.issues.map(issue => ({
    line: issue.line,
    ...(issue.section === undefined ? {} : { section: issue.section }),
    about: { kind: 'issue', message: issue.message },
    severity: severityFor(profileOfHeader(issue.section, file), issue, use)
  }))
  for (const section of file.ignoredSections) {
    problems.push({
      line: section.line,
      section: section.header,
      about: { kind: 'ignored-section', header: section.header, reason: section.reason },
      severity: severityFor(section.intended, { breaksCli: false }, use)
    })
  }
  problems.push(...cliParseProblem(file, discovery, problems))
  return problems.sort((a, b) => a.line - b.line)
}

/** Shared credentials and config files that the SDKs would misread, or read differently from each other. */
export const credentialsFileMalformed = defineFactCheck({
  ids: ['credentials-file-malformed'],
  detect: discovery => {
    const use = useOf(discovery)
    return (discovery.shared?.files ?? []).flatMap(
      (file): CheckFact<'credentials-file-malformed'>[] => {
        if (file.state === 'too-large')
          return [
            {
              id: 'credentials-file-malformed',
              kind: 'unread',
              file: file.display,
              ...(file.detail === undefined ? {} : { detail: file.detail }),
              maxBytes: MAX_SHARED_FILE_BYTES
            }
          ]
        const problems = problemsOf(file, use, discovery)
        return (['error', 'warning', 'notice'] as const)
          .map(severity => problems.filter(problem => problem.severity === severity))
          .filter(group => group.length > 0)
          .map(group => ({
            id: 'credentials-file-malformed',
            kind: 'problems',
            file: file.display,
            severity: group[0]?.severity ?? 'error',
            problems: group
          }))
      }
    )
  }
})
