/**
 * A role profile (`role_arn` with `source_profile` or `credential_source`) whose AssumeRole STS
 * refused, explained by its cause. The facts are what really happened: the AssumeRole calls the
 * SDK's chain made (role-calls.ts: the role, the session name, the duration, whether an
 * external ID was sent) and STS's answer, and, where the source credentials may read it, the
 * role itself (`iam:GetRole`: its trust policy and `MaxSessionDuration`), best effort and
 * bounded by the run's deadline.
 *
 * STS's rules relied on [AWS STS API reference, AssumeRole; botocore
 * data/sts/2011-06-15/service-2.json]: `RoleSessionName` is 2–64 characters of `[\w+=,.@-]`;
 * `DurationSeconds` is 900–43200 and at most the role's `MaxSessionDuration` ("The requested
 * DurationSeconds exceeds the MaxSessionDuration set for this role."), and at most one hour for
 * a session assumed with a role session's credentials ("… exceeds the 1 hour session limit for
 * roles assumed by role chaining."); a role that does not trust the caller and a role that does
 * not exist both give AccessDenied "User: ARN is not authorized to perform: sts:AssumeRole on
 * resource: ARN", which only iam:GetRole (NoSuchEntity) tells apart.
 */
import { finding } from '../findings.js'
import type { CredentialSource, Discovery, Finding } from '../model.js'
import { code, escapeText } from '../report/markdown.js'
import { shellArg } from '../report/quoting.js'
import type { Deadline } from './deadline.js'
import { iamRoute } from './endpoints.js'
import { getRole, parseRoleArn, type RoleLookup } from './iam-role.js'
import { partitionOfArn } from './regions.js'
import type { AssumeRoleCall } from './role-calls.js'
import { judgeTrust, type TrustVerdict } from './role-trust.js'

/** What iam:GetRole told about the refused role, or why it was not read. */
export type RoleRead =
  | {
      readonly state: 'read'
      readonly trustPolicy: string
      readonly maxSessionDuration?: number
    }
  | { readonly state: 'missing' }
  | { readonly state: 'unread'; readonly reason: string }

export interface RoleRefusalFacts {
  readonly selected: CredentialSource
  /** The chain's AssumeRole calls, innermost first; the last one is the refused one. */
  readonly calls: readonly AssumeRoleCall[]
  readonly role: RoleRead
}

export type Refused = AssumeRoleCall & { readonly refusal: NonNullable<AssumeRoleCall['refusal']> }

/** AWS's AccessDenied wording: `User: ARN is not authorized to perform: ACTION on resource: ARN`. */
const NOT_AUTHORIZED = /User: (\S+) is not authorized to perform: \S+ on resource: \S+/u

/** Codes STS gives for the signing credentials themselves, before it looks at the role. */
const SOURCE_REFUSED = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'UnrecognizedClientException'
])

export function refusedCall(calls: readonly AssumeRoleCall[]): Refused | undefined {
  const last = calls.at(-1)
  return last?.refusal === undefined ? undefined : { ...last, refusal: last.refusal }
}

