/**
 * Every outcome of GetCallerIdentity turned into its finding, by code, status and measured
 * facts; the likely causes ranked from what discovery knew.
 */
import { describe, expect, test } from '@jest/globals'
import {
  classifyStsFailure,
  skewWarning,
  type ClassifyContext,
  type RegionProbe
} from '../../src/aws/classify.js'
import { overrideUnreachable } from '../../src/aws/endpoint-override.js'
import type { AwsFailure } from '../../src/aws/sts.js'
import { facts, KEY_ID } from './fixtures.js'

const ENDPOINT = 'https://sts.us-east-1.amazonaws.com'

function failure(code: string, overrides: Partial<AwsFailure> = {}): AwsFailure {
  return {
    code,
    message: 'ignored: classification reads no message but the region scope one',
    httpStatus: 403,
    kind: 'service',
    requestId: 'c0ffee00-0000-4000-8000-000000000001',
    attempts: 1,
    ...overrides
  }
}

function context(overrides: Partial<ClassifyContext> = {}): ClassifyContext {
  return {
    endpoint: ENDPOINT,
    region: 'us-east-1',
    source: 'environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
    timeoutSeconds: 10,
    facts: facts(),
    ...overrides
  }
}

/** The numbered causes of a message, in order. */
function causesOf(message: string): string[] {
  return message
    .split('\n')
    .filter(line => /^\d+\. /u.test(line))
    .map(line => line.replace(/^\d+\. /u, ''))
}

