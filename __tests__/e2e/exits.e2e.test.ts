/**
 * Every exit says why: the bundled action, made to fail in the ways that used to end a run
 * with no output at all (an unhandled rejection, an exit forced before the report, a module
 * that cannot load), still writes its verdict line and a job summary, and fails the step.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUNDLE, cleanUp, expectNoLeak, runAction, type RunResult } from './harness.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const scratch = mkdtempSync(join(tmpdir(), 'acd-exits-'))

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
  cleanUp()
})

/**
 * A module loaded before the action (`node --import`) that does `action` when the action
 * first writes its outputs file: a moment inside the run, before the verdict and summary.
 */
function preload(name: string, action: string): string {
  const path = join(scratch, `${name}.mjs`)
  writeFileSync(
    path,
    `import fs from 'node:fs'
const original = fs.appendFileSync
let done = false
fs.appendFileSync = function (file, ...rest) {
  if (!done && String(file) === process.env.GITHUB_OUTPUT) {
    done = true
    ${action}
  }
  return original.call(this, file, ...rest)
}
`
  )
  return path
}

function expectLastResort(result: RunResult): void {
  expect(result.code).toBe(1)
  expect(result.stdout).toContain('AWS credentials fail: internal-error')
  expect(result.annotations.some(item => item.properties.title === 'internal-error')).toBe(true)
  expect(result.summary).toContain('## ❌ AWS credentials fail')
  expect(result.summary).toContain('internal-error')
}

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET }

describe('exits that used to be silent', () => {
  test('an unhandled rejection before the report: verdict, summary, failure', async () => {
    const hook = preload('reject', `Promise.reject(new Error('planted ${SECRET}'))`)
    const result = await runAction({
      env: { ...CREDENTIALS, NODE_OPTIONS: `--import ${hook}` }
    })
    expectLastResort(result)
    expect(result.stdout).toContain('unhandled rejection: Error')
    // The error is named by its kind, never by its message, which may hold anything.
    expect(result.stdout).not.toContain('planted')
    expectNoLeak(result, [SECRET])
  })

  test('an exit forced before the report (code 0) still reports, and fails the step', async () => {
    const hook = preload('exit', 'process.exit(0)')
    const result = await runAction({
      env: { ...CREDENTIALS, NODE_OPTIONS: `--import ${hook}` }
    })
    expectLastResort(result)
    expect(result.stdout).toContain('exited with code 0 before the report was written')
    expectNoLeak(result, [SECRET])
  })

  test('fail-on: never holds for an exit of last resort too', async () => {
    const hook = preload('exit-never', 'process.exit(1)')
    const result = await runAction({
      env: { ...CREDENTIALS, NODE_OPTIONS: `--import ${hook}` },
      inputs: { 'fail-on': 'never' }
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('AWS credentials fail: internal-error')
    expect(result.summary).toContain('internal-error')
  })

  test('a part of the bundle that cannot load: verdict, summary, failure', async () => {
    const copy = join(scratch, 'damaged')
    cpSync(join(BUNDLE, '..'), copy, { recursive: true })
    // The chunk that holds run(): loaded by the entry point inside its guard.
    const chunk = readdirSync(copy).find(
      name =>
        name !== 'index.js' &&
        name.endsWith('.js') &&
        readFileSync(join(copy, name), 'utf8').includes('function publishEarlyFailure(')
    )
    expect(chunk).toBeDefined()
    rmSync(join(copy, chunk ?? ''))
    const result = await runAction({ env: CREDENTIALS, bundle: join(copy, 'index.js') })
    expectLastResort(result)
    expectNoLeak(result, [SECRET])
  })
})
