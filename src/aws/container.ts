/**
 * Asks the container credentials endpoint (ECS task role, CodeBuild, EKS Pod Identity) the way
 * the JS SDK's `fromHttp` does (@aws-sdk/credential-provider-http, read in node_modules): the
 * URL from `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` under 169.254.170.2, else
 * `AWS_CONTAINER_CREDENTIALS_FULL_URI`; an `http:` full URI only to loopback (127.0.0.0/8,
 * `localhost`, `[::1]`), 169.254.170.2, 169.254.170.23 or `[fd00:ec2::23]`, `https:` anywhere;
 * the `Authorization` header from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`, else from
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN`, refused where it holds CR LF; `GET`, 1 s per request.
 *
 * The SDK tries 1 + 3 times, 1 s apart, whatever failed. Here an attempt is repeated only where
 * nothing answered (a status or a body is the same the next time), and never beyond the
 * deadline. The token file is opened the way discovery opens files (never blocking on a FIFO).
 * Credentials are returned, never put into the outcome's text, nor is the token.
 */
import type { ContainerEndpoint } from '../model.js'
import { readFileFromDisk } from '../discover/files.js'
import { sleep, type Deadline } from './deadline.js'
import { credentialsOf, send, type Answer, type ImdsExchange } from './imds.js'
import type { AwsCredentials } from './sts.js'

/** `fromHttp`'s default `timeout`, per request and between attempts. */
export const CONTAINER_TIMEOUT_MS = 1000
/** `fromHttp`'s default `maxRetries`. */
export const CONTAINER_RETRIES = 3

const LINK_LOCAL_HOSTS = new Set(['169.254.170.2', '169.254.170.23', '[fd00:ec2::23]'])
const LOOPBACK_V6 = new Set(['[::1]', '[0000:0000:0000:0000:0000:0000:0000:0001]'])

/** One request and what came of it, shaped as IMDS's (described by `describeExchange`). */
export type ContainerExchange = ImdsExchange

export type ContainerProblem =
  | 'not-a-url'
  | 'host-refused'
  | 'token-file'
  | 'token-invalid'
  | 'unauthorized'
  | 'not-found'
  | 'error-status'
  | 'unreachable'
  | 'timeout'
  | 'bad-answer'
  | 'expired'

export type ContainerOutcome =
  | {
      readonly ok: true
      readonly credentials: AwsCredentials
      readonly exchanges: readonly ContainerExchange[]
      /**
       * Where the request with the token file failed and the JS SDK's fallback provider got
       * the credentials: what went wrong with the file's request.
       */
      readonly fallback?: Extract<ContainerOutcome, { ok: false }>
    }
  | {
      readonly ok: false
      readonly problem: ContainerProblem
      readonly exchanges: readonly ContainerExchange[]
      readonly status?: number
      /** Why the token file could not be read (missing, not a regular file, …). */
      readonly detail?: string
    }

/** `checkUrl` of @aws-sdk/credential-provider-http: whether the SDK would send the request. */
export function hostAllowed(url: URL): boolean {
  if (url.protocol === 'https:') return true
  if (LINK_LOCAL_HOSTS.has(url.hostname)) return true
  if (url.hostname.includes('[')) return LOOPBACK_V6.has(url.hostname)
  if (url.hostname === 'localhost') return true
  const parts = url.hostname.split('.')
  const inRange = (part: string | undefined): boolean => {
    const value = Number.parseInt(part ?? '', 10)
    return value >= 0 && value <= 255
  }
  return parts.length === 4 && parts[0] === '127' && parts.slice(1).every(inRange)
}

