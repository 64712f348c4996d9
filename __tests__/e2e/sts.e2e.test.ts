/**
 * The bundled action against the STS emulator: valid credentials and the basic failures a
 * user meets first. Each test also proves that no secret leaks.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { cleanUp, expectNoLeak, runAction } from './harness.js'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})

afterAll(async () => {
  await emulator.stop()
  cleanUp()
})

function envKeys(pair: {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: pair.accessKeyId,
    AWS_SECRET_ACCESS_KEY: pair.secretAccessKey,
    ...(pair.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: pair.sessionToken }),
    AWS_REGION: 'us-east-1'
  }
}

describe('valid credentials', () => {
  test('a working long-term key passes with the identity in the outputs and the summary', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci-deployer' })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(key),
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expect(result.outputs.status).toBe('pass')
    expect(result.outputs['account-id']).toBe('111122223333')
    expect(result.outputs.arn).toBe('arn:aws:iam::111122223333:user/ci-deployer')
    expect(result.outputs['principal-type']).toBe('iam-user')
    expect(result.outputs['credential-source']).toBe('environment')
    expect(result.outputs['access-key-id']).toBe(
      `${key.accessKeyId.slice(0, 4)}…${key.accessKeyId.slice(-4)}`
    )
    expect(result.ids).toContain('long-term-credentials')
    expect(result.summary).toContain('AWS credentials work')
    expect(result.summary).toContain('arn:aws:iam::111122223333:user/ci-deployer')
    expect(result.masks).toContain(key.secretAccessKey)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('temporary credentials with their token pass as an assumed role', async () => {
    const session = emulator.createSessionCredentials({
      accountId: '111122223333',
      roleName: 'deploy',
      sessionName: 'GitHubActions',
      expiresInSeconds: 3600
    })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(session),
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.outputs['principal-type']).toBe('assumed-role')
    expect(result.ids).not.toContain('long-term-credentials')
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })
})

describe('endpoints set in the config file', () => {
  test("the profile's endpoint_url sends the check where the SDK and the AWS CLI send theirs", async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'local' })
    const result = await runAction({
      env: envKeys(key),
      homeFiles: { '.aws/config': `[default]\nendpoint_url = ${emulator.url}\n` },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.arn).toBe('arn:aws:iam::111122223333:user/local')
    expect(result.summary).toContain(emulator.url)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a [services] section names the STS endpoint for the profile that points at it', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'svc' })
    const result = await runAction({
      env: { ...envKeys(key), AWS_PROFILE: 'svc' },
      homeFiles: {
        '.aws/credentials': `[svc]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`,
        '.aws/config': `[profile svc]\nservices = local\n[services local]\nsts =\n  endpoint_url = ${emulator.url}\n`
      },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.arn).toBe('arn:aws:iam::111122223333:user/svc')
    expect(result.summary).toContain(emulator.url)
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('failures named by their cause', () => {
  test('an unknown key ID is invalid-client-token-id, in under a second', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'gone' })
    emulator.deleteAccessKey(key.accessKeyId)
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key) })
    expect(result.code).toBe(1)
    expect(result.outputs.valid).toBe('false')
    expect(result.outputs.cause).toBe('invalid-client-token-id')
    expect(
      result.annotations.some(a => a.properties.title?.startsWith('invalid-client-token-id'))
    ).toBe(true)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a wrong secret is signature-mismatch', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const other = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys({ accessKeyId: key.accessKeyId, secretAccessKey: other.secretAccessKey })
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('signature-mismatch')
    expectNoLeak(result, [key.secretAccessKey, other.secretAccessKey])
  })

  test('an ASIA key without its token is session-token-missing, found before STS answers', async () => {
    const session = emulator.createSessionCredentials({
      accountId: '111122223333',
      roleName: 'deploy',
      sessionName: 's',
      expiresInSeconds: 3600
    })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys({ accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey })
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('session-token-missing')
    expect(result.ids).toContain('invalid-client-token-id')
    expect(result.ids.indexOf('session-token-missing')).toBeLessThan(
      result.ids.indexOf('invalid-client-token-id')
    )
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('a trailing newline in the secret is invisible-characters, naming the character', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys({ accessKeyId: key.accessKeyId, secretAccessKey: `${key.secretAccessKey}\n` })
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('invisible-characters')
    expect(result.ids).toContain('signature-mismatch')
    const invisible = result.findings.find(item => item.id === 'invisible-characters')
    expect(invisible?.message).toContain('U+000A')
    expect(invisible?.message).toContain('at the end')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('no credentials at all is no-credentials, and the summary is still written', async () => {
    const result = await runAction({ endpoint: emulator.url })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('no-credentials')
    expect(result.outputs['credential-source']).toBe('none')
    expect(result.summary).toContain('no-credentials')
  })

  test('an expired session is expired-token', async () => {
    const session = emulator.createSessionCredentials({
      accountId: '111122223333',
      roleName: 'deploy',
      sessionName: 's',
      expiresInSeconds: -60
    })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(session),
      inputs: { 'check-iam': 'false' }
    })
    expect(result.outputs.cause).toBe('expired-token')
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })
})

describe('the network', () => {
  test('an endpoint that never answers ends in sts-timeout within timeout-seconds', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    emulator.setFault({ mode: 'hang' })
    try {
      const result = await runAction({
        endpoint: emulator.url,
        env: envKeys(key),
        inputs: { 'timeout-seconds': '3' }
      })
      expect(result.code).toBe(1)
      expect(result.outputs.cause).toBe('sts-timeout')
      expectNoLeak(result, [key.secretAccessKey])
    } finally {
      emulator.setFault(undefined)
    }
  })

  test('a closed port an override points at is endpoint-override-unreachable', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      endpoint: 'http://127.0.0.1:9',
      env: envKeys(key),
      inputs: { 'timeout-seconds': '3' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('endpoint-override-unreachable')
    expect(result.findings[0]?.message).toContain('ECONNREFUSED')
  })
})

describe('settings', () => {
  test('an invalid input fails with settings-invalid naming the input', async () => {
    const result = await runAction({ inputs: { 'fail-on': 'sometimes' } })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('settings-invalid')
    expect(result.findings[0]?.message).toContain('fail-on')
    expect(result.summary).toContain('fail-on')
  })

  test('fail-on never keeps the step green while reporting the failure', async () => {
    const result = await runAction({ endpoint: emulator.url, inputs: { 'fail-on': 'never' } })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('fail')
  })
})
