/**
 * Requests this job's OIDC token from the runner's token service, the way @actions/core's
 * `getIDToken` does (`GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=…` with the request token as
 * a bearer), but bounded by the run's deadline and without core's own `::add-mask::`: the
 * caller hands the token to the publisher's masking before anything else happens.
 */
import type { Deadline } from '../aws/deadline.js'
import { sleep } from '../aws/deadline.js'
import { describeError, errorProperty } from '../errors.js'

export interface TokenRequest {
  readonly requestUrl: string
  readonly requestToken: string
  readonly audience: string
}

export type TokenResponse =
  | { readonly ok: true; readonly token: string; readonly attempts: number }
  | {
      readonly ok: false
      readonly reason: 'http' | 'no-token' | 'network' | 'timeout'
      readonly httpStatus?: number
      /** What the service said (its JSON `message`, or the start of its body); never the token. */
      readonly detail: string
      readonly attempts: number
    }

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
        fetch(url, {
          headers: {
            Authorization: `Bearer ${request.requestToken}`,
            Accept: 'application/json'
          },
          signal: controller.signal
        }),
        'The OIDC token request'
      )
      const body = await deadline.race(response.text(), 'Reading the OIDC token')
      if (response.ok) {
        const token = tokenOf(body)
        if (token !== undefined) return { ok: true, token, attempts }
        return {
          ok: false,
          reason: 'no-token',
          httpStatus: response.status,
          detail: 'the answer has no `value` field holding a token',
          attempts
        }
      }
      const pause = BACKOFF_MS[attempts - 1]
      if (
        RETRYABLE_STATUS.has(response.status) &&
        pause !== undefined &&
        deadline.remaining() > pause + 500
      ) {
        await sleep(pause)
        continue
      }
      return {
        ok: false,
        reason: 'http',
        httpStatus: response.status,
        detail: errorDetail(body),
        attempts
      }
    } catch (error: unknown) {
      const name = errorProperty(error, 'name')
      if (name === 'TimeoutError' || name === 'AbortError' || deadline.expired()) {
        return {
          ok: false,
          reason: 'timeout',
          detail: 'no answer within `timeout-seconds`',
          attempts
        }
      }
      // fetch wraps the socket error (ECONNREFUSED, ENOTFOUND, …) as its `cause`.
      const cause =
        typeof error === 'object' && error !== null
          ? (error as { cause?: unknown }).cause
          : undefined
      return {
        ok: false,
        reason: 'network',
        detail:
          errorProperty(cause, 'code') ??
          errorProperty(cause, 'message') ??
          errorProperty(error, 'message') ??
          describeError(error),
        attempts
      }
    } finally {
      controller.abort()
    }
  }
}
