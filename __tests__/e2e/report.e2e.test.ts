/**
 * The report as a user meets it, from the bundled action: annotations on the workflow line,
 * the summary's repository-specific fix and OIDC guide, the sticky PR comment against a
 * loopback GitHub API, and the terminal rendering of `npm start`.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { startGitHubApi, type FakeGitHubApi } from '../fakes/github-api.js'
import { BUNDLE, FAKE_GITHUB_TOKEN, NODE, cleanUp, expectNoLeak, runAction } from './harness.js'

const WORKFLOW = `name: CI
on: [push, pull_request]
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: \${{ secrets.PROD_AWS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.PROD_AWS_SECRET }}
      AWS_REGION: us-east-1
    steps:
      - uses: actions/checkout@v4
      - uses: octo-org/aws-credentials-doctor@v1
`
const SECRET_LINE = WORKFLOW.split('\n').findIndex(line => line.includes('PROD_AWS_SECRET')) + 1

const PULL_REQUEST_EVENT = {
  number: 5,
  pull_request: {
    number: 5,
    head: { repo: { full_name: 'octo-org/octo-repo' } },
    base: { repo: { full_name: 'octo-org/octo-repo' } }
  }
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

describe('annotations and the summary point at the workflow', () => {
  test('a trailing newline in the secret is annotated on the line that sets it, with the fix', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: {
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: `${key.secretAccessKey}\n`
      },
      workspaceFiles: { '.github/workflows/ci.yml': WORKFLOW }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('invisible-characters')
    const annotation = result.annotations.find(a =>
      a.properties.title?.startsWith('invisible-characters')
    )
    expect(annotation?.severity).toBe('error')
    expect(annotation?.properties.file).toBe('.github/workflows/ci.yml')
    expect(annotation?.properties.line).toBe(String(SECRET_LINE))
    expect(result.summary.split('\n')[0]).toMatch(/^## ❌ AWS credentials fail: /u)
    expect(result.summary).toContain('from secret `PROD_AWS_SECRET`')
    expect(result.summary).toContain('gh secret set PROD_AWS_SECRET --repo octo-org/octo-repo')
    expect(result.summary).toContain('docs/findings/invisible-characters.md')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a working long-term key gets the OIDC guide with this job’s sub and a valid trust policy', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci-deployer' })
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey },
      inputs: { 'check-iam': 'false' },
      workspaceFiles: { '.github/workflows/ci.yml': WORKFLOW }
    })
    expect(result.code).toBe(0)
    expect(result.summary.split('\n')[0]).toBe('## ✅ AWS credentials work')
    expect(result.summary).toContain('Move this workflow to OIDC')
    expect(result.summary).toContain('`repo:octo-org/octo-repo:ref:refs/heads/main`')
    const json = /```json\n([\s\S]*?)\n```/u.exec(result.summary)?.[1] ?? ''
    const policy = JSON.parse(json) as {
      Statement: { Principal: { Federated: string }; Condition: Record<string, unknown> }[]
    }
    expect(policy.Statement[0]?.Principal.Federated).toBe(
      'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
    )
    expect(policy.Statement[0]?.Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: {
        // GitHub's default form and the immutable form with owner and repository IDs.
        'token.actions.githubusercontent.com:sub': [
          'repo:octo-org/octo-repo:ref:refs/heads/main',
          'repo:octo-org@*/octo-repo@*:ref:refs/heads/main'
        ]
      }
    })
    expect(result.summary).toContain('gh secret delete PROD_AWS_SECRET --repo octo-org/octo-repo')
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('when the summary file cannot be written', () => {
  test('the verdict still reaches the log, with a warning, and the outputs are set', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'acd-summary-dir-'))
    try {
      const result = await runAction({
        endpoint: emulator.url,
        env: { GITHUB_STEP_SUMMARY: directory }
      })
      expect(result.code).toBe(1)
      expect(result.outputs.cause).toBe('no-credentials')
      const warning = result.annotations.find(item =>
        item.message.includes('job summary could not be written')
      )
      expect(warning?.severity).toBe('warning')
      expect(result.stdout).toContain('AWS credentials fail')
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})

