/**
 * The one home of `role-session-duration-exceeded`'s words, and of the session-limits check
 * lines, from the facts src/aws/session-limits.ts and src/aws/role-limits.ts find: which later
 * steps STS will refuse and why, and which roles iam:GetRole read.
 */
import {
  readSessionLimits,
  type RoleLookups,
  type SessionLimitsOptions,
  type SessionLimitsPhase
} from '../aws/role-limits.js'
import {
  DEFAULT_ROLE_DURATION,
  CHAINING_CAP,
  MAX_ROLE_DURATION,
  MIN_ROLE_DURATION,
  refusedSteps,
  type LookupGap,
  type RefusedStep,
  type RoleLimitLookup,
  type SessionRefusal,
  type SessionRequest
} from '../aws/session-limits.js'
import { finding } from '../findings.js'
import type { CheckResult, CredentialStep, Discovery, Finding } from '../model.js'
import type { Settings } from '../settings.js'
import { code } from './markdown.js'
import { shellArg } from './quoting.js'

const CHECK_NAME = 'IAM GetRole (session limits)'

interface Refusal {
  readonly reason: string
  readonly fix: string
  readonly evidence: string
}

function durationWords(request: SessionRequest, duration: number): string {
  if (request.durationLine !== undefined)
    return `${duration} seconds (\`role-duration-seconds\`, line ${request.durationLine})`
  return request.legacyDefault === true
    ? `${duration} seconds (the default of configure-aws-credentials before v3 with access keys; v3 and later ask for ${DEFAULT_ROLE_DURATION})`
    : `${duration} seconds (configure-aws-credentials' default)`
}

const TAG_SESSION: Refusal = {
  reason:
    'it chains roles and sends session tags (no `role-skip-session-tagging: true`), but no statement of the role\'s trust policy (read with `iam:GetRole`) allows `sts:TagSession`: STS answers AccessDenied "… is not authorized to perform: sts:TagSession on resource: …"',
  fix: 'Add `sts:TagSession` to the `Action` of the trust-policy statement that admits the previous role (beside `sts:AssumeRole`), or set `role-skip-session-tagging: true` on this step.',
  evidence: 'session tags sent; the trust policy allows no sts:TagSession'
}

