/**
 * The container credentials probe against a loopback fake, compared with what the JS SDK's own
 * `fromHttp` (@aws-sdk/credential-provider-http, the first provider the node chain asks for
 * container credentials) does against the same fake.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { fromHttp } from '@aws-sdk/credential-provider-http'
import { containerFallbackFinding, containerFinding } from '../../src/report/container-finding.js'
import { fromContainerEndpoint, hostAllowed } from '../../src/aws/container.js'
import { cliContainerHostAllowed, cliRefusedHost } from '../../src/discover/container.js'
import { Deadline } from '../../src/aws/deadline.js'
import type { ContainerEndpoint } from '../../src/model.js'
import {
  startContainerEndpoint,
  type ContainerMode,
  type FakeContainerEndpoint
} from '../fakes/container-endpoint.js'

const CREDENTIALS = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN'
}
const TOKEN = 'pod-identity-token-for-tests'
const QUIET = { debug() {}, info() {}, warn() {}, error() {} }

let fake: FakeContainerEndpoint | undefined
let directory: string | undefined

afterEach(async () => {
  await fake?.stop()
  fake = undefined
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true })
  directory = undefined
})

function endpointOf(
  url: string,
  authorization?: ContainerEndpoint['authorization']
): ContainerEndpoint {
  return {
    url,
    variable: 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    ...(authorization === undefined ? {} : { authorization })
  }
}

async function probe(mode: ContainerMode, authorization?: ContainerEndpoint['authorization']) {
  fake = await startContainerEndpoint(mode, CREDENTIALS, TOKEN)
  return fromContainerEndpoint(endpointOf(fake.url, authorization), new Deadline(10_000))
}

/** The SDK's provider, given the same URL and token, without retries (they repeat the answer). */
async function sdk(url: string, token?: string): Promise<string> {
  try {
    const credentials = await fromHttp({
      awsContainerCredentialsFullUri: url,
      ...(token === undefined ? {} : { awsContainerAuthorizationToken: token }),
      maxRetries: 0,
      timeout: 1000,
      logger: QUIET
    })()
    return `ok ${credentials.accessKeyId}`
  } catch (error: unknown) {
    return `error ${error instanceof Error ? error.message : String(error)}`
  }
}

