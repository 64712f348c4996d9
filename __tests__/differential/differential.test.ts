/**
 * Differential test: generated runner setups (variables and ~/.aws files in a temporary HOME)
 * resolved by the real JS SDK chain, by the real AWS CLI where `aws` is on PATH, and by the
 * action's discovery. They must agree on the key each tool uses, or on the message it stops with.
 * Bounded: a fixed seed, a fixed number of setups, one child process for all JS resolutions.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { discover } from '../../src/discover/index.js'
import { parseSettings } from '../../src/settings.js'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import {
  awsCli,
  awsCliPath,
  jsChain,
  prepare,
  type Prepared,
  type ToolOutcome
} from './real-tools.js'
import { generateSetups } from './setups.js'

const SEED = Number(process.env.DIFFERENTIAL_SEED ?? 20261202)
const JS_SETUPS = 80
const CLI_SETUPS = 20

const root = mkdtempSync(join(tmpdir(), 'differential-'))
const setups = generateSetups(SEED, JS_SETUPS)
const prepared: Prepared[] = setups.map((setup, index) =>
  prepare(setup, join(root, `setup-${index}`))
)

function discovered(item: Prepared): ReturnType<typeof discover> {
  return discover(parseSettings({}), item.env)
}

/** A readable account of one setup for a failing assertion. */
function describeSetup(index: number): string {
  const setup = setups[index]
  return JSON.stringify({
    seed: SEED,
    index,
    env: setup?.env,
    files: Object.keys(setup?.files ?? {})
  })
}

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe(`differential: the action and the real JS SDK chain (seed ${SEED})`, () => {
  let outcomes: ToolOutcome[] = []
  beforeAll(async () => {
    outcomes = await jsChain(prepared)
  }, 90_000)

  test('agree on the key in use, or that there is none', () => {
    expect(outcomes).toHaveLength(prepared.length)
    const disagreements: string[] = []
    prepared.forEach((item, index) => {
      const real = outcomes[index] ?? {}
      const view = discovered(item).tools?.jsSdk
      const predicted = view?.source?.accessKeyId
      const agrees =
        real.accessKeyId === undefined
          ? view?.failure !== undefined
          : predicted === real.accessKeyId
      if (!agrees)
        disagreements.push(
          `${describeSetup(index)}: SDK ${JSON.stringify(real)}, action ${JSON.stringify(view)}`
        )
    })
    expect(disagreements).toEqual([])
  })

  test("the action's own selection is the JS SDK's where no input overrides it", () => {
    const disagreements: string[] = []
    prepared.forEach((item, index) => {
      const discovery = discovered(item)
      const real = outcomes[index] ?? {}
      if (
        discovery.profile.origin.kind === 'env' &&
        discovery.profile.origin.name === 'AWS_DEFAULT_PROFILE'
      )
        return // the action examines the AWS CLI's profile there, and says so
      const selected = discovery.selected?.credentials?.accessKeyId?.raw
      if (real.accessKeyId !== undefined && selected !== real.accessKeyId)
        disagreements.push(
          `${describeSetup(index)}: SDK ${real.accessKeyId}, action ${selected ?? 'none'}`
        )
    })
    expect(disagreements).toEqual([])
  })

  test('the setups cover what matters: keys used, failures, and tools that disagree', () => {
    const used = outcomes.filter(outcome => outcome.accessKeyId !== undefined).length
    expect(used).toBeGreaterThan(JS_SETUPS / 5)
    expect(outcomes.length - used).toBeGreaterThan(JS_SETUPS / 10)
  })
})

const cli = awsCliPath()
const describeCli = cli === undefined ? describe.skip : describe

describeCli(`differential: the action and the real AWS CLI (seed ${SEED})`, () => {
  let emulator: Emulator
  beforeAll(async () => {
    emulator = await startEmulator()
  })
  afterAll(async () => {
    await emulator.stop()
  })

  test(
    'agree on the key the AWS CLI signs with, or on the message it stops with',
    async () => {
      const disagreements: string[] = []
      let signed = 0
      for (const [index, item] of prepared.slice(0, CLI_SETUPS).entries()) {
        emulator.clearRequestLog()
        const run = await awsCli(cli ?? 'aws', item, emulator.url)
        const usedKey = emulator.requestLog().at(-1)?.accessKeyId
        const view = discovered(item).tools?.awsCli
        if (usedKey !== undefined) signed += 1
        const agrees =
          usedKey === undefined
            ? view?.failure !== undefined && run.message.endsWith(view.failure)
            : view?.source?.accessKeyId === usedKey
        if (!agrees)
          disagreements.push(
            `${describeSetup(index)}: CLI ${usedKey ?? run.message}, action ${JSON.stringify(view)}`
          )
      }
      expect(disagreements).toEqual([])
      expect(signed).toBeGreaterThan(0)
    },
    CLI_SETUPS * 6_000
  )
})
