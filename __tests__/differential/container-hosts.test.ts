/**
 * Differential test of the hosts each tool calls for `AWS_CONTAINER_CREDENTIALS_FULL_URI`: the
 * real JS SDK chain (`defaultProvider`: `fromHttp` of @aws-sdk/credential-provider-http, then
 * `fromContainerMetadata` of @smithy/credential-provider-imds) and the real AWS CLI v1
 * (botocore's `ContainerMetadataFetcher._validate_allowed_url`), against one loopback fake.
 * The JS SDK reads the host through the WHATWG URL parser, which rewrites `127.1`,
 * `2130706433`, `127.000.000.001` and `127.0.0.1.` to `127.0.0.1`; botocore compares the host as
 * written, so it refuses all four. Every spelling here points at 127.0.0.1 (or, for the refused
 * ones, at nothing beyond this machine), so nothing leaves loopback whatever a tool decides.
 * The action's two rules (`hostAllowed`, `cliContainerHostAllowed`) must give each tool's verdict.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hostAllowed } from '../../src/aws/container.js'
import { cliContainerHostAllowed } from '../../src/discover/container.js'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import {
  CREDENTIALS_PATH,
  startContainerEndpoint,
  type ContainerMode,
  type FakeContainerEndpoint
} from '../fakes/container-endpoint.js'
import { awsCli, awsCliPath, jsChain, jsRunner, prepare, type Prepared } from './real-tools.js'

const root = mkdtempSync(join(tmpdir(), 'differential-container-'))

let emulator: Emulator
let fake: FakeContainerEndpoint
let port = 0
let keyId = ''

/** A task role session the emulator knows, as the endpoint hands it out. */
function taskSession(expiresInSeconds = 3600): ReturnType<Emulator['createSessionCredentials']> {
  return emulator.createSessionCredentials({
    accountId: '444455556666',
    roleName: 'ci-task-role',
    sessionName: 'task',
    expiresInSeconds
  })
}

beforeAll(async () => {
  emulator = await startEmulator()
  const session = taskSession()
  keyId = session.accessKeyId
  fake = await startContainerEndpoint('ok', session)
  port = Number(new URL(fake.url).port)
})

afterAll(async () => {
  await fake.stop()
  await emulator.stop()
  rmSync(root, { recursive: true, force: true })
})

/** Each spelling with what each tool was measured to do: [host part, JS SDK calls it, CLI calls it]. */
const HOSTS: readonly (readonly [string, boolean, boolean])[] = [
  ['127.0.0.1', true, true],
  ['127.1', true, false],
  ['2130706433', true, false],
  ['127.000.000.001', true, false],
  ['127.0.0.1.', true, false],
  ['0.0.0.0', false, false],
  ['[::ffff:127.0.0.1]', false, false]
]

function uriOf(host: string): string {
  return `http://${host}:${port}${CREDENTIALS_PATH}`
}

function setup(name: string, host: string): Prepared {
  return prepare(
    { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: uriOf(host) }, files: {} },
    join(root, name)
  )
}

describe('the real JS SDK chain', () => {
  test('calls exactly the hosts hostAllowed accepts', async () => {
    const outcomes = await jsChain(HOSTS.map(([host], index) => setup(`js-${index}`, host)))
    const measured = HOSTS.map(([host], index) => [host, outcomes[index]?.accessKeyId === keyId])
    expect(measured).toEqual(HOSTS.map(([host, js]) => [host, js]))
    // The rule the action applies gives the same verdicts.
    expect(HOSTS.map(([host]) => [host, hostAllowed(new URL(uriOf(host)))])).toEqual(measured)
    // A refused host is not named: the chain goes on to the next provider and ends with its
    // usual words.
    for (const [index, [, js]] of HOSTS.entries())
      if (!js)
        expect(outcomes[index]?.failure).toBe('Could not load credentials from any providers')
  }, 60_000)

  test('a loopback host other than 127.0.0.1 and localhost that does not answer: the fallback provider’s words hide the cause', async () => {
    // `fromHttp` fails to connect; `fromContainerMetadata` then refuses any host but
    // `localhost` and `127.0.0.1`, and its error ends the chain.
    const [outcome] = await jsChain([
      prepare(
        {
          env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.2:9/v1/credentials' },
          files: {}
        },
        join(root, 'js-fallback')
      )
    ])
    expect(outcome?.failure).toBe('127.0.0.2 is not a valid container metadata service hostname')
  }, 30_000)
})

const cli = awsCliPath()
const describeCli = cli === undefined ? describe.skip : describe

describeCli('the real AWS CLI v1', () => {
  test.each(HOSTS)(
    '%s: the CLI calls it: %s / %s',
    async (host, _js, expected) => {
      emulator.clearRequestLog()
      const run = await awsCli(cli ?? 'aws', setup(`cli-${host}`, host), emulator.url)
      expect(run.code === 0).toBe(expected)
      if (expected) expect(emulator.requestLog().at(-1)?.accessKeyId).toBe(keyId)
      else {
        // botocore's ValueError, as the CLI prints it; the host as urlparse reads it.
        const hostname = host.replace(/^\[|\]$/gu, '')
        expect(run.message).toContain(`Unsupported host '${hostname}'`)
        expect(emulator.requestLog()).toHaveLength(0)
      }
      expect(cliContainerHostAllowed(uriOf(host))).toBe(expected)
    },
    30_000
  )
})

/**
 * What each tool makes of the endpoint's answer (on 127.0.0.1, which both call). The JS SDK's
 * chain ends with its generic words for every refusal, and hands on credentials whose
 * `Expiration` has passed (STS then refuses them); the CLI quotes the status and the body, and
 * refuses expired credentials itself. The fake requires a token that is not sent, so `ok` is
 * its 403.
 */
