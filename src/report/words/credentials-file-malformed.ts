/** A shared credentials or config file that the SDKs would misread, or that was not read. */
import { finding } from '../../findings.js'
import type { CheckFact, FileProblem } from '../../checks/facts.js'
import type { Finding, Origin, Severity } from '../../model.js'
import { code } from '../markdown.js'
import { useNote } from './usage.js'

/** A problem of one line, in words (discovery words the lines it parsed itself). */
function messageOf(problem: FileProblem): string {
  const about = problem.about
  if (about.kind === 'issue') return about.message
  if (about.kind === 'ignored-section')
    return `Section ${code(`[${about.header}]`)} on line ${problem.line} is ignored: ${about.reason}.`
  return `The AWS CLI cannot parse this file (line ${problem.line}: ${about.reason}): every \`aws\` command in the job fails with "Unable to parse config file", even where valid key variables are set, while the JS SDK reads the file.`
}

/**
 * A file above the size this action reads: the tools read it, so nothing here may say what is
 * or is not in it. A notice; where no other source gives credentials, no-credentials says so.
 */
function unreadFinding(
  fact: Extract<CheckFact<'credentials-file-malformed'>, { kind: 'unread' }>
): Finding<'credentials-file-malformed'> {
  return finding('credentials-file-malformed', {
    severity: 'notice',
    title: `${fact.file} was not read by this action`,
    message: `This action did not read ${code(fact.file)} (${fact.detail ?? 'too large'}; it reads at most ${fact.maxBytes / 1024 / 1024} MiB of a file), so its profiles are not checked; the JS SDK and the AWS CLI read it whatever its size.`,
    remediation:
      'A credentials or config file of a few profiles is under 1 KiB: remove what does not belong in it (a log, a pasted archive, thousands of comment lines).',
    origin: { kind: 'file', path: fact.file, line: 1, key: '', section: '' }
  })
}

function problemsFinding(
  file: string,
  severity: Severity,
  problems: readonly FileProblem[]
): Finding<'credentials-file-malformed'> {
  const first = problems[0]
  const origin: Origin = {
    kind: 'file',
    path: file,
    line: first?.line ?? 1,
    key: '',
    section: first?.section ?? ''
  }
  const count = problems.length
  return finding('credentials-file-malformed', {
    severity,
    title:
      count === 1
        ? `${file} line ${first?.line ?? 1} would be misread`
        : `${file} has ${count} lines the SDKs would misread`,
    message:
      `${first === undefined ? '' : messageOf(first)}` +
      (count > 1
        ? ` And ${count - 1} more problem${count === 2 ? '' : 's'} in this file (see the evidence).`
        : '') +
      useNote(severity),
    remediation:
      'Open the file at the lines named and keep to the layout both the AWS CLI and the SDKs read alike: a `[section]` first, one lower-case `key = value` per line, no indentation, comments on lines of their own, each section and key once. `aws configure list --profile NAME` shows what the AWS CLI resolves (keys masked). If a workflow step generates the file, fix the template in the workflow.',
    ...(count > 1
      ? {
          evidence: problems
            .slice(0, 12)
            .map(problem => `line ${problem.line}: ${messageOf(problem)}`)
        }
      : {}),
    origin
  })
}

export function credentialsFileMalformed(
  fact: CheckFact<'credentials-file-malformed'>
): Finding<'credentials-file-malformed'> {
  if (fact.kind === 'unread') return unreadFinding(fact)
  return problemsFinding(fact.file, fact.severity, fact.problems)
}