describe('authentication answers', () => {
  test('InvalidClientTokenId names the key, the endpoint, the request ID and ranked causes', () => {
    const item = classifyStsFailure(failure('InvalidClientTokenId'), context())
    expect(item.id).toBe('invalid-client-token-id')
    expect(item.severity).toBe('error')
    expect(item.message).toContain(`${KEY_ID.slice(0, 4)}…${KEY_ID.slice(-4)}`)
    expect(item.message).toContain('c0ffee00-0000-4000-8000-000000000001')
    expect(item.evidence).toEqual(expect.arrayContaining([`endpoint ${ENDPOINT}`]))
    expect(causesOf(item.message)[0]).toMatch(/deleted or deactivated/u)
    expect(item.message).not.toContain(KEY_ID)
  })

  test('a temporary key without a token puts the missing token first', () => {
    const item = classifyStsFailure(
      failure('InvalidClientTokenId'),
      context({ facts: facts({ keyPrefix: 'ASIA', hasSessionToken: false }) })
    )
    expect(causesOf(item.message)[0]).toMatch(/without its session token/u)
  })

  test('a long-term key with a leftover token puts the token first', () => {
    const item = classifyStsFailure(
      failure('InvalidClientTokenId'),
      context({ facts: facts({ keyPrefix: 'AKIA', hasSessionToken: true }) })
    )
    expect(causesOf(item.message)[0]).toMatch(/left over/u)
  })

  test('a key whose decoded account is not expected says so before the generic causes', () => {
    const item = classifyStsFailure(
      failure('InvalidClientTokenId'),
      context({
        facts: facts({ offlineAccountId: '999999999999', expectedAccountIds: ['111122223333'] })
      })
    )
    expect(causesOf(item.message)[0]).toMatch(/encodes account `999999999999`/u)
  })

  test('a China region with a failing key names the partition as the first cause', () => {
    const item = classifyStsFailure(
      failure('InvalidClientTokenId'),
      context({
        region: 'cn-north-1',
        endpoint: 'https://sts.cn-north-1.amazonaws.com.cn',
        facts: facts({ region: 'cn-north-1', partition: 'aws-cn' })
      })
    )
    expect(item.id).toBe('invalid-client-token-id')
    expect(causesOf(item.message)[0]).toMatch(/AWS China \(aws-cn\)/u)
  })

  test('an opt-in region whose key works in us-east-1 is region-not-enabled', () => {
    const probes: RegionProbe[] = [
      {
        region: 'us-east-1',
        partition: 'aws',
        endpoint: ENDPOINT,
        accepted: true,
        identity: {
          account: '111122223333',
          arn: 'arn:aws:iam::111122223333:user/ci',
          userId: 'AIDAEXAMPLE',
          principalType: 'iam-user'
        }
      }
    ]
    const item = classifyStsFailure(
      failure('InvalidClientTokenId'),
      context({
        region: 'ap-east-1',
        endpoint: 'https://sts.ap-east-1.amazonaws.com',
        facts: facts({ region: 'ap-east-1', optInRegion: true }),
        probes
      })
    )
    expect(item.id).toBe('region-not-enabled')
    expect(item.title).toContain('ap-east-1')
    expect(causesOf(item.message)[0]).toMatch(/opt-in region/u)
    expect(item.evidence?.join('\n')).toContain('signed for us-east-1')
  })

  test('a key accepted only by another partition is named as that partition’s key', () => {
    const item = classifyStsFailure(
      failure('InvalidClientTokenId'),
      context({
        probes: [
          {
            region: 'cn-north-1',
            partition: 'aws-cn',
            endpoint: 'https://sts.cn-north-1.amazonaws.com.cn',
            accepted: true
          },
          {
            region: 'us-gov-west-1',
            partition: 'aws-us-gov',
            endpoint: 'https://sts.us-gov-west-1.amazonaws.com',
            accepted: false,
            code: 'InvalidClientTokenId'
          }
        ]
      })
    )
    expect(item.id).toBe('invalid-client-token-id')
    expect(item.title).toContain('AWS China (aws-cn)')
    expect(item.remediation).toContain('cn-north-1')
  })

  test('SignatureDoesNotMatch within the clock window is signature-mismatch', () => {
    const item = classifyStsFailure(
      failure('SignatureDoesNotMatch'),
      context({ clockSkewMs: 60_000 })
    )
    expect(item.id).toBe('signature-mismatch')
    expect(causesOf(item.message)[0]).toMatch(/belongs to another key/u)
  })

  test('SignatureDoesNotMatch with the clock 20 minutes behind is a clock-skew error', () => {
    const item = classifyStsFailure(
      failure('SignatureDoesNotMatch'),
      context({ clockSkewMs: -20 * 60_000 })
    )
    expect(item.id).toBe('clock-skew')
    expect(item.severity).toBe('error')
    expect(item.message).toContain('20 minutes behind')
  })

  test('RequestExpired is about the request timestamp: a clock-skew error even when unmeasured', () => {
    const item = classifyStsFailure(failure('RequestExpired'), context())
    expect(item.id).toBe('clock-skew')
    expect(item.severity).toBe('error')
    expect(item.message).toContain('RequestExpired')
  })

  test('ExpiredToken is expired-token, blaming stored temporary credentials first', () => {
    const item = classifyStsFailure(
      failure('ExpiredToken'),
      context({ facts: facts({ keyPrefix: 'ASIA', hasSessionToken: true }) })
    )
    expect(item.id).toBe('expired-token')
    expect(causesOf(item.message)[0]).toMatch(/stored in environment/u)
  })

  test('an expired web identity token file is the first cause of ExpiredToken', () => {
    const item = classifyStsFailure(
      failure('ExpiredToken'),
      context({
        facts: facts({
          keyPrefix: 'ASIA',
          hasSessionToken: true,
          sourceKind: 'web-identity',
          tokenFile: {
            path: '/var/run/token',
            state: 'expired',
            expiresAt: '2024-01-01T00:00:00Z'
          }
        })
      })
    )
    expect(causesOf(item.message)[0]).toContain('/var/run/token')
  })

  test('RegionDisabledException is region-not-enabled', () => {
    const item = classifyStsFailure(failure('RegionDisabledException'), context())
    expect(item.id).toBe('region-not-enabled')
    expect(causesOf(item.message)[0]).toMatch(/deactivated/u)
  })
})

describe('answers that are not a verdict', () => {
  test('throttling after retries is sts-service-error with the attempt count', () => {
    const item = classifyStsFailure(
      failure('Throttling', { httpStatus: 400, attempts: 4 }),
      context()
    )
    expect(item.id).toBe('sts-service-error')
    expect(item.message).toContain('after 4 attempts')
    expect(item.remediation).toContain('throttling')
  })

  test('a 500 is sts-service-error pointing at AWS', () => {
    const item = classifyStsFailure(
      failure('InternalFailure', { httpStatus: 500, attempts: 3 }),
      context()
    )
    expect(item.id).toBe('sts-service-error')
    expect(causesOf(item.message)[0]).toMatch(/Health Dashboard/u)
  })

  test('an unreadable answer through an endpoint override blames the override', () => {
    const item = classifyStsFailure(
      failure('SyntaxError', { kind: 'unreadable', httpStatus: 200 }),
      context({
        endpoint: 'http://127.0.0.1:4566',
        facts: facts({
          endpoint: 'http://127.0.0.1:4566',
          endpointVariable: 'AWS_ENDPOINT_URL_STS'
        })
      })
    )
    expect(item.id).toBe('sts-service-error')
    expect(causesOf(item.message)[0]).toContain('AWS_ENDPOINT_URL_STS')
  })
})

