/**
 * Asks the EC2 instance metadata service for the instance role's credentials the way the JS
 * SDK's `fromInstanceMetadata` does (@smithy/credential-provider-imds 4.5.2, read in
 * node_modules), and keeps each answer: the IMDSv2 token `PUT /latest/api/token` (TTL header
 * 21600), then `GET /latest/meta-data/iam/security-credentials/` for the role name and the
 * same path plus the name for the credentials, each request bounded by the SDK's 1 s timeout
 * (and by what is left of `timeout-seconds`). As in the SDK: a token request that times out
 * or is answered 403, 404 or 405 falls back to IMDSv1 (no token header) unless
 * `AWS_EC2_METADATA_V1_DISABLED` blocks that; a 400 stops. No proxy is used, as in the SDK.
 *
 * Measured with the SDK's whole chain (`defaultProvider`, credential-provider-node 3.972.99)
 * against __tests__/fakes/imds.ts: IMDSv2 answers in ~40 ms; a dropped token `PUT` with
 * IMDSv2 required fails with "Could not load credentials from any providers" after ~1,000 ms;
 * with IMDSv1 allowed it succeeds after the same ~1,000 ms; a 405 on the `PUT` succeeds at
 * once over IMDSv1; a 404 role list fails at once. __tests__/aws/imds.test.ts compares each
 * case with the SDK's `fromInstanceMetadata`.
 *
 * The SDK collapses every failure into "Could not load credentials from any providers"; the
 * report names the cause instead. Credentials are returned, never put into the outcome's text.
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { Deadline } from './deadline.js'
import type { AwsCredentials } from './sts.js'

/** The SDK's default per-request timeout for IMDS (`DEFAULT_TIMEOUT`). */
export const IMDS_TIMEOUT_MS = 1000
export const IMDS_DEFAULT_ENDPOINT = 'http://169.254.169.254'
const TOKEN_PATH = '/latest/api/token'
const ROLE_PATH = '/latest/meta-data/iam/security-credentials/'

/** One request and what came of it: a status, no answer in time, or no connection. */
export interface ImdsExchange {
  readonly asked: string
  readonly status?: number
  readonly outcome: 'answered' | 'timeout' | 'unreachable'
  readonly elapsedMs: number
}

export type ImdsProblem =
  | 'unreachable'
  | 'token-refused'
  | 'hop-limit'
  | 'v1-blocked'
  | 'no-instance-profile'
  | 'error-status'
  | 'bad-answer'
  | 'expired'

export type ImdsOutcome =
  | {
      readonly ok: true
      readonly credentials: AwsCredentials
      /** The token request got no usable answer and the SDK would use IMDSv1. */
      readonly v1Fallback?: 'token-timeout' | 'token-unsupported'
      readonly exchanges: readonly ImdsExchange[]
    }
  | {
      readonly ok: false
      readonly problem: ImdsProblem
      readonly exchanges: readonly ImdsExchange[]
      readonly status?: number
    }

export interface ImdsSettings {
  readonly endpoint: string
  /** `AWS_EC2_METADATA_V1_DISABLED` set to anything but `false`. */
  readonly v1Disabled: boolean
}

export interface Answer {
  readonly exchange: ImdsExchange
  readonly body: string
}

/**
 * One request bounded by `timeoutMs` and by the deadline, whatever the network does. Shared
 * with the container endpoint probe (src/aws/container.ts), which asks over `https:` too.
 */
export function send(
  endpoint: URL,
  method: 'GET' | 'PUT',
  path: string,
  headers: Record<string, string>,
  deadline: Deadline,
  options: { readonly timeoutMs?: number; readonly asked?: string } = {}
): Promise<Answer> {
  const started = Date.now()
  const asked = options.asked ?? `${method} ${path}`
  const request = endpoint.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise(resolve => {
    let settled = false
    const done = (exchange: Omit<ImdsExchange, 'asked' | 'elapsedMs'>, body = ''): void => {
      if (settled) return
      settled = true
      resolve({ exchange: { asked, ...exchange, elapsedMs: Date.now() - started }, body })
    }
    const timeout = Math.max(
      1,
      Math.min(options.timeoutMs ?? IMDS_TIMEOUT_MS, deadline.remaining())
    )
    const req = request({
      protocol: endpoint.protocol,
      hostname: endpoint.hostname.replace(/^\[(.+)\]$/u, '$1'),
      ...(endpoint.port === '' ? {} : { port: Number(endpoint.port) }),
      method,
      path,
      headers,
      timeout
    })
    // A socket idle timeout, as the SDK sets it, plus a hard bound on the whole exchange.
    const timer = setTimeout(() => {
      done({ outcome: 'timeout' })
      req.destroy()
    }, timeout)
    timer.unref()
    req.on('timeout', () => {
      done({ outcome: 'timeout' })
      req.destroy()
    })
    req.on('error', () => done({ outcome: 'unreachable' }))
    req.on('response', response => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        clearTimeout(timer)
        done(
          { outcome: 'answered', status: response.statusCode ?? 400 },
          Buffer.concat(chunks).toString('utf8')
        )
      })
    })
    req.end()
  })
}