describe('the endpoint’s answer, as each tool reports it', () => {
  const ANSWERS: readonly (readonly [string, ContainerMode, string])[] = [
    ['403 (no token sent)', 'ok', 'Received non 200 response 403 from container metadata'],
    ['404', '404', 'Received non 200 response 404 from container metadata'],
    // botocore reads the fields by key: the first one missing is all it says.
    ['unreadable JSON', 'bad-json', "'SecretAccessKey'"],
    [
      'expired',
      'expired',
      'Credentials were refreshed, but the refreshed credentials are still expired.'
    ]
  ]

  async function withFake<T>(
    mode: ContainerMode,
    run: (setupOf: (name: string) => Prepared, session: { accessKeyId: string }) => Promise<T>
  ): Promise<T> {
    // Expired at STS too where the endpoint says so, as a real one would be.
    const session = taskSession(mode === 'expired' ? -3600 : 3600)
    const answering = await startContainerEndpoint(
      mode,
      session,
      mode === 'ok' ? 'unsent' : undefined
    )
    try {
      return await run(
        name =>
          prepare(
            {
              env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: answering.url, AWS_REGION: 'us-east-1' },
              files: {}
            },
            join(root, name)
          ),
        session
      )
    } finally {
      await answering.stop()
    }
  }

  test.each(ANSWERS.filter(([, mode]) => mode !== 'expired'))(
    '%s: the JS SDK chain says only "Could not load credentials from any providers"',
    async (_label, mode) => {
      const [outcome] = await withFake(mode, setupOf => jsChain([setupOf(`js-answer-${mode}`)]))
      expect(outcome).toEqual({ failure: 'Could not load credentials from any providers' })
    },
    30_000
  )

  test('expired: the JS SDK chain hands the credentials on, and STS refuses them', async () => {
    await withFake('expired', async (setupOf, session) => {
      const [chained] = await jsChain([setupOf('js-expired-chain')])
      expect(chained).toEqual({ accessKeyId: session.accessKeyId })
      const prepared = setupOf('js-expired-sts')
      const [called] = await jsRunner<{ ok?: boolean; fails?: string }>('js-sts.mjs', [
        {
          ...prepared,
          env: { ...prepared.env, AWS_ENDPOINT_URL_STS: emulator.url, NO_PROXY: '127.0.0.1' }
        }
      ])
      expect(called?.fails).toMatch(/expired/iu)
    })
  }, 30_000)

  describeCli('the real AWS CLI v1', () => {
    test.each(ANSWERS)(
      '%s: the CLI stops with its own words',
      async (_label, mode, words) => {
        const run = await withFake(mode, setupOf =>
          awsCli(cli ?? 'aws', setupOf(`cli-answer-${mode}`), emulator.url)
        )
        expect(run.code).not.toBe(0)
        expect(run.message).toContain(words)
      },
      30_000
    )
  })
})

describe('a token file the JS SDK cannot send: its fallback provider asks again', () => {
  // `echo TOKEN > file` writes a line break after the token; the EKS Pod Identity agent's file
  // has none. `fromHttp` refuses to send it; the chain's `fromContainerMetadata` then asks
  // 127.0.0.1 again with only `AWS_CONTAINER_AUTHORIZATION_TOKEN` (it never reads the file).
  function setupWithTokenFile(name: string, url: string, variable?: string): Prepared {
    const prepared = prepare(
      { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: url }, files: { token: 'a-token\n' } },
      join(root, name)
    )
    writeFileSync(join(prepared.home, 'token'), 'a-token\n')
    return {
      ...prepared,
      env: {
        ...prepared.env,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(prepared.home, 'token'),
        ...(variable === undefined ? {} : { AWS_CONTAINER_AUTHORIZATION_TOKEN: variable })
      }
    }
  }

  async function withTokenEndpoint<T>(
    run: (url: string, requests: string[], session: { accessKeyId: string }) => Promise<T>
  ): Promise<T> {
    const session = taskSession()
    const guarded = await startContainerEndpoint('ok', session, 'the-right-token')
    try {
      return await run(guarded.url, guarded.requests, session)
    } finally {
      await guarded.stop()
    }
  }

  test('an endpoint that requires a token: the fallback asks without one, and the chain finds nothing', async () => {
    await withTokenEndpoint(async (url, requests) => {
      const [outcome] = await jsChain([setupWithTokenFile('js-token-newline', url)])
      expect(outcome).toEqual({ failure: 'Could not load credentials from any providers' })
      expect(requests).toEqual(['GET /v1/credentials'])
    })
  }, 30_000)

  test('the right token in the variable: the fallback sends it and gets the credentials', async () => {
    await withTokenEndpoint(async (url, requests, session) => {
      const [outcome] = await jsChain([
        setupWithTokenFile('js-token-variable', url, 'the-right-token')
      ])
      expect(outcome).toEqual({ accessKeyId: session.accessKeyId })
      expect(requests).toEqual(['GET /v1/credentials [authorization]'])
    })
  }, 30_000)

  describeCli('the real AWS CLI v1', () => {
    test('refuses the file before asking, whatever the variable holds', async () => {
      await withTokenEndpoint(async (url, requests) => {
        const run = await awsCli(
          cli ?? 'aws',
          setupWithTokenFile('cli-token-newline', url, 'the-right-token'),
          emulator.url
        )
        expect(run.message).toBe('Auth token value is not a legal header value')
        expect(requests).toEqual([])
      })
    }, 30_000)
  })
})
