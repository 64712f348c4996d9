/**
 * Under GitHub's local runner for actions, `@github/local-action` (what `npm run local` runs):
 * it loads `src/main.ts` through tsx, stands in for `@actions/core` and prints what the action
 * writes. The action must speak through `core` for that to work: masks registered with it,
 * outputs it lists, the step failed with `setFailed`. Offline, against the STS emulator.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { ROOT, leakForms } from './harness.js'

let emulator: Emulator
let base: string

beforeAll(async () => {
  emulator = await startEmulator()
  base = mkdtempSync(join(tmpdir(), 'acd-local-action-'))
})

afterAll(async () => {
  await emulator.stop()
  rmSync(base, { recursive: true, force: true })
})

const LOCAL_ACTION = join(ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')

async function runLocalAction(
  name: string,
  settings: Record<string, string>
): Promise<{ code: number | null; output: string }> {
  const envFile = join(base, `${name}.env`)
  const lines = Object.entries({
    GITHUB_ACTIONS: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_STS: emulator.url,
    AWS_ENDPOINT_URL_IAM: emulator.url,
    'INPUT_CHECK-IAM': 'false',
    ...settings
  }).map(([key, value]) => `${key}=${value}`)
  writeFileSync(envFile, `${lines.join('\n')}\n`)
  const home = join(base, name)
  const child = spawn(process.execPath, [LOCAL_ACTION, '.', 'src/main.ts', envFile], {
    cwd: ROOT,
    // Only what a shell on a laptop has: no runner variables but those in the .env file.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const killer = setTimeout(() => child.kill('SIGKILL'), 110_000)
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  clearTimeout(killer)
  return { code, output }
}

function expectNoSecret(output: string, secret: string): void {
  for (const form of leakForms(secret)) expect(output).not.toContain(form)
}

describe('npm run local (@github/local-action)', () => {
  test('a working key: the verdict, the outputs it lists, and no secret in clear', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci-deployer' })
    const run = await runLocalAction('working', {
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey
    })
    expect(run.output).toContain('Running Action')
    expect(run.output).toContain('AWS credentials work: arn:aws:iam::111122223333:user/ci-deployer')
    // local-action lists the outputs the action set through core (not "No outputs were set!").
    expect(run.output).not.toContain('No outputs were set')
    expect(run.output).toMatch(/'status'\s*│\s*'pass'/u)
    expect(run.output).toMatch(/'account-id'\s*│\s*'111122223333'/u)
    expectNoSecret(run.output, key.secretAccessKey)
  }, 120_000)

  test('a wrong secret fails the step through core.setFailed, and the secret stays masked', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci-deployer' })
    const wrong = `${key.secretAccessKey.slice(0, -4)}abcd`
    const run = await runLocalAction('wrong-secret', {
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: wrong
    })
    expect(run.output).toContain('signature-mismatch')
    expect(run.output).toMatch(/::error::AWS credentials check failed \(signature-mismatch/u)
    expect(run.output).toMatch(/'status'\s*│\s*'fail'/u)
    expectNoSecret(run.output, wrong)
    expectNoSecret(run.output, key.secretAccessKey)
  }, 120_000)
})
