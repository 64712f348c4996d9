/**
 * What an AssumeRoleWithWebIdentity failure means. Decided by error code first; STS uses the
 * single code `InvalidIdentityToken` for several causes (no provider, wrong audience, an issuer
 * it cannot verify), so for that code alone the documented message texts (oidc-facts §1) tell
 * the causes apart, and an unknown text falls back to "the token was not accepted".
 */
import type { AwsFailure } from './sts.js'

export type WebIdentityFailureKind =
  /** AccessDenied: the trust policy does not accept the token (or the role is not there). */
  | 'trust-policy'
  /** No IAM OIDC provider for the token's issuer in the role's account. */
  | 'provider-missing'
  /** The provider's certificate does not match its configured thumbprint. */
  | 'provider-thumbprint'
  /** The token's audience is not among the provider's client IDs. */
  | 'audience'
  /** STS judged the token expired. */
  | 'expired'
  /** STS could not validate the token (signature, verification keys, claims). */
  | 'token-invalid'
  /** The request itself: role ARN, session name, duration, session policy. */
  | 'request-invalid'
  /** STS is not enabled in this region for the account. */
  | 'region'
  /** Timeouts, network, throttling, server errors: classified as for any STS call. */
  | 'transport'

/**
 * The SDK names modelled errors after their classes (`InvalidIdentityTokenException`); STS's
 * answer, its documentation and every report people search for use the wire code
 * (`InvalidIdentityToken`). Codes whose wire form ends in `Exception` keep it.
 */
const WIRE_CODES: Readonly<Record<string, string>> = {
  InvalidIdentityTokenException: 'InvalidIdentityToken',
  IDPRejectedClaimException: 'IDPRejectedClaim',
  IDPCommunicationErrorException: 'IDPCommunicationError',
  MalformedPolicyDocumentException: 'MalformedPolicyDocument',
  PackedPolicyTooLargeException: 'PackedPolicyTooLarge'
}

export function wireCode(failure: Pick<AwsFailure, 'code'>): string {
  return WIRE_CODES[failure.code] ?? failure.code
}

/** The kind each wire code means; `InvalidIdentityToken` is told apart by its message. */
const KIND_OF_CODE: Readonly<Record<string, WebIdentityFailureKind>> = {
  AccessDenied: 'trust-policy',
  AccessDeniedException: 'trust-policy',
  ExpiredTokenException: 'expired',
  ExpiredToken: 'expired',
  RegionDisabledException: 'region',
  ValidationError: 'request-invalid',
  MalformedPolicyDocument: 'request-invalid',
  PackedPolicyTooLarge: 'request-invalid',
  IDPRejectedClaim: 'request-invalid'
}

function invalidTokenKind(message: string): WebIdentityFailureKind {
  if (/No OpenIDConnect provider found/iu.test(message)) return 'provider-missing'
  if (/Incorrect token audience/iu.test(message)) return 'audience'
  if (/thumbprint/iu.test(message)) return 'provider-thumbprint'
  return 'token-invalid'
}

export function webIdentityFailureKind(failure: AwsFailure): WebIdentityFailureKind {
  if (failure.kind !== 'service') return 'transport'
  const code = wireCode(failure)
  if (code === 'InvalidIdentityToken') return invalidTokenKind(failure.message)
  return Object.hasOwn(KIND_OF_CODE, code) ? (KIND_OF_CODE[code] ?? 'transport') : 'transport'
}
