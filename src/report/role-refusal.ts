/**
 * The words of a role profile's refused AssumeRole (a `no-credentials` finding), from what
 * src/aws/role-refusal.ts found: the refused call, STS's answer, the role as iam:GetRole read
 * it, and the cause they point to.
 */
import { parseRoleArn } from '../aws/iam-role.js'
import type { AssumeRoleCall } from '../aws/role-calls.js'
import {
  refusalCause,
  refusedCall,
  roleRefusalFacts,
  type Refused,
  type RefusalCause,
  type RoleRead,
  type RoleRefusalFacts,
  type RoleRefusalOptions,
  type UnreadReason
} from '../aws/role-refusal.js'
import type { TrustVerdict } from '../aws/role-trust.js'
import { finding } from '../findings.js'
import type { CredentialSource, Discovery, Finding } from '../model.js'
import { code, escapeText } from './markdown.js'
import { shellArg } from './quoting.js'

/** Why the role was not read, in words. */
function unreadWords(reason: UnreadReason | { readonly kind: 'trust-policy-unreadable' }): string {
  switch (reason.kind) {
    case 'not-needed':
      return 'not needed for this answer'
    case 'check-iam-off':
      return '`check-iam` is false'
    case 'no-source-credentials':
      return 'no source credentials seen'
    case 'not-a-role-arn':
      return '`role_arn` is not a role ARN'
    case 'other-account':
      return 'the source credentials belong to another account than the role'
    case 'denied':
      return 'iam:GetRole is denied to the source credentials'
    case 'failed':
      return `iam:GetRole failed: ${code(reason.code)}`
    case 'trust-policy-unreadable':
      return 'its trust policy could not be read'
  }
}

/** The cause, as a short title clause, the message's reason, and the fix. */
interface Cause {
  readonly title: string
  readonly reason: string
  readonly fix: string
  readonly evidence?: readonly string[]
}

interface Context {
  readonly call: Refused
  readonly facts: RoleRefusalFacts
  readonly profile: string
  /** The role as the user names it in commands: its name. */
  readonly roleName: string
}

function roleNameOf(roleArn: string): string {
  return parseRoleArn(roleArn)?.name ?? roleArn.split('/').pop() ?? roleArn
}

/** The profile the credentials come from: a `source_profile`, or the `credential_source`. */
function sourceWords(source: CredentialSource): string {
  const from = source.details.sourceProfile
  if (from !== undefined) return `the source profile "${escapeText(from)}"`
  const credentialSource = source.details.credentialSource?.split(':')[0]
  return credentialSource === undefined
    ? 'its credential source'
    : `its \`credential_source\` (${code(credentialSource)})`
}

function checkSource(source: CredentialSource): string {
  const from = source.details.sourceProfile
  return from === undefined
    ? code('aws sts get-caller-identity')
    : code(`aws sts get-caller-identity --profile ${shellArg(from)}`)
}

function sourceRefused(context: Context): Cause {
  const { facts, call } = context
  return {
    title: `STS refused the source credentials (${call.refusal.code})`,
    reason: `STS refused the credentials the AssumeRole call was signed with, those of ${sourceWords(facts.selected)}, before it looked at the role`,
    fix: `Fix the credentials of ${sourceWords(facts.selected)}, not the role: check them on their own with ${checkSource(facts.selected)}; the findings about those keys, where there are any, say what is wrong with them.`
  }
}

function sessionNameInvalid(context: Context): Cause {
  const name = context.call.roleSessionName ?? ''
  return {
    title: 'role_session_name is not a valid session name',
    reason: `its \`role_session_name\` ${code(name)} (${name.length} characters) is not a session name STS accepts: 2 to 64 of the characters \`A-Za-z0-9_+=,.@-\``,
    fix: `Set \`role_session_name\` in profile "${escapeText(context.profile)}" to 2–64 characters of \`A-Za-z0-9_+=,.@-\`, for example \`github-actions\`, or remove it (the SDK then makes one up).`
  }
}

function durationWords(call: AssumeRoleCall): string {
  return call.durationSeconds === undefined ? 'its duration' : `${call.durationSeconds} seconds`
}

