/**
 * The cause where the JS SDK passed its profile over for a later source (the container
 * endpoint, IMDS) and that source gave nothing too: the profile is what to fix, and the later
 * source's answer is secondary, its consequence. On a runner where no later source is there
 * (GitHub-hosted, IMDS off) the same profile is the cause too, so the words match the ones
 * given there (credential-source.ts for a `credential_source`, profile-not-found offline).
 */
import { finding } from '../findings.js'
import type { Discovery, Finding } from '../model.js'
import { credentialSourceGap, type FallThrough } from './credential-source.js'
import { code, escapeText } from '../report/markdown.js'

const CHAIN_END = '"Could not load credentials from any providers"'

/** The role profile discovery passed over, as the JS SDK does, where it is one. */
function passedOverRole(discovery: Discovery, fall: FallThrough) {
  return discovery.sources.find(
    source =>
      source.partOf === undefined &&
      source.profile === fall.profile &&
      source.details.roleArn !== undefined &&
      source.skipped !== undefined
  )
}

function why(discovery: Discovery, fall: FallThrough): { title: string; message: string } {
  const profile = escapeText(fall.profile)
  const role = passedOverRole(discovery, fall)
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
    source: `profile "${escapeText(fall.profile)}"`,
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
