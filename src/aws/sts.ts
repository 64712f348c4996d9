/**
 * STS GetCallerIdentity behind a narrow wrapper: one bounded attempt at a time, our own
 * retries only where they can help, and every failure returned as data for classification.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { CallerIdentity, PrincipalType } from '../model.js'
import { errorProperty } from '../errors.js'
import type { Deadline } from './deadline.js'
import { sleep } from './deadline.js'
import { httpHandler, recordResponses, type ResponseRecord } from './http.js'

export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
}

export interface EndpointConfig {
  readonly region: string
  /** `AWS_ENDPOINT_URL_STS`, else `AWS_ENDPOINT_URL`, when set. */
  readonly endpoint?: string
}

/** What went wrong, reduced to what classification needs. Never holds secrets. */
export interface AwsFailure {
  /** The AWS error code (`InvalidClientTokenId`), or the network error code (`ECONNREFUSED`). */
  readonly code: string
  readonly message: string
  readonly httpStatus?: number
  readonly kind: 'service' | 'network' | 'timeout' | 'unreadable'
  readonly requestId?: string
  readonly attempts: number
}

export type StsOutcome =
  | {
      readonly ok: true
      readonly identity: CallerIdentity
      readonly response: ResponseRecord
      readonly attempts: number
    }
  | { readonly ok: false; readonly failure: AwsFailure; readonly response: ResponseRecord }

export function principalTypeOf(arn: string): PrincipalType {
  const resource = arn.split(':').slice(5).join(':')
  if (resource === 'root') return 'root'
  if (resource.startsWith('user/')) return 'iam-user'
  if (resource.startsWith('assumed-role/')) return 'assumed-role'
  if (resource.startsWith('federated-user/')) return 'federated-user'
  return 'unknown'
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'EPROTO',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
])

function metadataOf(error: unknown): { httpStatusCode?: number; requestId?: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const metadata = (error as { $metadata?: unknown }).$metadata
  return typeof metadata === 'object' && metadata !== null
    ? (metadata as { httpStatusCode?: number; requestId?: string })
    : undefined
}

/** Turns whatever the SDK threw into an `AwsFailure`, by code and status, never by message. */
export function toFailure(error: unknown, record: ResponseRecord, attempts: number): AwsFailure {
  const name = errorProperty(error, 'name') ?? 'Error'
  const message = errorProperty(error, 'message') ?? ''
  const code = errorProperty(error, 'code')
  const metadata = metadataOf(error)
  const httpStatus = metadata?.httpStatusCode ?? record.statusCode
  const requestId = metadata?.requestId
  const base = {
    message,
    attempts,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(requestId === undefined ? {} : { requestId })
  }
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    code === 'ETIMEDOUT' ||
    code === 'ESOCKETTIMEDOUT'
  ) {
    return { ...base, code: code ?? name, kind: 'timeout' }
  }
  if (
    code !== undefined &&
    (NETWORK_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('CERT_'))
  ) {
    return { ...base, code, kind: 'network' }
  }
  const fault = errorProperty(error, '$fault')
  if (fault !== undefined && httpStatus !== undefined && httpStatus !== 200) {
    return { ...base, code: name, kind: 'service' }
  }
  return { ...base, code: code ?? name, kind: 'unreadable' }
}

/** Failures another attempt may cure: throttling, server errors, dropped connections. */
export function isRetryable(failure: AwsFailure): boolean {
  if (failure.kind === 'network') return !['ENOTFOUND'].includes(failure.code)
  if (failure.kind === 'unreadable') return true
  if (failure.kind !== 'service') return false
  return (
    (failure.httpStatus !== undefined && failure.httpStatus >= 500) ||
    [
      'Throttling',
      'ThrottlingException',
      'RequestLimitExceeded',
      'TooManyRequestsException',
      'IDPCommunicationError'
    ].includes(failure.code)
  )
}

const BACKOFF_MS = [150, 500, 1200]

/**
 * Runs `attempt` until it succeeds, fails for good, or the deadline leaves no room for another
 * try. Authentication errors are final at once: retrying them only delays the verdict.
 */
export async function withRetries<T>(
  deadline: Deadline,
  attempt: (record: ResponseRecord) => Promise<T>
): Promise<
  | { ok: true; value: T; record: ResponseRecord; attempts: number }
  | { ok: false; failure: AwsFailure; record: ResponseRecord }
> {
  let attempts = 0
  for (;;) {
    attempts += 1
    const record: ResponseRecord = {}
    try {
      const value = await deadline.race(attempt(record), 'The request')
      return { ok: true, value, record, attempts }
    } catch (error: unknown) {
      const failure = toFailure(error, record, attempts)
      const pause = BACKOFF_MS[attempts - 1]
      if (!isRetryable(failure) || pause === undefined || deadline.remaining() < pause + 200) {
        return { ok: false, failure, record }
      }
      await sleep(pause)
    }
  }
}

export function stsClient(
  config: EndpointConfig,
  credentials: AwsCredentials | undefined,
  deadline: Deadline
): STSClient {
  return new STSClient({
    region: config.region,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
    // Retries are ours (see withRetries): the SDK's would retry for minutes.
    maxAttempts: 1,
    requestHandler: httpHandler(deadline)
  })
}

export async function getCallerIdentity(
  config: EndpointConfig,
  credentials: AwsCredentials,
  deadline: Deadline
): Promise<StsOutcome> {
  const client = stsClient(config, credentials, deadline)
  let current: ResponseRecord = {}
  recordResponses(client, () => current)
  try {
    const result = await withRetries(deadline, async record => {
      current = record
      return client.send(new GetCallerIdentityCommand({}), { abortSignal: deadline.signal() })
    })
    if (!result.ok) return { ok: false, failure: result.failure, response: result.record }
    const { Account, Arn, UserId } = result.value
    if (Account === undefined || Arn === undefined || UserId === undefined) {
      return {
        ok: false,
        failure: {
          code: 'IncompleteResponse',
          message: 'GetCallerIdentity answered without Account, Arn or UserId',
          kind: 'unreadable',
          attempts: result.attempts
        },
        response: result.record
      }
    }
    return {
      ok: true,
      identity: { account: Account, arn: Arn, userId: UserId, principalType: principalTypeOf(Arn) },
      response: result.record,
      attempts: result.attempts
    }
  } finally {
    client.destroy()
  }
}
