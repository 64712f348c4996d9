/**
 * Best-effort IAM look-ups about the key in use: GetUser, ListAccessKeys and
 * GetAccessKeyLastUsed, made concurrently. Denied or failed look-ups are reasons for one
 * `iam-check-skipped` notice, never failures. The IAM client (`./iam-sdk.ts`) is loaded only when a
 * look-up is really made, so runs that need no IAM start as fast as before.
 */
import type { IAMClient } from '@aws-sdk/client-iam'
import { finding } from '../findings.js'
import type { CallerIdentity, CheckResult, Finding } from '../model.js'
import type { Deadline } from './deadline.js'
import { FIXED_CLIENT_SETTINGS, httpHandler } from './http.js'
import type { ProxyRoute } from './proxy.js'
import { HOME_REGION, partitionOfArn } from './regions.js'
import { withRetries, type AwsCredentials, type AwsFailure } from './sts.js'
import { code } from '../report/markdown.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** A key IAM has not seen used for this long is probably a forgotten one kept as a secret. */
export const UNUSED_DAYS = 90

export interface IamConnection {
  readonly identity: CallerIdentity
  readonly credentials: AwsCredentials
  /** `AWS_ENDPOINT_URL_IAM`, else `AWS_ENDPOINT_URL`, when set. */
  readonly endpoint?: string
  readonly proxy?: ProxyRoute
  /** Server clock minus runner clock, where STS showed the runner's clock to be off. */
  readonly clockOffsetMs?: number
}

export type IamModule = typeof import('./iam-sdk.js')

/** Loads the IAM client on first use only. */
export async function loadIam(): Promise<IamModule> {
  return import('./iam-sdk.js')
}

export function iamClient(
  module: IamModule,
  connection: IamConnection,
  deadline: Deadline
): IAMClient {
  // IAM is global: requests are signed for the home region of the identity's partition.
  const partition = partitionOfArn(connection.identity.arn) ?? 'aws'
  return new module.IAMClient({
    region: HOME_REGION[partition],
    ...(connection.endpoint === undefined ? {} : { endpoint: connection.endpoint }),
    // The endpoint is the one discovery resolved: the client must not look for another itself.
    ignoreConfiguredEndpointUrls: true,
    credentials: connection.credentials,
    ...(connection.clockOffsetMs === undefined
      ? {}
      : { systemClockOffset: connection.clockOffsetMs }),
    maxAttempts: 1,
    ...FIXED_CLIENT_SETTINGS,
    requestHandler: httpHandler(deadline, connection.proxy)
  })
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; failure: AwsFailure }

/** One IAM call with our retries (throttling, 5xx), bounded by the deadline. */
export async function iamCall<T>(
  deadline: Deadline,
  send: (signal: AbortSignal) => Promise<T>
): Promise<CallResult<T>> {
  const result = await withRetries(deadline, async () => send(deadline.signal()))
  return result.ok ? { ok: true, value: result.value } : { ok: false, failure: result.failure }
}

export function isDenied(failure: AwsFailure): boolean {
  return failure.code === 'AccessDenied' || failure.code === 'AccessDeniedException'
}

/** Why a call gave nothing, in a few words for the notice and the check line. */
export function whyNot(action: string, failure: AwsFailure): string {
  if (isDenied(failure)) return `\`iam:${action}\` was denied (AccessDenied)`
  if (failure.kind === 'timeout') return `\`iam:${action}\` got no answer in time`
  if (failure.kind === 'network')
    return `\`iam:${action}\` could not reach IAM (${code(failure.code)})`
  return `\`iam:${action}\` failed (${code(failure.code)}${failure.httpStatus === undefined ? '' : `, HTTP ${failure.httpStatus}`})`
}

export interface IamOutcome {
  readonly findings: readonly Finding[]
  readonly checks: readonly CheckResult[]
  readonly keyAgeDays?: number
  /** Reasons some look-ups gave nothing; they become one `iam-check-skipped` notice. */
  readonly skipped: readonly string[]
  /** The failures behind those reasons, to tell an endpoint override with nothing behind it. */
  readonly failures?: readonly AwsFailure[]
}

