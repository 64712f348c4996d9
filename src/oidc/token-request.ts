/**
 * Requests this job's OIDC token from the runner's token service, the way @actions/core's
 * `getIDToken` does (`GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=…` with the request token as
 * a bearer), but bounded by the run's deadline and without core's own `::add-mask::`: the
 * caller hands the token to the publisher's masking before anything else happens. Like core's
 * HTTP client, it goes through `HTTPS_PROXY` (unless `NO_PROXY` says otherwise): Node's own
 * `fetch` ignores proxies, which on a self-hosted runner behind one is a false failure.
 */
import * as http from 'node:http'
import * as https from 'node:https'
import type { Deadline } from '../aws/deadline.js'
import { proxyAgents, type ProxyRoute } from '../aws/proxy.js'
import { sleep } from '../aws/deadline.js'
import { describeError, errorProperty } from '../errors.js'

export interface TokenRequest {
  readonly requestUrl: string
  readonly requestToken: string
  readonly audience: string
  /** The proxy the environment chooses for the token service's URL, if any. */
  readonly proxy?: ProxyRoute
}

interface HttpAnswer {
  readonly status: number
  readonly body: string
}

/** Answers larger than this are not a token response; reading stops there. */
const MAX_BODY_BYTES = 1024 * 1024

/** One GET, read to the end (bounded), aborted by `signal`. */
function get(
  url: string,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal,
  proxy: ProxyRoute | undefined
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const secure = target.protocol === 'https:'
    const agents = proxy === undefined ? undefined : proxyAgents(proxy)
    const agent = agents === undefined ? undefined : secure ? agents.httpsAgent : agents.httpAgent
    const send = secure ? https.request : http.request
    const request = send(
      target,
      { method: 'GET', headers, signal, ...(agent === undefined ? {} : { agent }) },
      response => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size <= MAX_BODY_BYTES) chunks.push(chunk)
        })
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8')
          })
        )
        response.on('error', reject)
      }
    )
    request.on('error', reject)
    request.end()
  })
}

export type TokenResponse =
  | { readonly ok: true; readonly token: string; readonly attempts: number }
  | {
      readonly ok: false
      readonly reason: 'http'
      readonly httpStatus: number
      /** What the service said (its JSON `message`, or the start of its body); never the token. */
      readonly detail: string
      readonly attempts: number
    }
  /** `detail`: the error's code or message, as Node.js gave it. */
  | {
      readonly ok: false
      readonly reason: 'network'
      readonly detail: string
      readonly attempts: number
    }
  /** A success without a token: no `value` field, or a `value` that is not a JWT. */
  | {
      readonly ok: false
      readonly reason: 'no-token'
      readonly httpStatus?: number
      readonly missing: 'value' | 'jwt'
      readonly attempts: number
    }
  | { readonly ok: false; readonly reason: 'timeout'; readonly attempts: number }

/** The URL already carries `?api-version=…`; the audience is appended like core does. */
export function tokenUrl(requestUrl: string, audience: string): string {
  const separator = requestUrl.includes('?') ? '&' : '?'
  return `${requestUrl}${separator}audience=${encodeURIComponent(audience)}`
}

/** The service's error text: its JSON `message` field where there is one, else the body's start. */
function errorDetail(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body)
    const message = errorProperty(parsed, 'message')
    if (message !== undefined && message !== '') return message.slice(0, 300)
  } catch {
    // Not JSON: the raw body is the best description there is.
  }
  const text = body.replace(/\s+/gu, ' ').trim()
  return text === '' ? '(empty body)' : text.slice(0, 300)
}

function tokenOf(body: string): string | undefined {
  try {
    const value = errorProperty(JSON.parse(body), 'value')
    return value === undefined || value === '' ? undefined : value
  } catch {
    return undefined
  }
}

/** The runner's HTTP client retries these; so do we, within the deadline. */
const RETRYABLE_STATUS = new Set([502, 503, 504])
const BACKOFF_MS = [200, 600, 1500]

/** A status the runner's client retries, with a pause left in the backoff and in the deadline. */
function isRetryable(status: number, attempts: number, deadline: Deadline): boolean {
  const pause = BACKOFF_MS[attempts - 1]
  return RETRYABLE_STATUS.has(status) && pause !== undefined && deadline.remaining() > pause + 500
}

function answerOf(response: { status: number; body: string }, attempts: number): TokenResponse {
  const body = response.body
  if (response.status >= 200 && response.status < 300) {
    const token = tokenOf(body)
    if (token !== undefined) return { ok: true, token, attempts }
    return {
      ok: false,
      reason: 'no-token',
      httpStatus: response.status,
      missing: 'value',
      attempts
    }
  }
  return {
    ok: false,
    reason: 'http',
    httpStatus: response.status,
    detail: errorDetail(body),
    attempts
  }
}

function failureOf(error: unknown, deadline: Deadline, attempts: number): TokenResponse {
  const name = errorProperty(error, 'name')
  if (name === 'TimeoutError' || name === 'AbortError' || deadline.expired()) {
    return { ok: false, reason: 'timeout', attempts }
  }
  return {
    ok: false,
    reason: 'network',
    detail: errorProperty(error, 'code') ?? errorProperty(error, 'message') ?? describeError(error),
    attempts
  }
}

export async function requestIdToken(
  request: TokenRequest,
  deadline: Deadline
): Promise<TokenResponse> {
  const url = tokenUrl(request.requestUrl, request.audience)
  let attempts = 0
  for (;;) {
    attempts += 1
    const controller = new AbortController()
    const abortOnDeadline = deadline.signal()
    abortOnDeadline.addEventListener('abort', () => controller.abort(), { once: true })
    try {
      const response = await deadline.race(
        get(
          url,
          { Authorization: `Bearer ${request.requestToken}`, Accept: 'application/json' },
          controller.signal,
          request.proxy
        ),
        'The OIDC token request'
      )
      if (isRetryable(response.status, attempts, deadline)) {
        await sleep(BACKOFF_MS[attempts - 1] ?? 0)
        continue
      }
      return answerOf(response, attempts)
    } catch (error: unknown) {
      return failureOf(error, deadline, attempts)
    } finally {
      controller.abort()
    }
  }
}
