/**
 * The names credential-variable-misnamed reports are read by neither real tool: for each, the
 * real JS SDK chain and (where `aws` is on PATH) the AWS CLI are given the emulator's key under
 * the misnamed variable, the other half under its right name, and nothing else. Neither may use
 * the key; with the name corrected, both must. The action must name every one of them.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { discover } from '../../src/discover/index.js'
import { parseSettings } from '../../src/settings.js'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { awsCli, awsCliPath, jsChain, prepare, type Prepared } from './real-tools.js'

/** Misnamed variable → the variable the tools read. */
const CASES: readonly (readonly [string, 'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY'])[] = [
  ['aws_access_key_id', 'AWS_ACCESS_KEY_ID'],
  ['AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID'],
  ['AWS_ACCES_KEY_ID', 'AWS_ACCESS_KEY_ID'],
  ['aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY'],
  ['AWS_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY'],
  ['AWS_SECERT_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY'],
  ['AWS_SECRET_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']
]

const root = mkdtempSync(join(tmpdir(), 'misnamed-'))
let emulator: Emulator
let key: { accessKeyId: string; secretAccessKey: string }

beforeAll(async () => {
  emulator = await startEmulator()
  key = emulator.createAccessKey({ accountId: '111122223333', userName: 'misnamed' })
})

afterAll(async () => {
  await emulator.stop()
  rmSync(root, { recursive: true, force: true })
})

function setup(misnamedAs: string | undefined, meant: string, index: number): Prepared {
  const values: Record<string, string> = {
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey
  }
  const env = Object.fromEntries(
    Object.entries(values).map(([name, value]) =>
      misnamedAs !== undefined && name === meant ? [misnamedAs, value] : [name, value]
    )
  )
  return prepare({ env, files: {} }, join(root, `setup-${index}`))
}

describe('misnamed credential variables, against the real tools', () => {
  test('the JS SDK reads none of them, and the corrected names work', async () => {
    const wrong = CASES.map(([name, meant], index) => setup(name, meant, index))
    const right = setup(undefined, 'AWS_ACCESS_KEY_ID', CASES.length)
    const outcomes = await jsChain([...wrong, right])
    expect(outcomes.slice(0, CASES.length).map(outcome => outcome.accessKeyId)).toEqual(
      CASES.map(() => undefined)
    )
    expect(outcomes.at(-1)?.accessKeyId).toBe(key.accessKeyId)
  })

  test('the AWS CLI reads none of them either (skipped without `aws` on PATH)', async () => {
    const cli = awsCliPath()
    if (cli === undefined) return
    for (const [index, [name, meant]] of CASES.entries()) {
      const run = await awsCli(cli, setup(name, meant, 100 + index), emulator.url)
      expect({ name, code: run.code }).toEqual({ name, code: 255 })
      // A half pair in the variables, or none at all.
      expect(run.message).toMatch(/Partial credentials found in env|Unable to locate credentials/u)
    }
    expect((await awsCli(cli, setup(undefined, 'AWS_ACCESS_KEY_ID', 200), emulator.url)).code).toBe(
      0
    )
  }, 120_000)

  test('the action names every one of them', () => {
    for (const [index, [name, meant]] of CASES.entries()) {
      const discovery = discover(parseSettings({}), setup(name, meant, 300 + index).env)
      expect(discovery.misnamedVariables?.map(item => [item.name, item.meant])).toEqual([
        [name, meant]
      ])
    }
  })
})
