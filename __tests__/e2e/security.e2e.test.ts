/**
 * Security round 2 (issue 13), against the bundle: what the action shows, what it reads and
 * how long it takes on hostile input. Each test also proves that no secret leaks.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { cleanUp, expectNoLeak, runAction, type RunResult } from './harness.js'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})

afterAll(async () => {
  await emulator.stop()
  cleanUp()
})

function envKeys(pair: { accessKeyId: string; secretAccessKey: string }): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: pair.accessKeyId,
    AWS_SECRET_ACCESS_KEY: pair.secretAccessKey,
    AWS_REGION: 'us-east-1'
  }
}

/** Everything the action wrote where a person or a later step can read it. */
function everything(result: RunResult): string {
  return [result.stdout, result.stderr, result.summary, result.outputFile, result.envFile].join(
    '\n'
  )
}

describe('URLs are shown without their user info', () => {
  test.each([
    ['a long password', 'Pa55-w0rd-Long'],
    ['a short password', 'pw']
  ])('AWS_ENDPOINT_URL_STS with %s', async (_what, password) => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      env: {
        ...envKeys(key),
        AWS_ENDPOINT_URL_STS: `http://deployer:${password}@127.0.0.1:9`,
        AWS_ENDPOINT_URL_IAM: `http://deployer:${password}@127.0.0.1:9`
      },
      inputs: { 'timeout-seconds': '3' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('endpoint-override-unreachable')
    const text = everything(result)
    // The endpoint is still named, without who and what.
    expect(text).toContain('http://127.0.0.1:9')
    expect(text).not.toContain(`deployer:${password}@`)
    expect(text).not.toContain('deployer:')
    expectNoLeak(result, [key.secretAccessKey, password])
  })

  test("a config file's endpoint_url", async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      env: envKeys(key),
      homeFiles: {
        '.aws/config': '[default]\nendpoint_url = https://ops:S3cretPassw0rd@127.0.0.1:9\n'
      },
      inputs: { 'timeout-seconds': '3' }
    })
    expect(result.code).toBe(1)
    const text = everything(result)
    expect(text).toContain('https://127.0.0.1:9')
    expect(text).not.toContain('ops:')
    expectNoLeak(result, [key.secretAccessKey, 'S3cretPassw0rd'])
  })
})

describe('parsing takes time linear in what is read', () => {
  const SPACES = ' '.repeat(100000)
  // Before, each of these took from 10 s to minutes: the run would have been killed.
  test.each([
    [
      'a 150 KB credentials option line',
      { '.aws/credentials': `[default]\naws_access_key_id${' '.repeat(150000)}x\n` }
    ],
    [
      'a config header with 100,000 spaces',
      { '.aws/config': `[profile${SPACES}"x"y]\nregion = us-east-1\n` }
    ],
    [
      'a config option line with 100,000 spaces',
      { '.aws/config': `[default]\nregion${SPACES}\nx${SPACES}y\n` }
    ]
  ])('%s', async (_what, homeFiles) => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(key),
      homeFiles,
      inputs: { 'check-iam': 'false' },
      killAfterMs: 60000
    })
    expect(result.code).not.toBeNull()
    expect(result.durationMs).toBeLessThan(10000)
    expect(result.stdout).toContain('::add-mask::')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a workflow file with 100,000 spaces in its keys and values', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const workflow = [
      'on: push',
      'jobs:',
      '  deploy:',
      `    runs-on: ubuntu-latest${SPACES}`,
      '    env:',
      `      A${SPACES}: 1`,
      `      B: "${SPACES}"`,
      `      C: \${{ secrets[${SPACES}'X' ] }}`,
      '    steps:',
      '      - uses: actions/checkout@v4',
      ''
    ].join('\n')
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(key),
      workspaceFiles: { '.github/workflows/ci.yml': workflow },
      inputs: { 'check-iam': 'false' },
      killAfterMs: 60000
    })
    expect(result.code).toBe(0)
    expect(result.durationMs).toBeLessThan(10000)
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('a FIFO where the SDK reads a file is reported, never opened', () => {
  const directories: string[] = []
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true })
  })

  function fifoHome(): string {
    const home = mkdtempSync(join(tmpdir(), 'acd-fifo-'))
    directories.push(home)
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true })
    return home
  }

  function mkfifo(path: string): void {
    execFileSync('mkfifo', [path])
  }

  test('the credentials file, while the config file holds the keys', async () => {
    const home = fifoHome()
    mkfifo(join(home, '.aws', 'credentials'))
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    writeFileSync(
      join(home, '.aws', 'config'),
      `[profile x]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\nregion = us-east-1\n`
    )
    const result = await runAction({
      endpoint: emulator.url,
      env: { HOME: home, AWS_PROFILE: 'x' },
      inputs: { 'timeout-seconds': '5' },
      killAfterMs: 30000
    })
    // Before, the step never ended (and blamed sts-timeout when the deadline came).
    expect(result.code).toBe(1)
    expect(result.durationMs).toBeLessThan(8000)
    expect(result.ids).not.toContain('sts-timeout')
    expect(result.summary).toContain('not a regular file')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('AWS_CONFIG_FILE, with keys in the environment', async () => {
    const home = fifoHome()
    mkfifo(join(home, 'config-fifo'))
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: { ...envKeys(key), HOME: home, AWS_CONFIG_FILE: join(home, 'config-fifo') },
      inputs: { 'timeout-seconds': '5' },
      killAfterMs: 30000
    })
    expect(result.code).toBe(1)
    expect(result.durationMs).toBeLessThan(8000)
    expect(result.ids).not.toContain('sts-timeout')
    expect(result.summary).toContain('not a regular file')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('the SSO token cache of an SSO profile', async () => {
    const home = fifoHome()
    // The name the SDK opens: the SHA-1 of the start URL.
    const cacheName = createHash('sha1').update('https://example.awsapps.com/start').digest('hex')
    mkfifo(join(home, '.aws', 'sso', 'cache', `${cacheName}.json`))
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Deploy\nregion = us-east-1\n'
    )
    const result = await runAction({
      endpoint: emulator.url,
      env: { HOME: home, AWS_PROFILE: 'sso' },
      inputs: { 'timeout-seconds': '5' },
      killAfterMs: 30000
    })
    expect(result.code).toBe(1)
    expect(result.durationMs).toBeLessThan(8000)
    expect(result.summary).toContain('not a regular file')
    expectNoLeak(result, [])
  })
})
