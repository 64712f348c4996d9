/**
 * An exception inside the action (a bug, not a credential problem) is reported as the
 * `internal-error` finding: the step fails, the summary and the outputs are still written, and
 * the error's text passes through the redactor like everything else.
 */
import { beforeEach, describe, expect, jest, test } from '@jest/globals'
import * as core from '../__fixtures__/core.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

jest.unstable_mockModule('../src/checks/index.js', () => ({
  CHECKS: [],
  runChecks: () => {
    // The message carries the secret, as a careless error from a dependency might.
    throw new TypeError(`Cannot read properties of undefined (reading '${SECRET}')`)
  }
}))
jest.unstable_mockModule('@actions/core', () => core)

const { run } = await import('../src/main.js')

/** The runner's files, as run() sees them; the core stand-in records what goes there. */
const RUNNER = { GITHUB_STEP_SUMMARY: '/runner/summary.md', GITHUB_OUTPUT: '/runner/output' }

beforeEach(() => core.resetRunner())

describe('an internal error', () => {
  test('fails the step with internal-error, and still writes the summary and outputs', async () => {
    const code = await run({
      ...RUNNER,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_EC2_METADATA_DISABLED: 'true'
    })
    expect(code).toBe(1)
    const summary = core.runner.summary
    expect(summary).toContain('internal-error')
    expect(summary).toContain('TypeError')
    expect(summary).toContain('bug in aws-credentials-doctor')
    expect(core.runner.outputs.cause).toBe('internal-error')
    const outputs = JSON.stringify(core.runner.outputs)
    const log = core.runner.lines.join('\n')
    expect(log).toContain('internal-error')
    expect(core.runner.failed).toContain('internal-error')
    expect(core.runner.secrets).toContain(SECRET)
    // The stack is there for step debug logging, redacted like everything else.
    const debug = core.runner.debugLines.join('\n')
    expect(debug).toContain('TypeError')
    const annotations = JSON.stringify(core.runner.annotations)
    for (const place of [summary, outputs, log, debug, annotations]) {
      for (let start = 0; start + 8 <= SECRET.length; start += 1)
        expect(place).not.toContain(SECRET.slice(start, start + 8))
    }
  })

  test('with fail-on: never it is reported but does not fail the step', async () => {
    const code = await run({
      ...RUNNER,
      'INPUT_FAIL-ON': 'never',
      AWS_EC2_METADATA_DISABLED: 'true'
    })
    expect(code).toBe(0)
    expect(core.runner.outputs.cause).toBe('internal-error')
    expect(core.runner.failed).toBeUndefined()
  })
})
