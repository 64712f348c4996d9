import { finding } from '../findings.js'
import type { CredentialSource, Discovery, GitHubContext, SharedFile } from '../model.js'
import { defineCheck } from './check.js'
import { describeOrigin } from './check.js'
import { describeUse } from '../report/words/usage.js'
import { MAX_SHARED_FILE_BYTES } from '../discover/files.js'
import { credentialSourceGap, credentialSourceProfile } from '../aws/credential-source.js'
import { code, escapeText } from '../report/markdown.js'

const FILE_STATES: Readonly<Record<SharedFile['state'], string>> = {
  read: 'exists',
  missing: 'does not exist',
  unreadable: 'cannot be read',
  'not-a-file': 'is not a file',
  'too-large': `was not read by this action (it reads at most ${MAX_SHARED_FILE_BYTES / 1024 / 1024} MiB of a file; the JS SDK and the AWS CLI read larger ones)`
}

/** A shared file this action did not read: what the tools find in it is not known here. */
function unreadFile(discovery: Discovery): SharedFile | undefined {
  return discovery.shared?.files.find(file => file.state === 'too-large')
}

/** What the two tools say, where the action read every file they read. */
function toolsSay(discovery: Discovery): string {
  const unread = unreadFile(discovery)
  if (unread !== undefined)
    return `The JS SDK and the AWS CLI read ${code(unread.display)} (${unread.detail ?? 'too large'}), which this action did not read: they may find credentials there, but this action cannot check them. Keep the shared files small (a credentials file of a few profiles is under 1 KiB).`
  return (
    'The JS SDK says `Could not load credentials from any providers`; ' +
    (discovery.tools === undefined
      ? 'the AWS CLI `Unable to locate credentials`.'
      : `the AWS CLI ${describeUse(discovery.tools.awsCli)}.`)
  )
}

/**
 * How to give credentials where there are none: to the job on a runner, to the shell outside
 * one (`npm start` on a laptop), where workflow `env:` and secrets mean nothing.
 */
export function giveCredentials(github: GitHubContext): string {
  return github.onRunner
    ? "Give the job credentials in the same job, before this step: preferably `aws-actions/configure-aws-credentials` with `role-to-assume` and `permissions: id-token: write`, or `AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}` and `AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}` in the job-level `env:` (a step's `env:` applies to that step only). On a self-hosted runner, check which `HOME` the runner service uses."
    : 'Give this shell credentials: `aws configure` writes a key pair to `~/.aws/credentials`; `aws configure sso` and then `aws sso login --profile NAME` with `AWS_PROFILE=NAME` sign in through IAM Identity Center; or export `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`.'
}

function fileLine(file: SharedFile): string {
  const where =
    file.origin.kind === 'env'
      ? `${file.display} (from ${code(file.origin.name)})`
      : file.display === file.path
        ? file.path
        : `${file.display} (${file.path})`
  const profiles =
    file.state === 'read'
      ? `: profiles ${file.profiles.length === 0 ? 'none' : file.profiles.map(name => `"${escapeText(name)}"`).join(', ')}`
      : ''
  return `${where} ${FILE_STATES[file.state]}${file.detail === undefined ? '' : ` (${file.detail})`}${profiles}`
}

function findSource(
  discovery: Discovery,
  kind: CredentialSource['kind']
): CredentialSource | undefined {
  return discovery.sources.find(source => source.kind === kind && source.partOf === undefined)
}

/** What each place in the SDK's chain holds, one line each, for the evidence. */
export function chainReport(discovery: Discovery): string[] {
  const lines: string[] = []
  lines.push(
    findSource(discovery, 'input') === undefined
      ? 'inputs `aws-access-key-id` / `aws-secret-access-key`: not given'
      : 'inputs `aws-access-key-id` / `aws-secret-access-key`: given'
  )
  const environment = findSource(discovery, 'environment')
  if (environment === undefined)
    lines.push('`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`: not set')
  else if (environment.skipped !== undefined) lines.push(`key variables: ${environment.skipped}`)
  else if (discovery.profile.skipsKeyVariables)
    lines.push(
      `key variables: hold a key pair, but ${describeOrigin(discovery.profile.origin)} names a profile, so the JS SDK skips them`
    )
  const profile = discovery.profile
  const missing = discovery.shared?.missingProfiles.find(item => item.name === profile.name)
  const profileSource = discovery.sources.find(
    source => source.profile === profile.name && source.partOf === undefined
  )
  if (missing !== undefined)
    lines.push(
      `profile "${escapeText(profile.name)}" (${describeOrigin(profile.origin)}): in neither file`
    )
  else if (profileSource?.skipped !== undefined)
    lines.push(`profile "${escapeText(profile.name)}": ${profileSource.skipped}`)
  else if (profileSource === undefined)
    lines.push(`profile "${escapeText(profile.name)}": not defined`)
  for (const file of discovery.shared?.files ?? []) lines.push(fileLine(file))
  const webIdentity = findSource(discovery, 'web-identity')
  lines.push(
    webIdentity === undefined
      ? '`AWS_WEB_IDENTITY_TOKEN_FILE` / `AWS_ROLE_ARN`: not set'
      : `web identity: ${webIdentity.skipped ?? 'configured'}`
  )
  if (findSource(discovery, 'container') === undefined) {
    lines.push('`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`: not set')
    const imds = discovery.instanceMetadata
    lines.push(
      `EC2 instance metadata: ${imds.considered ? 'would be asked' : `not asked: ${imds.reason}`}`
    )
  }
  return lines
}

/**
 * No source in the SDK's chain provides credentials: reported offline, where discovery sees
 * the whole chain. (A source that looks usable but gives nothing, such as an instance role
 * that is not there, is for the remote phase to find.)
 */
export const noCredentials = defineCheck({
  ids: ['no-credentials'],
  run: discovery => {
    if (discovery.selected !== undefined) return []
    // A role profile whose credential_source has nothing to read here: which variables, in
    // both tools' words (the JS SDK passes the profile over and finds nothing after it).
    const gap = credentialSourceGap(discovery)
    if (gap !== undefined)
      return [
        finding('no-credentials', {
          ...gap,
          source: credentialSourceProfile(discovery)?.label,
          evidence: [...gap.evidence, ...chainReport(discovery)]
        })
      ]
    return [
      finding('no-credentials', {
        message:
          `No source that ${unreadFile(discovery) === undefined ? 'the AWS SDK looks at' : 'this action could read'} provides credentials on this runner: no credential inputs, no usable key variables, no usable profile, no web identity token file, no container endpoint and no instance role. ` +
          toolsSay(discovery),
        remediation: giveCredentials(discovery.github),
        evidence: chainReport(discovery)
      })
    ]
  }
})
