import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import {
  commentMarker,
  describeCommentError,
  githubCommentsApi,
  planComment,
  renderComment,
  upsertComment,
  type IssueComment,
  type IssueCommentsApi
} from '../../src/report/pr-comment.js'
import { JOB_TOKEN_IDENTITY, startGitHubApi, type FakeGitHubApi } from '../fakes/github-api.js'
import { KEY_ID, SECRET, WORKFLOW, makeReport } from './fixtures.js'

const TOKEN = 'ghs_unitTestToken0123456789'
const PR_EVENT = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' }

function pullRequestReport(env: Record<string, string>) {
  // The event payload is read from GITHUB_EVENT_PATH; the fixtures stub file reads, so give
  // the PR number through a report copy instead.
  const report = makeReport({ env: { ...PR_EVENT, ...env }, workflow: WORKFLOW })
  return {
    ...report,
    discovery: {
      ...report.discovery,
      github: { ...report.discovery.github, pullRequestNumber: 7 }
    }
  }
}

const BOT = 'github-actions[bot]'

/** An in-memory comments API for one pull request, acting as `self` (undefined: unknown). */
function memoryApi(
  initial: IssueComment[] = [],
  self: string | undefined = BOT
): IssueCommentsApi & { comments: IssueComment[] } {
  const comments = [...initial]
  let next = 1
  return {
    comments,
    identity: () => Promise.resolve(self),
    list: () => Promise.resolve(comments.map(comment => ({ ...comment }))),
    create: body => {
      const id = next++
      comments.push({ id, body, author: self ?? BOT })
      return Promise.resolve(id)
    },
    update: (id, body) => {
      const index = comments.findIndex(comment => comment.id === id)
      const existing = comments[index]
      if (existing !== undefined) comments[index] = { ...existing, body }
      return Promise.resolve()
    }
  }
}