describe('the container endpoint probe', () => {
  test('returns the credentials where the token is accepted, as the SDK does', async () => {
    const outcome = await probe('ok', { kind: 'variable', token: TOKEN })
    expect(outcome.ok && outcome.credentials).toEqual(CREDENTIALS)
    expect(fake?.requests).toEqual(['GET /v1/credentials [authorization]'])
    expect(await sdk(fake?.url ?? '', TOKEN)).toBe(`ok ${CREDENTIALS.accessKeyId}`)
  })

  test('a missing token is 403, named as no Authorization header; the SDK agrees on the status', async () => {
    const outcome = await probe('ok')
    expect(outcome).toMatchObject({ ok: false, problem: 'unauthorized', status: 403 })
    expect(await sdk(fake?.url ?? '')).toBe('error Server responded with status: 403')
    if (outcome.ok) return
    const found = containerFinding(outcome, endpointOf(fake?.url ?? ''), fake?.url ?? '', undefined)
    expect(found.id).toBe('container-credentials-failed')
    expect(found.message).toContain('no `Authorization` header')
    expect((found.evidence ?? []).join('\n')).toMatch(
      /answered: GET http:\/\/127\.0\.0\.1:\d+\/v1\/credentials: HTTP 403 after \d+ ms/u
    )
  })

  test('a wrong token read from a file says the file was used, never the token', async () => {
    directory = mkdtempSync(join(tmpdir(), 'container-token-'))
    const path = join(directory, 'token')
    writeFileSync(path, 'wrong-token-value')
    const outcome = await probe('ok', { kind: 'file', path })
    expect(outcome).toMatchObject({ ok: false, problem: 'unauthorized', status: 403 })
    if (outcome.ok) return
    const found = containerFinding(
      outcome,
      endpointOf(fake?.url ?? '', { kind: 'file', path }),
      fake?.url ?? '',
      undefined
    )
    const text = JSON.stringify(found)
    expect(text).toContain('AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE')
    expect(text).not.toContain('wrong-token-value')
  })

  test.each([
    ['404', 'not-found', 'error Server responded with status: 404'],
    ['bad-json', 'bad-answer', 'error HTTP credential provider response not of the required format']
  ] as const)('%s is %s, as the SDK fails', async (mode, problem, sdkSays) => {
    const outcome = await probe(mode, { kind: 'variable', token: TOKEN })
    expect(outcome).toMatchObject({ ok: false, problem })
    expect(await sdk(fake?.url ?? '', TOKEN)).toContain(sdkSays)
  })

  test('expired credentials are refused, though the SDK would take them', async () => {
    const outcome = await probe('expired', { kind: 'variable', token: TOKEN })
    expect(outcome).toMatchObject({ ok: false, problem: 'expired' })
    expect(await sdk(fake?.url ?? '', TOKEN)).toBe(`ok ${CREDENTIALS.accessKeyId}`)
  })

  test('a hung endpoint ends within the deadline, as a timeout', async () => {
    fake = await startContainerEndpoint('hang', CREDENTIALS)
    const started = Date.now()
    const outcome = await fromContainerEndpoint(endpointOf(fake.url), new Deadline(2500))
    expect(outcome).toMatchObject({ ok: false, problem: 'timeout' })
    expect(Date.now() - started).toBeLessThan(4000)
    expect(outcome.exchanges.length).toBeGreaterThanOrEqual(1)
    expect(outcome.exchanges.every(exchange => exchange.outcome === 'timeout')).toBe(true)
  }, 10_000)

  test('a token file that is a FIFO is refused without opening it for a blocking read', async () => {
    directory = mkdtempSync(join(tmpdir(), 'container-token-'))
    const path = join(directory, 'fifo')
    execFileSync('mkfifo', [path])
    const outcome = await probe('ok', { kind: 'file', path })
    expect(outcome).toMatchObject({
      ok: false,
      problem: 'token-file',
      detail: 'not a regular file'
    })
    // Only the JS SDK's fallback provider asks, without a token (it never reads the file).
    expect(fake?.requests).toEqual(['GET /v1/credentials'])
  })

  test('a missing token file is named as missing', async () => {
    const outcome = await probe('ok', { kind: 'file', path: '/nonexistent/container-token' })
    expect(outcome).toMatchObject({ ok: false, problem: 'token-file', detail: 'missing' })
  })

  test('a missing token file with the right token in the variable: the fallback gets the credentials, and says why', async () => {
    fake = await startContainerEndpoint('ok', CREDENTIALS, TOKEN)
    const outcome = await fromContainerEndpoint(
      {
        ...endpointOf(fake.url, { kind: 'file', path: '/nonexistent/container-token' }),
        fallbackToken: TOKEN
      },
      new Deadline(10_000)
    )
    expect(outcome.ok && outcome.credentials).toEqual(CREDENTIALS)
    expect(outcome.ok && outcome.fallback).toMatchObject({
      problem: 'token-file',
      detail: 'missing'
    })
    expect(fake.requests).toEqual(['GET /v1/credentials [authorization]'])
    const reported = outcome.ok
      ? containerFallbackFinding(
          outcome,
          endpointOf(fake.url, { kind: 'file', path: '/x' }),
          fake.url,
          undefined
        )
      : []
    expect(reported.map(item => [item.id, item.severity])).toEqual([
      ['container-credentials-failed', 'warning']
    ])
    expect(JSON.stringify(reported)).not.toContain(TOKEN)
  })

  test('a full URI on another host (127.0.0.2): the fallback refuses it by name, no second request', async () => {
    fake = await startContainerEndpoint('ok', CREDENTIALS, TOKEN)
    // A loopback alias of the fake, which fromContainerMetadata refuses by name.
    const url = fake.url.replace('127.0.0.1', '127.0.0.2')
    const outcome = await fromContainerEndpoint(
      {
        ...endpointOf(url, { kind: 'file', path: '/nonexistent/container-token' }),
        fallbackToken: TOKEN
      },
      new Deadline(10_000)
    )
    expect(outcome).toMatchObject({ ok: false, problem: 'token-file', exchanges: [] })
  })
})

