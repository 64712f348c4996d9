/**
 * GetCallerIdentity behind its wrapper, with the SDK mocked at `client.send`: what is retried
 * (only what another attempt can cure), what is final at once, and how errors become failures.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import { Deadline } from '../../src/aws/deadline.js'
import {
  getCallerIdentity,
  isRetryable,
  principalTypeOf,
  toFailure,
  type AwsFailure
} from '../../src/aws/sts.js'
import { ACCOUNT, KEY_ID, networkError, SECRET, stsError } from './fixtures.js'

const sts = mockClient(STSClient)
const CONFIG = { region: 'us-east-1', endpoint: 'https://sts.test' }
const CREDENTIALS = { accessKeyId: KEY_ID, secretAccessKey: SECRET }
const IDENTITY = {
  Account: ACCOUNT,
  Arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
  UserId: 'AIDAEXAMPLEUSERID0001'
}

afterEach(() => {
  sts.reset()
})

describe('getCallerIdentity', () => {
  test('returns the identity with its principal type', async () => {
    sts.on(GetCallerIdentityCommand).resolves(IDENTITY)
    const outcome = await getCallerIdentity(CONFIG, CREDENTIALS, new Deadline(5000))
    expect(outcome.ok).toBe(true)
    if (outcome.ok) {
      expect(outcome.identity).toEqual({
        account: ACCOUNT,
        arn: IDENTITY.Arn,
        userId: IDENTITY.UserId,
        principalType: 'iam-user'
      })
    }
  })

  test('an authentication error is the verdict: a later success is never reached', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejectsOnce(stsError('InvalidClientTokenId', 403))
      .resolves(IDENTITY)
    const outcome = await getCallerIdentity(CONFIG, CREDENTIALS, new Deadline(5000))
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) {
      expect(outcome.failure.code).toBe('InvalidClientTokenId')
      expect(outcome.failure.httpStatus).toBe(403)
      expect(outcome.failure.requestId).toBe('req-1')
    }
  })

  test('throttling is retried until STS answers', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejectsOnce(stsError('Throttling', 400))
      .rejectsOnce(stsError('InternalFailure', 500))
      .resolves(IDENTITY)
    const outcome = await getCallerIdentity(CONFIG, CREDENTIALS, new Deadline(5000))
    expect(outcome.ok).toBe(true)
  })

  test('a refused connection is final: a refused port does not open a moment later', async () => {
    sts.on(GetCallerIdentityCommand).rejectsOnce(networkError('ECONNREFUSED')).resolves(IDENTITY)
    const outcome = await getCallerIdentity(CONFIG, CREDENTIALS, new Deadline(5000))
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.failure.kind).toBe('network')
  })

  test('a probe does not retry even what could be retried', async () => {
    sts.on(GetCallerIdentityCommand).rejectsOnce(stsError('Throttling', 400)).resolves(IDENTITY)
    const outcome = await getCallerIdentity(CONFIG, CREDENTIALS, new Deadline(5000), {
      retry: false
    })
    expect(outcome.ok).toBe(false)
  })

  test('an answer without Account, Arn or UserId is unreadable', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT })
    const outcome = await getCallerIdentity(CONFIG, CREDENTIALS, new Deadline(5000))
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.failure.kind).toBe('unreadable')
  })

  test('a call that never settles ends as a timeout when the budget runs out', async () => {
    sts.on(GetCallerIdentityCommand).callsFake(() => new Promise(() => undefined))
    const outcome = await getCallerIdentity(CONFIG, CREDENTIALS, new Deadline(50))
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.failure.kind).toBe('timeout')
  })
})

describe('toFailure', () => {
  test('a service error keeps its code, status and request ID', () => {
    expect(toFailure(stsError('SignatureDoesNotMatch', 403, 'abc'), {}, 1)).toMatchObject({
      code: 'SignatureDoesNotMatch',
      kind: 'service',
      httpStatus: 403,
      requestId: 'abc'
    })
  })

  test('proxy details survive for classification', () => {
    const error = networkError('EPROXYCONNECT', { proxyStage: 'tunnel', proxyStatus: 403 })
    expect(toFailure(error, {}, 1)).toMatchObject({
      code: 'EPROXYCONNECT',
      kind: 'network',
      proxyStage: 'tunnel',
      proxyStatus: 403
    })
  })

  test('a code that is no identifier is not passed on (it came from whatever answered)', () => {
    const hostile = stsError('Bad`\n::warning::x', 403, 'abc')
    expect(toFailure(hostile, {}, 1)).toMatchObject({
      code: 'UnreadableErrorCode',
      kind: 'service'
    })
    expect(toFailure(stsError('ExpiredToken', 400, 'abc'), {}, 1).code).toBe('ExpiredToken')
  })

  test('an SDK timeout is a timeout', () => {
    const error = Object.assign(new Error('x'), { name: 'TimeoutError' })
    expect(toFailure(error, {}, 1).kind).toBe('timeout')
  })
})

describe('isRetryable', () => {
  const base: AwsFailure = { code: '', message: '', kind: 'service', attempts: 1 }
  test.each([
    ['Throttling', 'service', 400, true],
    ['InternalFailure', 'service', 500, true],
    ['ECONNRESET', 'network', undefined, true],
    ['EAI_AGAIN', 'network', undefined, true],
    ['InvalidClientTokenId', 'service', 403, false],
    ['SignatureDoesNotMatch', 'service', 403, false],
    ['ECONNREFUSED', 'network', undefined, false],
    ['ENOTFOUND', 'network', undefined, false],
    ['EPROXYCONNECT', 'network', undefined, false],
    ['TimeoutError', 'timeout', undefined, false]
  ] as const)('%s (%s, HTTP %s) retryable: %s', (code, kind, httpStatus, expected) => {
    expect(
      isRetryable({ ...base, code, kind, ...(httpStatus === undefined ? {} : { httpStatus }) })
    ).toBe(expected)
  })
})

describe('principalTypeOf', () => {
  test.each([
    ['arn:aws:iam::111122223333:root', 'root'],
    ['arn:aws:iam::111122223333:user/ci', 'iam-user'],
    ['arn:aws-cn:sts::111122223333:assumed-role/deploy/GitHubActions', 'assumed-role'],
    ['arn:aws:sts::111122223333:federated-user/bob', 'federated-user'],
    ['arn:aws:iam::111122223333:role/deploy', 'unknown']
  ])('%s is %s', (arn, type) => {
    expect(principalTypeOf(arn)).toBe(type)
  })
})
