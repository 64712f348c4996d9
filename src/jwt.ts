/**
 * Reads a JWT's claims without verifying it: the action only shows claims and compares them
 * with policies; verifying signatures is STS's job. Never returns or logs the token itself.
 */

export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>
  readonly claims: Readonly<Record<string, unknown>>
}

function decodePart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/u.test(part)) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** The header and claims of a compact JWT, or undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.trim().split('.')
  if (parts.length !== 3 || parts[0] === undefined || parts[1] === undefined) return undefined
  const header = decodePart(parts[0])
  const claims = decodePart(parts[1])
  return header === undefined || claims === undefined ? undefined : { header, claims }
}

export function stringClaim(jwt: DecodedJwt, name: string): string | undefined {
  const value = jwt.claims[name]
  return typeof value === 'string' ? value : undefined
}

/** `aud` may be a string or an array of strings. */
export function audiences(jwt: DecodedJwt): string[] {
  const value = jwt.claims.aud
  if (typeof value === 'string') return [value]
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

/**
 * A numeric date claim (`exp`, `iat`, `nbf`) as a Date; undefined beyond the range a Date can
 * hold (a hostile `exp: 1e20` would otherwise make `toISOString()` throw wherever it is shown).
 */
export function dateClaim(jwt: DecodedJwt, name: string): Date | undefined {
  const value = jwt.claims[name]
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined
  const date = new Date(value * 1000)
  return Number.isNaN(date.getTime()) ? undefined : date
}
