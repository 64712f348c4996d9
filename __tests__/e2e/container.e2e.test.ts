/**
 * The bundled action on a runner whose credentials come from the container credentials
 * endpoint (ECS, CodeBuild, EKS Pod Identity), against a loopback fake: each failure by its
 * own cause, with what was asked and what answered, and neither the authorization token nor
 * the returned credentials printed anywhere.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
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

async function runContainer(mode: ContainerMode, sendToken = true) {
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
        AWS_CONTAINER_CREDENTIALS_FULL_URI: fake.url,
        ...(sendToken ? { AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN } : {}),
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
