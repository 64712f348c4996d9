import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'
import type { IssueCommentsApi } from '../../src/report/pr-comment.js'
import { finding } from '../../src/findings.js'
import { KEY_ID, SECRET, identity, makeReport } from './fixtures.js'

jest.unstable_mockModule('@actions/core', () => core)
const { Publisher } = await import('../../src/report/publish.js')
type TerminalStream = import('../../src/report/publish.js').TerminalStream

/** Nothing may reach the real stdout: the terminal report goes to its stream, the rest to core. */
let written: string[] = []
beforeEach(() => {
  core.resetRunner()
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
})
afterEach(() => {
  jest.restoreAllMocks()
})

function stream(isTTY: boolean): TerminalStream & { text: () => string } {
  const chunks: string[] = []
  return { isTTY, write: chunk => void chunks.push(chunk), text: () => chunks.join('') }
}

const RUNNER = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '/runner/summary.md' }

describe('outside a runner (npm start)', () => {
  test('prints the terminal report, and registers no mask that would print the secret', async () => {
    const out = stream(false)
    const publisher = new Publisher({ HOME: '/home/me' }, { stdout: out })
    publisher.mask(SECRET)
    const report = makeReport({
      env: { GITHUB_ACTIONS: '', AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: `${SECRET} ` }
    })
    await publisher.publish(report, { annotate: true, summary: true })
    expect(core.runner.secrets).toEqual([])
    expect(written.join('')).toBe('')
    expect(out.text()).not.toContain(SECRET)
    expect(out.text()).toMatch(/^❌ AWS credentials fail: /u)
    expect(out.text()).not.toContain('\u001b[')
    expect(out.text()).not.toContain('::error')
    // The step's failure is the exit code there; nothing speaks the runner's protocol.
    expect(core.runner.failed).toBeUndefined()
    expect(core.runner.annotations).toEqual([])
  })

  test('colours on a terminal', async () => {
    const out = stream(true)
    const report = makeReport({ env: { AWS_ACCESS_KEY_ID: '' } })
    await new Publisher({}, { stdout: out }).publish(report, { annotate: true, summary: true })
    expect(out.text()).toContain('\u001b[')
  })
})

describe('on a runner, through @actions/core', () => {
  test('masks, outputs, annotations with file and line, the summary and the failure', async () => {
    const publisher = new Publisher(RUNNER)
    publisher.mask(SECRET)
    const report = makeReport({
      env: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: `${SECRET}\n` },
      workflow: `name: Deploy\njobs:\n  deploy:\n    env:\n      AWS_SECRET_ACCESS_KEY: \${{ secrets.PROD_AWS_SECRET }}\n`
    })
    await publisher.publish(report, { annotate: true, summary: true, failOn: 'error' })
    expect(core.runner.secrets).toContain(SECRET)
    expect(core.runner.outputs.status).toBe('fail')
    expect(core.runner.outputs.cause).toBe('invisible-characters')
    const annotation = core.runner.annotations.find(item =>
      item.properties.title?.startsWith('invisible-characters')
    )
    expect(annotation?.severity).toBe('error')
    expect(annotation?.properties).toMatchObject({
      file: '.github/workflows/deploy.yml',
      startLine: 5
    })
    expect(core.runner.summary).toContain('invisible-characters')
    expect(core.runner.failed).toMatch(
      /^AWS credentials check failed \(invisible-characters: .+\)\. The step fails on an error \(fail-on: error\)/u
    )
    expect(core.runner.lines[0]).toMatch(/^AWS credentials fail: /u)
    for (const text of [
      core.runner.summary,
      core.runner.lines.join('\n'),
      JSON.stringify(core.runner.outputs),
      JSON.stringify(core.runner.annotations)
    ])
      expect(text).not.toContain(SECRET)
    expect(written.join('')).toBe('')
  })

  test('a passing run does not fail the step; fail-on: warning fails it on a warning', async () => {
    const old = finding('access-key-age', {
      message: 'The key is 200 days old.',
      remediation: 'Rotate it.'
    })
    const env = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET }
    const remote = { identity: identity('arn:aws:iam::111122223333:user/ci') }
    const warned = makeReport({ env, remote, extraFindings: [old] })
    expect(warned.status).toBe('warn')
    await new Publisher(RUNNER).publish(warned, { annotate: false, summary: false })
    expect(core.runner.failed).toBeUndefined()
    const failing = makeReport({
      env: { ...env, 'INPUT_FAIL-ON': 'warning' },
      remote,
      extraFindings: [old]
    })
    await new Publisher(RUNNER).publish(failing, {
      annotate: false,
      summary: false,
      failOn: 'warning'
    })
    expect(core.runner.failed).toContain('fails on a warning or an error (fail-on: warning)')
  })

  test('a summary that cannot be written is a warning, and the summary goes to the log', async () => {
    core.runner.summaryError = new Error("Unable to access summary file: '/runner/summary.md'.")
    const report = makeReport({ env: { AWS_ACCESS_KEY_ID: '' } })
    await new Publisher(RUNNER).publish(report, { annotate: false, summary: true })
    expect(core.runner.annotations).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('could not be written to /runner/summary.md')
      })
    )
    expect(core.runner.lines.join('\n')).toContain('### Findings')
    expect(core.runner.summary).toBe('')
  })

  test('debug lines are redacted, and written only on a runner', () => {
    const publisher = new Publisher(RUNNER)
    publisher.mask(SECRET)
    publisher.debug(`Error: reading '${SECRET}'\n    at x (file.js:1:1)`)
    expect(core.runner.debugLines).toHaveLength(1)
    expect(core.runner.debugLines[0]).not.toContain(SECRET)
    const out = stream(false)
    new Publisher({}, { stdout: out }).debug('hidden')
    expect(out.text()).toBe('')
    expect(core.runner.debugLines).toHaveLength(1)
  })

  test('a GitHub API that never answers ends the comment with a log line, within the budget', async () => {
    const neverAnswers = (_issue: number, signal: AbortSignal): Promise<IssueCommentsApi> => {
      const hang = (): Promise<never> =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason as Error))
        )
      return Promise.resolve({ identity: hang, list: hang, create: hang, update: hang })
    }
    // The run's budget is already spent: only the comment's grace remains.
    let now = 0
    const publisher = new Publisher(
      { GITHUB_ACTIONS: 'true' },
      { commentsApi: neverAnswers, now: () => now }
    )
    now = 60_000
    const report = makeReport({ env: { AWS_ACCESS_KEY_ID: '' } })
    const withPullRequest = {
      ...report,
      discovery: {
        ...report.discovery,
        github: { ...report.discovery.github, pullRequestNumber: 3 }
      }
    }
    await publisher.publish(withPullRequest, {
      annotate: false,
      summary: false,
      prComment: 'always',
      githubToken: 'ghs_token',
      timeoutSeconds: 1
    })
    expect(core.runner.lines).toContain('PR comment skipped: GitHub did not answer in time.')
  })
})
