/**
 * STS GetCallerIdentity behind a narrow wrapper: one bounded attempt at a time, our own
 * retries only where they can help, and every failure returned as data for classification.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { CallerIdentity, PrincipalType } from '../model.js'
import { errorCode, errorProperty } from '../errors.js'
import type { Deadline } from './deadline.js'
import { sleep } from './deadline.js'
import { FIXED_CLIENT_SETTINGS, httpHandler, recordResponses, type ResponseRecord } from './http.js'
import type { ProxyErrorFields, ProxyRoute } from './proxy.js'

export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
}

export interface EndpointConfig {
  /** The region requests are signed for. */
  readonly region: string
  /** `AWS_ENDPOINT_URL_STS`, else `AWS_ENDPOINT_URL`, when set. */
  readonly endpoint?: string
  /** The proxy requests go through (`HTTPS_PROXY`), when one applies to the endpoint. */
  readonly proxy?: ProxyRoute
  /**
   * Server clock minus runner clock, to sign with. Set only after STS refused a request on the
   * runner's clock, to learn whether the credentials are good apart from that.
   */
  readonly clockOffsetMs?: number
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
  /** Where a network failure happened when a proxy was in the way (see proxy.ts). */
  readonly proxyStage?: 'connect' | 'tunnel'
  readonly proxyStatus?: number
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
  'EPROXYCONNECT',
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

function proxyFieldsOf(error: unknown): ProxyErrorFields {
  if (typeof error !== 'object' || error === null) return {}
  const { proxyStage, proxyStatus } = error as Record<string, unknown>
  return {
    ...(proxyStage === 'connect' || proxyStage === 'tunnel' ? { proxyStage } : {}),
    ...(typeof proxyStatus === 'number' ? { proxyStatus } : {})
  }
}

function isNetworkCode(code: string | undefined): code is string {
  if (code === undefined) return false
  return (
    NETWORK_CODES.has(code) ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.startsWith('CERT_')
  )
}

const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError'])
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT'])

function isTimeout(name: string, code: string | undefined): boolean {
  return TIMEOUT_NAMES.has(name) || (code !== undefined && TIMEOUT_CODES.has(code))
}

/** A modelled error STS answered with (an HTTP status other than 200). */
function isServiceFault(error: unknown, httpStatus: number | undefined): boolean {
  const fault = errorProperty(error, '$fault')
  return fault !== undefined && httpStatus !== undefined && httpStatus !== 200
}

/** What kind of failure the SDK's error is, and the code that names it. */
function kindOf(
  error: unknown,
  name: string,
  httpStatus: number | undefined
): Pick<AwsFailure, 'code' | 'kind'> {
  const code = errorCode(error, 'code')
  // The code comes first: the SDK renames ECONNRESET and EPIPE to `TimeoutError`, which made
  // a dropped connection read as "no answer within timeout-seconds" after a few milliseconds.
  if (isNetworkCode(code)) return { code, kind: 'network' }
  if (isTimeout(name, code)) return { code: code ?? name, kind: 'timeout' }
  if (isServiceFault(error, httpStatus)) {
    // Modelled errors are named after their SDK classes (`InvalidIdentityTokenException`); the
    // wire code that STS sent, and that people search for, is in `Code`.
    return { code: errorCode(error, 'Code') ?? name, kind: 'service' }
  }
  return { code: code ?? name, kind: 'unreadable' }
}

/** Turns whatever the SDK threw into an `AwsFailure`, by code and status, never by message. */
export function toFailure(error: unknown, record: ResponseRecord, attempts: number): AwsFailure {
  const name = errorCode(error, 'name') ?? 'Error'
  const metadata = metadataOf(error)
  const httpStatus = metadata?.httpStatusCode ?? record.statusCode
  const requestId = metadata?.requestId
  return {
    message: errorProperty(error, 'message') ?? '',
    attempts,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(requestId === undefined ? {} : { requestId }),
    ...proxyFieldsOf(error),
    ...kindOf(error, name, httpStatus)
  }
}

/**
 * Network failures another attempt may cure: a dropped connection or a DNS server that did not
 * answer. A refused connection, an unknown host, a certificate or a proxy's refusal stay the
 * same a second later, so retrying them only delays the verdict.
 */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN'])

/** Failures another attempt may cure: throttling, server errors, dropped connections. */
export function isRetryable(failure: AwsFailure): boolean {
  if (failure.kind === 'network') return TRANSIENT_NETWORK_CODES.has(failure.code)
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
  attempt: (record: ResponseRecord) => Promise<T>,
  options: { readonly retry?: boolean } = {}
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
      if (
        options.retry === false ||
        !isRetryable(failure) ||
        pause === undefined ||
        deadline.remaining() < pause + 200
      ) {
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
    // The endpoint is the one discovery resolved: the client must not look for another itself.
    ignoreConfiguredEndpointUrls: true,
    ...(credentials === undefined ? {} : { credentials }),
    ...(config.clockOffsetMs === undefined ? {} : { systemClockOffset: config.clockOffsetMs }),
    // Retries are ours (see withRetries): the SDK's would retry for minutes.
    maxAttempts: 1,
    ...FIXED_CLIENT_SETTINGS,
    requestHandler: httpHandler(deadline, config.proxy)
  })
}

export interface CallOptions {
  /** False for diagnostic probes: one attempt, whatever the answer. */
  readonly retry?: boolean
}

export async function getCallerIdentity(
  config: EndpointConfig,
  credentials: AwsCredentials,
  deadline: Deadline,
  options: CallOptions = {}
): Promise<StsOutcome> {
  const client = stsClient(config, credentials, deadline)
  let current: ResponseRecord = {}
  recordResponses(client, () => current)
  try {
    const result = await withRetries(
      deadline,
      async record => {
        current = record
        return client.send(new GetCallerIdentityCommand({}), { abortSignal: deadline.signal() })
      },
      options
    )
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
