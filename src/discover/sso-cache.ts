/**
 * The SSO token cache as the JS SDK reads it, judged offline. `getSSOTokenFilepath` in
 * `@smithy/core/config` (shared-ini-file-loader) names the file
 * `~/.aws/sso/cache/<sha1 hex of id>.json`, where the id is the `sso_session` name for a
 * profile with `sso_session` (`@aws-sdk/token-providers` fromSso) and the `sso_start_url` for a
 * legacy profile (`@aws-sdk/credential-provider-sso` resolveSSOCredentials). The tokens in the
 * file are secrets: they are returned for masking and never kept in the status.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { SsoTokenStatus } from '../model.js'
import type { ReadFile } from './files.js'
import { displayPath } from './shared-files.js'

export interface SsoProfileKeys {
  readonly ssoSession?: string
  /** Whether the named `[sso-session X]` section exists in the config file. */
  readonly sessionDefined: boolean
  readonly ssoStartUrl?: string
  readonly ssoRegion?: string
  readonly ssoAccountId?: string
  readonly ssoRoleName?: string
}

export interface SsoInspection {
  readonly status: SsoTokenStatus
  readonly secrets: readonly string[]
}

/** The keys `validateSsoProfile` requires (after an sso-session's start URL and region are merged in). */
export function missingSsoKeys(keys: SsoProfileKeys): string[] {
  const missing: string[] = []
  if (keys.ssoSession !== undefined && !keys.sessionDefined)
    missing.push(`[sso-session ${keys.ssoSession}]`)
  const required: readonly [keyof SsoProfileKeys, string][] = [
    ['ssoStartUrl', 'sso_start_url'],
    ['ssoAccountId', 'sso_account_id'],
    ['ssoRegion', 'sso_region'],
    ['ssoRoleName', 'sso_role_name']
  ]
  for (const [field, key] of required) {
    const value = keys[field]
    if (typeof value !== 'string' || value === '') missing.push(key)
  }
  return missing
}

export function ssoCachePath(home: string, id: string): string {
  const name = createHash('sha1').update(id).digest('hex')
  return join(home, '.aws', 'sso', 'cache', `${name}.json`)
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

interface CachedToken {
  readonly accessToken?: string
  readonly refreshToken?: string
  readonly expiresAt?: string
}

function parseToken(text: string): CachedToken | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
  const record = parsed as Record<string, unknown>
  const token: { accessToken?: string; refreshToken?: string; expiresAt?: string } = {}
  const accessToken = stringField(record, 'accessToken')
  const refreshToken = stringField(record, 'refreshToken')
  const expiresAt = stringField(record, 'expiresAt')
  if (accessToken !== undefined) token.accessToken = accessToken
  if (refreshToken !== undefined) token.refreshToken = refreshToken
  if (expiresAt !== undefined) token.expiresAt = expiresAt
  return token
}

/** What the cache holds for this profile; `readFile` refuses FIFOs and devices before reading. */
export function inspectSsoCache(
  keys: SsoProfileKeys,
  home: string,
  readFile: ReadFile,
  now: Date
): SsoInspection {
  const missingKeys = missingSsoKeys(keys)
  const id = keys.ssoSession ?? keys.ssoStartUrl
  if (id === undefined || missingKeys.length > 0)
    return { status: { state: 'incomplete', missingKeys }, secrets: [] }
  const path = ssoCachePath(home, id)
  const base = { cacheFile: displayPath(path, home), missingKeys }
  const read = readFile(path)
  if (read.state === 'missing') return { status: { ...base, state: 'no-token' }, secrets: [] }
  if (read.state !== 'read')
    return {
      status: { ...base, state: 'unreadable', detail: read.detail ?? read.state },
      secrets: []
    }
  const token = parseToken(read.text)
  const secrets = [token?.accessToken, token?.refreshToken].filter(
    (value): value is string => value !== undefined
  )
  if (token?.accessToken === undefined || token.expiresAt === undefined)
    return { status: { ...base, state: 'invalid' }, secrets }
  const expires = Date.parse(token.expiresAt)
  if (Number.isNaN(expires)) return { status: { ...base, state: 'invalid' }, secrets }
  const refreshable = token.refreshToken !== undefined
  const state = expires - now.getTime() <= 0 ? 'expired' : 'valid'
  return {
    status: { ...base, state, expiresAt: new Date(expires).toISOString(), refreshable },
    secrets
  }
}