/** The caller STS named in its AccessDenied, without the sentence's full stop. */
export function callerArn(message: string): string | undefined {
  return NOT_AUTHORIZED.exec(message)?.[1]?.replace(/\.$/u, '')
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
  return roleArn.split('/').pop() ?? roleArn
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

function maxDuration(context: Context): Cause {
  const { role } = context.facts
  const max = role.state === 'read' ? role.maxSessionDuration : undefined
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

function validationCause(context: Context): Cause | undefined {
  const message = context.call.refusal.message
  if (/roleSessionName/u.test(message)) return sessionNameInvalid(context)
  if (/session limit for roles assumed by role chaining/u.test(message))
    return chainedDuration(context)
  if (/MaxSessionDuration/u.test(message)) return maxDuration(context)
  if (/durationSeconds/u.test(message)) return durationBounds(context)
  return undefined
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

function otherDenial(context: Context, verdict: TrustVerdict, caller: string | undefined): Cause {
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

function unreadDenial(context: Context, caller: string | undefined, reason: string): Cause {
  const shown = caller === undefined ? 'the source identity' : code(caller)
  const externalId =
    context.call.externalId === undefined
      ? ' The profile sends no `external_id`: if the role requires one (an `sts:ExternalId` condition), add it.'
      : ' If the role requires an external ID, check that `external_id` is the value its trust policy names.'
  return {
    title: 'STS answered AccessDenied',
    reason: `the role does not admit ${shown}, or does not exist (STS answers both alike; the role could not be read: ${reason})`,
    fix: `Check that \`role_arn\` names the role you mean, then let its trust policy admit the source identity: a statement ${trustStatement(caller)} (or its account, \`arn:aws:iam::ACCOUNT:root\`, in which case that identity's own IAM policy must also allow \`sts:AssumeRole\` on ${code(context.call.roleArn)}).${externalId} Allow \`iam:GetRole\` on the role to the source credentials to have the cause told apart.`
  }
}

function deniedCause(context: Context): Cause {
  const { role } = context.facts
  const caller = callerArn(context.call.refusal.message)
  if (role.state === 'missing') return roleMissing(context)
  if (role.state === 'unread') return unreadDenial(context, caller, role.reason)
  const verdict = judgeTrust(role.trustPolicy, {
    arn: caller ?? '',
    ...(context.call.externalId === undefined ? {} : { externalId: context.call.externalId })
  })
  switch (verdict.kind) {
    case 'external-id-missing':
      return externalIdMissing(context)
    case 'external-id-mismatch':
      return externalIdMismatch(context)
    case 'not-named':
      return notNamed(context, caller)
    case 'unreadable':
      return unreadDenial(context, caller, 'its trust policy could not be read')
    case 'admitted':
      return verdict.via === 'account'
        ? ownPolicy(context, caller)
        : otherDenial(context, verdict, caller)
    default:
      return otherDenial(context, verdict, caller)
  }
}

function otherCause(context: Context): Cause {
  return {
    title: `STS answered ${context.call.refusal.code}`,
    reason: 'STS gave a reason this action does not explain further',
    fix: `Run the same chain by hand to see the same answer: ${code(`aws sts get-caller-identity --profile ${shellArg(context.profile)}`)}.`
  }
}

function causeOf(context: Context): Cause {
  const { code: answer } = context.call.refusal
  if (SOURCE_REFUSED.has(answer)) return sourceRefused(context)
  if (answer === 'AccessDenied') return deniedCause(context)
  if (answer === 'ValidationError') return validationCause(context) ?? otherCause(context)
  return otherCause(context)
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
  if (role.state === 'unread') return `iam:GetRole: not read (${role.reason})`
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
  const cause = causeOf(context)
  const detail = `${call.refusal.code}: ${call.refusal.message}`
  return finding('no-credentials', {
    title: `Profile "${escapeText(profile)}" could not assume its role: ${cause.title}`,
    source: facts.selected.label,
    message: `The AWS SDK read the ${escapeText(facts.selected.label)}, but STS refused ${linkWords(facts, call)}, made with the credentials of ${sourceWords(facts.selected)}: ${cause.reason}. STS answered ${code(detail)}. No credentials came of it, so nothing else could be checked with STS.`,
    remediation: cause.fix,
    evidence: [
      `STS answered ${code(detail)}`,
      requestEvidence(call),
      roleEvidence(facts.role),
      ...(cause.evidence ?? [])
    ]
  })
}

/** Whether reading the role can tell more about this refusal. */
export function worthReading(call: Refused): boolean {
  const { code: answer, message } = call.refusal
  return (
    answer === 'AccessDenied' ||
    (answer === 'ValidationError' && /MaxSessionDuration/u.test(message))
  )
}

/** The deadline share the best-effort read may take: the verdict must not wait for it. */
export const ROLE_READ_BUDGET_MS = 1500

/** The account of an ARN, where it has one. */
function accountOf(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/u.exec(arn)?.[1]
}

/**
 * The refused role read with iam:GetRole, with the credentials the refused call was signed with
 * (the source profile's, or the previous role session's), best effort: a denial, another
 * account's credentials or no time left only leave the explanation less precise.
 * GetRole takes a role name and reads it in the caller's own account, so only credentials of
 * the role's account can read it, and only they make NoSuchEntity mean the role is missing.
 */
export async function readRefusedRole(
  call: Refused,
  lookup: {
    readonly endpoint?: string
    readonly proxy?: RoleLookup['proxy']
    readonly deadline: Deadline
    readonly onSecret: (value: string) => void
  }
): Promise<RoleRead> {
  const credentials = call.caller
  if (credentials === undefined) return { state: 'unread', reason: 'no source credentials seen' }
  const roleAccount = parseRoleArn(call.roleArn)?.accountId
  const callerAccount = accountOf(callerArn(call.refusal.message))
  if (roleAccount === undefined) return { state: 'unread', reason: '`role_arn` is not a role ARN' }
  if (callerAccount !== undefined && callerAccount !== roleAccount)
    return {
      state: 'unread',
      reason: 'the source credentials belong to another account than the role'
    }
  lookup.onSecret(credentials.secretAccessKey)
  if (credentials.sessionToken !== undefined) lookup.onSecret(credentials.sessionToken)
  const outcome = await getRole(
    {
      roleArn: call.roleArn,
      credentials,
      ...(lookup.endpoint === undefined ? {} : { endpoint: lookup.endpoint }),
      ...(lookup.proxy === undefined ? {} : { proxy: lookup.proxy })
    },
    lookup.deadline.within(ROLE_READ_BUDGET_MS)
  )
  if (outcome.ok) {
    if (accountOf(outcome.arn) !== roleAccount)
      return {
        state: 'unread',
        reason: 'the source credentials belong to another account than the role'
      }
    return {
      state: 'read',
      trustPolicy: outcome.trustPolicy,
      ...(outcome.maxSessionDuration === undefined
        ? {}
        : { maxSessionDuration: outcome.maxSessionDuration })
    }
  }
  const failure = outcome.failure.code
  if (failure === 'NoSuchEntity' && callerAccount === roleAccount) return { state: 'missing' }
  return {
    state: 'unread',
    reason:
      failure === 'AccessDenied'
        ? 'iam:GetRole is denied to the source credentials'
        : `iam:GetRole failed: ${code(failure)}`
  }
}

/**
 * The finding for a role profile's refused AssumeRole, where the chain recorded one: the role
 * read first where that can tell the cause apart (and `check-iam` allows IAM look-ups).
 */
export async function explainRoleRefusal(
  discovery: Discovery,
  calls: readonly AssumeRoleCall[] | undefined,
  options: {
    readonly checkIam: boolean
    readonly deadline: Deadline
    readonly onSecret: (value: string) => void
  }
): Promise<Finding | undefined> {
  const selected = discovery.selected
  const call = refusedCall(calls ?? [])
  // A web identity source also has a role ARN, but calls AssumeRoleWithWebIdentity.
  if (
    calls === undefined ||
    call === undefined ||
    selected?.details.roleArn === undefined ||
    selected.tokenFile !== undefined
  )
    return undefined
  const route = iamRoute(discovery.network, partitionOfArn(call.roleArn))
  const role: RoleRead = !worthReading(call)
    ? { state: 'unread', reason: 'not needed for this answer' }
    : !options.checkIam
      ? { state: 'unread', reason: '`check-iam` is false' }
      : await readRefusedRole(call, {
          ...(route.override === undefined ? {} : { endpoint: route.override.url }),
          ...(route.proxy === undefined ? {} : { proxy: route.proxy }),
          deadline: options.deadline,
          onSecret: options.onSecret
        })
  return roleRefusalFinding({ selected, calls, role })
}