function chainedDuration(context: Context): Cause {
  return {
    title: 'duration_seconds is above the one-hour limit of role chaining',
    reason: `it asks for ${durationWords(context.call)}, but the call is signed with a role session's credentials (role chaining), and STS caps such sessions at 3600 seconds whatever the role's maximum`,
    fix: `Set \`duration_seconds\` in profile "${escapeText(context.profile)}" to 3600 or less (or remove it: the default is 3600), or start from credentials that are not a role session.`
  }
}

function maxDuration(context: Context, max: number | undefined): Cause {
  const asked = context.call.durationSeconds
  const limit =
    max === undefined
      ? "the role's `MaxSessionDuration`"
      : `the role's \`MaxSessionDuration\` of ${max} seconds (read with \`iam:GetRole\`)`
  return {
    title: "duration_seconds is above the role's maximum session duration",
    reason: `it asks for ${durationWords(context.call)}, above ${limit}`,
    fix: `Set \`duration_seconds\` in profile "${escapeText(context.profile)}" to ${max ?? "the role's maximum"} or less, or raise the role's maximum (up to 43200): ${code(`aws iam update-role --role-name ${shellArg(context.roleName)} --max-session-duration ${asked ?? 43200}`)}.`,
    ...(max === undefined || asked === undefined
      ? {}
      : { evidence: [`requested ${asked} s > MaxSessionDuration ${max} s`] })
  }
}

function durationBounds(context: Context): Cause {
  return {
    title: 'duration_seconds is outside what STS accepts',
    reason: `it asks for ${durationWords(context.call)}; STS takes 900 to 43200 seconds`,
    fix: `Set \`duration_seconds\` in profile "${escapeText(context.profile)}" to a whole number from 900 to the role's maximum session duration (at most 43200), or remove it (the default is 3600).`
  }
}

function trustStatement(caller: string | undefined, extra = ''): string {
  const principal = caller === undefined ? 'SOURCE_ARN' : caller
  return code(
    `{"Effect": "Allow", "Principal": {"AWS": "${principal}"}, "Action": "sts:AssumeRole"${extra}}`
  )
}

function roleMissing(context: Context): Cause {
  return {
    title: 'the role does not exist',
    reason: `iam:GetRole answers NoSuchEntity: there is no role ${code(context.roleName)} in the role's account (STS answers a missing role with the same AccessDenied as an untrusting one)`,
    fix: `Correct \`role_arn\` in profile "${escapeText(context.profile)}": it names ${code(context.call.roleArn)}, which does not exist. List the account's roles with ${code('aws iam list-roles --query "Roles[].Arn"')}.`
  }
}

function externalIdMissing(context: Context): Cause {
  return {
    title: 'the role requires an external ID the profile does not send',
    reason: `the role's trust policy (read with \`iam:GetRole\`) admits the source identity only with an \`sts:ExternalId\` condition, and profile "${escapeText(context.profile)}" has no \`external_id\`, so none was sent`,
    fix: `Add \`external_id = …\` to profile "${escapeText(context.profile)}" with the value the role's owner gave you (the value the trust policy's \`sts:ExternalId\` condition names).`
  }
}

function externalIdMismatch(context: Context): Cause {
  return {
    title: 'its external_id is not the one the role requires',
    reason: `the role's trust policy (read with \`iam:GetRole\`) admits the source identity only with an \`sts:ExternalId\` condition, and the \`external_id\` profile "${escapeText(context.profile)}" sends differs from it (neither value is shown)`,
    fix: `Set \`external_id\` in profile "${escapeText(context.profile)}" to the value the role's trust policy names in its \`sts:ExternalId\` condition (ask the role's owner; the value is compared case-sensitively).`
  }
}

function notNamed(context: Context, caller: string | undefined): Cause {
  const shown = caller === undefined ? 'the source identity' : code(caller)
  return {
    title: "the role's trust policy does not admit the source identity",
    reason: `no statement of the role's trust policy (read with \`iam:GetRole\`) that allows \`sts:AssumeRole\` names ${shown}, its role or its account`,
    fix: `Add a statement to the trust policy of ${code(context.roleName)} (IAM → Roles → ${escapeText(context.roleName)} → Trust relationships): ${trustStatement(caller)}. Or point ${sourceWords(context.facts.selected)} at the identity the role does trust.`
  }
}

