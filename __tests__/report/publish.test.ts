import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { Publisher, type TerminalStream } from '../../src/report/publish.js'
import type { IssueCommentsApi } from '../../src/report/pr-comment.js'
import { KEY_ID, SECRET, makeReport } from './fixtures.js'

/** Everything the publisher writes to the log goes through process.stdout.write. */
let written: string[] = []
beforeEach(() => {
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

describe('outside a runner (npm start)', () => {
  test('prints the terminal report, never an ::add-mask:: line that would show the secret', async () => {
    const out = stream(false)
    const publisher = new Publisher({ HOME: '/home/me' }, { stdout: out })
    publisher.mask(SECRET)
    const report = makeReport({
      env: { GITHUB_ACTIONS: '', AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: `${SECRET} ` }
    })
    await publisher.publish(report, { annotate: true, summary: true })
    expect(written.join('')).not.toContain('::add-mask::')
    expect(written.join('')).not.toContain(SECRET)
    expect(out.text()).toMatch(/^❌ AWS credentials fail: /u)
    expect(out.text()).not.toContain('\u001b[')
    expect(out.text()).not.toContain('::error')
  })

  test('colours on a terminal', async () => {
    const out = stream(true)
    const report = makeReport({ env: { AWS_ACCESS_KEY_ID: '' } })
    await new Publisher({}, { stdout: out }).publish(report, { annotate: true, summary: true })
    expect(out.text()).toContain('\u001b[')
  })
})

describe('on a runner', () => {
  test('a GitHub API that never answers ends the comment with a log line, within the budget', async () => {
    const neverAnswers = (_issue: number, signal: AbortSignal): Promise<IssueCommentsApi> => {
      const hang = (): Promise<never> =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason as Error))
        )
      return Promise.resolve({ list: hang, create: hang, update: hang })
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
    expect(written.join('')).toContain('PR comment skipped: GitHub did not answer in time.')
  })
})
