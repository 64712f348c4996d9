/**
 * The recorded behaviour of the real tools on invalid configuration settings
 * (config-settings.facts.ts), measured again: a plain JS SDK STS client and the AWS CLI, on
 * each setting as a variable or as a `[default]` key, against the loopback emulator; and the
 * action's finding for each, at the severity the two outcomes give.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configVariableInvalid } from '../../src/checks/config-variable-invalid.js'
import { discover } from '../../src/discover/index.js'
import { parseSettings } from '../../src/settings.js'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import {
  ACCEPTED,
  CONFIG_FACTS,
  type ConfigFact,
  type ToolResult
} from './config-settings.facts.js'
import { awsCli, awsCliPath, jsRunner, prepare, type Prepared } from './real-tools.js'

let emulator: Emulator
let key: { accessKeyId: string; secretAccessKey: string }
const root = mkdtempSync(join(tmpdir(), 'config-settings-'))

beforeAll(async () => {
  emulator = await startEmulator()
  key = emulator.createAccessKey({ accountId: '123456789012', userName: 'ci' })
})

afterAll(async () => {
  await emulator.stop()
  rmSync(root, { recursive: true, force: true })
})

function setup(
  row: Pick<ConfigFact, 'variable' | 'key' | 'where' | 'value'>,
  index: number
): Prepared {
  const setting: Record<string, string> = row.where === 'env' ? { [row.variable]: row.value } : {}
  return prepare(
    {
      env: {
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_STS: emulator.url,
        NO_PROXY: '127.0.0.1',
        ...setting
      },
      files:
        row.where === 'config' ? { '.aws/config': `[default]\n${row.key} = ${row.value}\n` } : {}
    },
    join(root, `setup-${index}`)
  )
}

const accepted = ACCEPTED.map(([variable, value]) => ({
  variable,
  key: '',
  where: 'env' as const,
  value
}))

function label(row: Pick<ConfigFact, 'variable' | 'where' | 'value'>): string {
  return `${row.where} ${row.variable}=${JSON.stringify(row.value)}`
}

describe('invalid configuration settings, against the real tools', () => {
  test('the JS SDK does what the facts record', async () => {
    const rows = [...CONFIG_FACTS, ...accepted]
    const outcomes = await jsRunner<ToolResult>(
      'js-sts.mjs',
      rows.map((row, index) => setup(row, index))
    )
    expect(rows.map((row, index) => [label(row), outcomes[index]])).toEqual([
      ...CONFIG_FACTS.map(row => [label(row), row.jsSdk]),
      ...accepted.map(row => [label(row), { ok: true }])
    ])
  }, 60_000)

  test('the AWS CLI does what the facts record (skipped without `aws` on PATH)', async () => {
    const cli = awsCliPath()
    if (cli === undefined) return
    const rows = [...CONFIG_FACTS, ...accepted]
    const seen: [string, ToolResult][] = []
    for (const [index, row] of rows.entries()) {
      const retries = row.key === 'max_attempts' ? 'as configured' : 'one attempt'
      const run = await awsCli(cli, setup(row, 100 + index), emulator.url, { retries })
      seen.push([label(row), run.code === 0 ? { ok: true } : { fails: run.message }])
    }
    expect(seen).toEqual([
      ...CONFIG_FACTS.map(row => [label(row), row.awsCli]),
      ...accepted.map(row => [label(row), { ok: true }])
    ])
  }, 180_000)

  test('the action names each, at the severity the two outcomes give, and no accepted one', () => {
    const check = (row: Pick<ConfigFact, 'variable' | 'key' | 'where' | 'value'>, index: number) =>
      configVariableInvalid.run(discover(parseSettings({}), setup(row, 300 + index).env), {
        requireTemporaryCredentials: false,
        maxKeyAgeDays: 90,
        expectedAccountIds: [],
        roleToAssume: undefined
      })
    for (const [index, row] of CONFIG_FACTS.entries()) {
      const failing = [row.jsSdk, row.awsCli].filter(result => 'fails' in result).length
      const severity = ['notice', 'warning', 'error'][failing]
      const [item] = check(row, index)
      expect([label(row), item?.severity]).toEqual([label(row), severity])
      for (const result of [row.jsSdk, row.awsCli])
        if ('fails' in result) expect(item?.message).toContain(result.fails)
    }
    for (const [index, row] of accepted.entries())
      expect([label(row), check(row, 200 + index)]).toEqual([label(row), []])
  })
})
