/**
 * The claims of a web identity token worth showing. Claims are not secret (GitHub documents
 * them, and STS logs `sub` in CloudTrail); the token is, and never leaves this module's caller.
 */
import { audiences, dateClaim, type DecodedJwt } from '../jwt.js'

/** The claims the summary shows, in this order. */
export const SHOWN_CLAIMS = [
  'sub',
  'aud',
  'iss',
  'repository',
  'ref',
  'environment',
  'event_name',
  'job_workflow_ref',
  'workflow_ref',
  'repository_owner',
  'repository_id',
  'repository_owner_id',
  'actor',
  'runner_environment'
] as const

export interface TokenClaims {
  /** Shown claims as text (`aud` joined with commas), only those present. */
  readonly shown: Readonly<Record<string, string>>
  readonly sub?: string
  readonly audiences: readonly string[]
  readonly issuer?: string
  readonly expiresAt?: Date
  readonly issuedAt?: Date
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    const items = value.filter(
      (item): item is string | number => typeof item === 'string' || typeof item === 'number'
    )
    return items.length === 0 ? undefined : items.map(String).join(', ')
  }
  return undefined
}

function shownClaims(jwt: DecodedJwt): Record<string, string> {
  const shown: Record<string, string> = {}
  for (const name of SHOWN_CLAIMS) {
    const value = asText(jwt.claims[name])
    if (value !== undefined && value !== '') shown[name] = value
  }
  return shown
}

function identityClaims(jwt: DecodedJwt): Pick<TokenClaims, 'sub' | 'issuer'> {
  const sub = typeof jwt.claims.sub === 'string' ? jwt.claims.sub : undefined
  const issuer = typeof jwt.claims.iss === 'string' ? jwt.claims.iss : undefined
  return {
    ...(sub === undefined ? {} : { sub }),
    ...(issuer === undefined ? {} : { issuer })
  }
}

export function claimsOf(jwt: DecodedJwt): TokenClaims {
  const shown = shownClaims(jwt)
  const expiresAt = dateClaim(jwt, 'exp')
  const issuedAt = dateClaim(jwt, 'iat')
  if (expiresAt !== undefined) shown.exp = expiresAt.toISOString()
  return {
    shown,
    audiences: audiences(jwt),
    ...identityClaims(jwt),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(issuedAt === undefined ? {} : { issuedAt })
  }
}

/** The issuer's host, as IAM names OIDC providers and condition keys (`token.actions.githubusercontent.com`). */
export function issuerHost(issuer: string | undefined): string | undefined {
  if (issuer === undefined) return undefined
  return issuer.replace(/^https:\/\//u, '').replace(/\/+$/u, '')
}

/** github.com's issuer host: the one most policies (and examples) are written for. */
export const GITHUB_ISSUER_HOST = 'token.actions.githubusercontent.com'
