/**
 * Best-effort IAM look-ups about the key in use: GetUser, ListAccessKeys and
 * GetAccessKeyLastUsed, made concurrently. Denied or failed look-ups are reasons for one
 * `iam-check-skipped` notice, never failures. The IAM client (`./iam-sdk.ts`) is loaded only when a
 * look-up is really made, so runs that need no IAM start as fast as before. This file returns
 * what IAM answered and what it means; src/report/iam.ts words it.
 */
import type { IAMClient } from '@aws-sdk/client-iam'
import type { CallerIdentity, CheckResult, Finding, PrincipalType } from '../model.js'
import type { Deadline } from './deadline.js'
import { FIXED_CLIENT_SETTINGS, httpHandler } from './http.js'
import type { ProxyRoute } from './proxy.js'
import { HOME_REGION, partitionOfArn } from './regions.js'
import { withRetries, type AwsCredentials, type AwsFailure } from './sts.js'

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

function ageInDays(created: Date, now: number): number {
  return Math.max(0, Math.floor((now - created.getTime()) / DAY_MS))
}

interface KeyMetadata {
  readonly AccessKeyId?: string
  readonly Status?: string
  readonly CreateDate?: Date
}

/** The key in use, as the user's ListAccessKeys shows it. */
export interface KeyRecord {
  readonly status?: string
  readonly created?: Date
  readonly age?: number
  /** IAM shows it as not Active, though STS accepted it moments ago. */
  readonly inactive: boolean
  /** Older than `max-key-age-days`. */
  readonly tooOld: boolean
}

export interface KeysFacts {
  /** How many keys the user has. */
  readonly total: number
  /** The key in use, where the list holds it. */
  readonly ours?: KeyRecord
  /** Each active key: whether it is the one in use. */
  readonly active: readonly boolean[]
}

/** When, by which service and in which region IAM last saw the key used. */
export interface LastUseFacts {
  readonly date?: Date
  readonly service?: string
  readonly region?: string
  /** `never`: no record; `stale`: more than UNUSED_DAYS ago. */
  readonly verdict: 'never' | 'stale' | 'recent'
  readonly days?: number
}

/** What IAM answered about the user and the key in use. */
export interface KeyLookupFacts {
  readonly kind: 'looked-up'
  readonly settings: KeyLookupSettings
  readonly root: boolean
  /** The last part of the caller's ARN: the user's name where GetUser gave none. */
  readonly arnName: string
  readonly user: CallResult<{ readonly name?: string; readonly created?: Date }>
  readonly keys: CallResult<KeysFacts>
  readonly lastUsed: CallResult<LastUseFacts>
}

export type IamFacts =
  /** A principal without an IAM user or long-term key to look up. */
  | {
      readonly kind: 'not-applicable'
      readonly principal: Exclude<PrincipalType, 'iam-user' | 'root'>
    }
  /** A temporary key (from GetSessionToken): IAM holds no status, age or last use for it. */
  | { readonly kind: 'temporary-key' }
  | KeyLookupFacts

function judgeKeys(keys: readonly KeyMetadata[], settings: KeyLookupSettings): KeysFacts {
  const ours = keys.find(key => key.AccessKeyId === settings.accessKeyId)
  const active = keys
    .filter(key => key.Status === 'Active')
    .map(key => key.AccessKeyId === settings.accessKeyId)
  if (ours === undefined) return { total: keys.length, active }
  const created = ours.CreateDate
  const age = created === undefined ? undefined : ageInDays(created, settings.now)
  return {
    total: keys.length,
    active,
    ours: {
      ...(ours.Status === undefined ? {} : { status: ours.Status }),
      ...(created === undefined ? {} : { created }),
      ...(age === undefined ? {} : { age }),
      inactive: ours.Status !== undefined && ours.Status !== 'Active',
      tooOld: age !== undefined && age > settings.maxKeyAgeDays && created !== undefined
    }
  }
}

function judgeLastUse(
  lastUsed: { LastUsedDate?: Date; ServiceName?: string; Region?: string } | undefined,
  settings: KeyLookupSettings
): LastUseFacts {
  const date = lastUsed?.LastUsedDate
  const where = {
    ...(lastUsed?.ServiceName === undefined ? {} : { service: lastUsed.ServiceName }),
    ...(lastUsed?.Region === undefined ? {} : { region: lastUsed.Region })
  }
  if (date === undefined) return { ...where, verdict: 'never' }
  const days = ageInDays(date, settings.now)
  return { ...where, date, days, verdict: days > UNUSED_DAYS ? 'stale' : 'recent' }
}

/**
 * The look-ups for an IAM user or the root user whose long-term key is in use. Other
 * principals are the caller's business (see `inspectIamFacts`).
 */
export async function lookUpKey(
  connection: IamConnection,
  settings: KeyLookupSettings,
  deadline: Deadline
): Promise<KeyLookupFacts> {
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
    const name = user.ok ? user.value.User?.UserName : undefined
    const created = user.ok ? user.value.User?.CreateDate : undefined
    return {
      kind: 'looked-up',
      settings,
      root: connection.identity.principalType === 'root',
      arnName: connection.identity.arn.split('/').pop() ?? '',
      user: user.ok
        ? {
            ok: true,
            value: {
              ...(name === undefined ? {} : { name }),
              ...(created === undefined ? {} : { created })
            }
          }
        : user,
      keys: keys.ok
        ? { ok: true, value: judgeKeys(keys.value.AccessKeyMetadata ?? [], settings) }
        : keys,
      lastUsed: lastUsed.ok
        ? { ok: true, value: judgeLastUse(lastUsed.value.AccessKeyLastUsed, settings) }
        : lastUsed
    }
  } finally {
    client.destroy()
  }
}

/**
 * IAM look-ups where they make sense: a long-term key of an IAM user or of the root user.
 * Role sessions and federated users have no IAM user or access key to look up.
 */
export async function inspectIamFacts(
  connection: IamConnection,
  settings: KeyLookupSettings,
  deadline: Deadline
): Promise<IamFacts> {
  const type = connection.identity.principalType
  if (type !== 'iam-user' && type !== 'root') return { kind: 'not-applicable', principal: type }
  if (!settings.accessKeyId.startsWith('AKIA')) return { kind: 'temporary-key' }
  return lookUpKey(connection, settings, deadline)
}