function ownPolicy(context: Context, caller: string | undefined): Cause {
  const shown = caller === undefined ? 'the source identity' : code(caller)
  return {
    title: "the source identity's own policy does not allow sts:AssumeRole",
    reason: `the role's trust policy (read with \`iam:GetRole\`) admits ${shown} through its account, which leaves the decision to that identity's own IAM policy, and it does not allow \`sts:AssumeRole\` on the role (or a permissions boundary or an organization's SCP denies it)`,
    fix: `Allow \`sts:AssumeRole\` on ${code(context.call.roleArn)} in the IAM policy of ${shown}, or name it in the role's trust policy by its ARN: ${trustStatement(caller)}.`
  }
}

function otherDenial(
  context: Context,
  verdict: Extract<TrustVerdict, { readonly kind: 'admitted' | 'conditions' }>,
  caller: string | undefined
): Cause {
  const conditions =
    verdict.kind === 'conditions'
      ? `admits the source identity only under conditions on ${verdict.keys.map(key => code(key)).join(', ')}, which this request does not meet`
      : 'admits the source identity by its ARN'
  return {
    title: 'STS answered AccessDenied',
    reason: `the role's trust policy (read with \`iam:GetRole\`) ${conditions}${verdict.kind === 'admitted' ? ', so a Deny elsewhere (a permissions boundary, an organization SCP, a Deny statement of the trust policy) refuses it' : ''}`,
    fix: `Compare the trust policy of ${code(context.roleName)} with the request: ${caller === undefined ? 'the source identity' : code(caller)}, session name ${code(context.call.roleSessionName ?? '')}${context.call.externalId === undefined ? ', no external ID' : ', an external ID'}.`
  }
}

function unreadDenial(
  context: Context,
  caller: string | undefined,
  reason: Extract<RefusalCause, { kind: 'unread-denial' }>['reason']
): Cause {
  const shown = caller === undefined ? 'the source identity' : code(caller)
  const externalId =
    context.call.externalId === undefined
      ? ' The profile sends no `external_id`: if the role requires one (an `sts:ExternalId` condition), add it.'
      : ' If the role requires an external ID, check that `external_id` is the value its trust policy names.'
  return {
    title: 'STS answered AccessDenied',
    reason: `the role does not admit ${shown}, or does not exist (STS answers both alike; the role could not be read: ${unreadWords(reason)})`,
    fix: `Check that \`role_arn\` names the role you mean, then let its trust policy admit the source identity: a statement ${trustStatement(caller)} (or its account, \`arn:aws:iam::ACCOUNT:root\`, in which case that identity's own IAM policy must also allow \`sts:AssumeRole\` on ${code(context.call.roleArn)}).${externalId} Allow \`iam:GetRole\` on the role to the source credentials to have the cause told apart.`
  }
}

function otherCause(context: Context): Cause {
  return {
    title: `STS answered ${context.call.refusal.code}`,
    reason: 'STS gave a reason this action does not explain further',
    fix: `Run the same chain by hand to see the same answer: ${code(`aws sts get-caller-identity --profile ${shellArg(context.profile)}`)}.`
  }
}

/**
 * What has to change before a re-run can pass, per cause: the role profile's no-credentials is
 * about the profile or the role, not about secrets, whatever the ID says in general.
 */
const MUST_CHANGE: Readonly<Record<RefusalCause['kind'], string>> = {
  'source-refused': "the source profile's credentials",
  'session-name-invalid': "the profile's `role_session_name`",
  'chained-duration': "the profile's `duration_seconds`",
  'max-duration': "the profile's `duration_seconds` or the role's maximum session duration",
  'duration-bounds': "the profile's `duration_seconds`",
  'role-missing': "the profile's `role_arn`",
  'external-id-missing': "the profile's `external_id`",
  'external-id-mismatch': "the profile's `external_id`",
  'not-named': "the role's trust policy",
  'own-policy': "the source identity's IAM policy",
  'other-denial': "the role's trust policy or the policies that deny the call",
  'unread-denial': "the role's trust policy or the profile's `role_arn`",
  other: 'the profile or the role it assumes'
}

