/**
 * Differential test of expired instance role credentials: the loopback IMDS fake (behind
 * `AWS_EC2_METADATA_SERVICE_ENDPOINT`, whole-second `Expiration` as IMDS gives it) hands out a
 * session whose `Expiration` has passed, expired at the emulator too. Neither real tool refuses
 * it: the JS SDK's chain hands it on, botocore's `InstanceMetadataFetcher` extends it by a few
 * minutes (`_evaluate_expiration`, its static stability), and STS refuses it with ExpiredToken.
 * The action's finding says so rather than "Could not load credentials from any providers".
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { instanceMetadataFinding } from '../../src/aws/imds-finding.js'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { startImds, type FakeImds } from '../fakes/imds.js'
import { awsCli, awsCliPath, jsChain, jsRunner, prepare, type Prepared } from './real-tools.js'

const root = mkdtempSync(join(tmpdir(), 'differential-imds-'))
const EXPIRED = 'The security token included in the request is expired'

let emulator: Emulator
let imds: FakeImds
let keyId = ''

beforeAll(async () => {
  emulator = await startEmulator()
  const session = emulator.createSessionCredentials({
    accountId: '444455556666',
    roleName: 'ci-runner-role',
    sessionName: 'i-0123456789abcdef0',
    expiresInSeconds: -3600
  })
  keyId = session.accessKeyId
  imds = await startImds('expired', session)
})

afterAll(async () => {
  await imds.stop()
  await emulator.stop()
  rmSync(root, { recursive: true, force: true })
})

function setup(name: string): Prepared {
  const prepared = prepare(
    { env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_REGION: 'us-east-1' }, files: {} },
    join(root, name)
  )
  return { ...prepared, env: { ...prepared.env, AWS_EC2_METADATA_DISABLED: 'false' } }
}

describe('expired instance role credentials', () => {
  test('the JS SDK hands them on, and STS refuses them', async () => {
    const [chained] = await jsChain([setup('js-chain')])
    expect(chained).toEqual({ accessKeyId: keyId })
    const prepared = setup('js-sts')
    const [called] = await jsRunner<{ fails?: string }>('js-sts.mjs', [
      {
        ...prepared,
        env: { ...prepared.env, AWS_ENDPOINT_URL_STS: emulator.url, NO_PROXY: '127.0.0.1' }
      }
    ])
    expect(called?.fails).toBe(EXPIRED)
  }, 30_000)

  const cli = awsCliPath()
  ;(cli === undefined ? test.skip : test)(
    'the AWS CLI v1 signs with them too, and STS refuses them',
    async () => {
      const run = await awsCli(cli ?? 'aws', setup('cli'), emulator.url)
      expect(run.code).not.toBe(0)
      expect(run.message).toBe(
        `An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: ${EXPIRED}`
      )
    },
    30_000
  )

  test('the finding says what the tools do, not that they found nothing', () => {
    const reported = instanceMetadataFinding(
      { ok: false, problem: 'expired', exchanges: [] },
      imds.url,
      undefined
    )
    expect(reported.message).not.toContain('Could not load credentials from any providers')
    expect(reported.message).toContain('`ExpiredToken`')
  })
})
