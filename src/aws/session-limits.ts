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
 */
import { finding } from '../findings.js'
import type { CredentialStep, Finding, StepInput } from '../model.js'
import { globMatch } from '../oidc/evaluate.js'
import { isObject, list } from '../oidc/lint.js'
import { code } from '../report/markdown.js'
import { shellArg } from '../report/quoting.js'

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
  | { readonly ok: false; readonly reason: string }

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
interface Refusal {
  readonly reason: string
  readonly fix: string
  readonly evidence: string
}

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

function durationWords(request: SessionRequest, duration: number): string {
  if (request.durationLine !== undefined)
    return `${duration} seconds (\`role-duration-seconds\`, line ${request.durationLine})`
  return request.legacyDefault === true
    ? `${duration} seconds (the default of configure-aws-credentials before v3 with access keys; v3 and later ask for ${DEFAULT_ROLE_DURATION})`
    : `${duration} seconds (configure-aws-credentials' default)`
}

/** STS's bounds for every role session, whatever the role. */
function boundRefusal(duration: number, asked: string): Refusal | undefined {
  if (duration < MIN_ROLE_DURATION)
    return {
      reason: `it asks for ${asked}, below the minimum of ${MIN_ROLE_DURATION} seconds STS accepts for a role session`,
      fix: `Set \`role-duration-seconds\` to at least ${MIN_ROLE_DURATION}, or remove it for configure-aws-credentials' default of ${DEFAULT_ROLE_DURATION}.`,
      evidence: `requested ${duration} s < minimum ${MIN_ROLE_DURATION} s`
    }
  if (duration > MAX_ROLE_DURATION)
    return {
      reason: `it asks for ${asked}, above the ceiling of ${MAX_ROLE_DURATION} seconds (12 hours) STS allows any role session`,
      fix: `Set \`role-duration-seconds\` to ${MAX_ROLE_DURATION} or less.`,
      evidence: `requested ${duration} s > ceiling ${MAX_ROLE_DURATION} s`
    }
  return undefined
}

function chainingRefusal(
  request: SessionRequest,
  duration: number,
  asked: string
): Refusal | undefined {
  if (request.chainedAfter === undefined || duration <= CHAINING_CAP) return undefined
  return {
    reason: `it chains roles (\`role-chaining: true\`, starting from the role session of the step at line ${request.chainedAfter.line}) and asks for ${asked}, above the ${CHAINING_CAP}-second (1 hour) cap on sessions assumed by role chaining: STS answers "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."`,
    fix: `Set \`role-duration-seconds\` to ${CHAINING_CAP} or less on this step (or remove it: the default is ${DEFAULT_ROLE_DURATION}); no chained session lasts longer. Where the job needs ${duration} seconds, assume this role directly with OIDC instead of chaining, and give it a \`MaxSessionDuration\` of at least ${duration}.`,
    evidence: `requested ${duration} s > role-chaining cap ${CHAINING_CAP} s`
  }
}

function maximumRefusal(
  request: SessionRequest,
  lookup: RoleLimitLookup | undefined,
  duration: number,
  asked: string
): Refusal | undefined {
  const max = lookup?.ok === true ? lookup.maxSessionDuration : undefined
  if (max === undefined || duration <= max) return undefined
  const name = request.roleArn?.split('/').pop() ?? 'ROLE'
  return {
    reason: `it asks for ${asked}, above the role's \`MaxSessionDuration\` of ${max} seconds (read with \`iam:GetRole\`): STS answers ValidationError "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."`,
    fix: `Set \`role-duration-seconds\` to ${max} or less, or raise the role's maximum (up to ${MAX_ROLE_DURATION}): ${code(`aws iam update-role --role-name ${shellArg(name)} --max-session-duration ${duration}`)}.`,
    evidence: `requested ${duration} s > MaxSessionDuration ${max} s`
  }
}

function durationRefusals(request: SessionRequest, lookup: RoleLimitLookup | undefined): Refusal[] {
  const duration = request.duration
  if (duration === undefined) return []
  const asked = durationWords(request, duration)
  const bound = boundRefusal(duration, asked)
  if (bound !== undefined) return [bound]
  return [
    chainingRefusal(request, duration, asked),
    maximumRefusal(request, lookup, duration, asked)
  ].filter((refusal): refusal is Refusal => refusal !== undefined)
}

function tagRefusal(request: SessionRequest, lookup: RoleLimitLookup | undefined): Refusal[] {
  if (request.chaining !== true || request.skipTagging !== false || lookup?.ok !== true) return []
  if (allowsTagSession(lookup.trustPolicy) !== false) return []
  return [
    {
      reason:
        'it chains roles and sends session tags (no `role-skip-session-tagging: true`), but no statement of the role\'s trust policy (read with `iam:GetRole`) allows `sts:TagSession`: STS answers AccessDenied "… is not authorized to perform: sts:TagSession on resource: …"',
      fix: 'Add `sts:TagSession` to the `Action` of the trust-policy statement that admits the previous role (beside `sts:AssumeRole`), or set `role-skip-session-tagging: true` on this step.',
      evidence: 'session tags sent; the trust policy allows no sts:TagSession'
    }
  ]
}

/** A value from the workflow file as one code span on one line: YAML can quote in a newline. */
function shown(value: string): string {
  return code(value.replace(/\s+/gu, ' '))
}

function stepWords(step: CredentialStep): string {
  const name = step.name === undefined ? '' : ` ${shown(step.name)}`
  const when = step.afterThisStep ? 'a later step' : 'the step'
  return `${when}${name} at line ${step.line} (${shown(step.uses)})`
}

/** The findings for the steps STS will refuse; nothing for a step that may work. */
export function sessionLimitFindings(
  file: string,
  requests: readonly SessionRequest[],
  lookups: ReadonlyMap<string, RoleLimitLookup>
): Finding[] {
  return requests.flatMap(request => {
    const lookup = request.roleArn === undefined ? undefined : lookups.get(request.roleArn)
    const refusals = [...durationRefusals(request, lookup), ...tagRefusal(request, lookup)]
    if (refusals.length === 0) return []
    const role = request.roleArn === undefined ? 'its role' : shown(request.roleArn)
    const condition = request.step.conditional ? ', where its `if:` lets it run,' : ''
    const reasons = refusals.map(refusal => refusal.reason).join('; and ')
    const item = finding('role-session-duration-exceeded', {
      // A reason that ends with STS's own sentence ends the message.
      message: `STS will refuse ${stepWords(request.step)}${condition} when it assumes ${role}: ${reasons}${reasons.endsWith('."') ? '' : '.'}`,
      remediation: refusals.map(refusal => refusal.fix).join('\n\n'),
      evidence: refusals.map(refusal => refusal.evidence)
    })
    return [{ ...item, location: { file, line: request.step.line } }]
  })
}