export interface KeyLookupSettings {
  readonly accessKeyId: string
  readonly maskedKeyId: string
  readonly maxKeyAgeDays: number
  readonly now: number
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function ageInDays(created: Date, now: number): number {
  return Math.max(0, Math.floor((now - created.getTime()) / DAY_MS))
}

interface KeyMetadata {
  readonly AccessKeyId?: string
  readonly Status?: string
  readonly CreateDate?: Date
}

function judgeKeys(
  keys: readonly KeyMetadata[],
  settings: KeyLookupSettings,
  userName: string
): { findings: Finding[]; checks: CheckResult[]; keyAgeDays?: number } {
  const findings: Finding[] = []
  const ours = keys.find(key => key.AccessKeyId === settings.accessKeyId)
  const active = keys.filter(key => key.Status === 'Active')
  const checks: CheckResult[] = []
  if (ours === undefined) {
    checks.push({
      name: 'IAM ListAccessKeys',
      outcome: 'info',
      detail: `${keys.length} key(s) of ${userName}, none of them ${settings.maskedKeyId}`
    })
    return { findings, checks }
  }
  const age = ours.CreateDate === undefined ? undefined : ageInDays(ours.CreateDate, settings.now)
  if (ours.Status !== undefined && ours.Status !== 'Active') {
    findings.push(
      finding('access-key-inactive', {
        message: `IAM reports the access key ${code(settings.maskedKeyId)} of ${userName} as ${code(ours.Status)}. STS still accepted it moments ago, so it was deactivated very recently (IAM is eventually consistent); every request with it will soon fail.`,
        remediation:
          'If the key was deactivated on purpose (a rotation, a suspected leak), store the new key pair in the secret; otherwise reactivate it with `aws iam update-access-key --status Active`.',
        evidence: [`key ${settings.maskedKeyId}: ${ours.Status}`, `user ${userName}`]
      })
    )
  }
  if (age !== undefined && age > settings.maxKeyAgeDays && ours.CreateDate !== undefined) {
    findings.push(
      finding('access-key-age', {
        title: `The access key is ${age} days old`,
        message: `The access key ${code(settings.maskedKeyId)} of ${userName} was created on ${day(ours.CreateDate)}, ${age} days ago, more than \`max-key-age-days\` (${settings.maxKeyAgeDays}).`,
        remediation:
          'Rotate it: create a second key, store it in the secret, confirm this check passes, then deactivate and delete the old one. Better, replace the key with GitHub OIDC and stop rotating.',
        evidence: [`created ${ours.CreateDate.toISOString()}`, `age ${age} days`]
      })
    )
  }
  if (active.length > 1) {
    findings.push(
      finding('multiple-active-keys', {
        message: `${userName} has ${active.length} active access keys (${active.map(key => (key.AccessKeyId === settings.accessKeyId ? `${code(settings.maskedKeyId)} (this one)` : 'another')).join(', ')}). Two active keys are normal during a rotation and a forgotten leak risk after it.`,
        remediation:
          'Finish the rotation: once every consumer uses the new key, deactivate and delete the other one (`aws iam update-access-key --status Inactive`, then `aws iam delete-access-key`).',
        evidence: [`active keys: ${active.length}`]
      })
    )
  }
  checks.push({
    name: 'IAM ListAccessKeys',
    outcome: findings.some(item => item.severity === 'error')
      ? 'fail'
      : findings.some(item => item.severity === 'warning')
        ? 'warn'
        : 'pass',
    detail: `${settings.maskedKeyId}: ${ours.Status ?? 'status unknown'}${age === undefined ? '' : `, ${age} days old`}; ${active.length} active key(s)`
  })
  return { findings, checks, ...(age === undefined ? {} : { keyAgeDays: age }) }
}

function judgeLastUse(
  lastUsed: { LastUsedDate?: Date; ServiceName?: string; Region?: string } | undefined,
  settings: KeyLookupSettings
): { findings: Finding[]; check: CheckResult } {
  const date = lastUsed?.LastUsedDate
  const service = lastUsed?.ServiceName
  const region = lastUsed?.Region
  const where = [
    service === undefined || service === 'N/A' ? undefined : `by ${service}`,
    region === undefined || region === 'N/A' ? undefined : `in ${region}`
  ]
    .filter(part => part !== undefined)
    .join(' ')
  if (date === undefined) {
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
      check: { name: 'IAM GetAccessKeyLastUsed', outcome: 'info', detail: 'never used, per IAM' }
    }
  }
  const days = ageInDays(date, settings.now)
  const detail = `last used ${date.toISOString().replace('.000Z', 'Z')}${where === '' ? '' : ` ${where}`}`
  if (days > UNUSED_DAYS) {
    return {
      findings: [
        finding('access-key-unused', {
          message: `IAM last recorded a use of the access key ${code(settings.maskedKeyId)} ${days} days ago (${day(date)}${where === '' ? '' : `, ${where}`}): the workflow holding it rarely runs, or the key is a forgotten one.`,
          remediation:
            'If the key is still needed, consider replacing it with OIDC; if not, deactivate and delete it.',
          evidence: [detail]
        })
      ],
      check: { name: 'IAM GetAccessKeyLastUsed', outcome: 'info', detail }
    }
  }
  return { findings: [], check: { name: 'IAM GetAccessKeyLastUsed', outcome: 'info', detail } }
}

