/**
 * Session lifetime and role chaining in this job's later `aws-actions/configure-aws-credentials`
 * steps: which of them STS will refuse, and why, with the requested duration and the limit.
 * Pure: the workflow's steps come from discovery, each role's `MaxSessionDuration` and trust
 * policy from the iam:GetRole look-up (`role-limits.ts`), which may have been denied.
 *
 * Only refusals that are certain from what is known are reported:
 * - STS takes `DurationSeconds` from 900 to 43200 (12 hours) for any role session, and refuses
 *   more than the role's `MaxSessionDuration` ("The requested DurationSeconds exceeds the
 *   MaxSessionDuration set for this role.", ValidationError) [AWS STS API reference,
 *   AssumeRole / AssumeRoleWithWebIdentity: DurationSeconds].
 * - A session assumed with a role's temporary credentials (role chaining) is capped at one hour:
 *   more is refused ("The requested DurationSeconds exceeds the 1 hour session limit for roles
 *   assumed by role chaining.") [AWS IAM user guide, id_roles_terms-and-concepts: role chaining].
 * - configure-aws-credentials sends session tags on its AssumeRole path (`role-chaining`, keys)
 *   unless `role-skip-session-tagging: true`; the chained role's trust policy must then allow
 *   `sts:TagSession` [AWS IAM user guide, id_session-tags; configure-aws-credentials README].
 *
 * This file finds the refusals; src/report/session-limits.ts words them.
 */
import type { CredentialStep, StepInput } from '../model.js'
import { globMatch } from '../oidc/evaluate.js'
import { isObject, list } from '../oidc/lint.js'

/**
 * configure-aws-credentials' duration where `role-duration-seconds` is not given, on every
 * path (OIDC, access keys, chaining): `DEFAULT_ROLE_DURATION = 3600` in its `src/index.ts`
 * (v6.2.3, commit bcd4089), read as `Number.parseInt(input) || DEFAULT_ROLE_DURATION`, so an
 * empty, zero or non-numeric value also means one hour. Since v3 (commit ef93a73, PR #791).
 */
export const DEFAULT_ROLE_DURATION = 3600
/**
 * Before v3, access keys without a session token or `role-chaining` asked for six hours
 * (`MAX_ACTION_RUNTIME = 6 * 3600` in `index.js` before commit ef93a73; issues #79, #321), more
 * than a role allows by default. Applied only where the ref names such a version (`@v1`,
 * `@v2.1.0`): a SHA's version is not known here, and one hour never refuses anything.
 */
export const LEGACY_KEYS_DURATION = 21600
/** STS's bounds on `DurationSeconds` for any role session. */
export const MIN_ROLE_DURATION = 900
export const MAX_ROLE_DURATION = 43200
/** The one-hour cap on sessions assumed by role chaining. */
export const CHAINING_CAP = 3600

/** What iam:GetRole told about a role, or why it could not be read. */
export type RoleLimitLookup =
  | {
      readonly ok: true
      readonly maxSessionDuration?: number
      /** The trust policy, URL-decoded JSON. */
      readonly trustPolicy: string
    }
  | { readonly ok: false; readonly reason: LookupGap }

/** Why a role was not read. */
export type LookupGap =
  | { readonly kind: 'check-iam-off' }
  | { readonly kind: 'no-credentials' }
  | { readonly kind: 'credentials-unusable' }
  | { readonly kind: 'denied' }
  | { readonly kind: 'failed'; readonly code: string }
  | { readonly kind: 'other-account' }

/** What a step asks STS for, read as configure-aws-credentials reads its inputs. */
export interface SessionRequest {
  readonly step: CredentialStep
  /** The role it assumes where the ARN is written out; undefined for an expression. */
  readonly roleArn?: string
  /** Undefined where `role-duration-seconds` is an expression. */
  readonly duration?: number
  /** The line of `role-duration-seconds`, where it is written. */
  readonly durationLine?: number
  /** The duration is the six hours versions before v3 asked for with access keys. */
  readonly legacyDefault?: boolean
  /** Undefined where the input is an expression or not a boolean the action accepts. */
  readonly chaining?: boolean
  readonly skipTagging?: boolean
  /** The earlier step whose role session this one starts from, where one exists. */
  readonly chainedAfter?: CredentialStep
}

