/**
 * The IMDS probe against a loopback fake, compared with what the JS SDK's own
 * `fromInstanceMetadata` does against the same fake.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { fromInstanceMetadata as sdkFromInstanceMetadata } from '@smithy/credential-provider-imds'
import { Deadline } from '../../src/aws/deadline.js'
import { fromInstanceMetadata } from '../../src/aws/imds.js'
import { imdsFallbackFinding, instanceMetadataFinding } from '../../src/aws/imds-finding.js'
import { startImds, type FakeImds, type ImdsMode } from '../fakes/imds.js'

const CREDENTIALS = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN'
}

const QUIET = { debug() {}, info() {}, warn() {}, error() {} }

let fake: FakeImds | undefined

afterEach(async () => {
  await fake?.stop()
  fake = undefined
})

async function probe(mode: ImdsMode, v1Disabled = false) {
  fake = await startImds(mode, CREDENTIALS)
  return fromInstanceMetadata({ endpoint: fake.url, v1Disabled }, new Deadline(5000))
}

/** The SDK's provider, pointed at the fake the way a user would: AWS_EC2_METADATA_SERVICE_ENDPOINT. */
async function sdk(url: string, v1Disabled = false): Promise<string> {
  const saved = { ...process.env }
  process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = url
  if (v1Disabled) process.env.AWS_EC2_METADATA_V1_DISABLED = 'true'
  else delete process.env.AWS_EC2_METADATA_V1_DISABLED
  try {
    const credentials = await sdkFromInstanceMetadata({ timeout: 1000, logger: QUIET })()
    return `ok ${credentials.accessKeyId}`
  } catch (error: unknown) {
    return `failed ${(error as Error).name}`
  } finally {
    process.env = saved
  }
}

describe('fromInstanceMetadata', () => {
  test('IMDSv2: token, role list, credentials', async () => {
    const outcome = await probe('ok')
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.credentials).toEqual(CREDENTIALS)
    expect(outcome.v1Fallback).toBeUndefined()
    expect(fake?.requests).toEqual([
      'PUT /latest/api/token',
      'GET /latest/meta-data/iam/security-credentials/ [token]',
      'GET /latest/meta-data/iam/security-credentials/ci-runner-role [token]'
    ])
    expect(await sdk(fake?.url ?? '')).toBe(`ok ${CREDENTIALS.accessKeyId}`)
  })

  test('the hop-limit trap: the PUT is never answered, IMDSv2 is required', async () => {
    const outcome = await probe('hop-limit')
    expect(outcome).toMatchObject({ ok: false, problem: 'hop-limit', status: 401 })
    if (outcome.ok) return
    expect(outcome.exchanges[0]).toMatchObject({
      asked: 'PUT /latest/api/token',
      outcome: 'timeout'
    })
    // The SDK fails the same way (after the same 1 s wait).
    expect(await sdk(fake?.url ?? '')).toBe('failed ProviderError')
    const reported = instanceMetadataFinding(outcome, fake?.url ?? '', undefined)
    expect(reported.title).toBe("IMDSv2's token answer never reached the job (hop limit 1)")
    expect(reported.remediation).toContain(
      'aws ec2 modify-instance-metadata-options --instance-id i-… --http-put-response-hop-limit 2'
    )
    expect(reported.evidence).toContainEqual(
      expect.stringMatching(/^answered: PUT \/latest\/api\/token: no answer in time after \d+ ms$/u)
    )
    expect(JSON.stringify(reported)).not.toContain(CREDENTIALS.secretAccessKey)
  })

  test('the PUT is never answered but IMDSv1 is allowed: credentials, with a notice', async () => {
    const outcome = await probe('hop-limit-v1')
    expect(outcome).toMatchObject({ ok: true, v1Fallback: 'token-timeout' })
    expect(await sdk(fake?.url ?? '')).toBe(`ok ${CREDENTIALS.accessKeyId}`)
    if (!outcome.ok) return
    const [notice] = imdsFallbackFinding(outcome, fake?.url ?? '', undefined)
    expect(notice?.severity).toBe('notice')
    expect(notice?.remediation).toContain('--http-put-response-hop-limit 2')
  })

  test('the same with AWS_EC2_METADATA_V1_DISABLED: the fallback is blocked', async () => {
    const outcome = await probe('hop-limit-v1', true)
    expect(outcome).toMatchObject({ ok: false, problem: 'v1-blocked' })
    expect(await sdk(fake?.url ?? '', true)).toBe('failed InstanceMetadataV1FallbackError')
    // Blocked before any GET, as in the SDK.
    expect(fake?.requests).toEqual(['PUT /latest/api/token', 'PUT /latest/api/token'])
  })

  test('IMDSv1 only (405 on the PUT): credentials without a token', async () => {
    const outcome = await probe('v1-only')
    expect(outcome).toMatchObject({ ok: true, v1Fallback: 'token-unsupported' })
    expect(fake?.requests.slice(1)).toEqual([
      'GET /latest/meta-data/iam/security-credentials/',
      'GET /latest/meta-data/iam/security-credentials/ci-runner-role'
    ])
    expect(await sdk(fake?.url ?? '')).toBe(`ok ${CREDENTIALS.accessKeyId}`)
  })

  test('no instance profile: 404 on the role list', async () => {
    const outcome = await probe('no-role')
    expect(outcome).toMatchObject({ ok: false, problem: 'no-instance-profile', status: 404 })
    expect(await sdk(fake?.url ?? '')).toBe('failed ProviderError')
    if (outcome.ok) return
    expect(instanceMetadataFinding(outcome, 'x', undefined).remediation).toContain(
      'associate-iam-instance-profile'
    )
  })

  test('expired credentials', async () => {
    expect(await probe('expired')).toMatchObject({ ok: false, problem: 'expired' })
  })

  test('nothing listening: unreachable, fast', async () => {
    const started = Date.now()
    const outcome = await fromInstanceMetadata(
      { endpoint: 'http://127.0.0.1:9', v1Disabled: false },
      new Deadline(5000)
    )
    expect(outcome).toMatchObject({ ok: false, problem: 'unreachable' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  test('every request stays inside the deadline', async () => {
    fake = await startImds('hop-limit', CREDENTIALS)
    const started = Date.now()
    const outcome = await fromInstanceMetadata(
      { endpoint: fake.url, v1Disabled: false },
      new Deadline(300)
    )
    expect(outcome.ok).toBe(false)
    expect(Date.now() - started).toBeLessThan(900)
  })
})
