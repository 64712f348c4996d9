/**
 * The shared-file variants of file-variants.ts, measured again with the real tools and held to
 * the outcome recorded there; the action's view of what each tool does (discovery's `tools`) must
 * say the same. Bounded: one JS SDK process for every variant, one AWS CLI run per variant
 * (skipped where `aws` is not on PATH), everything on the loopback emulator.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHECK_SETTINGS } from '../checks/scenario.js'
import { runChecks } from '../../src/checks/index.js'
import { discover } from '../../src/discover/index.js'
import type { Discovery, ToolUse } from '../../src/model.js'
import { parseSettings } from '../../src/settings.js'
import { startEmulator, type AccessKeyPair, type Emulator } from '../emulator/emulator.js'
import { FILE_VARIANTS, ROLE_ARN, type Pairs } from './file-variants.js'
import { awsCli, awsCliPath, jsChain, prepare, type Prepared } from './real-tools.js'

const ACCOUNT = '123456789012'
const root = mkdtempSync(join(tmpdir(), 'file-variants-'))
let emulator: Emulator
let keys: { k1: AccessKeyPair; k2: AccessKeyPair }
let prepared: Prepared[] = []

const pairLines = (key: AccessKeyPair): string =>
  `aws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`

function fill(text: string, home: string): string {
  return text
    .replaceAll('<HOME>', home)
    .replaceAll('<K1_ID>', keys.k1.accessKeyId)
    .replaceAll('<K1_SECRET>', keys.k1.secretAccessKey)
}

function keyName(id: string | undefined): string | undefined {
  if (id === undefined) return undefined
  if (id === keys.k1.accessKeyId) return 'K1'
  if (id === keys.k2.accessKeyId) return 'K2'
  return id.startsWith('ASIA') ? 'role' : id
}

/** The action's account of one tool, in the table's terms. */
function viewOf(use: ToolUse | undefined, home: string): string {
  if (use === undefined) return 'no view'
  if (use.failure !== undefined) return `fails: ${use.failure.replaceAll(home, '<HOME>')}`
  const key = keyName(use.source?.accessKeyId)
  if (key !== undefined) return key
  return use.source?.profile === undefined ? 'no key' : 'role'
}

/** The action's discovery of a variant, from the working directory the tools ran in. */
function discovered(item: Prepared): Discovery {
  const cwd = item.cwd
  return discover(parseSettings({}), item.env, cwd === undefined ? {} : { cwd: () => cwd })
}

beforeAll(async () => {
  emulator = await startEmulator()
  keys = {
    k1: emulator.createAccessKey({ accountId: ACCOUNT, userName: 'variants-one' }),
    k2: emulator.createAccessKey({ accountId: ACCOUNT, userName: 'variants-two' })
  }
  emulator.addRole(ACCOUNT, ROLE_ARN.split('/').at(-1) ?? 'variants', {
    trustPolicy: {
      Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }]
    }
  })
  const pairs: Pairs = {
    k1: pairLines(keys.k1),
    k2: pairLines(keys.k2),
    k1Id: keys.k1.accessKeyId,
    k1Secret: keys.k1.secretAccessKey
  }
  prepared = FILE_VARIANTS.map((variant, index) => {
    const item = prepare(
      { env: { AWS_REGION: 'us-east-1' }, files: variant.files(pairs) },
      join(root, `variant-${index}`)
    )
    for (const [name, value] of Object.entries(variant.env ?? {}))
      item.env[name] = fill(value, item.home)
    if (variant.cwd !== undefined) item.cwd = join(item.home, variant.cwd)
    return item
  })
})

afterAll(async () => {
  await emulator.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('shared-file variants: the real JS SDK chain and the action agree with the table', () => {
  test('each variant resolves as recorded, and the action says so', async () => {
    // The role variants assume their role on the emulator: the JS SDK's STS client reads the
    // service's endpoint variable.
    const outcomes = await jsChain(
      prepared.map(item => ({ ...item, env: { ...item.env, AWS_ENDPOINT_URL_STS: emulator.url } }))
    )
    const rows = FILE_VARIANTS.map((variant, index) => {
      const real = outcomes[index] ?? {}
      const item = prepared[index]
      const home = item?.home ?? ''
      const measured =
        real.accessKeyId === undefined ? `fails: ${real.failure ?? ''}` : keyName(real.accessKeyId)
      const view = item === undefined ? 'no setup' : viewOf(discovered(item).tools?.jsSdk, home)
      return { name: variant.name, recorded: variant.js, measured, view }
    })
    expect(rows).toEqual(rows.map(row => ({ ...row, measured: row.recorded, view: row.recorded })))
  }, 120_000)
})

describe('shared-file variants: the action names each path variable', () => {
  test('with the finding the table gives, and its value', () => {
    const rows = FILE_VARIANTS.filter(variant => variant.finding !== undefined).map(variant => {
      const item = prepared[FILE_VARIANTS.indexOf(variant)]
      const named =
        item === undefined
          ? []
          : runChecks(discovered(item), CHECK_SETTINGS)
              .filter(entry => entry.id === variant.finding)
              .map(entry => entry.id)
      return { name: variant.name, named: named.slice(0, 1) }
    })
    expect(rows).toEqual(
      rows.map(row => ({
        ...row,
        named: [FILE_VARIANTS.find(variant => variant.name === row.name)?.finding]
      }))
    )
  })
})

const cli = awsCliPath()
const describeCli = cli === undefined ? describe.skip : describe

describeCli('shared-file variants: the real AWS CLI and the action agree with the table', () => {
  test(
    'each variant resolves as recorded, and the action says so',
    async () => {
      const rows: { name: string; recorded: string; measured: string; view: string }[] = []
      for (const [index, variant] of FILE_VARIANTS.entries()) {
        const item = prepared[index]
        if (item === undefined) continue
        emulator.clearRequestLog()
        const run = await awsCli(cli ?? 'aws', item, emulator.url)
        const log = emulator.requestLog()
        const signed = keyName(log.at(-1)?.accessKeyId)
        const assumedWith = keyName(log.find(entry => entry.action === 'AssumeRole')?.accessKeyId)
        const measured =
          signed === undefined
            ? `fails: ${run.message.replaceAll(item.home, '<HOME>')}`
            : signed === 'role'
              ? `role:${assumedWith ?? '?'}`
              : signed
        const view = viewOf(discovered(item).tools?.awsCli, item.home)
        rows.push({ name: variant.name, recorded: variant.cli, measured, view })
      }
      // The action's view names the role it assumes, not the key that signed AssumeRole.
      expect(rows).toEqual(
        rows.map(row => ({
          ...row,
          measured: row.recorded,
          view: row.recorded.replace(/^role:.*/u, 'role')
        }))
      )
    },
    FILE_VARIANTS.length * 8_000
  )
})
