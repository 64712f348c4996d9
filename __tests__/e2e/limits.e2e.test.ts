/**
 * GitHub's limits over the bundle: a run whose values are pasted whole (a profile name, a
 * region, a role ARN, the workflow name, each ~100,000 characters) and whose credentials are
 * broken in every way would, unbounded, write a summary, a comment and annotations GitHub
 * drops or refuses. Here the annotations stay within ten of each kind (the failure's own
 * error counted), the summary within 1 MiB, the comment within 65,536 characters, the outputs
 * whole, and no secret appears anywhere.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { generateSecretAccessKey } from '../emulator/keys.js'
import { startGitHubApi, type FakeGitHubApi } from '../fakes/github-api.js'
import {
  cleanUp,
  expectNoLeak,
  FAKE_GITHUB_TOKEN,
  runAction,
  runnerCommands,
  SAME_REPOSITORY_PULL_REQUEST
} from './harness.js'

let github: FakeGitHubApi

beforeAll(async () => {
  github = await startGitHubApi({ token: FAKE_GITHUB_TOKEN })
})

afterAll(async () => {
  await github.stop()
  cleanUp()
})

/** A value pasted whole: long, and different everywhere so that no part of it repeats. */
function pasted(prefix: string, length: number): string {
  let text = prefix
  for (let index = 0; text.length < length; index += 1) text += `${prefix}${index.toString(36)}-`
  return text.slice(0, length)
}

describe('the largest run stays within GitHub limits', () => {
  test('annotations, summary, comment and outputs', async () => {
    const secret = generateSecretAccessKey()
    const result = await runAction({
      inputs: { 'pr-comment': 'always', 'check-iam': 'false' },
      eventName: 'pull_request',
      event: SAME_REPOSITORY_PULL_REQUEST,
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_REF: 'refs/pull/9/merge',
        GITHUB_WORKFLOW: pasted('wf', 100000),
        AWS_ACCESS_KEY_ID: `AKIAIOSFODNN7EXAMPLE${pasted('k', 100000)}`,
        AWS_SECRET_ACCESS_KEY: secret,
        AWS_REGION: pasted('r', 100000),
        AWS_DEFAULT_REGION: pasted('zz', 100000),
        AWS_PROFILE: pasted('p', 100000),
        AWS_ROLE_ARN: pasted('arn', 100000)
      },
      killAfterMs: 60000
    })
    expect(result.code).toBe(1)
    const commands = runnerCommands(result.stdout)
    const errors = commands.filter(command => command.name === 'error')
    const warnings = commands.filter(command => command.name === 'warning')
    // setFailed's error is among the ten.
    expect(errors.length).toBeGreaterThan(1)
    expect(errors.length).toBeLessThanOrEqual(10)
    expect(warnings.length).toBeLessThanOrEqual(10)
    for (const command of [...errors, ...warnings]) expect(command.data.length).toBeLessThan(4200)
    expect(Buffer.byteLength(result.summary, 'utf8')).toBeLessThan(1024 * 1024)
    expect(result.summary).toMatch(/more characters\)/u)
    const comments = github.comments('octo-org/octo-repo', 9)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.body.length).toBeLessThanOrEqual(65536)
    // Every finding is still in the outputs, however much of the report was shortened.
    expect(result.ids.length).toBeGreaterThan(3)
    expect(JSON.parse(result.outputs.findings ?? '[]')).toHaveLength(result.ids.length)
    expect(result.outputs.cause).toBe(result.ids[0])
    expectNoLeak(result, [secret, FAKE_GITHUB_TOKEN])
    for (const comment of comments) expect(comment.body).not.toContain(secret)
  })
})
