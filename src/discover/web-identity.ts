/**
 * Web identity: `AWS_ROLE_ARN` with `AWS_WEB_IDENTITY_TOKEN_FILE` (or a profile's `role_arn`
 * with `web_identity_token_file`). The token file is judged here, offline: present, readable,
 * a JWT, not expired. The token itself is a secret; only its claims are kept for display.
 */
import { audiences, dateClaim, decodeJwt, stringClaim, type DecodedJwt } from '../jwt.js'
import type { CredentialSource, Origin, TokenFileStatus } from '../model.js'
import type { Environment } from '../settings.js'
import type { ReadFile } from './files.js'

export const WEB_IDENTITY_ENV = {
  roleArn: 'AWS_ROLE_ARN',
  tokenFile: 'AWS_WEB_IDENTITY_TOKEN_FILE',
  sessionName: 'AWS_ROLE_SESSION_NAME'
} as const

export const WEB_IDENTITY_LABEL = `web identity ${WEB_IDENTITY_ENV.tokenFile} / ${WEB_IDENTITY_ENV.roleArn}`

export interface TokenInspection {
  readonly status: TokenFileStatus
  /** Everything in the file that may be a token, for masking. */
  readonly secrets: readonly string[]
}

const MAX_TOKEN_CHARS = 64 * 1024

/** Compact JWTs inside a text (a file holding `{"value": "<JWT>"}` still holds a secret). */
const JWT_SHAPE = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/gu

function describeAge(milliseconds: number): string {
  const minutes = Math.round(milliseconds / 60000)
  if (minutes < 2) return `${Math.max(1, Math.round(milliseconds / 1000))} seconds`
  if (minutes < 120) return `${minutes} minutes`
  return `${Math.round(minutes / 60)} hours`
}

/** Why a file that is not a bare JWT is not one: the usual mistakes, named. */
function notJwtDetail(text: string): string {
  const trimmed = text.trim()
  if (/^HTTP\/\d/u.test(trimmed)) return 'it holds an HTTP response with headers, not the JWT alone'
  if (trimmed.startsWith('{') && /"value"\s*:/u.test(trimmed))
    return 'it holds the JSON answer of the token service ({"value": …}), not the JWT alone'
  if (trimmed.startsWith('{')) return 'it holds JSON, not a JWT'
  const parts = trimmed.split('.').length
  return parts === 3
    ? 'its three dot-separated parts are not base64url-encoded JSON'
    : `it has ${parts} dot-separated part${parts === 1 ? '' : 's'} where a JWT has three`
}

/**
 * What to mask. Tokens are a few kilobytes; a larger file is masked by the JWTs in it, not as a
 * whole (every mask is searched for in every line the action writes).
 */
function secretsOf(text: string): string[] {
  return [
    ...(text.length <= MAX_TOKEN_CHARS ? [text.trim()] : []),
    ...(text.match(JWT_SHAPE) ?? []).filter(jwt => jwt.length <= MAX_TOKEN_CHARS).slice(0, 20)
  ].filter(value => value !== '')
}

/** The claims shown for a token: issuer, subject and audiences (`exp` is added by the caller). */
function shownClaims(jwt: DecodedJwt): Record<string, string> {
  const claims: Record<string, string> = {}
  for (const name of ['iss', 'sub']) {
    const value = stringClaim(jwt, name)
    if (value !== undefined) claims[name] = value
  }
  const audience = audiences(jwt)
  if (audience.length > 0) claims.aud = audience.join(', ')
  return claims
}

export function inspectTokenFile(
  path: string,
  origin: Origin,
  readFile: ReadFile,
  now: Date
): TokenInspection {
  const base = { path, origin }
  const read = readFile(path)
  if (read.state === 'missing') return { status: { ...base, state: 'missing' }, secrets: [] }
  if (read.state !== 'read') {
    return {
      status: {
        ...base,
        state: 'unreadable',
        detail: read.detail === undefined ? read.state : `${read.state}: ${read.detail}`
      },
      secrets: []
    }
  }
  const text = read.text
  const secrets = secretsOf(text)
  if (text.trim() === '') return { status: { ...base, state: 'empty' }, secrets }
  const jwt = decodeJwt(text)
  if (jwt === undefined)
    return { status: { ...base, state: 'not-jwt', detail: notJwtDetail(text) }, secrets }
  const claims = shownClaims(jwt)
  const expires = dateClaim(jwt, 'exp')
  if (expires !== undefined && !Number.isNaN(expires.getTime())) {
    const expiresAt = expires.toISOString()
    claims.exp = expiresAt
    if (expires.getTime() <= now.getTime()) {
      return {
        status: {
          ...base,
          state: 'expired',
          detail: `it expired ${describeAge(now.getTime() - expires.getTime())} ago`,
          claims,
          expiresAt
        },
        secrets
      }
    }
    return { status: { ...base, state: 'valid', claims, expiresAt }, secrets }
  }
  return { status: { ...base, state: 'valid', claims }, secrets }
}

function nonEmpty(env: Environment, name: string): string | undefined {
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

/**
 * The JS SDK's fromTokenFile needs both variables; with one of them it passes on silently,
 * which is worth showing as a skipped source.
 */
export function webIdentitySource(
  env: Environment,
  readFile: ReadFile,
  now: Date
): { source?: CredentialSource; secrets: readonly string[] } {
  const roleArn = nonEmpty(env, WEB_IDENTITY_ENV.roleArn)
  const tokenFile = nonEmpty(env, WEB_IDENTITY_ENV.tokenFile)
  if (roleArn === undefined && tokenFile === undefined) return { secrets: [] }
  const sessionName = nonEmpty(env, WEB_IDENTITY_ENV.sessionName)
  const details: Record<string, string> = {
    ...(roleArn === undefined ? {} : { roleArn }),
    ...(tokenFile === undefined ? {} : { tokenFile }),
    ...(sessionName === undefined ? {} : { roleSessionName: sessionName })
  }
  if (roleArn === undefined || tokenFile === undefined) {
    const missing = roleArn === undefined ? WEB_IDENTITY_ENV.roleArn : WEB_IDENTITY_ENV.tokenFile
    return {
      source: {
        kind: 'web-identity',
        label: WEB_IDENTITY_LABEL,
        details,
        skipped: `${missing} is not set: the SDKs need both ${WEB_IDENTITY_ENV.roleArn} and ${WEB_IDENTITY_ENV.tokenFile}`
      },
      secrets: []
    }
  }
  const inspection = inspectTokenFile(
    tokenFile,
    { kind: 'env', name: WEB_IDENTITY_ENV.tokenFile },
    readFile,
    now
  )
  return {
    source: {
      kind: 'web-identity',
      label: WEB_IDENTITY_LABEL,
      details,
      tokenFile: inspection.status
    },
    secrets: inspection.secrets
  }
}
