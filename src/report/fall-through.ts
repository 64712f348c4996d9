/**
 * A profile the JS SDK passes over, judged by what this run's remote phase saw. The SDK's
 * profile provider refuses a profile it cannot use (one neither file defines, a role profile
 * whose `source_profile` is missing) with an error that lets its chain go on, so it takes the
 * next source (the container endpoint, the instance metadata service); the AWS CLI stops at the
 * profile (measured in __tests__/differential/role-profiles.test.ts). Offline, the check cannot
 * know whether that next source works; here it is known:
 * - it gave credentials STS accepted: the job works for the JS SDK, so a missing profile is a
 *   warning (only `aws` commands stop), never the error that fails the step;
 * - it gave none: the missing profile is the error and the cause, with the source's answer as
 *   its evidence; the source's own finding follows as a warning (validate.ts makes it one), and
 *   the remote phase's "no credentials" about the profile is superseded by it (`supersedes` in
 *   src/findings.ts).
 * Only the severity, title and words of offline `profile-not-found` findings change; which
 * findings are kept is still decided by src/report/supersede.ts alone.
 *
 * Where the profile is no missing one (a role profile whose `credential_source` has nothing to
 * read, a loop), the remote phase itself reports the profile as the cause, with the later
 * source's finding after it as a warning (fallThroughFindings, called by src/aws/validate.ts).
 * On a runner where no later source is there (GitHub-hosted, IMDS off) the same profile is the
 * cause too, so the words match the ones given there.
 */
import { finding, type FindingId } from '../findings.js'
import type { Discovery, Finding, MissingProfile, RemoteResult } from '../model.js'
import {
  credentialSourceGap,
  fallThroughOf,
  passedOverRoleProfile,
  type FallThrough
} from '../aws/credential-source.js'
import { code, escapeText } from './markdown.js'

/** The remote findings that say the later source gave nothing. */
const LATER_FAILURES: ReadonlySet<FindingId> = new Set<FindingId>([
  'container-credentials-failed',
  'instance-metadata-failed'
])

function originKey(origin: unknown): string {
  return JSON.stringify(origin ?? null)
}

/** The missing profile a `profile-not-found` finding is about, where the JS SDK reads it. */
function missingOf(
  item: Finding,
  discovery: Discovery,
  fall: FallThrough
): MissingProfile | undefined {
  if (item.id !== 'profile-not-found') return undefined
  const key = originKey(item.location?.origin)
  const missing = discovery.shared?.missingProfiles.find(
    candidate => originKey(candidate.origin) === key
  )
  // The `profile` input names the profile this action examines: it stays as the check judged it.
  if (missing === undefined || missing.origin.kind === 'input') return undefined
  return fall.profiles.has(missing.referencedBy ?? missing.name) ? missing : undefined
}

/**
 * The offline words already say what each tool does (`whatToolsDo`: the CLI's failure, which
 * `fallThroughOf` requires), so the outcome adds only that the JS SDK's next source worked.
 */
function worked(item: Finding, fall: FallThrough, remote: RemoteResult): Finding {
  if (item.severity !== 'error') return item
  const label = escapeText(fall.label)
  return {
    ...item,
    severity: 'warning',
    title: `${item.title}: the JS SDK uses ${label} instead, the AWS CLI stops`,
    message: `${item.message} Here the AWS SDK for JavaScript passed the profile over (its profile provider's refusal lets the chain go on) and took ${label}, whose credentials STS accepted${remote.identity === undefined ? '' : ` as ${escapeText(remote.identity.arn)}`}: this step and Node-based tools work, as that identity. The AWS CLI stops, so \`aws\` commands in this job fail. This does not fail the step.`
  }
}

function failed(item: Finding, fall: FallThrough, cause: Finding): Finding {
  const label = escapeText(fall.label)
  return {
    ...item,
    severity: 'error',
    // The offline words already say what each tool does with the profile; this adds the outcome.
    message: `${item.message} Here nothing else works either: ${label} gave the JS SDK no credentials (${cause.title}), so its chain ends with "Could not load credentials from any providers". The missing profile is what to fix: ${label} is only what the JS SDK asked next.`,
    evidence: [
      ...(item.evidence ?? []),
      `${label}: ${cause.title}`,
      ...(cause.evidence ?? []).map(line => `${label} ${line}`)
    ]
  }
}

/**
 * The offline findings, with each `profile-not-found` about a profile the JS SDK passed over
 * judged by what the source it took instead gave.
 */
export function judgeFallThrough(
  offline: readonly Finding[],
  discovery: Discovery,
  remote: RemoteResult
): Finding[] {
  const fall = fallThroughOf(discovery)
  if (fall === undefined) return [...offline]
  // The later source's own finding, kept as a warning after the profile's error (validate.ts).
  const cause = remote.findings.find(item => LATER_FAILURES.has(item.id))
  return offline.map(item => {
    if (missingOf(item, discovery, fall) === undefined) return item
    // An identity from another source (the assumed role of `role-to-assume`) proves nothing here.
    if (remote.identity !== undefined && (remote.credentialSource ?? fall.kind) === fall.kind)
      return worked(item, fall, remote)
    if (remote.identity !== undefined) return item
    return cause === undefined ? item : failed(item, fall, cause)
  })
}

const CHAIN_END = '"Could not load credentials from any providers"'

function why(discovery: Discovery, fall: FallThrough): { title: string; message: string } {
  const profile = escapeText(fall.profile)
  const role = passedOverRoleProfile(discovery, fall.profile)
  if (role === undefined)
    return {
      title: `Profile "${profile}" gives the SDK no credentials`,
      message: `The AWS SDK for JavaScript passes profile "${profile}" over.`
    }
  return {
    title: `Profile "${profile}" cannot assume its role`,
    message: `The ${escapeText(role.label)} assumes ${code(role.details.roleArn ?? '')}, but ${escapeText(role.skipped ?? '')}. The AWS SDK for JavaScript passes the profile over.`
  }
}

/**
 * `provider` is the later source's own finding (instance-metadata-failed,
 * container-credentials-failed): kept, as a warning, after the profile's error.
 */
export function fallThroughFindings(
  discovery: Discovery,
  fall: FallThrough,
  provider: Finding
): Finding[] {
  const label = escapeText(fall.label)
  const next = `It goes on to ${label}, which gave no credentials either (${provider.title}), so its chain ends with ${CHAIN_END}; the AWS CLI stops with "${escapeText(fall.cliFailure)}". The profile is what to fix: ${label} is only what the JS SDK tried next.`
  const gap = credentialSourceGap(discovery)
  const own = why(discovery, fall)
  const cause = finding('no-credentials', {
    title: gap?.title ?? own.title,
    source:
      passedOverRoleProfile(discovery, fall.profile)?.label ??
      `profile "${escapeText(fall.profile)}"`,
    message: `${gap === undefined ? own.message : `${gap.message} The AWS SDK for JavaScript passes the profile over.`} ${next}`,
    remediation:
      gap?.remediation ??
      `Make profile "${escapeText(fall.profile)}" usable: defined in the config or credentials file, and, for a role profile, a \`source_profile\` chain that ends at a profile with credentials. Where ${label} is what the job should use, do not select the profile (no \`AWS_PROFILE\`), so that both tools use it.`,
    evidence: [
      ...(gap?.evidence ?? []),
      `JS SDK → profile "${escapeText(fall.profile)}" passed over, then ${label}: ${provider.title}`,
      `AWS CLI → stops with "${escapeText(fall.cliFailure)}"`,
      ...(provider.evidence ?? [])
    ]
  })
  return [cause, { ...provider, severity: 'warning' }]
}