function ok(answer: Answer): boolean {
  const status = answer.exchange.status
  return status !== undefined && status >= 200 && status < 300
}

/**
 * The SDK's `isImdsCredentials` (and credential-provider-http's own check): four strings.
 * Shared with the container endpoint probe, which reads the same JSON.
 */
export function credentialsOf(
  body: string
): { credentials: AwsCredentials; expiration: string } | undefined {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return undefined
  }
  if (typeof json !== 'object' || json === null) return undefined
  const fields = json as Record<string, unknown>
  const { AccessKeyId, SecretAccessKey, Token, Expiration } = fields
  if (
    typeof AccessKeyId !== 'string' ||
    typeof SecretAccessKey !== 'string' ||
    typeof Token !== 'string' ||
    typeof Expiration !== 'string'
  )
    return undefined
  return {
    credentials: {
      accessKeyId: AccessKeyId,
      secretAccessKey: SecretAccessKey,
      sessionToken: Token
    },
    expiration: Expiration
  }
}

type Token =
  | { readonly kind: 'token'; readonly value: string }
  | { readonly kind: 'fallback'; readonly why: 'token-timeout' | 'token-unsupported' }
  | { readonly kind: 'stop'; readonly problem: ImdsProblem; readonly status?: number }

function judgeToken(answer: Answer, v1Disabled: boolean): Token {
  const { status, outcome } = answer.exchange
  if (ok(answer)) return { kind: 'token', value: answer.body }
  if (outcome === 'unreachable') return { kind: 'stop', problem: 'unreachable' }
  if (status === 400) return { kind: 'stop', problem: 'token-refused', status }
  const why = outcome === 'timeout' ? 'token-timeout' : 'token-unsupported'
  // The SDK falls back for a timeout and for 403/404/405 (and, in effect, any other status).
  if (v1Disabled)
    return { kind: 'stop', problem: 'v1-blocked', ...(status === undefined ? {} : { status }) }
  return { kind: 'fallback', why }
}

/** What a failed role-list or credentials request means. */
function failureOf(answer: Answer, token: Token): ImdsProblem {
  const { status, outcome } = answer.exchange
  if (outcome === 'timeout' || outcome === 'unreachable') return 'unreachable'
  if (status === 404) return 'no-instance-profile'
  // IMDSv2 required, and the token's answer never came back: the hop-limit trap.
  if (status === 401 && token.kind === 'fallback' && token.why === 'token-timeout')
    return 'hop-limit'
  return 'error-status'
}

export async function fromInstanceMetadata(
  settings: ImdsSettings,
  deadline: Deadline,
  now: () => number = Date.now
): Promise<ImdsOutcome> {
  const endpoint = new URL(settings.endpoint)
  const exchanges: ImdsExchange[] = []
  const ask = async (
    method: 'GET' | 'PUT',
    path: string,
    headers: Record<string, string>
  ): Promise<Answer> => {
    const answer = await send(endpoint, method, path, headers, deadline)
    exchanges.push(answer.exchange)
    return answer
  }
  const token = judgeToken(
    await ask('PUT', TOKEN_PATH, { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }),
    settings.v1Disabled
  )
  if (token.kind === 'stop')
    return {
      ok: false,
      problem: token.problem,
      exchanges,
      ...(token.status === undefined ? {} : { status: token.status })
    }
  const headers: Record<string, string> =
    token.kind === 'token' ? { 'x-aws-ec2-metadata-token': token.value } : {}
  const roles = await ask('GET', ROLE_PATH, headers)
  const fail = (answer: Answer, problem = failureOf(answer, token)): ImdsOutcome => ({
    ok: false,
    problem,
    exchanges,
    ...(answer.exchange.status === undefined ? {} : { status: answer.exchange.status })
  })
  if (!ok(roles)) return fail(roles)
  const role = roles.body.trim()
  const answer = await ask('GET', `${ROLE_PATH}${role}`, headers)
  if (!ok(answer)) return fail(answer)
  const parsed = credentialsOf(answer.body)
  if (parsed === undefined) return fail(answer, 'bad-answer')
  if (hasExpired(parsed.expiration, now)) return fail(answer, 'expired')
  return {
    ok: true,
    credentials: parsed.credentials,
    exchanges,
    ...(token.kind === 'fallback' ? { v1Fallback: token.why } : {})
  }
}

/** An `Expiration` that has passed; one that does not parse is left to STS to judge. */
function hasExpired(expiration: string, now: () => number): boolean {
  const expiresAt = Date.parse(expiration)
  return !Number.isNaN(expiresAt) && expiresAt <= now()
}

/** One line per request: what was asked, what answered, in how long. */
export function describeExchange(exchange: ImdsExchange): string {
  const answer =
    exchange.outcome === 'answered'
      ? `HTTP ${exchange.status ?? '?'}`
      : exchange.outcome === 'timeout'
        ? 'no answer in time'
        : 'no connection'
  return `${exchange.asked}: ${answer} after ${exchange.elapsedMs} ms`
}
