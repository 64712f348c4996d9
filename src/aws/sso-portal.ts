/**
 * The SSO portal's refusal of `GetRoleCredentials`: the profile has a valid cached login, the
 * SDK sent its access token to `portal.sso.REGION.amazonaws.com/federation/credentials`, and the
 * portal said no. `@aws-sdk/credential-provider-sso` (resolveSSOCredentials) wraps the service
 * error in `new CredentialsProviderError(error)`, so all that is left of it is the message
 * `NAME: MESSAGE`, which the SDK's error class gives as `String(error)`. The names are the SSO
 * model's (botocore data/sso/2019-06-10: UnauthorizedException 401, ResourceNotFoundException
 * 404, TooManyRequestsException 429, InvalidRequestException 400) and the portal's unmodelled
 * ForbiddenException (403, "No access"). The message holds no token: the token is a header.
 * This file finds the refusal; its words are written in src/report/sso-portal.ts.
 */
import type { CredentialSource } from '../model.js'

export type PortalCode =
  | 'UnauthorizedException'
  | 'ForbiddenException'
  | 'ResourceNotFoundException'
  | 'TooManyRequestsException'
  | 'InvalidRequestException'

export interface PortalRefusal {
  readonly code: PortalCode
  /** The portal's own message ("Session token not found or invalid", "No access"). */
  readonly message: string
}

const CODES: ReadonlySet<string> = new Set<PortalCode>([
  'UnauthorizedException',
  'ForbiddenException',
  'ResourceNotFoundException',
  'TooManyRequestsException',
  'InvalidRequestException'
])

function isPortalCode(name: string): name is PortalCode {
  return CODES.has(name)
}

/** The portal's answer in a `CredentialsProviderError` message, or undefined for any other. */
export function portalRefusal(message: string): PortalRefusal | undefined {
  const match = /^(\w+): ([^\n]*)/u.exec(message)
  const name = match?.[1]
  if (name === undefined || !isPortalCode(name)) return undefined
  return { code: name, message: match?.[2] ?? '' }
}

/** The HTTP status the portal answers each code with. */
export const PORTAL_STATUS: Readonly<Record<PortalCode, number>> = {
  UnauthorizedException: 401,
  ForbiddenException: 403,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  InvalidRequestException: 400
}

/**
 * The SSO profile whose login the SDK sent: the source in use, or, where that is a role profile
 * whose `source_profile` chain starts from an SSO profile, the one in its chain (`partOf`).
 */
export function ssoSourceOf(
  selected: CredentialSource | undefined,
  sources: readonly CredentialSource[]
): CredentialSource | undefined {
  if (selected === undefined || selected.details.ssoRoleName !== undefined) return selected
  return (
    sources.find(
      source => source.partOf === selected.label && source.details.ssoRoleName !== undefined
    ) ?? selected
  )
}

/** What the portal was asked for, and by whom: the facts the finding and the check line state. */
export interface PortalAsk {
  /** The SSO profile whose login was sent, where one is known. */
  readonly sso?: CredentialSource
  /** The source in use, which may be a role profile whose chain starts from `sso`. */
  readonly selected?: CredentialSource
  readonly account?: string
  readonly role?: string
  readonly region?: string
}

/** Who asked the portal for which role, from the source in use and the sources discovered. */
export function portalAsk(
  selected: CredentialSource | undefined,
  sources: readonly CredentialSource[]
): PortalAsk {
  const sso = ssoSourceOf(selected, sources)
  const { ssoAccountId: account, ssoRoleName: role, ssoRegion: region } = sso?.details ?? {}
  return {
    ...(sso === undefined ? {} : { sso }),
    ...(selected === undefined ? {} : { selected }),
    ...(account === undefined ? {} : { account }),
    ...(role === undefined ? {} : { role }),
    ...(region === undefined ? {} : { region })
  }
}
