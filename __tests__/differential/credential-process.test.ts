/**
 * Differential test of `credential_process`: the same test process (__tests__/fakes/
 * credential-process.mjs) in a profile, run by the real JS SDK chain, the real AWS CLI v1 and
 * the action's own runner. The JS SDK's chain says only "Could not load credentials from any
 * providers" whatever went wrong; the CLI names the problem in its own words and, for a process
 * that fails, prints the process's stderr verbatim, secrets included (botocore's ProcessProvider:
 * `CredentialRetrievalError(error_msg=stderr)`), which is why the action shows only its size.
 * Neither tool bounds the process's run time (botocore `communicate()` and Node's `exec` wait
 * without a timeout, read in their sources), so a process that hangs is not run here.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCredentialProcess, type ProcessProblem } from '../../src/aws/credential-process.js'
import { Deadline } from '../../src/aws/deadline.js'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { awsCli, awsCliPath, jsChain, prepare, type Prepared } from './real-tools.js'

const SCRIPT = join(process.cwd(), '__tests__', 'fakes', 'credential-process.mjs')
const root = mkdtempSync(join(tmpdir(), 'differential-process-'))

let emulator: Emulator
let key: { accessKeyId: string; secretAccessKey: string }

beforeAll(async () => {
  emulator = await startEmulator()
  key = emulator.createAccessKey({ accountId: '555566667777', userName: 'ci' })
})

afterAll(async () => {
  await emulator.stop()
  rmSync(root, { recursive: true, force: true })
})

function command(mode: string): string {
  return `"${process.execPath}" "${SCRIPT}" ${mode}`
}

function setup(mode: string, tool: string): Prepared {
  return prepare(
    {
      env: {
        AWS_PROFILE: 'proc',
        FAKE_PROCESS_SECRET: key.secretAccessKey,
        FAKE_PROCESS_KEY_ID: key.accessKeyId
      },
      files: { '.aws/config': `[profile proc]\ncredential_process = ${command(mode)}\n` }
    },
    join(root, `${tool}-${mode}`)
  )
}

/** [mode, the action's problem, the CLI's last line (`SECRET` for the key's secret)] */
const MODES: readonly (readonly [string, ProcessProblem, string])[] = [
  [
    'fail',
    'exit-status',
    'Error when retrieving credentials from custom-process: cannot refresh: secret SECRET'
  ],
  ['empty', 'no-output', 'Expecting value: line 1 column 1 (char 0)'],
  ['not-json', 'not-json', 'Expecting value: line 1 column 1 (char 0)'],
  [
    'version',
    'wrong-version',
    "Error when retrieving credentials from custom-process: Unsupported version '2' for credential process provider, supported versions: 1"
  ],
  [
    'fields',
    'missing-fields',
    "Error when retrieving credentials from custom-process: Missing required key in response: 'AccessKeyId'"
  ],
  [
    'expired',
    'expired',
    'Credentials were refreshed, but the refreshed credentials are still expired.'
  ]
]

describe('the real JS SDK chain', () => {
  test('gets the credentials of a working process, and says only that it found none otherwise', async () => {
    const outcomes = await jsChain([setup('ok', 'js'), ...MODES.map(([mode]) => setup(mode, 'js'))])
    expect(outcomes[0]).toEqual({ accessKeyId: key.accessKeyId })
    for (const outcome of outcomes.slice(1))
      expect(outcome).toEqual({ failure: 'Could not load credentials from any providers' })
  }, 60_000)
})

describe('the action’s runner', () => {
  test.each(MODES)('%s: %s', async (mode, problem) => {
    const previous = { ...process.env }
    process.env.FAKE_PROCESS_SECRET = key.secretAccessKey
    process.env.FAKE_PROCESS_KEY_ID = key.accessKeyId
    try {
      const outcome = await runCredentialProcess(command(mode), new Deadline(10_000))
      expect(outcome.ok ? 'ok' : outcome.problem).toBe(problem)
      expect(JSON.stringify(outcome)).not.toContain(key.secretAccessKey)
    } finally {
      process.env = previous
    }
  })
})

const cli = awsCliPath()
const describeCli = cli === undefined ? describe.skip : describe

describeCli('the real AWS CLI v1', () => {
  test('a working process: the CLI signs with its credentials', async () => {
    emulator.clearRequestLog()
    const run = await awsCli(cli ?? 'aws', setup('ok', 'cli'), emulator.url)
    expect(run.code).toBe(0)
    expect(emulator.requestLog().at(-1)?.accessKeyId).toBe(key.accessKeyId)
  }, 30_000)

  test.each(MODES)(
    '%s: the CLI stops in its own words',
    async (mode, _problem, words) => {
      const run = await awsCli(cli ?? 'aws', setup(mode, 'cli'), emulator.url)
      expect(run.code).not.toBe(0)
      expect(run.message).toBe(words.replace('SECRET', key.secretAccessKey))
    },
    30_000
  )
})
