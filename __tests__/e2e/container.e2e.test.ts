/**
 * The bundled action on a runner whose credentials come from the container credentials
 * endpoint (ECS, CodeBuild, EKS Pod Identity), against a loopback fake: each failure by its
 * own cause, with what was asked and what answered, and neither the authorization token nor
 * the returned credentials printed anywhere.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { startContainerEndpoint, type ContainerMode } from '../fakes/container-endpoint.js'
import { cleanUp, expectNoLeak, runAction } from './harness.js'

// Random-looking, so that no 8-character run of it is an ordinary word in the report.
const TOKEN = 'Xq7pL2vR9tK4mZ8wB3nC6yD1'

let emulator: Emulator
let accountSeed = 710000000000

beforeAll(async () => {
  emulator = await startEmulator()
})

afterAll(async () => {
  await emulator.stop()
  cleanUp()
})

async function runContainer(
  mode: ContainerMode,
  sendToken = true,
  /** The variables in place of the token variable and the fake's full URI, given that URI. */
  envOf?: (url: string) => Record<string, string>
) {
  accountSeed += 1
  const session = emulator.createSessionCredentials({
    accountId: String(accountSeed),
    roleName: 'ci-task-role',
    sessionName: 'task',
    expiresInSeconds: 3600
  })
  const fake = await startContainerEndpoint(mode, session, TOKEN)
  try {
    const result = await runAction({
      endpoint: emulator.url,
      env: {
        AWS_REGION: 'us-east-1',
        ...(envOf?.(fake.url) ?? {
          AWS_CONTAINER_CREDENTIALS_FULL_URI: fake.url,
          ...(sendToken ? { AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN } : {})
        }),
        RUNNER_ENVIRONMENT: 'self-hosted'
      },
      inputs: { 'check-iam': 'false', 'timeout-seconds': '4' },
      killAfterMs: 15000
    })
    return { result, session, requests: [...fake.requests] }
  } finally {
    await fake.stop()
  }
}

describe('container credentials', () => {
  test('a task role from the endpoint passes, the request in the summary', async () => {
    const { result, session, requests } = await runContainer('ok')
    expect(requests).toEqual(['GET /v1/credentials [authorization]'])
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expect(result.summary).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/v1\/credentials: HTTP 200 after \d+ ms/u
    )
    // The sources table says what the endpoint answered, on the container's own row.
    const row = result.summary
      .split('\n')
      .find(line => line.startsWith('| container credentials endpoint'))
    expect(row).toMatch(
      // The URL is escaped so that Markdown makes no link of it.
      /answered: GET http\\?:\/\/127\.0\.0\.1:\d+\/v1\/credentials: HTTP 200 after \d+ ms/u
    )
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken, TOKEN])
  })

  test('a wrong or missing token: HTTP 403, naming the header source, not the token', async () => {
    const { result, session } = await runContainer('ok', false)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('container-credentials-failed')
    expect(result.ids).not.toContain('no-credentials')
    const item = result.findings.find(entry => entry.id === 'container-credentials-failed')
    expect(item?.title).toBe('The container credentials endpoint refused the authorization token')
    expect(result.summary).toMatch(/\/v1\/credentials: HTTP 403 after \d+ ms/u)
    // Each tool's own words, for the reader who saw them in a later step's log.
    expect(item?.message).toContain('"Could not load credentials from any providers"')
    expect(item?.message).toContain(
      'The AWS CLI v1 says "Received non 200 response 403 from container metadata"'
    )
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken, TOKEN])
  })

  test.each([
    ['404', 'The container credentials endpoint has no credentials at this path'],
    ['bad-json', 'The container credentials endpoint answered credentials the SDK cannot read'],
    ['expired', 'The container credentials endpoint answered expired credentials'],
    ['hang', 'The container credentials endpoint did not answer in time']
  ] as const)('%s: %s, within timeout-seconds', async (mode, title) => {
    const { result, session } = await runContainer(mode)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('container-credentials-failed')
    expect(result.findings.find(entry => entry.id === 'container-credentials-failed')?.title).toBe(
      title
    )
    expect(result.durationMs).toBeLessThan(10000)
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken, TOKEN])
  })
})