/** The cause in words: one case per cause, so a cause without words does not compile. */
function causeWords(context: Context, cause: RefusalCause): Cause {
  switch (cause.kind) {
    case 'source-refused':
      return sourceRefused(context)
    case 'session-name-invalid':
      return sessionNameInvalid(context)
    case 'chained-duration':
      return chainedDuration(context)
    case 'max-duration':
      return maxDuration(context, cause.max)
    case 'duration-bounds':
      return durationBounds(context)
    case 'role-missing':
      return roleMissing(context)
    case 'external-id-missing':
      return externalIdMissing(context)
    case 'external-id-mismatch':
      return externalIdMismatch(context)
    case 'not-named':
      return notNamed(context, cause.caller)
    case 'own-policy':
      return ownPolicy(context, cause.caller)
    case 'other-denial':
      return otherDenial(context, cause.verdict, cause.caller)
    case 'unread-denial':
      return unreadDenial(context, cause.caller, cause.reason)
    case 'other':
      return otherCause(context)
  }
}

/** The request the chain sent, as evidence: never the external ID's value. */
function requestEvidence(call: AssumeRoleCall): string {
  const parts = [
    `RoleArn ${code(call.roleArn)}`,
    `RoleSessionName ${code(call.roleSessionName ?? '')}`,
    `DurationSeconds ${call.durationSeconds ?? 'not sent'}`,
    `ExternalId ${call.externalId === undefined ? 'not sent' : 'sent (not shown)'}`,
    `signed with ${call.caller?.sessionToken === undefined ? 'long-term keys' : "a session's credentials"}`
  ]
  return `AssumeRole request: ${parts.join(', ')}`
}

function roleEvidence(role: RoleRead): string {
  if (role.state === 'missing') return 'iam:GetRole: NoSuchEntity'
  if (role.state === 'unread') return `iam:GetRole: not read (${unreadWords(role.reason)})`
  return `iam:GetRole: MaxSessionDuration ${role.maxSessionDuration ?? 'not given'} s, trust policy read`
}

/** Where the refused role is an inner link of the profile's chain, which one it is. */
function linkWords(facts: RoleRefusalFacts, call: AssumeRoleCall): string {
  const own = facts.selected.details.roleArn
  return own === undefined || own === call.roleArn
    ? `its AssumeRole call into ${code(call.roleArn)}`
    : `the AssumeRole call into ${code(call.roleArn)}, a role its \`source_profile\` chain assumes on the way to ${code(own)}`
}

export function roleRefusalFinding(facts: RoleRefusalFacts): Finding | undefined {
  const call = refusedCall(facts.calls)
  if (call === undefined) return undefined
  const profile = facts.selected.profile ?? 'default'
  const context: Context = { call, facts, profile, roleName: roleNameOf(call.roleArn) }
  const refusal = refusalCause(call, facts.role)
  const cause = causeWords(context, refusal)
  const detail = `${call.refusal.code}: ${call.refusal.message}`
  return finding('no-credentials', {
    title: `Profile "${escapeText(profile)}" could not assume its role: ${cause.title}`,
    source: facts.selected.label,
    message: `The AWS SDK read the ${escapeText(facts.selected.label)}, but STS refused ${linkWords(facts, call)}, made with the credentials of ${sourceWords(facts.selected)}: ${cause.reason}. STS answered ${code(detail)}. No credentials came of it, so nothing else could be checked with STS.`,
    remediation: cause.fix,
    mustChange: MUST_CHANGE[refusal.kind],
    evidence: [
      `STS answered ${code(detail)}`,
      requestEvidence(call),
      roleEvidence(facts.role),
      ...(cause.evidence ?? [])
    ]
  })
}

/**
 * The finding for a role profile's refused AssumeRole, where the chain recorded one: the role
 * read first where that can tell the cause apart (and `check-iam` allows IAM look-ups).
 */
export async function explainRoleRefusal(
  discovery: Discovery,
  calls: readonly AssumeRoleCall[] | undefined,
  options: RoleRefusalOptions
): Promise<Finding | undefined> {
  const facts = await roleRefusalFacts(discovery, calls, options)
  return facts === undefined ? undefined : roleRefusalFinding(facts)
}