describe('the network', () => {
  test.each([
    ['ENOTFOUND', /could not be resolved \(DNS\)/u],
    ['ECONNREFUSED', /connection was refused/u],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /TLS handshake failed/u]
  ])('%s is sts-unreachable saying which', (code, what) => {
    const item = classifyStsFailure(
      failure(code, { kind: 'network', httpStatus: undefined }),
      context()
    )
    expect(item.id).toBe('sts-unreachable')
    expect(item.message).toMatch(what)
    expect(item.message).toContain(ENDPOINT)
  })

  test('a mistyped region behind a DNS failure is the first cause', () => {
    const item = classifyStsFailure(
      failure('ENOTFOUND', { kind: 'network', httpStatus: undefined }),
      context({ region: 'us-east1', facts: facts({ region: 'us-east1' }) })
    )
    expect(causesOf(item.message)[0]).toMatch(/does not look like an AWS region/u)
  })

  test('a proxy that refuses the tunnel with 407 asks for proxy authentication', () => {
    const proxy = {
      url: new URL('http://proxy.internal:3128'),
      display: 'http://proxy.internal:3128',
      variable: 'HTTPS_PROXY'
    }
    const item = classifyStsFailure(
      failure('EPROXYCONNECT', {
        kind: 'network',
        httpStatus: undefined,
        proxyStage: 'tunnel',
        proxyStatus: 407
      }),
      context({ facts: facts({ proxy }) })
    )
    expect(item.id).toBe('sts-unreachable')
    expect(item.message).toContain('the proxy http://proxy.internal:3128 refused')
    expect(causesOf(item.message)[0]).toMatch(/requires authentication/u)
    expect(item.evidence?.join('\n')).toContain('through proxy http://proxy.internal:3128')
  })

  test('an unreachable proxy is named as the hop that failed', () => {
    const proxy = {
      url: new URL('http://127.0.0.1:9'),
      display: 'http://127.0.0.1:9',
      variable: 'HTTPS_PROXY'
    }
    const item = classifyStsFailure(
      failure('ECONNREFUSED', { kind: 'network', httpStatus: undefined, proxyStage: 'connect' }),
      context({ facts: facts({ proxy }) })
    )
    expect(item.message).toContain('the proxy http://127.0.0.1:9')
    expect(causesOf(item.message)[0]).toMatch(/could not be reached/u)
  })

  test('no answer in time is sts-timeout naming the budget', () => {
    const item = classifyStsFailure(
      failure('TimeoutError', { kind: 'timeout', httpStatus: undefined }),
      context({ timeoutSeconds: 2 })
    )
    expect(item.id).toBe('sts-timeout')
    expect(item.message).toContain('(2 s)')
  })
})