function literal(input: StepInput | undefined): string | undefined {
  return input?.kind === 'literal' ? input.value : input === undefined ? '' : undefined
}

/** configure-aws-credentials' `getBooleanInput`: `true|True|TRUE`, `false|False|FALSE`, empty. */
function booleanInput(input: StepInput | undefined): boolean | undefined {
  const value = literal(input)
  if (value === undefined) return undefined
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE', ''].includes(value)) return false
  // Any other text makes the action throw before it calls STS: not this finding's business.
  return undefined
}

/** The step's `role-to-assume`, where it assumes a role at all. */
function roleInput(step: CredentialStep): StepInput | undefined {
  const role = step.inputs.get('role-to-assume')
  return role?.kind === 'literal' && role.value.trim() === '' ? undefined : role
}

/** Whether the step leaves a role session in the job's environment for the next one. */
function exportsRoleSession(step: CredentialStep): boolean {
  if (roleInput(step) === undefined) return false
  // By default the action exports environment variables only without `aws-profile`.
  const output = step.inputs.get('output-env-credentials')
  if (output === undefined) return literal(step.inputs.get('aws-profile')) === ''
  return booleanInput(output) === true
}

/**
 * The step whose credentials a `role-chaining` step starts from: the nearest earlier one, which
 * wrote the environment last. Only where that one surely runs and leaves a role session is the
 * chaining step a role chain in STS's sense (from an IAM user's keys it is not).
 */
function chainedFrom(steps: readonly CredentialStep[], index: number): CredentialStep | undefined {
  const previous = steps[index - 1]
  if (previous === undefined || previous.conditional) return undefined
  return exportsRoleSession(previous) ? previous : undefined
}

/**
 * `role-duration-seconds` as the action reads it: `Number.parseInt(value) || 3600`, without a
 * radix, so `0x1C20` is 7200 and `0`, `soon` or an empty value are the default.
 */
/** The duration a step asks for without `role-duration-seconds`, from its version and inputs. */
function defaultDuration(step: CredentialStep): Pick<SessionRequest, 'duration' | 'legacyDefault'> {
  const legacy =
    /@v[12](?:\.|$)/u.test(step.uses) &&
    step.inputs.has('aws-access-key-id') &&
    !step.inputs.has('aws-session-token') &&
    booleanInput(step.inputs.get('role-chaining')) === false
  return legacy
    ? { duration: LEGACY_KEYS_DURATION, legacyDefault: true }
    : { duration: DEFAULT_ROLE_DURATION }
}

/**
 * `role-duration-seconds` as the action reads it: `Number.parseInt(value) || 3600`, without a
 * radix, so `0x1C20` is 7200 and `0`, `soon` or an empty value are the default.
 */
function durationOf(
  step: CredentialStep
): Pick<SessionRequest, 'duration' | 'durationLine' | 'legacyDefault'> {
  const written = step.inputs.get('role-duration-seconds')
  if (written === undefined) return defaultDuration(step)
  if (written.kind === 'expression') return { durationLine: written.line }
  return {
    duration: Number.parseInt(written.value) || DEFAULT_ROLE_DURATION,
    durationLine: written.line
  }
}

export function sessionRequests(steps: readonly CredentialStep[]): SessionRequest[] {
  return steps.flatMap((step, index): SessionRequest[] => {
    const role = roleInput(step)
    if (role === undefined) return []
    const chaining = booleanInput(step.inputs.get('role-chaining'))
    const skipTagging = booleanInput(step.inputs.get('role-skip-session-tagging'))
    const chainedAfter = chaining === true ? chainedFrom(steps, index) : undefined
    return [
      {
        step,
        ...(role.kind === 'literal' ? { roleArn: role.value.trim() } : {}),
        ...durationOf(step),
        ...(chaining === undefined ? {} : { chaining }),
        ...(skipTagging === undefined ? {} : { skipTagging }),
        ...(chainedAfter === undefined ? {} : { chainedAfter })
      }
    ]
  })
}

/**
 * The roles whose iam:GetRole answer could change the verdict: a duration STS accepts in
 * general but above one hour (every role allows at least 3600 seconds), or a chained step
 * that sends session tags.
 */
