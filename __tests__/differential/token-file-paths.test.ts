/**
 * `AWS_WEB_IDENTITY_TOKEN_FILE` values people write, run through the real tools: the JS SDK
 * chain (`fromTokenFile`, which opens the path with `readFileSync` as written) and the AWS CLI
 * (botocore's `FileWebIdentityTokenLoader`, which `open()`s it as written): neither expands
 * `~` or `$NAME`, both keep white space, and a relative path opens from the working directory.
 * Each tool's message is recorded here and measured again; the action must name the variable
 * with config-variable-invalid, at the severity given.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configVariableInvalid } from '../../src/checks/config-variable-invalid.js'
import { discover } from '../../src/discover/index.js'
import { parseSettings } from '../../src/settings.js'
import { CHECK_SETTINGS } from '../checks/scenario.js'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { awsCli, awsCliPath, jsChain, prepare, type Prepared } from './real-tools.js'

interface TokenPath {
  /** The value, `<HOME>` standing for the setup's HOME. */
  readonly value: string
  /** The message each tool stops with. */
  readonly js: string
  readonly cli: string
  readonly severity: 'warning' | 'notice'
}

const ROWS: readonly TokenPath[] = [
  {
    value: '~/token',
    js: "ENOENT: no such file or directory, open '~/token'",
    cli: "[Errno 2] No such file or directory: '~/token'",
    severity: 'warning'
  },
  {
    value: '$HOME/token',
    js: "ENOENT: no such file or directory, open '$HOME/token'",
    cli: "[Errno 2] No such file or directory: '$HOME/token'",
    severity: 'warning'
  },
  {
    value: '<HOME>/token ',
    js: "ENOENT: no such file or directory, open '<HOME>/token '",
    cli: "[Errno 2] No such file or directory: '<HOME>/token '",
    severity: 'warning'
  },
  {
    value: 'token',
    js: "ENOENT: no such file or directory, open 'token'",
    cli: "[Errno 2] No such file or directory: 'token'",
    severity: 'notice'
  }
]

const root = mkdtempSync(join(tmpdir(), 'token-file-paths-'))
let emulator: Emulator
let prepared: Prepared[] = []

beforeAll(async () => {
  emulator = await startEmulator()
  prepared = ROWS.map((row, index) => {
    const home = join(root, `setup-${index}`)
    const item = prepare(
      {
        env: {
          AWS_REGION: 'us-east-1',
          AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/ci',
          AWS_WEB_IDENTITY_TOKEN_FILE: row.value.replaceAll('<HOME>', home)
        },
        // The token is in HOME; the tools run in HOME/step, as a step with a working-directory.
        files: { token: 'not.a.token', 'step/.keep': '' }
      },
      home
    )
    item.cwd = join(home, 'step')
    return item
  })
})

afterAll(async () => {
  await emulator.stop()
  rmSync(root, { recursive: true, force: true })
})

const unhome = (text: string, item: Prepared | undefined): string =>
  item === undefined ? text : text.replaceAll(item.home, '<HOME>')

describe('web identity token file paths, against the real tools', () => {
  test('the JS SDK chain stops as recorded', async () => {
    const outcomes = await jsChain(prepared)
    expect(
      outcomes.map((outcome, index) => unhome(outcome.failure ?? 'no failure', prepared[index]))
    ).toEqual(ROWS.map(row => row.js))
  }, 60_000)

  test('the AWS CLI stops as recorded (skipped without `aws` on PATH)', async () => {
    const cli = awsCliPath()
    if (cli === undefined) return
    const seen: string[] = []
    for (const item of prepared)
      seen.push(unhome((await awsCli(cli, item, emulator.url)).message, item))
    expect(seen).toEqual(ROWS.map(row => row.cli))
  }, 60_000)

  test('the action names the variable, with the token file it meant where one is there', () => {
    const named = prepared.map(item => {
      const cwd = item.cwd ?? ''
      const discovery = discover(parseSettings({}), item.env, { cwd: () => cwd })
      const [finding] = configVariableInvalid.run(discovery, CHECK_SETTINGS)
      return [finding?.severity, finding?.message.includes(`${item.home}/token\`, which is there`)]
    })
    expect(named).toEqual(ROWS.map(row => [row.severity, row.severity === 'warning']))
  })
})