describe('an endpoint override with nothing behind it', () => {
  const override = {
    override: {
      url: 'http://127.0.0.1:4566',
      variable: 'AWS_ENDPOINT_URL',
      origin: { kind: 'env' as const, name: 'AWS_ENDPOINT_URL' }
    },
    where: 'environment variable `AWS_ENDPOINT_URL`',
    elapsedMs: 1234
  }

  test.each([
    ['ECONNREFUSED', 'the connection was refused: nothing listens there'],
    ['ENOTFOUND', 'its host name does not resolve (DNS)'],
    ['EAI_AGAIN', 'its host name does not resolve (DNS)']
  ])(
    '%s is endpoint-override-unreachable naming the variable, the URL and the time',
    (code, what) => {
      const item = classifyStsFailure(
        failure(code, { kind: 'network', httpStatus: undefined, attempts: 2 }),
        context({ override })
      )
      expect(item.id).toBe('endpoint-override-unreachable')
      expect(item.severity).toBe('error')
      expect(item.title).toBe(
        '`AWS_ENDPOINT_URL` sends STS requests to `http://127.0.0.1:4566`, where nothing answers'
      )
      expect(item.message).toContain(what)
      expect(item.message).toContain(`(\`${code}\`, 2 attempts, after 1.2 s)`)
      expect(item.remediation).toContain('Unset `AWS_ENDPOINT_URL`')
      expect(item.remediation).toContain('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true')
      expect(item.location?.origin).toEqual(override.override.origin)
    }
  )

  test.each([
    [
      'a timeout',
      failure('TimeoutError', { kind: 'timeout', httpStatus: undefined }),
      'sts-timeout'
    ],
    [
      'a reset',
      failure('ECONNRESET', { kind: 'network', httpStatus: undefined }),
      'sts-unreachable'
    ],
    [
      'a proxy that is not there',
      failure('ECONNREFUSED', { kind: 'network', httpStatus: undefined, proxyStage: 'connect' }),
      'sts-unreachable'
    ],
    ['an answer', failure('InvalidClientTokenId'), 'invalid-client-token-id']
  ])('%s at an override is what it was', (_what, given, id) => {
    expect(classifyStsFailure(given, context({ override })).id).toBe(id)
  })

  test('for IAM it is a notice that says the step does not fail', () => {
    const item = overrideUnreachable(
      failure('ECONNREFUSED', { kind: 'network', httpStatus: undefined, attempts: 1 }),
      { ...override, service: 'IAM' }
    )
    expect(item.id).toBe('endpoint-override-unreachable')
    expect(item.severity).toBe('notice')
    expect(item.title).toBe(
      '`AWS_ENDPOINT_URL` sends IAM requests to `http://127.0.0.1:4566`, where nothing answers'
    )
    expect(item.message).toContain('IAM was not called at its own endpoint')
    expect(item.message).toContain('this does not fail the step')
  })

  test('without an override, a refused connection stays sts-unreachable', () => {
    const item = classifyStsFailure(
      failure('ECONNREFUSED', { kind: 'network', httpStatus: undefined }),
      context()
    )
    expect(item.id).toBe('sts-unreachable')
  })
})

describe('clock skew on a successful answer', () => {
  test('over five minutes is a warning saying which way', () => {
    const [item] = skewWarning(7 * 60_000, ENDPOINT)
    expect(item?.id).toBe('clock-skew')
    expect(item?.severity).toBe('warning')
    expect(item?.message).toContain('7 minutes ahead of')
  })

  test('within five minutes is nothing', () => {
    expect(skewWarning(4 * 60_000, ENDPOINT)).toEqual([])
    expect(skewWarning(undefined, ENDPOINT)).toEqual([])
  })
})

describe("SignatureDoesNotMatch: 'Credential should be scoped to a valid region'", () => {
  // STS's own text (seen from sts.amazonaws.com and regional endpoints, with or without the
  // region quoted after it); a wrong secret gets "The request signature we calculated does not
  // match the signature you provided".
  const scoped = (message: string) => failure('SignatureDoesNotMatch', { message, httpStatus: 403 })

  test.each([
    'Credential should be scoped to a valid region. ',
    "Credential should be scoped to a valid region, not 'eu-west-1'. "
  ])('%s is a region problem, not the secret', message => {
    const item = classifyStsFailure(scoped(message), context({ region: 'eu-west-1' }))
    expect(item.id).toBe('region-invalid')
    expect(item.severity).toBe('error')
    expect(item.title).toBe('STS refused the region eu-west-1 the request was signed for')
    expect(item.message).toContain('The key and its secret are not the problem')
  })

  test('with an override, the override and the region are both named in the fix', () => {
    const item = classifyStsFailure(
      scoped('Credential should be scoped to a valid region. '),
      context({
        region: 'eu-west-1',
        override: {
          override: {
            url: 'https://sts.us-east-1.amazonaws.com',
            variable: 'AWS_ENDPOINT_URL_STS',
            origin: { kind: 'env', name: 'AWS_ENDPOINT_URL_STS' }
          },
          where: 'environment variable `AWS_ENDPOINT_URL_STS`'
        }
      })
    )
    expect(item.id).toBe('region-invalid')
    expect(item.message).toContain(
      'environment variable `AWS_ENDPOINT_URL_STS` sends the request to `https://sts.us-east-1.amazonaws.com`'
    )
    expect(item.remediation).toContain('`https://sts.eu-west-1.amazonaws.com`')
  })

  test('any other SignatureDoesNotMatch stays signature-mismatch', () => {
    const item = classifyStsFailure(
      scoped('The request signature we calculated does not match the signature you provided.'),
      context()
    )
    expect(item.id).toBe('signature-mismatch')
  })
})
