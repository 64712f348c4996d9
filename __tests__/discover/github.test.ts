import { describe, expect, test } from '@jest/globals'
import { discoverGitHub } from '../../src/discover/github.js'

function context(env: Record<string, string>, event?: unknown) {
  return discoverGitHub({ GITHUB_EVENT_PATH: '/event.json', ...env }, path =>
    path === '/event.json' && event !== undefined ? JSON.stringify(event) : undefined
  )
}

function pullRequest(head: unknown, base = 'octo-org/octo-repo') {
  return { pull_request: { number: 7, head: { repo: head }, base: { repo: { full_name: base } } } }
}

describe('the GitHub context', () => {
  test('a fork pull request: the head repository differs from the base', () => {
    const github = context(
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: 'octo-org/octo-repo' },
      pullRequest({ full_name: 'someone/octo-repo' })
    )
    expect(github).toMatchObject({
      isForkPullRequest: true,
      headRepository: 'someone/octo-repo',
      pullRequestNumber: 7
    })
  })

  test('a deleted fork leaves head.repo null: still a fork', () => {
    const github = context({ GITHUB_EVENT_NAME: 'pull_request_review' }, pullRequest(null))
    expect(github).toMatchObject({ isForkPullRequest: true, headRepository: '(deleted)' })
  })

  test('same repository, pull_request_target, push, or no payload: not a fork', () => {
    expect(
      context(
        { GITHUB_EVENT_NAME: 'pull_request' },
        pullRequest({ full_name: 'octo-org/octo-repo' })
      ).isForkPullRequest
    ).toBe(false)
    expect(
      context({ GITHUB_EVENT_NAME: 'pull_request_target' }, pullRequest({ full_name: 'x/y' }))
        .isForkPullRequest
    ).toBe(false)
    expect(
      context({ GITHUB_EVENT_NAME: 'push' }, pullRequest({ full_name: 'x/y' })).isForkPullRequest
    ).toBe(false)
    expect(context({ GITHUB_EVENT_NAME: 'pull_request' }).isForkPullRequest).toBe(false)
  })

  test('Dependabot is recognised by github.actor, also when a person re-runs', () => {
    expect(context({ GITHUB_ACTOR: 'dependabot[bot]' }).isDependabot).toBe(true)
    expect(
      context({ GITHUB_ACTOR: 'dependabot[bot]', GITHUB_TRIGGERING_ACTOR: 'octocat' }).isDependabot
    ).toBe(true)
    expect(
      context({ GITHUB_ACTOR: 'octocat', GITHUB_TRIGGERING_ACTOR: 'dependabot[bot]' }).isDependabot
    ).toBe(false)
  })

  test('the OIDC request variables show whether id-token: write was granted', () => {
    expect(
      context({ ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' })
        .oidcRequestAvailable
    ).toBe(true)
    expect(context({ ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x' }).oidcRequestAvailable).toBe(false)
  })

  test('a broken payload is less context, not an error', () => {
    expect(
      discoverGitHub(
        { GITHUB_EVENT_PATH: '/e', GITHUB_EVENT_NAME: 'pull_request' },
        () => '{not json'
      ).isForkPullRequest
    ).toBe(false)
  })
})