test('expired credentials: the JS SDK would sign with them, the CLI refuses them, in its words', async () => {
  const { result, session } = await runContainer('expired')
  const item = result.findings.find(entry => entry.id === 'container-credentials-failed')
  expect(item?.message).toContain('The JS SDK does not refuse them: it signs with them')
  expect(item?.message).toContain(
    '"Credentials were refreshed, but the refreshed credentials are still expired."'
  )
  expectNoLeak(result, [session.secretAccessKey, session.sessionToken, TOKEN])
})

describe('which hosts each tool calls', () => {
  test('a plain-http host neither tool calls: refused before asking, in both tools’ words', async () => {
    // 0.0.0.0 is refused by both rules; were it asked, it would still be this machine.
    const { result, session, requests } = await runContainer('ok', true, url => ({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: url.replace('127.0.0.1', '0.0.0.0'),
      AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN
    }))
    expect(requests).toEqual([])
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('container-credentials-failed')
    const item = result.findings.find(entry => entry.id === 'container-credentials-failed')
    expect(item?.title).toBe('The SDK refuses to call this container credentials host')
    expect(item?.message).toContain('("URL not accepted")')
    expect(item?.message).toContain('The AWS CLI v1 refuses it too, with "Unsupported host')
    expect(result.summary).toContain("Unsupported host `'0.0.0.0'`")
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken, TOKEN])
  })

  test('a loopback spelling only the JS SDK accepts (127.1): the step passes, and the sources table says the CLI refuses it', async () => {
    const { result, session, requests } = await runContainer('ok', true, url => ({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: url.replace('127.0.0.1', '127.1'),
      AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN
    }))
    expect(requests).toEqual(['GET /v1/credentials [authorization]'])
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    const row = result.summary
      .split('\n')
      .find(line => line.startsWith('| container credentials endpoint'))
    expect(row).toContain(
      'AWS CLI: refuses this URI before asking it ("Unsupported host \'127.1\'")'
    )
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken, TOKEN])
  })
})

describe('the authorization token file (EKS Pod Identity)', () => {
  function tokenFile(content: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'acd-e2e-pod-token-')), 'eks-pod-identity-token')
    writeFileSync(path, content)
    return path
  }

  test('the token read from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is sent, and wins over the variable', async () => {
    const path = tokenFile(TOKEN)
    const { result, session, requests } = await runContainer('ok', true, url => ({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: path,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'stale-token-in-the-variable'
    }))
    expect(requests).toEqual(['GET /v1/credentials [authorization]'])
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken, TOKEN])
  })

  test('a token file with a line break and the right token in the variable: a warning, the step passes', async () => {
    const path = tokenFile(`${TOKEN}\n`)
    const { result, session, requests } = await runContainer('ok', true, url => ({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: path,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN
    }))
    // Only the fallback's request: the file's token is never sent.
    expect(requests).toEqual(['GET /v1/credentials [authorization]'])
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    const item = result.findings.find(entry => entry.id === 'container-credentials-failed')
    expect(item?.severity).toBe('warning')
    expect(item?.title).toBe(
      'The container token file does not work: only the JS SDK got credentials, by its fallback'
    )
    expect(item?.message).toContain('The AWS CLI v1 uses only the token file, and fails with it.')
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken, TOKEN])
  })

  test('a token file with the wrong token: HTTP 403, naming the file, not the token', async () => {
    const wrong = 'Wm4kP8sT2vQ6xN1bR7yL3hJ9'
    const path = tokenFile(wrong)
    const { result, session } = await runContainer('ok', true, url => ({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: path
    }))
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('container-credentials-failed')
    const item = result.findings.find(entry => entry.id === 'container-credentials-failed')
    expect(item?.title).toBe('The container credentials endpoint refused the authorization token')
    expect(item?.message).toContain(
      'it answered HTTP 403 to the token read from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`'
    )
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken, TOKEN, wrong])
  })

  test('a token file that does not exist: the cause, though the JS SDK’s fallback asks once without a token', async () => {
    const { result, session, requests } = await runContainer('ok', true, url => ({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/nonexistent/eks-pod-identity-token'
    }))
    // fromContainerMetadata, as the real chain does on 127.0.0.1; the endpoint refuses it.
    expect(requests).toEqual(['GET /v1/credentials'])
    expect(result.summary).toMatch(/fallback provider\): HTTP 403 after \d+ ms/u)
    expect(result.code).toBe(1)
    expect(result.findings.find(entry => entry.id === 'container-credentials-failed')?.title).toBe(
      'The container authorization token file cannot be read'
    )
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken, TOKEN])
  })
})