describe('the hosts the SDK calls', () => {
  test.each([
    ['http://127.0.0.1:9/x', true],
    ['http://127.1.2.3/x', true],
    ['http://localhost/x', true],
    ['http://[::1]/x', true],
    ['http://169.254.170.2/v2/credentials/abc', true],
    ['http://169.254.170.23/v1/credentials', true],
    ['http://[fd00:ec2::23]/v1/credentials', true],
    ['https://credentials.example.com/x', true],
    ['http://credentials.example.com/x', false],
    ['http://10.0.0.1/x', false],
    ['http://169.254.169.254/x', false]
  ])('%s: %s', async (url, allowed) => {
    expect(hostAllowed(new URL(url))).toBe(allowed)
    // Only refused hosts are handed to the probe and the SDK: both stop before connecting, so
    // nothing leaves loopback.
    if (allowed) return
    const outcome = await fromContainerEndpoint(endpointOf(url), new Deadline(1000))
    expect(outcome).toMatchObject({ ok: false, problem: 'host-refused', exchanges: [] })
    expect(await sdk(url)).toContain('URL not accepted')
  })
})

describe('the hosts the AWS CLI v1 calls', () => {
  // Measured with botocore 1.43.11's ContainerMetadataFetcher._validate_allowed_url (Python
  // 3.11.7), beside the JS SDK's checkUrl; the loopback spellings are also run against both real
  // tools in __tests__/differential/container-hosts.test.ts.
  test.each([
    ['http://127.0.0.1:9/x', true, true],
    ['http://127.0.0.2:9/x', true, true],
    ['http://localhost/x', true, true],
    ['http://LOCALHOST/x', true, true],
    ['http://[::1]:9/x', true, true],
    ['http://[0:0:0:0:0:0:0:1]:9/x', true, true],
    ['http://169.254.170.2/v2/credentials/abc', true, true],
    ['http://169.254.170.23/v1/credentials', true, true],
    ['http://[fd00:ec2::23]/v1/credentials', true, true],
    ['http://[FD00:EC2::23]/v1/credentials', true, true],
    ['http://[fd00:ec2:0::23]/v1/credentials', true, false],
    ['http://127.1:9/x', true, false],
    ['http://2130706433:9/x', true, false],
    ['http://127.000.000.001:9/x', true, false],
    ['http://127.0.0.1.:9/x', true, false],
    ['http://localhost.:9/x', false, false],
    ['http://[::ffff:127.0.0.1]:9/x', false, false],
    ['http://0.0.0.0:9/x', false, false],
    ['HTTP://10.0.0.1/x', false, false],
    ['https://credentials.example.com/x', true, true],
    ['http://user:pass@127.0.0.1:9/x', true, true]
  ])('%s: the JS SDK %s, the CLI %s', (url, js, cli) => {
    expect(hostAllowed(new URL(url))).toBe(js)
    expect(cliContainerHostAllowed(url)).toBe(cli)
  })
})

describe('the host the AWS CLI names when it refuses', () => {
  // botocore: "Unsupported host '…'", with urlparse's hostname (lowercased, no brackets, no
  // user information), or None where the value has none (measured with botocore 1.43.11).
  test.each([
    ['http://ci:secret@0.0.0.0:9/x?token=other', '0.0.0.0'],
    ['http://[::FFFF:127.0.0.1]:9/x', '::ffff:127.0.0.1'],
    ['http://127.1:9/x', '127.1'],
    ['not-a-url', 'None'],
    ['http:///x', 'None'],
    ['http://127.0.0.1:9/x', undefined]
  ])('%s: %s', (url, host) => {
    expect(cliRefusedHost(url)).toBe(host)
  })
})