/**
 * The look-ups for an IAM user or the root user whose long-term key is in use. Other
 * principals are the caller's business (see `inspectIam`).
 */
export async function lookUpKey(
  connection: IamConnection,
  settings: KeyLookupSettings,
  deadline: Deadline
): Promise<IamOutcome> {
  const module = await loadIam()
  const client = iamClient(module, connection, deadline)
  try {
    const [user, keys, lastUsed] = await Promise.all([
      iamCall(deadline, signal =>
        client.send(new module.GetUserCommand({}), { abortSignal: signal })
      ),
      iamCall(deadline, signal =>
        client.send(new module.ListAccessKeysCommand({}), { abortSignal: signal })
      ),
      iamCall(deadline, signal =>
        client.send(new module.GetAccessKeyLastUsedCommand({ AccessKeyId: settings.accessKeyId }), {
          abortSignal: signal
        })
      )
    ])
    const findings: Finding[] = []
    const checks: CheckResult[] = []
    const skipped: string[] = []
    const root = connection.identity.principalType === 'root'
    let userName = root ? 'the root user' : code(connection.identity.arn.split('/').pop() ?? '')
    if (user.ok) {
      const name = user.value.User?.UserName
      if (name !== undefined) userName = code(name)
      const created = user.value.User?.CreateDate
      checks.push({
        name: 'IAM GetUser',
        outcome: 'pass',
        detail: `${name ?? 'root user'}${created === undefined ? '' : `, created ${day(created)}`}`
      })
    } else {
      skipped.push(whyNot('GetUser', user.failure))
      checks.push({ name: 'IAM GetUser', outcome: 'skip', detail: whyNot('GetUser', user.failure) })
    }
    let keyAgeDays: number | undefined
    if (keys.ok) {
      const judged = judgeKeys(keys.value.AccessKeyMetadata ?? [], settings, userName)
      findings.push(...judged.findings)
      checks.push(...judged.checks)
      keyAgeDays = judged.keyAgeDays
    } else {
      skipped.push(whyNot('ListAccessKeys', keys.failure))
      checks.push({
        name: 'IAM ListAccessKeys',
        outcome: 'skip',
        detail: whyNot('ListAccessKeys', keys.failure)
      })
    }
    if (lastUsed.ok) {
      const judged = judgeLastUse(lastUsed.value.AccessKeyLastUsed, settings)
      findings.push(...judged.findings)
      checks.push(judged.check)
    } else {
      skipped.push(whyNot('GetAccessKeyLastUsed', lastUsed.failure))
      checks.push({
        name: 'IAM GetAccessKeyLastUsed',
        outcome: 'skip',
        detail: whyNot('GetAccessKeyLastUsed', lastUsed.failure)
      })
    }
    const failures = [user, keys, lastUsed].flatMap(call => (call.ok ? [] : [call.failure]))
    return {
      findings,
      checks,
      skipped,
      failures,
      ...(keyAgeDays === undefined ? {} : { keyAgeDays })
    }
  } finally {
    client.destroy()
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
  const type = connection.identity.principalType
  if (type !== 'iam-user' && type !== 'root') {
    const reason = `user and key look-ups do not apply to ${type === 'unknown' ? 'this kind of principal' : type === 'assumed-role' ? 'a role session, whose temporary key has no IAM user, status or age' : 'a federated user session'}`
    return {
      findings: [],
      checks: [{ name: 'IAM user and key', outcome: 'skip', detail: reason }],
      skipped: [reason]
    }
  }
  if (!settings.accessKeyId.startsWith('AKIA')) {
    const reason =
      'the key is temporary (from GetSessionToken), so IAM holds no status, age or last use for it'
    return {
      findings: [],
      checks: [{ name: 'IAM user and key', outcome: 'skip', detail: reason }],
      skipped: [reason]
    }
  }
  return lookUpKey(connection, settings, deadline)
}
