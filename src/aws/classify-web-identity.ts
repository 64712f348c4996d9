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

export function webIdentityFailureKind(failure: AwsFailure): WebIdentityFailureKind {
  if (failure.kind !== 'service') return 'transport'
  switch (wireCode(failure)) {
    case 'AccessDenied':
    case 'AccessDeniedException':
      return 'trust-policy'
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return 'expired'
    case 'RegionDisabledException':
      return 'region'
    case 'ValidationError':
    case 'MalformedPolicyDocument':
    case 'PackedPolicyTooLarge':
    case 'IDPRejectedClaim':
      return 'request-invalid'
    case 'InvalidIdentityToken': {
      const message = failure.message
      if (/No OpenIDConnect provider found/iu.test(message)) return 'provider-missing'
      if (/Incorrect token audience/iu.test(message)) return 'audience'
      if (/thumbprint/iu.test(message)) return 'provider-thumbprint'
      return 'token-invalid'
    }
  }
  return 'transport'
}
