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
 *
 * This file finds the cause; src/report/role-refusal.ts words the finding.
 */
import type { CredentialSource, Discovery } from '../model.js'
import type { Deadline } from './deadline.js'
import { iamRoute } from './endpoints.js'
import { getRole, parseRoleArn, type RoleLookup } from './iam-role.js'
import { partitionOfArn } from './regions.js'
import type { AssumeRoleCall } from './role-calls.js'
import { accountOfCaller, judgeTrust, type TrustVerdict } from './role-trust.js'

/** Why the refused role was not read with iam:GetRole. */
export type UnreadReason =
  | { readonly kind: 'not-needed' }
  | { readonly kind: 'check-iam-off' }
  | { readonly kind: 'no-source-credentials' }
  | { readonly kind: 'not-a-role-arn' }
  | { readonly kind: 'other-account' }
  | { readonly kind: 'denied' }
  | { readonly kind: 'failed'; readonly code: string }

/** What iam:GetRole told about the refused role, or why it was not read. */
export type RoleRead =
  | {
      readonly state: 'read'
      readonly trustPolicy: string
      readonly maxSessionDuration?: number
    }
  | { readonly state: 'missing' }
  | { readonly state: 'unread'; readonly reason: UnreadReason }

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

/** Why STS refused the call, as far as its answer and the role read tell. */
export type RefusalCause =
  /** STS refused the signing credentials before it looked at the role. */
  | { readonly kind: 'source-refused' }
  | { readonly kind: 'session-name-invalid' }
  | { readonly kind: 'chained-duration' }
  /** Above the role's `MaxSessionDuration` (`max` where iam:GetRole read it). */
  | { readonly kind: 'max-duration'; readonly max?: number }
  | { readonly kind: 'duration-bounds' }
  /** iam:GetRole answered NoSuchEntity. */
  | { readonly kind: 'role-missing' }
  | { readonly kind: 'external-id-missing' }
  | { readonly kind: 'external-id-mismatch' }
  | { readonly kind: 'not-named'; readonly caller?: string }
  /** Admitted through its account: the identity's own policy decides, and denies. */
  | { readonly kind: 'own-policy'; readonly caller?: string }
  /** Admitted, or admitted under conditions, yet denied. */
  | {
      readonly kind: 'other-denial'
      readonly caller?: string
      readonly verdict: Exclude<
        TrustVerdict,
        {
          readonly kind: 'external-id-missing' | 'external-id-mismatch' | 'not-named' | 'unreadable'
        }
      >
    }
  /** AccessDenied, with the role unread (or its trust policy unreadable). */
  | {
      readonly kind: 'unread-denial'
      readonly caller?: string
      readonly reason: UnreadReason | { readonly kind: 'trust-policy-unreadable' }
    }
  | { readonly kind: 'other' }

function withCaller<T extends object>(cause: T, caller: string | undefined): T {
  return caller === undefined ? cause : { ...cause, caller }
}

function validationCause(call: Refused, role: RoleRead): RefusalCause | undefined {
  const message = call.refusal.message
  if (/roleSessionName/u.test(message)) return { kind: 'session-name-invalid' }
  if (/session limit for roles assumed by role chaining/u.test(message))
    return { kind: 'chained-duration' }
  if (/MaxSessionDuration/u.test(message)) {
    const max = role.state === 'read' ? role.maxSessionDuration : undefined
    return max === undefined ? { kind: 'max-duration' } : { kind: 'max-duration', max }
  }
  if (/durationSeconds/u.test(message)) return { kind: 'duration-bounds' }
  return undefined
}

function deniedCause(call: Refused, role: RoleRead): RefusalCause {
  const caller = callerArn(call.refusal.message)
  if (role.state === 'missing') return { kind: 'role-missing' }
  if (role.state === 'unread')
    return withCaller({ kind: 'unread-denial', reason: role.reason } as const, caller)
  const verdict = judgeTrust(role.trustPolicy, {
    arn: caller ?? '',
    ...(call.externalId === undefined ? {} : { externalId: call.externalId })
  })
  switch (verdict.kind) {
    case 'external-id-missing':
    case 'external-id-mismatch':
      return { kind: verdict.kind }
    case 'not-named':
      return withCaller({ kind: 'not-named' } as const, caller)
    case 'unreadable':
      return withCaller(
        { kind: 'unread-denial', reason: { kind: 'trust-policy-unreadable' } } as const,
        caller
      )
    case 'admitted':
      if (verdict.via === 'account') return withCaller({ kind: 'own-policy' } as const, caller)
      return withCaller({ kind: 'other-denial', verdict } as const, caller)
    case 'conditions':
      return withCaller({ kind: 'other-denial', verdict } as const, caller)
  }
}

/** The cause of the refused call, from STS's answer and what iam:GetRole told. */
export function refusalCause(call: Refused, role: RoleRead): RefusalCause {
  const { code: answer } = call.refusal
  if (SOURCE_REFUSED.has(answer)) return { kind: 'source-refused' }
  if (answer === 'AccessDenied') return deniedCause(call, role)
  if (answer === 'ValidationError') return validationCause(call, role) ?? { kind: 'other' }
  return { kind: 'other' }
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
  if (credentials === undefined)
    return { state: 'unread', reason: { kind: 'no-source-credentials' } }
  const roleAccount = parseRoleArn(call.roleArn)?.accountId
  const callerAccount = accountOfCaller(callerArn(call.refusal.message))
  if (roleAccount === undefined) return { state: 'unread', reason: { kind: 'not-a-role-arn' } }
  if (callerAccount !== undefined && callerAccount !== roleAccount)
    return {
      state: 'unread',
      reason: { kind: 'other-account' }
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
    if (accountOfCaller(outcome.arn) !== roleAccount)
      return {
        state: 'unread',
        reason: { kind: 'other-account' }
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
    reason: failure === 'AccessDenied' ? { kind: 'denied' } : { kind: 'failed', code: failure }
  }
}

export interface RoleRefusalOptions {
  readonly checkIam: boolean
  readonly deadline: Deadline
  readonly onSecret: (value: string) => void
}

/**
 * What is known of a role profile's refused AssumeRole, where the chain recorded one: the role
 * read first where that can tell the cause apart (and `check-iam` allows IAM look-ups).
 */
export async function roleRefusalFacts(
  discovery: Discovery,
  calls: readonly AssumeRoleCall[] | undefined,
  options: RoleRefusalOptions
): Promise<RoleRefusalFacts | undefined> {
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
    ? { state: 'unread', reason: { kind: 'not-needed' } }
    : !options.checkIam
      ? { state: 'unread', reason: { kind: 'check-iam-off' } }
      : await readRefusedRole(call, {
          ...(route.override === undefined ? {} : { endpoint: route.override.url }),
          ...(route.proxy === undefined ? {} : { proxy: route.proxy }),
          deadline: options.deadline,
          onSecret: options.onSecret
        })
  return { selected, calls, role }
}
