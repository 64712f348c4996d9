/**
 * The bundled action on shared files the AWS SDK for JavaScript and the AWS CLI read differently
 * (issue 10's file classes; the tools' outcomes are in __tests__/differential/file-variants.ts),
 * against the STS emulator: a job that works for the tools must not fail, and what the report
 * says about each tool is what that tool does. Every test proves that no secret leaks.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { startEmulator, type AccessKeyPair } from '../emulator/emulator.js'
import { cleanUp, expectNoLeak, runAction, type RunResult } from './harness.js'

const ACCOUNT = '210987654321'
// Started at load, so that every test shares one emulator; stopped with the run's directories.
const emulator = await startEmulator()
afterAll(async () => Promise.all([emulator.stop(), cleanUp()]))

function pair(key: AccessKeyPair): string {
  return `aws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`
}

function newKey(userName: string): AccessKeyPair {
  return emulator.createAccessKey({ accountId: ACCOUNT, userName })
}

function findingOf(result: RunResult, id: string): RunResult['findings'][number] | undefined {
  return result.findings.find(item => item.id === id)
}

function signedWith(): (string | undefined)[] {
  return emulator
    .requestLog()
    .filter(entry => entry.action === 'GetCallerIdentity')
    .map(entry => entry.accessKeyId)
}

describe('shared files read differently by the two tools', () => {
  test('a 5 MiB credentials file of comments with a valid pair: read, validated, passing', async () => {
    const key = newKey('large-file')
    emulator.clearRequestLog()
    const comments = `# ${'x'.repeat(76)}\n`.repeat(Math.ceil((5 * 1024 * 1024) / 79))
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1' },
      homeFiles: { '.aws/credentials': `${comments}[default]\n${pair(key)}` }
    })
    expect(result.code).toBe(0)
    expect(result.ids).not.toContain('no-credentials')
    expect(result.summary).not.toContain('too large')
    expect(signedWith()).toContain(key.accessKeyId)
    expectNoLeak(result, [key.secretAccessKey])
  }, 60_000)

  test('a profile that is its own source_profile assumes its role with its own keys', async () => {
    const key = newKey('self-reference')
    const role = emulator.addRole(ACCOUNT, 'self-reference', {
      trustPolicy: {
        Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }]
      }
    })
    emulator.clearRequestLog()
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', AWS_PROFILE: 'ci' },
      homeFiles: {
        '.aws/config': `[profile ci]\nrole_arn = ${role.arn}\nsource_profile = ci\n`,
        '.aws/credentials': `[ci]\n${pair(key)}`
      }
    })
    expect(result.code).toBe(0)
    expect(result.summary).not.toMatch(/loop|cycle/iu)
    expect(result.ids).not.toContain('precedence-conflict')
    expect(emulator.requestLog()).toContainEqual(
      expect.objectContaining({ action: 'AssumeRole', accessKeyId: key.accessKeyId, status: 200 })
    )
    const sessions = emulator.issuedSessions().filter(session => session.roleArn === role.arn)
    expect(sessions.length).toBeGreaterThan(0)
    expectNoLeak(result, [
      key.secretAccessKey,
      ...sessions.flatMap(session => [session.secretAccessKey, session.sessionToken])
    ])
  })

  test("a source_profile loop fails the step, in both tools' words", async () => {
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', AWS_PROFILE: 'a' },
      homeFiles: {
        '.aws/config': `[profile a]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/b\nsource_profile = a\n`
      }
    })
    expect(result.code).toBe(1)
    expect(result.summary).toContain(
      'Detected a cycle attempting to resolve credentials for profile a. Profiles visited: b, a'
    )
    expect(result.summary).toContain('Infinite loop in credential configuration detected')
    expectNoLeak(result, [])
  })

  test('a key pair split across the two files: the job works, the AWS CLI refusal is a warning', async () => {
    const key = newKey('split-pair')
    emulator.clearRequestLog()
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1' },
      homeFiles: {
        '.aws/credentials': `[default]\naws_access_key_id = ${key.accessKeyId}\n`,
        '.aws/config': `[default]\naws_secret_access_key = ${key.secretAccessKey}\n`
      }
    })
    expect(result.code).toBe(0)
    const conflict = findingOf(result, 'precedence-conflict')
    expect(conflict?.severity).toBe('warning')
    expect(conflict?.title).toBe(
      'The key pair of profile "default" is split across the credentials and config files'
    )
    expect(conflict?.message).toContain(
      'Partial credentials found in shared-credentials-file, missing: aws_secret_access_key'
    )
    expect(signedWith()).toContain(key.accessKeyId)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a credentials file saved with a BOM: the job works, the AWS CLI cannot parse it', async () => {
    const key = newKey('bom')
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1' },
      homeFiles: { '.aws/credentials': `\uFEFF[default]\n${pair(key)}` }
    })
    expect(result.code).toBe(0)
    expect(findingOf(result, 'credentials-file-malformed')?.severity).toBe('warning')
    expect(findingOf(result, 'precedence-conflict')?.message).toContain(
      'the AWS CLI stops with "Unable to parse config file'
    )
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('[profile default] before [default]: both sections named, with the one each tool reads', async () => {
    const used = newKey('profile-default')
    const other = newKey('plain-default')
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1' },
      homeFiles: { '.aws/config': `[profile default]\n${pair(used)}[default]\n${pair(other)}` }
    })
    expect(result.code).toBe(0)
    const malformed = findingOf(result, 'credentials-file-malformed')
    expect(malformed?.severity).toBe('warning')
    expect(malformed?.message).toContain('the AWS CLI reads the later `[default]`')
    expectNoLeak(result, [used.secretAccessKey, other.secretAccessKey])
  })

  test('AWS_SHARED_CREDENTIALS_FILE=$HOME/…: only the AWS CLI finds it, and both paths are named', async () => {
    const key = newKey('home-variable')
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', AWS_SHARED_CREDENTIALS_FILE: '$HOME/ci/credentials' },
      homeFiles: { 'ci/credentials': `[default]\n${pair(key)}` }
    })
    expect(result.code).toBe(1)
    expect(result.ids).toContain('no-credentials')
    const conflict = findingOf(result, 'precedence-conflict')
    expect(conflict?.title).toBe('AWS_SHARED_CREDENTIALS_FILE names a different file for each tool')
    expect(conflict?.message).toContain('the AWS CLI reads `~/ci/credentials`')
    expect(conflict?.message).toContain(`to an absolute path (\`${result.home}/ci/credentials\`)`)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a trailing space in AWS_SHARED_CREDENTIALS_FILE: both tools miss the file, which is named', async () => {
    const key = newKey('trailing-space')
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', AWS_SHARED_CREDENTIALS_FILE: '~/ci/credentials ' },
      homeFiles: { 'ci/credentials': `[default]\n${pair(key)}` }
    })
    expect(result.code).toBe(1)
    expect(result.ids).toContain('no-credentials')
    const item = findingOf(result, 'config-variable-invalid')
    expect(item?.severity).toBe('warning')
    expect(item?.title).toBe('`AWS_SHARED_CREDENTIALS_FILE` has white space around its path')
    expect(item?.message).toContain(`\`${result.home}/ci/credentials\`, which is there`)
    expect(item?.remediation).toContain(`(\`${result.home}/ci/credentials\`)`)
    expect(result.ids).not.toContain('precedence-conflict')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a relative AWS_SHARED_CREDENTIALS_FILE works from the workspace: validated, a notice naming it', async () => {
    const key = newKey('relative-path')
    emulator.clearRequestLog()
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', AWS_SHARED_CREDENTIALS_FILE: 'ci/credentials' },
      workspaceFiles: { 'ci/credentials': `[default]\n${pair(key)}` }
    })
    expect(result.code).toBe(0)
    expect(signedWith()).toContain(key.accessKeyId)
    const item = findingOf(result, 'config-variable-invalid')
    expect(item?.severity).toBe('notice')
    expect(item?.title).toBe('`AWS_SHARED_CREDENTIALS_FILE` is a relative path')
    expect(item?.message).toContain(`here \`${result.workspace}\``)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('AWS_WEB_IDENTITY_TOKEN_FILE=~/token: neither tool expands it, the file meant is named', async () => {
    const result = await runAction({
      endpoint: emulator.url,
      env: {
        AWS_REGION: 'us-east-1',
        AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/web-identity`,
        AWS_WEB_IDENTITY_TOKEN_FILE: '~/token'
      },
      homeFiles: { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl' }
    })
    expect(result.code).toBe(1)
    const item = findingOf(result, 'config-variable-invalid')
    expect(item?.severity).toBe('warning')
    expect(item?.title).toBe(
      '`AWS_WEB_IDENTITY_TOKEN_FILE` starts with `~`, which the AWS tools do not expand there'
    )
    expect(item?.message).toContain(`\`${result.home}/token\`, which is there`)
    expectNoLeak(result, ['eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl'])
  })
})
