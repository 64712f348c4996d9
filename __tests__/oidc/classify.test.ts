import { describe, expect, test } from '@jest/globals'
import { webIdentityFailureKind, wireCode } from '../../src/aws/classify-web-identity.js'
import type { AwsFailure } from '../../src/aws/sts.js'

function service(code: string, message = '', httpStatus = 400): AwsFailure {
  return { code, message, httpStatus, kind: 'service', attempts: 1 }
}

describe('AssumeRoleWithWebIdentity failures', () => {
  test.each([
    [
      service('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403),
      'trust-policy'
    ],
    [
      service(
        'InvalidIdentityTokenException',
        'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com'
      ),
      'provider-missing'
    ],
    [service('InvalidIdentityTokenException', 'Incorrect token audience'), 'audience'],
    [
      service(
        'InvalidIdentityTokenException',
        "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint"
      ),
      'provider-thumbprint'
    ],
    [
      service(
        'InvalidIdentityTokenException',
        "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"
      ),
      'token-invalid'
    ],
    [
      service(
        'ExpiredTokenException',
        'Token expired: current date/time 1731098245 must be before the expiration date/time 1731095240'
      ),
      'expired'
    ],
    [service('ValidationError', 'Request ARN is invalid'), 'request-invalid'],
    [service('MalformedPolicyDocumentException', 'x'), 'request-invalid'],
    [service('RegionDisabledException', 'STS is not activated in this region', 403), 'region'],
    [service('Throttling', 'Rate exceeded'), 'transport'],
    [
      { code: 'ECONNREFUSED', message: '', kind: 'network', attempts: 1 } as AwsFailure,
      'transport'
    ],
    [{ code: 'TimeoutError', message: '', kind: 'timeout', attempts: 1 } as AwsFailure, 'transport']
  ])('%# %o is %s', (failure, kind) => {
    expect(webIdentityFailureKind(failure)).toBe(kind)
  })

  test('the SDK class names are shown as STS wire codes', () => {
    expect(wireCode({ code: 'InvalidIdentityTokenException' })).toBe('InvalidIdentityToken')
    expect(wireCode({ code: 'ExpiredTokenException' })).toBe('ExpiredTokenException')
    expect(wireCode({ code: 'AccessDenied' })).toBe('AccessDenied')
  })
})
