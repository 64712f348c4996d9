/**
 * Log-line injection, against the bundle: values that hold CR/LF and workflow commands
 * (`::warning::`, `::add-mask::`, `::stop-commands::`, the legacy `##[error]`) in a profile name,
 * a config section name and `GITHUB_WORKFLOW` never make the runner read a command the action
 * did not mean, in the verdict and finding lines, the summary when it goes to the log,
 * annotations, the step's failure or the PR comment's log lines.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { startGitHubApi, type FakeGitHubApi } from '../fakes/github-api.js'
import {
  FAKE_GITHUB_TOKEN,
  cleanUp,
  expectNoLeak,
  runAction,
  runnerCommands,
  SAME_REPOSITORY_PULL_REQUEST,
  type RunResult
} from './harness.js'

/** Each forged command's data starts with FORGED, so a command that got through is plain to see. */
const PAYLOAD =
  '\r\n::warning::FORGED-1\n##[error]FORGED-2\r::stop-commands::FORGED-3\n  ::add-mask::FORGED-4 x##[warning]FORGED-5'
/** A section name holds no line feed (the file is read line by line), but CR and `##[` it can. */
const SECTION_PAYLOAD = 'ops\r::warning::FORGED-6 x##[error]FORGED-7'

/** The commands the action itself writes. */
const OWN_COMMANDS = new Set(['add-mask', 'error', 'warning', 'notice', 'debug', 'set-output'])

function expectNoForgedCommand(result: RunResult): void {
  const commands = runnerCommands(result.stdout)
  expect(commands.length).toBeGreaterThan(0)
  for (const command of commands) {
    expect(command).toEqual(expect.objectContaining({ form: 'v2' }))
    expect(OWN_COMMANDS.has(command.name)).toBe(true)
    expect(command.data.startsWith('FORGED')).toBe(false)
    // The action's own command starts its line; a forged one would follow some text.
    expect(command.line.startsWith('::')).toBe(true)
  }
  // The values did reach the log, as text.
  expect(result.stdout).toContain('FORGED-1')
}

let emulator: Emulator
let github: FakeGitHubApi

beforeAll(async () => {
  emulator = await startEmulator()
  github = await startGitHubApi({ token: FAKE_GITHUB_TOKEN })
})

afterAll(async () => {
  await emulator.stop()
  await github.stop()
  cleanUp()
})

describe('hostile values never forge a runner command', () => {
  test.each([
    ['the summary in the log', { GITHUB_STEP_SUMMARY: '' }],
    ['the summary in its file', {}]
  ])('a profile name (%s)', async (_where, env) => {
    const result = await runAction({
      env: { AWS_PROFILE: `prod${PAYLOAD}`, GITHUB_WORKFLOW: `CI${PAYLOAD}`, ...env }
    })
    expect(result.code).toBe(1)
    expect(result.ids).toContain('profile-not-found')
    expectNoForgedCommand(result)
  })

  test('a config section name, selected and reported', async () => {
    const result = await runAction({
      env: { AWS_PROFILE: SECTION_PAYLOAD, GITHUB_STEP_SUMMARY: '' },
      homeFiles: {
        '.aws/config': `[profile ${SECTION_PAYLOAD}]\nregion = eu-west-1\n[profile prod${PAYLOAD.replace(/\n/gu, '')}]\nregion = us-east-1\n`
      }
    })
    expect(result.code).toBe(1)
    expect(runnerCommands(result.stdout).some(command => command.form === 'legacy')).toBe(false)
    expect(result.stdout).toContain('FORGED-6')
    for (const command of runnerCommands(result.stdout)) {
      expect(OWN_COMMANDS.has(command.name)).toBe(true)
      expect(command.data.startsWith('FORGED')).toBe(false)
    }
  })

  test("an endpoint's error code (an override may point at anything)", async () => {
    // STS's error XML with a hostile <Code> and <Message>, XML-escaped as a server would send it.
    const xml = (text: string): string =>
      text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/\r/gu, '&#13;')
    const body = `<ErrorResponse><Error><Type>Sender</Type><Code>Bad${xml(PAYLOAD)}</Code><Message>${xml(`no${PAYLOAD}`)}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`
    const server = createServer((request, response) => {
      request.resume()
      request.on('end', () => response.writeHead(403, { 'content-type': 'text/xml' }).end(body))
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
      const result = await runAction({
        endpoint: `http://127.0.0.1:${port}`,
        inputs: { 'check-iam': 'false', 'timeout-seconds': '5' },
        env: {
          GITHUB_STEP_SUMMARY: '',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: key.accessKeyId,
          AWS_SECRET_ACCESS_KEY: key.secretAccessKey
        }
      })
      expect(result.code).toBe(1)
      // The code is no identifier, so it is not repeated anywhere: not in a title, an output or
      // an annotation. The message is the endpoint's text, shown as data.
      expect(result.stdout).toContain('UnreadableErrorCode')
      expect(JSON.stringify(result.outputs)).not.toContain('FORGED')
      expect(result.findings.map(item => item.title).join('\n')).not.toContain('FORGED')
      for (const command of runnerCommands(result.stdout)) {
        expect(OWN_COMMANDS.has(command.name)).toBe(true)
        expect(command.data.startsWith('FORGED')).toBe(false)
        expect(command.line.startsWith('::')).toBe(true)
      }
      expectNoLeak(result, [key.secretAccessKey])
    } finally {
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  })

  test('GITHUB_WORKFLOW, through the PR comment and its log lines', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      inputs: { 'pr-comment': 'always', 'check-iam': 'false' },
      eventName: 'pull_request',
      event: SAME_REPOSITORY_PULL_REQUEST,
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_REF: 'refs/pull/9/merge',
        GITHUB_WORKFLOW: `CI${PAYLOAD}`,
        GITHUB_STEP_SUMMARY: '',
        AWS_PROFILE: `prod${PAYLOAD}`,
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey
      }
    })
    expect(result.stdout).toContain('PR comment created on #9')
    expect(github.comments('octo-org/octo-repo', 9)).toHaveLength(1)
    expectNoForgedCommand(result)
  })
})
