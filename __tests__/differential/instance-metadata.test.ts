/**
 * Differential test of expired instance role credentials: the loopback IMDS fake (behind
 * `AWS_EC2_METADATA_SERVICE_ENDPOINT`, whole-second `Expiration` as IMDS gives it) hands out a
 * session whose `Expiration` has passed, expired at the emulator too. Neither real tool refuses
 * it: the JS SDK's chain hands it on, botocore's `InstanceMetadataFetcher` extends it by a few
 * minutes (`_evaluate_expiration`, its static stability), and STS refuses it with ExpiredToken.
 * The action's finding says so rather than "Could not load credentials from any providers".
 *
 * And the IMDS failure modes, one fresh fake each: both real tools send the same requests in the
 * same order, and the action's own probe (`fromInstanceMetadata`) sends them too, so what the
 * report says was asked is what the tools ask.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Deadline } from '../../src/aws/deadline.js'
import { fromInstanceMetadata } from '../../src/aws/imds.js'
import { instanceMetadataFinding } from '../../src/aws/imds-finding.js'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { startImds, type FakeImds, type ImdsMode } from '../fakes/imds.js'
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

/** The fake's record of a request, without the token marker: the probe shows no headers. */
function requestLine(line: string): string {
  return line.replace(/ \[token\]$/u, '')
}

describe('each IMDS mode: the same requests from both tools and the action', () => {
  const NONE = 'Could not load credentials from any providers'
  const CLI_NONE =
    'Unable to locate credentials. You can configure credentials by running "aws configure".'
  const ROLE_LIST = 'GET /latest/meta-data/iam/security-credentials/'
  const ROLE = `${ROLE_LIST}ci-runner-role`
  const TOKEN = 'PUT /latest/api/token'
  // [mode, the requests, whether the tools get credentials]
  const MODES: readonly (readonly [ImdsMode, readonly string[], boolean])[] = [
    ['ok', [TOKEN, ROLE_LIST, ROLE], true],
    // The token's answer is lost: one tokenless GET, refused with 401.
    ['hop-limit', [TOKEN, ROLE_LIST], false],
    ['hop-limit-v1', [TOKEN, ROLE_LIST, ROLE], true],
    ['v1-only', [TOKEN, ROLE_LIST, ROLE], true],
    ['no-role', [TOKEN, ROLE_LIST], false]
  ]

  test.each(MODES)(
    '%s',
    async (mode, requests, works) => {
      const session = emulator.createSessionCredentials({
        accountId: '444455556666',
        roleName: 'ci-runner-role',
        sessionName: 'i-0123456789abcdef0',
        expiresInSeconds: 3600
      })
      const fake = await startImds(mode, session)
      try {
        const prepared = prepare(
          {
            env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: fake.url, AWS_REGION: 'us-east-1' },
            files: {}
          },
          join(root, `mode-${mode}`)
        )
        const env = { ...prepared, env: { ...prepared.env, AWS_EC2_METADATA_DISABLED: 'false' } }
        const [js] = await jsChain([env])
        expect(js).toEqual(works ? { accessKeyId: session.accessKeyId } : { failure: NONE })
        expect(fake.requests.splice(0).map(requestLine)).toEqual(requests)
        const probed = await fromInstanceMetadata(
          { endpoint: fake.url, v1Disabled: false },
          new Deadline(10_000)
        )
        expect(probed.ok).toBe(works)
        expect(probed.exchanges.map(exchange => exchange.asked)).toEqual(requests)
        fake.requests.splice(0)
        const cli = awsCliPath()
        if (cli === undefined) return
        const run = await awsCli(cli, env, emulator.url)
        expect(run.code === 0).toBe(works)
        if (!works) expect(run.message).toBe(CLI_NONE)
        // The finding quotes the CLI's words where it gives them.
        if (
          !works &&
          !probed.ok &&
          (probed.problem === 'hop-limit' || probed.problem === 'no-instance-profile')
        )
          expect(instanceMetadataFinding(probed, fake.url, undefined).message).toContain(
            `the AWS CLI v1 only "${CLI_NONE.split('.')[0] ?? ''}"`
          )
        expect(fake.requests.map(requestLine)).toEqual(requests)
      } finally {
        await fake.stop()
      }
    },
    30_000
  )
})
