/**
 * Smaller hardening of the bundled action: `fail-on: never` whatever else is invalid, a
 * word in a secret's place that must not be masked into the report, a secret pasted into
 * `AWS_PROFILE`, and a region the SDK refuses before anything is sent.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { cleanUp, expectNoLeak, runAction } from './harness.js'

/** The AWS documentation's example secret, which belongs to no account. */
const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})

afterAll(async () => {
  await emulator.stop()
  cleanUp()
})

describe('fail-on: never', () => {
  test('holds when another input is invalid: the failure is reported, the step passes', async () => {
    const result = await runAction({
      inputs: { 'fail-on': 'never', 'timeout-seconds': 'soon', annotate: 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.cause).toBe('settings-invalid')
    expect(result.outputs.status).toBe('fail')
    expect(result.findings[0]?.message).toContain('timeout-seconds')
    // `annotate: false` holds too: no annotation, but the verdict and the summary.
    expect(result.annotations).toEqual([])
    expect(result.stdout).toContain('AWS credentials fail: settings-invalid')
    expect(result.summary).toContain('timeout-seconds')
  })
})

describe('a word in the secret’s place', () => {
  test('`credentials` is not registered as a secret: finding IDs and the report stay intact', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: 'credentials' },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(1)
    expect(result.masks).not.toContain('credentials')
    expect(result.ids).toContain('secret-access-key-malformed')
    expect(result.ids).toContain('long-term-credentials')
    expect(result.outputs.findings).not.toContain('***')
    expect(result.outputs['credential-source']).toBe('environment')
    expect(result.stdout).toContain('AWS credentials fail: ')
    expect(result.stdout).toContain('[notice] long-term-credentials:')
    expect(result.summary.split('\n')[0]).toMatch(/^## ❌ AWS credentials fail: /u)
    expect(result.summary).not.toContain('***')
  })

  test('a value that can be a secret is still masked, and never shown', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const secret = 'c0rrect-h0rse-battery'
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: secret },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.masks).toContain(secret)
    expect(result.ids).toContain('secret-access-key-malformed')
    expectNoLeak(result, [secret])
  })
})

describe('a secret pasted into AWS_PROFILE or AWS_REGION', () => {
  test('is masked before anything is written, and never printed', async () => {
    const result = await runAction({ env: { AWS_PROFILE: EXAMPLE_SECRET } })
    expect(result.code).toBe(1)
    expect(result.masks).toContain(EXAMPLE_SECRET)
    expect(result.outputs.cause).toBe('profile-not-found')
    expect(result.stdout).toContain('Profile "***"')
    expectNoLeak(result, [EXAMPLE_SECRET])
  })

  test('in AWS_REGION too', async () => {
    const result = await runAction({ env: { AWS_REGION: EXAMPLE_SECRET } })
    expect(result.masks).toContain(EXAMPLE_SECRET)
    expect(result.ids).toContain('region-invalid')
    expectNoLeak(result, [EXAMPLE_SECRET])
  })

  test('an ordinary profile name is still shown', async () => {
    const result = await runAction({ env: { AWS_PROFILE: 'ci-deployer-2024' } })
    expect(result.outputs.cause).toBe('profile-not-found')
    expect(result.stdout).toContain('Profile "ci-deployer-2024"')
    expect(result.masks).not.toContain('ci-deployer-2024')
  })
})

describe('a region the SDK refuses', () => {
  test('is region-invalid, at once, and nothing is sent to STS', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const before = emulator.requestLog().length
    const result = await runAction({
      endpoint: emulator.url,
      env: {
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
        AWS_REGION: 'us-east-1/x'
      },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('region-invalid')
    expect(result.ids).not.toContain('sts-service-error')
    expect(result.outputs.findings).not.toContain('attempts')
    expect(result.summary).toContain('not called: the region is not a valid region name')
    expect(emulator.requestLog().length).toBe(before)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a trailing newline in AWS_REGION is judged as the SDK reads it, raw', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: {
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
        AWS_REGION: 'eu-west-1\n'
      },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.outputs.cause).toBe('region-invalid')
    expect(result.findings[0]?.message).toContain('`eu-west-1\\n`')
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('cross-partition-probes', () => {
  let nextAccount = 222233334444

  /** A key of AWS China checked in a commercial region: STS there does not know it. */
  async function chinaKeyInEurope(inputs: Record<string, string>): Promise<{
    regions: (string | undefined)[]
    result: Awaited<ReturnType<typeof runAction>>
    secret: string
  }> {
    nextAccount += 1
    const account = String(nextAccount)
    emulator.configureAccount(account, { partition: 'aws-cn' })
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const before = emulator.requestLog().length
    const result = await runAction({
      endpoint: emulator.url,
      env: {
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
        AWS_REGION: 'eu-west-1'
      },
      inputs: { 'check-iam': 'false', ...inputs }
    })
    const regions = emulator
      .requestLog()
      .slice(before)
      .map(entry => entry.region)
    return { regions, result, secret: key.secretAccessKey }
  }

  test('by default, other partitions are asked, and the key is recognised as China’s', async () => {
    const { regions, result, secret } = await chinaKeyInEurope({})
    expect(regions).toContain('cn-north-1')
    expect(result.findings[0]?.title).toContain('AWS China (aws-cn)')
    expectNoLeak(result, [secret])
  })

  test('false: no request is signed for another partition, and the verdict still stands', async () => {
    const { regions, result, secret } = await chinaKeyInEurope({
      'cross-partition-probes': 'false'
    })
    expect(regions.length).toBeGreaterThan(0)
    expect(regions.every(region => region === 'eu-west-1')).toBe(true)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('invalid-client-token-id')
    expect(result.summary).not.toContain('signed for cn-north-1')
    expectNoLeak(result, [secret])
  })
})
