/**
 * Security round 2 (issue 13), against the bundle: what the action shows, what it reads and
 * how long it takes on hostile input. Each test also proves that no secret leaks.
 */
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
    expect(result.outputs.cause).toBe('sts-unreachable')
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
