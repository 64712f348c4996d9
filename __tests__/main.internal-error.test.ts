/**
 * An exception inside the action (a bug, not a credential problem) is reported as the
 * `internal-error` finding: the step fails, the summary and the outputs are still written, and
 * the error's text passes through the redactor like everything else.
 */
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

jest.unstable_mockModule('../src/checks/index.js', () => ({
  CHECKS: [],
  runChecks: () => {
    // The message carries the secret, as a careless error from a dependency might.
    throw new TypeError(`Cannot read properties of undefined (reading '${SECRET}')`)
  }
}))

const { run } = await import('../src/main.js')

let directory = ''
let summaryFile = ''
let outputFile = ''
let written: string[] = []

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'acd-internal-'))
  summaryFile = join(directory, 'summary.md')
  outputFile = join(directory, 'output')
  writeFileSync(summaryFile, '')
  writeFileSync(outputFile, '')
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  rmSync(directory, { recursive: true, force: true })
})

describe('an internal error', () => {
  test('fails the step with internal-error, and still writes the summary and outputs', async () => {
    const code = await run({
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_EC2_METADATA_DISABLED: 'true'
    })
    expect(code).toBe(1)
    const summary = readFileSync(summaryFile, 'utf8')
    expect(summary).toContain('internal-error')
    expect(summary).toContain('TypeError')
    expect(summary).toContain('bug in aws-credentials-doctor')
    const outputs = readFileSync(outputFile, 'utf8')
    expect(outputs).toContain('internal-error')
    const log = written.filter(line => !line.startsWith('::add-mask::')).join('')
    expect(log).toContain('internal-error')
    for (const place of [summary, outputs, log]) {
      for (let start = 0; start + 8 <= SECRET.length; start += 1)
        expect(place).not.toContain(SECRET.slice(start, start + 8))
    }
  })

  test('with fail-on: never it is reported but does not fail the step', async () => {
    const code = await run({
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      'INPUT_FAIL-ON': 'never',
      AWS_EC2_METADATA_DISABLED: 'true'
    })
    expect(code).toBe(0)
    expect(readFileSync(outputFile, 'utf8')).toContain('internal-error')
  })
})
