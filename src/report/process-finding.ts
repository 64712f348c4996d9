/**
 * The one home of `credential-process-failed`'s words: the finding for a profile's
 * `credential_process` that gave no credentials, built from what the process answered
 * (src/aws/credential-process.ts): never its output, only its exit status, the sizes of what it
 * wrote, what is wrong with its JSON, and how long it ran.
 */
import { finding } from '../findings.js'
import type { CredentialSource, Finding } from '../model.js'
import { describeRun, type ProcessOutcome, type ProcessProblem } from '../aws/credential-process.js'
import { escapeText } from './markdown.js'

const SHAPE =
  '`{"Version": 1, "AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…", "Expiration": "2026-01-01T00:00:00Z"}` (`SessionToken` and `Expiration` optional)'

const TITLES: Readonly<Record<ProcessProblem, string>> = {
  'spawn-failed': 'The credential_process could not be started',
  'exit-status': 'The credential_process failed',
  killed: 'The credential_process was killed',
  timeout: 'The credential_process did not finish in time',
  'no-output': 'The credential_process printed nothing',
  'not-json': 'The credential_process did not print JSON',
  'wrong-version': 'The credential_process printed JSON without "Version": 1',
  'missing-fields': 'The credential_process printed JSON without a key pair',
  'bad-expiration': 'The credential_process printed an unreadable Expiration',
  expired: 'The credential_process printed expired credentials'
}

function remediation(problem: ProcessProblem, run: ProcessOutcome['run']): string {
  const byHand =
    'Run the command by hand on the runner, as the user the runner service runs as and with stdin closed (`… < /dev/null`).'
  const stderr =
    run.stderrBytes > 0
      ? " Read its stderr there, not in the job log: the AWS CLI prints a failing process's stderr verbatim, secrets included."
      : ''
  switch (problem) {
    case 'spawn-failed':
    case 'exit-status':
      return `${byHand} Give the program by absolute path: the runner service's \`PATH\` is often shorter than a login shell's. A process that needs a login (a browser, a password, an MFA code) cannot run unattended in CI; use OIDC (\`role-to-assume\`) or the runner's instance or container role instead.${stderr}`
    case 'killed':
      return `${byHand} Something ended it (an out-of-memory kill, a sandbox).${stderr}`
    case 'timeout':
      // botocore's ProcessProvider (`communicate()`) and the JS SDK's fromProcess (`exec`)
      // set no time limit (read in their sources; __tests__/differential/credential-process.test.ts).
      return `${byHand} A process that waits for input, a lock, a browser or a slow network never finishes in CI, and neither the AWS CLI nor the JS SDK puts a time limit on it: in a later step it holds the job until its \`timeout-minutes\`. Raise \`timeout-seconds\` only if it is known to be slow.${stderr}`
    case 'no-output':
    case 'not-json':
      return `The process must print exactly one JSON object on stdout and nothing else: write logs and prompts to stderr. The SDKs expect ${SHAPE}.${stderr}`
    case 'wrong-version':
    case 'missing-fields':
    case 'bad-expiration':
      return `The SDKs accept only ${SHAPE}, with these exact field names.`
    case 'expired':
      return 'The process handed out credentials from a stale cache: make it refresh them (or clear its cache) before they expire. The SDKs refuse credentials whose `Expiration` has passed.'
  }
}

export function credentialProcessFinding(
  outcome: Extract<ProcessOutcome, { ok: false }>,
  source: CredentialSource | undefined
): Finding {
  const command = source?.details.process ?? 'the command'
  const from = source === undefined ? 'the profile' : `the ${escapeText(source.label)}`
  const run = describeRun(outcome.run)
  return finding('credential-process-failed', {
    title: TITLES[outcome.problem],
    ...(source === undefined ? {} : { source: source.label }),
    message: `The AWS SDK runs the \`credential_process\` of ${from} (${command}) to get this job's credentials, and ${outcome.detail}. The SDK would report only "Could not load credentials from any providers". Nothing could be checked with STS.`,
    remediation: remediation(outcome.problem, outcome.run),
    evidence: [`ran: ${command}`, `answered: ${run}`]
  })
}