describe('what the comment says', () => {
  test('the marker names the workflow file and the job', () => {
    const report = pullRequestReport({})
    expect(commentMarker(report)).toBe(
      '<!-- aws-credentials-doctor workflow=".github/workflows/deploy.yml" job="deploy" -->'
    )
  })

  test('a short verdict, the cause, the fix for this repository and a link to the run', () => {
    const report = pullRequestReport({
      AWS_ACCESS_KEY_ID: KEY_ID,
      AWS_SECRET_ACCESS_KEY: `${SECRET}\n`
    })
    const body = renderComment(report)
    expect(body.startsWith(commentMarker(report))).toBe(true)
    expect(body).toMatch(/### ❌ AWS credentials fail: /u)
    expect(body).toContain('**`invisible-characters`**')
    expect(body).toContain('gh secret set PROD_AWS_SECRET --repo octo-org/octo-repo')
    expect(body).toContain('https://github.com/octo-org/octo-repo/actions/runs/4242')
    for (let start = 0; start + 8 <= SECRET.length; start += 1)
      expect(body).not.toContain(SECRET.slice(start, start + 8))
  })
})

describe('whether to comment', () => {
  const failing = pullRequestReport({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' })
  const passing = pullRequestReport({ AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET })

  test('never is silent; not a pull request, no token, or a fork are skipped with a reason', () => {
    expect(planComment(failing, 'never', TOKEN)).toEqual({ kind: 'skip' })
    const push = makeReport({ env: { AWS_ACCESS_KEY_ID: '' } })
    expect(planComment(push, 'always', TOKEN)).toMatchObject({
      kind: 'skip',
      reason: 'this run is not for a pull request'
    })
    expect(planComment(failing, 'always', undefined)).toMatchObject({ kind: 'skip' })
    const fork = {
      ...failing,
      discovery: {
        ...failing.discovery,
        github: { ...failing.discovery.github, isForkPullRequest: true }
      }
    }
    expect(planComment(fork, 'always', TOKEN)).toMatchObject({ kind: 'skip' })
  })

  test('on-failure writes for a failure and only refreshes an earlier comment otherwise', () => {
    expect(failing.status).toBe('fail')
    expect(planComment(failing, 'on-failure', TOKEN)).toEqual({
      kind: 'upsert',
      issueNumber: 7,
      updateOnly: false
    })
    expect(planComment(passing, 'on-failure', TOKEN)).toMatchObject({ updateOnly: true })
    expect(planComment(passing, 'always', TOKEN)).toMatchObject({ updateOnly: false })
  })
})

describe('upsertComment', () => {
  const marker = '<!-- aws-credentials-doctor workflow="ci.yml" job="a" -->'

  test('creates once, then updates the same comment in place', async () => {
    const api = memoryApi([{ id: 99, body: 'a human comment', author: 'octocat' }])
    expect(await upsertComment(api, marker, `${marker}\nfirst`, false)).toMatchObject({
      kind: 'created'
    })
    expect(await upsertComment(api, marker, `${marker}\nsecond`, false)).toMatchObject({
      kind: 'updated'
    })
    expect(api.comments.filter(comment => comment.body.includes(marker))).toEqual([
      { id: 1, body: `${marker}\nsecond`, author: BOT }
    ])
    expect(api.comments).toContainEqual({ id: 99, body: 'a human comment', author: 'octocat' })
  })

  test("another job's comment is left alone", async () => {
    const other = '<!-- aws-credentials-doctor workflow="ci.yml" job="b" -->'
    const api = memoryApi([{ id: 5, body: `${other}\nB`, author: BOT }])
    await upsertComment(api, marker, `${marker}\nA`, false)
    expect(api.comments).toEqual([
      { id: 5, body: `${other}\nB`, author: BOT },
      { id: 1, body: `${marker}\nA`, author: BOT }
    ])
  })

  test('a marker planted by someone else is neither adopted nor a reason not to comment', async () => {
    const planted = { id: 7, body: `${marker}\nplanted`, author: 'mallory' }
    const api = memoryApi([planted])
    expect(await upsertComment(api, marker, `${marker}\nours`, false)).toEqual({
      kind: 'created',
      id: 1
    })
    expect(api.comments).toEqual([planted, { id: 1, body: `${marker}\nours`, author: BOT }])
    // Update-only refreshes nothing of theirs either.
    const refresh = memoryApi([planted])
    expect(await upsertComment(refresh, marker, `${marker}\nok`, true)).toMatchObject({
      kind: 'unchanged'
    })
    expect(refresh.comments).toEqual([planted])
  })

  test("a user's token adopts only that user's comment, compared without case", async () => {
    const api = memoryApi(
      [
        { id: 3, body: `${marker}\nbot`, author: BOT },
        { id: 4, body: `${marker}\nmine`, author: 'Deploy-Bot' }
      ],
      'deploy-bot'
    )
    expect(await upsertComment(api, marker, `${marker}\nnew`, false)).toEqual({
      kind: 'updated',
      id: 4
    })
    expect(api.comments.map(comment => comment.body)).toEqual([`${marker}\nbot`, `${marker}\nnew`])
  })

  test('an identity GitHub would not tell is taken for the job token', async () => {
    const api = memoryApi(
      [
        { id: 3, body: `${marker}\nuser`, author: 'octocat' },
        { id: 4, body: `${marker}\nbot`, author: BOT }
      ],
      undefined
    )
    expect(await upsertComment(api, marker, `${marker}\nnew`, false)).toEqual({
      kind: 'updated',
      id: 4
    })
  })

  test('update-only does not start a comment', async () => {
    const api = memoryApi()
    expect(await upsertComment(api, marker, `${marker}\nok`, true)).toMatchObject({
      kind: 'unchanged'
    })
    expect(api.comments).toEqual([])
  })
})

describe('through @actions/github against a loopback GitHub API', () => {
  let github: FakeGitHubApi

  beforeAll(async () => {
    github = await startGitHubApi({ token: TOKEN, pageSize: 2 })
  })

  afterAll(async () => {
    await github.stop()
  })

  test('finds its comment past the first page and updates it', async () => {
    const marker = '<!-- aws-credentials-doctor workflow="x" job="y" -->'
    for (const text of ['one', 'two', 'three']) github.addComment('octo-org/octo-repo', 11, text)
    const target = {
      token: TOKEN,
      apiUrl: github.url,
      repository: 'octo-org/octo-repo',
      issueNumber: 11,
      signal: AbortSignal.timeout(5000)
    }
    const api = await githubCommentsApi(target)
    await upsertComment(api, marker, `${marker}\nfirst`, false)
    github.addComment('octo-org/octo-repo', 11, 'four')
    github.addComment('octo-org/octo-repo', 11, 'five')
    await upsertComment(await githubCommentsApi(target), marker, `${marker}\nsecond`, false)
    const ours = github
      .comments('octo-org/octo-repo', 11)
      .filter(comment => comment.body.includes(marker))
    expect(ours.map(comment => comment.body)).toEqual([`${marker}\nsecond`])
  })

  test('names the job token by GraphQL where GET /user is refused, and a user token by GET /user', async () => {
    const target = {
      token: TOKEN,
      apiUrl: github.url,
      repository: 'octo-org/octo-repo',
      issueNumber: 13,
      signal: AbortSignal.timeout(5000)
    }
    const before = github.requests.length
    expect(await (await githubCommentsApi(target)).identity()).toBe('github-actions[bot]')
    // GitHub refuses GET /user to an installation token; GraphQL's viewer answers.
    expect(github.requests.slice(before)).toEqual(['GET /user', 'POST /graphql'])
    github.setIdentity({ login: 'deploy-bot', kind: 'user' })
    try {
      expect(await (await githubCommentsApi(target)).identity()).toBe('deploy-bot')
    } finally {
      github.setIdentity(JOB_TOKEN_IDENTITY)
    }
  })

  test('a token without permission is explained, not thrown at the user', async () => {
    github.setMode('forbidden')
    try {
      const api = await githubCommentsApi({
        token: TOKEN,
        apiUrl: github.url,
        repository: 'octo-org/octo-repo',
        issueNumber: 12,
        signal: AbortSignal.timeout(5000)
      })
      const error = await api.list().then(
        () => undefined,
        (caught: unknown) => caught
      )
      expect(describeCommentError(error)).toContain('pull-requests: write')
    } finally {
      github.setMode('ok')
    }
  })
})