export function rolesToRead(requests: readonly SessionRequest[]): string[] {
  const wanted = requests.filter(
    request =>
      request.roleArn !== undefined &&
      ((request.duration !== undefined &&
        request.duration > CHAINING_CAP &&
        request.duration <= MAX_ROLE_DURATION) ||
        (request.chaining === true && request.skipTagging === false))
  )
  return [...new Set(wanted.map(request => request.roleArn ?? ''))]
}

/** One reason a step will be refused: what STS says, and what to change. */
/**
 * Whether some Allow statement of the trust policy names `sts:TagSession` (or a wildcard that
 * covers it). Undefined for a document that is not a policy: nothing is concluded from it.
 */
export function allowsTagSession(policy: string): boolean | undefined {
  let document: unknown
  try {
    document = JSON.parse(policy)
  } catch {
    return undefined
  }
  if (!isObject(document)) return undefined
  const raw = document.Statement
  const statements = (Array.isArray(raw) ? raw : [raw]).filter(isObject)
  return statements.some(
    statement =>
      statement.Effect === 'Allow' &&
      list(statement.Action).some(action => globMatch(action, 'sts:TagSession', true))
  )
}

/** Why STS will refuse a step's session, with the numbers it rests on. */
export type SessionRefusal =
  /** Below STS's minimum, or above its 12-hour ceiling, for any role session. */
  | { readonly kind: 'below-minimum' | 'above-ceiling'; readonly duration: number }
  /** A chained session asks for more than the one-hour cap. */
  | { readonly kind: 'chaining-cap'; readonly duration: number; readonly chainedAfterLine: number }
  /** More than the role's `MaxSessionDuration`, as iam:GetRole read it. */
  | {
      readonly kind: 'above-maximum'
      readonly duration: number
      readonly max: number
      /** The role's name, for `aws iam update-role`. */
      readonly roleName: string
    }
  /** A chained step sends session tags the trust policy does not allow. */
  | { readonly kind: 'tag-session' }

/** STS's bounds for every role session, whatever the role. */
function boundRefusal(duration: number): SessionRefusal | undefined {
  if (duration < MIN_ROLE_DURATION) return { kind: 'below-minimum', duration }
  if (duration > MAX_ROLE_DURATION) return { kind: 'above-ceiling', duration }
  return undefined
}

function chainingRefusal(request: SessionRequest, duration: number): SessionRefusal | undefined {
  if (request.chainedAfter === undefined || duration <= CHAINING_CAP) return undefined
  return { kind: 'chaining-cap', duration, chainedAfterLine: request.chainedAfter.line }
}

function maximumRefusal(
  request: SessionRequest,
  lookup: RoleLimitLookup | undefined,
  duration: number
): SessionRefusal | undefined {
  const max = lookup?.ok === true ? lookup.maxSessionDuration : undefined
  if (max === undefined || duration <= max) return undefined
  const roleName = request.roleArn?.split('/').pop() ?? 'ROLE'
  return { kind: 'above-maximum', duration, max, roleName }
}

function durationRefusals(
  request: SessionRequest,
  lookup: RoleLimitLookup | undefined
): SessionRefusal[] {
  const duration = request.duration
  if (duration === undefined) return []
  const bound = boundRefusal(duration)
  if (bound !== undefined) return [bound]
  return [chainingRefusal(request, duration), maximumRefusal(request, lookup, duration)].filter(
    (refusal): refusal is SessionRefusal => refusal !== undefined
  )
}

function tagRefusal(
  request: SessionRequest,
  lookup: RoleLimitLookup | undefined
): SessionRefusal[] {
  if (request.chaining !== true || request.skipTagging !== false || lookup?.ok !== true) return []
  return allowsTagSession(lookup.trustPolicy) === false ? [{ kind: 'tag-session' }] : []
}

/** A step STS will refuse, and every reason why. */
export interface RefusedStep {
  readonly request: SessionRequest
  readonly refusals: readonly SessionRefusal[]
}

/** The steps STS will refuse; nothing for a step that may work. */
export function refusedSteps(
  requests: readonly SessionRequest[],
  lookups: ReadonlyMap<string, RoleLimitLookup>
): RefusedStep[] {
  return requests.flatMap(request => {
    const lookup = request.roleArn === undefined ? undefined : lookups.get(request.roleArn)
    const refusals = [...durationRefusals(request, lookup), ...tagRefusal(request, lookup)]
    return refusals.length === 0 ? [] : [{ request, refusals }]
  })
}
