/**
 * The words of the IAM look-ups about the key in use (`access-key-inactive`, `access-key-age`,
 * `multiple-active-keys`, `access-key-unused`, and the IAM check lines), from what
 * src/aws/iam.ts found, and the reason an IAM call gave nothing, for the `iam-check-skipped`
 * notice and the check lines.
 */
import type { Deadline } from '../aws/deadline.js'
import {
  inspectIamFacts,
  isDenied,
  type CallResult,
  type IamConnection,
  type IamFacts,
  type IamOutcome,
  type KeyLookupFacts,
  type KeyLookupSettings,
  type KeysFacts,
  type LastUseFacts
} from '../aws/iam.js'
import type { AwsFailure } from '../aws/sts.js'
import { finding } from '../findings.js'
import type { CheckResult, Finding } from '../model.js'
import { code } from './markdown.js'

/** Why a call gave nothing, in a few words for the notice and the check line. */
export function whyNot(action: string, failure: AwsFailure): string {
  if (isDenied(failure)) return `\`iam:${action}\` was denied (AccessDenied)`
  if (failure.kind === 'timeout') return `\`iam:${action}\` got no answer in time`
  if (failure.kind === 'network')
    return `\`iam:${action}\` could not reach IAM (${code(failure.code)})`
  return `\`iam:${action}\` failed (${code(failure.code)}${failure.httpStatus === undefined ? '' : `, HTTP ${failure.httpStatus}`})`
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function keyFindings(keys: KeysFacts, settings: KeyLookupSettings, userName: string): Finding[] {
  const findings: Finding[] = []
  const ours = keys.ours
  if (ours === undefined) return findings
  if (ours.inactive && ours.status !== undefined) {
    findings.push(
      finding('access-key-inactive', {
        message: `IAM reports the access key ${code(settings.maskedKeyId)} of ${userName} as ${code(ours.status)}. STS still accepted it moments ago, so it was deactivated very recently (IAM is eventually consistent); every request with it will soon fail.`,
        remediation:
          'If the key was deactivated on purpose (a rotation, a suspected leak), store the new key pair in the secret; otherwise reactivate it with `aws iam update-access-key --status Active`.',
        evidence: [`key ${settings.maskedKeyId}: ${ours.status}`, `user ${userName}`]
      })
    )
  }
  if (ours.tooOld && ours.age !== undefined && ours.created !== undefined) {
    findings.push(
      finding('access-key-age', {
        title: `The access key is ${ours.age} days old`,
        message: `The access key ${code(settings.maskedKeyId)} of ${userName} was created on ${day(ours.created)}, ${ours.age} days ago, more than \`max-key-age-days\` (${settings.maxKeyAgeDays}).`,
        remediation:
          'Rotate it: create a second key, store it in the secret, confirm this check passes, then deactivate and delete the old one. Better, replace the key with GitHub OIDC and stop rotating.',
        evidence: [`created ${ours.created.toISOString()}`, `age ${ours.age} days`]
      })
    )
  }
  if (keys.active.length > 1) {
    findings.push(
      finding('multiple-active-keys', {
        message: `${userName} has ${keys.active.length} active access keys (${keys.active.map(thisOne => (thisOne ? `${code(settings.maskedKeyId)} (this one)` : 'another')).join(', ')}). Two active keys are normal during a rotation and a forgotten leak risk after it.`,
        remediation:
          'Finish the rotation: once every consumer uses the new key, deactivate and delete the other one (`aws iam update-access-key --status Inactive`, then `aws iam delete-access-key`).',
        evidence: [`active keys: ${keys.active.length}`]
      })
    )
  }
  return findings
}

function keysWritten(keys: KeysFacts, settings: KeyLookupSettings, userName: string): Written {
  const ours = keys.ours
  if (ours === undefined)
    return {
      findings: [],
      check: {
        name: 'IAM ListAccessKeys',
        outcome: 'info',
        detail: `${keys.total} key(s) of ${userName}, none of them ${settings.maskedKeyId}`
      }
    }
  const findings = keyFindings(keys, settings, userName)
  return {
    findings,
    check: {
      name: 'IAM ListAccessKeys',
      outcome: findings.some(item => item.severity === 'error')
        ? 'fail'
        : findings.some(item => item.severity === 'warning')
          ? 'warn'
          : 'pass',
      detail: `${settings.maskedKeyId}: ${ours.status ?? 'status unknown'}${ours.age === undefined ? '' : `, ${ours.age} days old`}; ${keys.active.length} active key(s)`
    }
  }
}

function lastUseWritten(use: LastUseFacts, settings: KeyLookupSettings): Written {
  const name = 'IAM GetAccessKeyLastUsed'
  const where = [
    use.service === undefined || use.service === 'N/A' ? undefined : `by ${use.service}`,
    use.region === undefined || use.region === 'N/A' ? undefined : `in ${use.region}`
  ]
    .filter(part => part !== undefined)
    .join(' ')
  if (use.date === undefined)
    return {
      findings: [
        finding('access-key-unused', {
          title: 'IAM has no record of this key being used',
          message: `IAM has never recorded a use of the access key ${code(settings.maskedKeyId)} (IAM updates this with a delay of up to a few hours, so this run may not show yet). A key nothing uses is best deleted; a key only this workflow uses is best replaced with OIDC.`,
          remediation:
            'Check which workflows hold this key; if none needs it, deactivate and delete it. See the OIDC migration guide to replace it.',
          evidence: ['GetAccessKeyLastUsed: no LastUsedDate']
        })
      ],
      check: { name, outcome: 'info', detail: 'never used, per IAM' }
    }
  const detail = `last used ${use.date.toISOString().replace('.000Z', 'Z')}${where === '' ? '' : ` ${where}`}`
  if (use.verdict !== 'stale') return { findings: [], check: { name, outcome: 'info', detail } }
  return {
    findings: [
      finding('access-key-unused', {
        message: `IAM last recorded a use of the access key ${code(settings.maskedKeyId)} ${use.days ?? '?'} days ago (${day(use.date)}${where === '' ? '' : `, ${where}`}): the workflow holding it rarely runs, or the key is a forgotten one.`,
        remediation:
          'If the key is still needed, consider replacing it with OIDC; if not, deactivate and delete it.',
        evidence: [detail]
      })
    ],
    check: { name, outcome: 'info', detail }
  }
}

interface Written {
  readonly findings: readonly Finding[]
  readonly check: CheckResult
  /** Why the call gave nothing, for the `iam-check-skipped` notice. */
  readonly skipped?: string
}

/** One look-up written out: from its answer, or as skipped with the reason. */
function callWritten<T>(
  action: string,
  call: CallResult<T>,
  write: (value: T) => Written
): Written {
  if (call.ok) return write(call.value)
  const reason = whyNot(action, call.failure)
  return {
    findings: [],
    check: { name: `IAM ${action}`, outcome: 'skip', detail: reason },
    skipped: reason
  }
}

/** The look-ups of a long-term key, written out: findings, check lines and skip reasons. */
export function keyLookupWritten(facts: KeyLookupFacts): IamOutcome {
  const { settings, user, keys, lastUsed } = facts
  const named = user.ok ? user.value.name : undefined
  const userName =
    named !== undefined ? code(named) : facts.root ? 'the root user' : code(facts.arnName)
  const written = [
    callWritten('GetUser', user, ({ created }) => ({
      findings: [],
      check: {
        name: 'IAM GetUser',
        outcome: 'pass',
        detail: `${named ?? 'root user'}${created === undefined ? '' : `, created ${day(created)}`}`
      }
    })),
    callWritten('ListAccessKeys', keys, value => keysWritten(value, settings, userName)),
    callWritten('GetAccessKeyLastUsed', lastUsed, value => lastUseWritten(value, settings))
  ]
  const failures = [user, keys, lastUsed].flatMap(call => (call.ok ? [] : [call.failure]))
  const age = keys.ok ? keys.value.ours?.age : undefined
  return {
    findings: written.flatMap(item => item.findings),
    checks: written.map(item => item.check),
    skipped: written.flatMap(item => (item.skipped === undefined ? [] : [item.skipped])),
    failures,
    ...(age === undefined ? {} : { keyAgeDays: age })
  }
}

const NOT_APPLICABLE: Readonly<
  Record<Extract<IamFacts, { kind: 'not-applicable' }>['principal'], string>
> = {
  unknown: 'this kind of principal',
  'assumed-role': 'a role session, whose temporary key has no IAM user, status or age',
  'federated-user': 'a federated user session'
}

/** The IAM look-ups written out from their facts. */
export function iamWritten(facts: IamFacts): IamOutcome {
  if (facts.kind === 'looked-up') return keyLookupWritten(facts)
  const reason =
    facts.kind === 'temporary-key'
      ? 'the key is temporary (from GetSessionToken), so IAM holds no status, age or last use for it'
      : `user and key look-ups do not apply to ${NOT_APPLICABLE[facts.principal]}`
  return {
    findings: [],
    checks: [{ name: 'IAM user and key', outcome: 'skip', detail: reason }],
    skipped: [reason]
  }
}

/**
 * IAM look-ups where they make sense: a long-term key of an IAM user or of the root user.
 * Role sessions and federated users have no IAM user or access key to look up.
 */
export async function inspectIam(
  connection: IamConnection,
  settings: KeyLookupSettings,
  deadline: Deadline
): Promise<IamOutcome> {
  return iamWritten(await inspectIamFacts(connection, settings, deadline))
}