/** A URL without user information or query, which could carry credentials of their own. */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`
}

type Header = { readonly ok: true; readonly value?: string } | ContainerFailure

type ContainerFailure = Extract<ContainerOutcome, { ok: false }>

function authorizationOf(endpoint: ContainerEndpoint): Header {
  const authorization = endpoint.authorization
  if (authorization === undefined) return { ok: true }
  let value: string
  if (authorization.kind === 'file') {
    const read = readFileFromDisk(authorization.path)
    if (read.state !== 'read')
      return {
        ok: false,
        problem: 'token-file',
        exchanges: [],
        detail: read.state === 'missing' ? 'missing' : (read.detail ?? read.state)
      }
    value = read.text
  } else value = authorization.token
  // The SDK's validateToken; Node itself refuses other control characters in a header.
  if (value.includes('\r\n') || /[^\t\x20-\x7e\x80-\xff]/u.test(value))
    return { ok: false, problem: 'token-invalid', exchanges: [] }
  return { ok: true, value }
}

function statusProblem(status: number): ContainerProblem {
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 404) return 'not-found'
  return 'error-status'
}

/** Asks until something answers, as the SDK's retries would, within the deadline. */
async function ask(
  url: URL,
  authorization: string | undefined,
  deadline: Deadline,
  exchanges: ContainerExchange[]
): Promise<Answer> {
  const headers: Record<string, string> =
    authorization === undefined ? {} : { Authorization: authorization }
  // The path with its query, as the SDK sends it; shown without the query.
  const path = `${url.pathname}${url.search}`
  const options = { timeoutMs: CONTAINER_TIMEOUT_MS, asked: `GET ${displayUrl(url)}` }
  let answer = await send(url, 'GET', path, headers, deadline, options)
  exchanges.push(answer.exchange)
  for (let retry = 0; retry < CONTAINER_RETRIES; retry += 1) {
    if (answer.exchange.outcome === 'answered') break
    if (deadline.remaining() <= CONTAINER_TIMEOUT_MS) break
    await sleep(CONTAINER_TIMEOUT_MS)
    answer = await send(url, 'GET', path, headers, deadline, options)
    exchanges.push(answer.exchange)
  }
  return answer
}

/** The full URI hosts `fromContainerMetadata` asks (@smithy/credential-provider-imds `GREENGRASS_HOSTS`). */
const FALLBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1'])

/**
 * Whether the JS SDK's chain asks again after `fromHttp` failed: it then runs
 * `fromContainerMetadata`, which asks the relative URI, or a full URI on `localhost` or
 * `127.0.0.1`, once (no retry, 1 s), sending only `AWS_CONTAINER_AUTHORIZATION_TOKEN`. Only
 * where the token file was sent does that ask anything new (measured with the real chain:
 * __tests__/differential/container-hosts.test.ts).
 */
function fallbackAsks(endpoint: ContainerEndpoint, url: URL): boolean {
  if (endpoint.authorization?.kind !== 'file') return false
  return (
    endpoint.variable === 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' ||
    FALLBACK_HOSTS.has(url.hostname)
  )
}

/** The fallback provider's one request; its credentials where it got some, else the failure. */
async function viaFallback(
  failure: ContainerFailure,
  endpoint: ContainerEndpoint,
  url: URL,
  deadline: Deadline
): Promise<ContainerOutcome> {
  const headers: Record<string, string> =
    endpoint.fallbackToken === undefined ? {} : { Authorization: endpoint.fallbackToken }
  const options = {
    timeoutMs: CONTAINER_TIMEOUT_MS,
    asked: `GET ${displayUrl(url)} (the JS SDK's fallback provider)`
  }
  const answer = await send(url, 'GET', `${url.pathname}${url.search}`, headers, deadline, options)
  const exchanges = [...failure.exchanges, answer.exchange]
  const parsed = answer.exchange.status === 200 ? credentialsOf(answer.body) : undefined
  return parsed === undefined
    ? { ...failure, exchanges }
    : { ok: true, credentials: parsed.credentials, exchanges, fallback: failure }
}

export async function fromContainerEndpoint(
  endpoint: ContainerEndpoint,
  deadline: Deadline,
  now: () => number = Date.now
): Promise<ContainerOutcome> {
  const url = urlOf(endpoint.url)
  if (url === undefined) return { ok: false, problem: 'not-a-url', exchanges: [] }
  if (!hostAllowed(url)) return { ok: false, problem: 'host-refused', exchanges: [] }
  const outcome = await askWithHeader(endpoint, url, deadline, now)
  // Expired credentials are no failure to `fromHttp`: it hands them on, and asks nothing more.
  return outcome.ok ||
    outcome.problem === 'expired' ||
    !fallbackAsks(endpoint, url) ||
    deadline.remaining() <= 0
    ? outcome
    : viaFallback(outcome, endpoint, url, deadline)
}

/** What `fromHttp` gets: the header it would send, then the answer to it. */
async function askWithHeader(
  endpoint: ContainerEndpoint,
  url: URL,
  deadline: Deadline,
  now: () => number
): Promise<ContainerOutcome> {
  const header = authorizationOf(endpoint)
  if (!header.ok) return header
  const exchanges: ContainerExchange[] = []
  const answer = await ask(url, header.value, deadline, exchanges)
  const { status, outcome } = answer.exchange
  if (outcome !== 'answered' || status === undefined)
    return { ok: false, problem: outcome === 'timeout' ? 'timeout' : 'unreachable', exchanges }
  if (status !== 200) return { ok: false, problem: statusProblem(status), exchanges, status }
  return judgeAnswer(answer.body, exchanges, status, now)
}

/** The endpoint's 200 answer: credentials in the documented JSON, not yet expired. */
function judgeAnswer(
  body: string,
  exchanges: ContainerExchange[],
  status: number,
  now: () => number
): ContainerOutcome {
  const parsed = credentialsOf(body)
  if (parsed === undefined) return { ok: false, problem: 'bad-answer', exchanges, status }
  const expiresAt = Date.parse(parsed.expiration)
  if (!Number.isNaN(expiresAt) && expiresAt <= now())
    return { ok: false, problem: 'expired', exchanges, status }
  return { ok: true, credentials: parsed.credentials, exchanges }
}

function urlOf(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}
