/**
 * A role profile with `credential_source` whose source has nothing to give on this runner:
 * `EcsContainer` without the container credentials variables, or `Environment` without the
 * key variables. The SDK's profile provider refuses it with an error that lets the chain go on
 * to its next provider (measured in __tests__/differential/role-profiles.test.ts): where none
 * follows, the chain ends with its generic "Could not load credentials from any providers"
 * (no-credentials); on a self-hosted EC2 runner it takes the instance role instead
 * (precedence-conflict). Discovery passes such a profile over, as the SDK does. The AWS CLI
 * stops at the profile with `Error when retrieving credentials from NAME: No credentials found
 * in credential_source referenced in profile PROFILE` (botocore AssumeRoleProvider
 * `_resolve_credentials_from_source`, measured there too). Pure: reads the discovery model only.
 */
import type { CredentialSource, Discovery, SourceKind } from '../model.js'
import { code, escapeText } from '../report/markdown.js'

export interface SourceGap {
  readonly title: string
  readonly message: string
  readonly remediation: string
  readonly evidence: readonly string[]
}

/** The `credential_source` value, from discovery's `NAME: meaning` detail. */
function credentialSourceOf(source: CredentialSource): string | undefined {
  return source.details.credentialSource?.split(':')[0]?.trim()
}

function cliWords(name: string, profile: string): string {
  return `Error when retrieving credentials from ${name}: No credentials found in credential_source referenced in profile ${profile}`
}

function hasEnvironmentKeys(discovery: Discovery): boolean {
  return discovery.sources.some(
    source =>
      source.kind === 'environment' &&
      source.skipped === undefined &&
      source.credentials !== undefined
  )
}

function gapWords(
  name: string,
  discovery: Discovery
): { missing: string; fix: string } | undefined {
  if (name === 'EcsContainer' && discovery.containerEndpoint === undefined)
    return {
      missing:
        'neither `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` nor `AWS_CONTAINER_CREDENTIALS_FULL_URI` is set in this step, so there is no container credentials endpoint to take them from',
      fix: 'Run the step where the container credentials variables are set (an ECS task with a task role, CodeBuild, EKS Pod Identity: a job `container:` on a GitHub runner does not set them), or give the profile credentials it can reach here: `source_profile` naming a profile with keys, or `credential_source = Environment` with the key variables set.'
    }
  if (name === 'Environment' && !hasEnvironmentKeys(discovery))
    return {
      missing:
        '`AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` are not both set in this step, so there are no keys to assume the role with',
      fix: 'Set `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN` for temporary keys) in the job-level `env:`, from secrets, so this step sees them.'
    }
  return undefined
}

/**
 * The examined role profile, where it assumes its role with a `credential_source`: discovery
 * passes it over (skipped) where that source has nothing to read, as the JS SDK does.
 */
export function credentialSourceProfile(discovery: Discovery): CredentialSource | undefined {
  return discovery.sources.find(
    source =>
      source.partOf === undefined &&
      source.profile === discovery.profile.name &&
      source.details.roleArn !== undefined &&
      source.details.credentialSource !== undefined
  )
}

/** Why the examined role profile's `credential_source` gave nothing, where discovery can tell. */
export function credentialSourceGap(discovery: Discovery): SourceGap | undefined {
  const selected = credentialSourceProfile(discovery)
  if (selected?.details.roleArn === undefined) return undefined
  const name = credentialSourceOf(selected)
  if (name === undefined) return undefined
  const words = gapWords(name, discovery)
  if (words === undefined) return undefined
  const profile = selected.profile ?? 'default'
  const cli = cliWords(name, profile)
  return {
    title: `Profile "${escapeText(profile)}" has no credentials to assume its role with (credential_source = ${escapeText(name)})`,
    message: `The ${escapeText(selected.label)} assumes ${code(selected.details.roleArn)} with ${code(`credential_source = ${name}`)}, but ${words.missing}. The JS SDK says "Could not load credentials from any providers"; the AWS CLI stops with ${code(cli)}.`,
    remediation: words.fix,
    evidence: [`credential_source ${code(name)}: nothing to read on this runner`, code(cli)]
  }
}

/** A profile the JS SDK passes over for a later source, which the action then asks. */
export interface FallThrough {
  /** The profile the JS SDK selects. */
  readonly profile: string
  /** The source it goes on to, and its label as the report shows it. */
  readonly kind: SourceKind
  readonly label: string
  /** What the AWS CLI stops with, verbatim. */
  readonly cliFailure: string
  /** The profiles the JS SDK reads this run: its own and its `source_profile` chain. */
  readonly profiles: ReadonlySet<string>
}

/** The sources the JS SDK's chain goes on to after its profile provider. */
const LATER_SOURCES: ReadonlySet<SourceKind> = new Set(['container', 'instance-metadata'])

/**
 * Where the JS SDK's profile (missing, or a role profile it cannot assume) is passed over: its
 * profile provider's refusal lets the chain go on to the container endpoint or IMDS, while the
 * AWS CLI stops at the profile (measured in __tests__/differential/role-profiles.test.ts).
 */
export function fallThroughOf(discovery: Discovery): FallThrough | undefined {
  const js = discovery.tools?.jsSdk
  const cliFailure = discovery.tools?.awsCli.failure
  const source = js?.source
  if (js === undefined || source === undefined || cliFailure === undefined) return undefined
  if (!LATER_SOURCES.has(source.kind) || discovery.selected?.kind !== source.kind) return undefined
  // Only a profile that was named: without one the SDK takes the later source by design.
  if (js.profileVariable === undefined || source.profile === js.profile) return undefined
  return {
    profile: js.profile,
    kind: source.kind,
    label: source.label,
    cliFailure,
    profiles: new Set([js.profile, ...js.profilesRead])
  }
}

/** The role profile `profile` as discovery examined it, where it passed it over as the JS SDK does. */
export function passedOverRoleProfile(
  discovery: Discovery,
  profile: string
): CredentialSource | undefined {
  return discovery.sources.find(
    source =>
      source.partOf === undefined &&
      source.profile === profile &&
      source.details.roleArn !== undefined &&
      source.skipped !== undefined
  )
}