/** One refusal in words; `request` says where the duration came from. */
function refusalWords(refusal: SessionRefusal, request: SessionRequest): Refusal {
  if (refusal.kind === 'tag-session') return TAG_SESSION
  const { duration } = refusal
  const asked = durationWords(request, duration)
  switch (refusal.kind) {
    case 'below-minimum':
      return {
        reason: `it asks for ${asked}, below the minimum of ${MIN_ROLE_DURATION} seconds STS accepts for a role session`,
        fix: `Set \`role-duration-seconds\` to at least ${MIN_ROLE_DURATION}, or remove it for configure-aws-credentials' default of ${DEFAULT_ROLE_DURATION}.`,
        evidence: `requested ${duration} s < minimum ${MIN_ROLE_DURATION} s`
      }
    case 'above-ceiling':
      return {
        reason: `it asks for ${asked}, above the ceiling of ${MAX_ROLE_DURATION} seconds (12 hours) STS allows any role session`,
        fix: `Set \`role-duration-seconds\` to ${MAX_ROLE_DURATION} or less.`,
        evidence: `requested ${duration} s > ceiling ${MAX_ROLE_DURATION} s`
      }
    case 'chaining-cap':
      return {
        reason: `it chains roles (\`role-chaining: true\`, starting from the role session of the step at line ${refusal.chainedAfterLine}) and asks for ${asked}, above the ${CHAINING_CAP}-second (1 hour) cap on sessions assumed by role chaining: STS answers "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."`,
        fix: `Set \`role-duration-seconds\` to ${CHAINING_CAP} or less on this step (or remove it: the default is ${DEFAULT_ROLE_DURATION}); no chained session lasts longer. Where the job needs ${duration} seconds, assume this role directly with OIDC instead of chaining, and give it a \`MaxSessionDuration\` of at least ${duration}.`,
        evidence: `requested ${duration} s > role-chaining cap ${CHAINING_CAP} s`
      }
    case 'above-maximum':
      return {
        reason: `it asks for ${asked}, above the role's \`MaxSessionDuration\` of ${refusal.max} seconds (read with \`iam:GetRole\`): STS answers ValidationError "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."`,
        fix: `Set \`role-duration-seconds\` to ${refusal.max} or less, or raise the role's maximum (up to ${MAX_ROLE_DURATION}): ${code(`aws iam update-role --role-name ${shellArg(refusal.roleName)} --max-session-duration ${duration}`)}.`,
        evidence: `requested ${duration} s > MaxSessionDuration ${refusal.max} s`
      }
  }
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

/** The finding for one step STS will refuse. */
export function refusedStepFinding(file: string, refused: RefusedStep): Finding {
  const { request } = refused
  const refusals = refused.refusals.map(refusal => refusalWords(refusal, request))
  const role = request.roleArn === undefined ? 'its role' : shown(request.roleArn)
  const condition = request.step.conditional ? ', where its `if:` lets it run,' : ''
  const reasons = refusals.map(refusal => refusal.reason).join('; and ')
  const item = finding('role-session-duration-exceeded', {
    // A reason that ends with STS's own sentence ends the message.
    message: `STS will refuse ${stepWords(request.step)}${condition} when it assumes ${role}: ${reasons}${reasons.endsWith('."') ? '' : '.'}`,
    remediation: refusals.map(refusal => refusal.fix).join('\n\n'),
    evidence: refusals.map(refusal => refusal.evidence)
  })
  return { ...item, location: { file, line: request.step.line } }
}

/** The findings for the steps STS will refuse; nothing for a step that may work. */
export function sessionLimitFindings(
  file: string,
  requests: readonly SessionRequest[],
  lookups: ReadonlyMap<string, RoleLimitLookup>
): Finding[] {
  return refusedSteps(requests, lookups).map(refused => refusedStepFinding(file, refused))
}

/** Why a role was not read, in words. */
function gapWords(gap: LookupGap): string {
  switch (gap.kind) {
    case 'check-iam-off':
      return '`check-iam` is false'
    case 'no-credentials':
      return 'this step has no credentials to call iam:GetRole with'
    case 'credentials-unusable':
      return `this step's credentials are unusable`
    case 'denied':
      return "iam:GetRole is denied to this step's credentials"
    case 'failed':
      return `iam:GetRole failed (${code(gap.code)})`
    case 'other-account':
      return `this step's credentials belong to another account`
  }
}

function checkLine(roleArn: string, lookup: RoleLimitLookup): CheckResult {
  if (lookup.ok)
    return {
      name: CHECK_NAME,
      outcome: 'info',
      detail: `${code(roleArn)}: MaxSessionDuration ${lookup.maxSessionDuration ?? 'not given'} s`
    }
  return {
    name: CHECK_NAME,
    outcome: 'skip',
    detail: `${code(roleArn)}: not read (${gapWords(lookup.reason)}), so its own MaxSessionDuration and trust policy are unchecked (the 12-hour ceiling and the 1-hour role-chaining cap are checked without it); allow \`iam:GetRole\` on ${code(roleArn)} to the credentials of this step to check them`
  }
}

/** The session-limits phase written out: a check line per role read, a finding per refused step. */
export function sessionLimitsWritten(facts: RoleLookups | undefined): SessionLimitsPhase {
  if (facts === undefined) return { checks: [], findings: [] }
  return {
    checks: [...facts.lookups].map(([roleArn, lookup]) => checkLine(roleArn, lookup)),
    findings: sessionLimitFindings(facts.file, facts.requests, facts.lookups)
  }
}

export async function checkSessionLimits(
  discovery: Discovery,
  settings: Pick<Settings, 'checkIam' | 'profile'>,
  options: SessionLimitsOptions
): Promise<SessionLimitsPhase> {
  return sessionLimitsWritten(await readSessionLimits(discovery, settings, options))
}
