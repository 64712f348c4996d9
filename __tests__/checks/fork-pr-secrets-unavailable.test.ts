import { describe, expect, test } from '@jest/globals'
import { forkPrSecretsUnavailable } from '../../src/checks/fork-pr-secrets-unavailable.js'
import { CHECK_SETTINGS, envKeys, findingsOf, idsOf, longTermKey, scenario } from './scenario.js'

const ROLE = 'arn:aws:iam::111122223333:role/github-deploy'
const TOKEN_REQUEST = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/request',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
}

function pullRequest(head: string | null, base = 'octo-org/octo-repo'): unknown {
  return {
    number: 42,
    pull_request: {
      number: 42,
      head: { repo: head === null ? null : { full_name: head } },
      base: { repo: { full_name: base } }
    }
  }
}

const REPO = { GITHUB_REPOSITORY: 'octo-org/octo-repo' }
const EMPTY_KEYS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }

describe('fork-pr-secrets-unavailable', () => {
  test('a pull request from a fork with empty key variables', () => {
    const [item] = findingsOf(forkPrSecretsUnavailable, {
      env: { ...REPO, ...EMPTY_KEYS, GITHUB_EVENT_NAME: 'pull_request' },
      event: pullRequest('contributor/octo-repo')
    })
    expect(item?.id).toBe('fork-pr-secrets-unavailable')
    expect(item?.message).toContain('pull request #42 from the fork `contributor/octo-repo`')
    expect(item?.evidence).toContain('environment variable `AWS_ACCESS_KEY_ID` is ""')
  })

  test('a fork that was deleted counts as a fork', () => {
    const [item] = findingsOf(forkPrSecretsUnavailable, {
      env: { ...REPO, GITHUB_EVENT_NAME: 'pull_request' },
      event: pullRequest(null)
    })
    expect(item?.message).toContain('a fork that has since been deleted')
  })

  test('a same-repository pull request, pull_request_target, or a fork run with working keys is not reported', () => {
    expect(
      idsOf(forkPrSecretsUnavailable, {
        env: { ...REPO, ...EMPTY_KEYS, GITHUB_EVENT_NAME: 'pull_request' },
        event: pullRequest('octo-org/octo-repo')
      })
    ).toEqual([])
    expect(
      idsOf(forkPrSecretsUnavailable, {
        env: { ...REPO, ...EMPTY_KEYS, GITHUB_EVENT_NAME: 'pull_request_target' },
        event: pullRequest('contributor/octo-repo')
      })
    ).toEqual([])
    expect(
      idsOf(forkPrSecretsUnavailable, {
        env: { ...REPO, ...envKeys(longTermKey()), GITHUB_EVENT_NAME: 'pull_request' },
        event: pullRequest('contributor/octo-repo')
      })
    ).toEqual([])
  })

  test('owner names differing only in case are the same repository', () => {
    expect(
      idsOf(forkPrSecretsUnavailable, {
        env: { ...REPO, ...EMPTY_KEYS, GITHUB_EVENT_NAME: 'pull_request' },
        event: pullRequest('Octo-Org/Octo-Repo')
      })
    ).toEqual([])
  })

  test('a job that assumes its role with OIDC and passes no keys needs no secrets: not reported', () => {
    const oidcOnly = scenario({
      env: { ...REPO, GITHUB_EVENT_NAME: 'pull_request', ...TOKEN_REQUEST },
      event: pullRequest('contributor/octo-repo')
    })
    expect(
      forkPrSecretsUnavailable.run(oidcOnly, { ...CHECK_SETTINGS, roleToAssume: ROLE })
    ).toEqual([])
    // Without the token request, or with empty key variables, the secrets are still missed.
    const noToken = scenario({
      env: { ...REPO, GITHUB_EVENT_NAME: 'pull_request' },
      event: pullRequest('contributor/octo-repo')
    })
    expect(
      forkPrSecretsUnavailable
        .run(noToken, { ...CHECK_SETTINGS, roleToAssume: ROLE })
        .map(item => item.id)
    ).toEqual(['fork-pr-secrets-unavailable'])
    const emptyKeys = scenario({
      env: { ...REPO, GITHUB_EVENT_NAME: 'pull_request', ...TOKEN_REQUEST, ...EMPTY_KEYS },
      event: pullRequest('contributor/octo-repo')
    })
    expect(
      forkPrSecretsUnavailable
        .run(emptyKeys, { ...CHECK_SETTINGS, roleToAssume: ROLE })
        .map(item => item.id)
    ).toEqual(['fork-pr-secrets-unavailable'])
  })
})