describe('the sticky pull request comment', () => {
  test('is created once, then updated in place by the next run', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const common = {
      endpoint: emulator.url,
      inputs: { 'pr-comment': 'always', 'check-iam': 'false' },
      eventName: 'pull_request',
      event: PULL_REQUEST_EVENT,
      workspaceFiles: { '.github/workflows/ci.yml': WORKFLOW }
    }
    const first = await runAction({
      ...common,
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_REF: 'refs/pull/5/merge',
        GITHUB_RUN_ID: '1001',
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ` ${key.secretAccessKey}`
      }
    })
    expect(first.code).toBe(1)
    expect(first.stdout).toContain('PR comment created on #5')
    const afterFirst = github.comments('octo-org/octo-repo', 5)
    expect(afterFirst).toHaveLength(1)
    expect(afterFirst[0]?.body).toContain(
      '<!-- aws-credentials-doctor workflow=".github/workflows/ci.yml" job="deploy" -->'
    )
    expect(afterFirst[0]?.body).toContain('AWS credentials fail')
    expect(afterFirst[0]?.body).toContain('gh secret set PROD_AWS_SECRET --repo octo-org/octo-repo')

    const second = await runAction({
      ...common,
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_REF: 'refs/pull/5/merge',
        GITHUB_RUN_ID: '1002',
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey
      }
    })
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('PR comment updated on #5')
    const afterSecond = github.comments('octo-org/octo-repo', 5)
    expect(afterSecond).toHaveLength(1)
    expect(afterSecond[0]?.id).toBe(afterFirst[0]?.id)
    expect(afterSecond[0]?.body).toContain('AWS credentials work')
    expect(afterSecond[0]?.body).toContain('actions/runs/1002')
    expect(first.masks).toContain(FAKE_GITHUB_TOKEN)
    expectNoLeak(first, [key.secretAccessKey, FAKE_GITHUB_TOKEN])
    expectNoLeak(second, [key.secretAccessKey, FAKE_GITHUB_TOKEN])
    for (const comment of afterSecond) expect(comment.body).not.toContain(key.secretAccessKey)
  })

  test('a marker planted by another user is left alone: the action writes its own comment', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const marker =
      '<!-- aws-credentials-doctor workflow=".github/workflows/ci.yml" job="deploy" -->'
    const planted = github.addComment('octo-org/octo-repo', 8, `${marker}\nplanted`, 'mallory')
    const run = (runId: string) =>
      runAction({
        endpoint: emulator.url,
        inputs: { 'pr-comment': 'always', 'check-iam': 'false' },
        eventName: 'pull_request',
        event: {
          ...PULL_REQUEST_EVENT,
          number: 8,
          pull_request: { ...PULL_REQUEST_EVENT.pull_request, number: 8 }
        },
        workspaceFiles: { '.github/workflows/ci.yml': WORKFLOW },
        env: {
          GITHUB_API_URL: github.url,
          GITHUB_RUN_ID: runId,
          AWS_ACCESS_KEY_ID: key.accessKeyId,
          AWS_SECRET_ACCESS_KEY: key.secretAccessKey
        }
      })
    const first = await run('2001')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/PR comment created on #8 \(comment \d+\)/u)
    const second = await run('2002')
    expect(second.stdout).toMatch(/PR comment updated on #8 \(comment \d+\)/u)
    const comments = github.comments('octo-org/octo-repo', 8)
    expect(comments).toHaveLength(2)
    expect(comments[0]).toEqual(planted)
    expect(comments[1]?.user.login).toBe('github-actions[bot]')
    expect(comments[1]?.body).toContain(marker)
    expect(comments[1]?.body).toContain('actions/runs/2002')
    expectNoLeak(first, [key.secretAccessKey, FAKE_GITHUB_TOKEN])
    expectNoLeak(second, [key.secretAccessKey, FAKE_GITHUB_TOKEN])
  })

  test('a token without permission is a log line, not a failure', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    github.setMode('forbidden')
    try {
      const result = await runAction({
        endpoint: emulator.url,
        inputs: { 'pr-comment': 'always', 'check-iam': 'false' },
        eventName: 'pull_request',
        event: {
          ...PULL_REQUEST_EVENT,
          number: 6,
          pull_request: { ...PULL_REQUEST_EVENT.pull_request, number: 6 }
        },
        env: {
          GITHUB_API_URL: github.url,
          AWS_ACCESS_KEY_ID: key.accessKeyId,
          AWS_SECRET_ACCESS_KEY: key.secretAccessKey
        }
      })
      expect(result.code).toBe(0)
      expect(result.outputs.status).toBe('pass')
      expect(result.stdout).toContain('PR comment skipped: the token may not comment')
      expect(github.comments('octo-org/octo-repo', 6)).toEqual([])
      expectNoLeak(result, [key.secretAccessKey, FAKE_GITHUB_TOKEN])
    } finally {
      github.setMode('ok')
    }
  })

  test('a push is not a pull request: skipped with a notice', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      inputs: { 'pr-comment': 'always', 'check-iam': 'false' },
      env: {
        GITHUB_API_URL: github.url,
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey
      }
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('PR comment skipped: this run is not for a pull request')
    expectNoLeak(result, [key.secretAccessKey])
  })
})

/** A runner named as the place the command runs (self-hosted runners may still be advice). */
const RUNNER_WORDS = /\b(?:this|the) runner\b(?! service)/iu

describe('npm start on a laptop', () => {
  async function runInTerminal(
    env: Record<string, string>
  ): Promise<{ code: number | null; stdout: string }> {
    const home = mkdtempSync(join(tmpdir(), 'acd-terminal-'))
    try {
      const child = spawn(NODE, [BUNDLE], {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home,
          AWS_EC2_METADATA_DISABLED: 'true',
          ...env
        },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let stdout = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      const killer = setTimeout(() => child.kill('SIGKILL'), 20000)
      const code = await new Promise<number | null>(resolve => child.on('close', resolve))
      clearTimeout(killer)
      return { code, stdout }
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  }

  test('prints the report as text, without workflow commands or the secret', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'laptop' })
    const env = {
      AWS_ENDPOINT_URL_STS: emulator.url,
      AWS_ENDPOINT_URL_IAM: emulator.url,
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
      AWS_REGION: 'us-east-1',
      'INPUT_CHECK-IAM': 'false'
    }
    const plain = await runInTerminal(env)
    expect(plain.code).toBe(0)
    expect(plain.stdout).toContain('✅ AWS credentials work')
    expect(plain.stdout).toContain('arn:aws:iam::111122223333:user/laptop')
    expect(plain.stdout).not.toMatch(/^::/mu)
    expect(plain.stdout).not.toContain('\u001b[')
    expect(plain.stdout).not.toContain('## ')
    expect(plain.stdout).not.toContain(key.secretAccessKey)
    // Outside a repository there is no workflow to migrate.
    expect(plain.stdout).not.toContain('Move this workflow to OIDC')
    expect(plain.stdout).not.toMatch(RUNNER_WORDS)
    expect(plain.stdout).not.toMatch(/\bCI\b/u)

    const coloured = await runInTerminal({ ...env, FORCE_COLOR: '1' })
    expect(coloured.stdout).toContain('\u001b[')
    const none = await runInTerminal({ ...env, FORCE_COLOR: '1', NO_COLOR: '1' })
    expect(none.stdout).not.toContain('\u001b[')
  })

  test('without credentials it says how to give this shell some, not a job', async () => {
    const result = await runInTerminal({})
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('No credentials were found')
    expect(result.stdout).toContain('Give this shell credentials')
    expect(result.stdout).not.toContain('secrets.AWS_')
    expect(result.stdout).not.toMatch(RUNNER_WORDS)
  })
})
