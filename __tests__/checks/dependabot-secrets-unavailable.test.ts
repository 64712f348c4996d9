import { describe, expect, test } from '@jest/globals'
import { dependabotSecretsUnavailable } from '../../src/checks/dependabot-secrets-unavailable.js'
import { CHECK_SETTINGS, envKeys, findingsOf, idsOf, longTermKey, scenario } from './scenario.js'

const ROLE = 'arn:aws:iam::111122223333:role/github-deploy'
const TOKEN_REQUEST = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/request',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
}

const EMPTY_KEYS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }
const BOT = 'dependabot[bot]'

describe('dependabot-secrets-unavailable', () => {
  test('a Dependabot run with empty key variables', () => {
    const [item] = findingsOf(dependabotSecretsUnavailable, {
      env: {
        ...EMPTY_KEYS,
        GITHUB_ACTOR: BOT,
        GITHUB_TRIGGERING_ACTOR: BOT,
        GITHUB_EVENT_NAME: 'pull_request'
      }
    })
    expect(item?.id).toBe('dependabot-secrets-unavailable')
    expect(item?.remediation).toContain('--app dependabot')
  })

  test('a person re-running a Dependabot run still gets only Dependabot secrets', () => {
    const [item] = findingsOf(dependabotSecretsUnavailable, {
      env: {
        ...EMPTY_KEYS,
        GITHUB_ACTOR: BOT,
        GITHUB_TRIGGERING_ACTOR: 'octocat',
        GITHUB_EVENT_NAME: 'push'
      }
    })
    expect(item?.evidence).toContain('re-run by: `octocat`')
  })

  test('pull_request_target counts only for pull requests Dependabot opened', () => {
    expect(
      idsOf(dependabotSecretsUnavailable, {
        env: { ...EMPTY_KEYS, GITHUB_ACTOR: BOT, GITHUB_EVENT_NAME: 'pull_request_target' },
        event: { pull_request: { user: { login: BOT } } }
      })
    ).toEqual(['dependabot-secrets-unavailable'])
    expect(
      idsOf(dependabotSecretsUnavailable, {
        env: { ...EMPTY_KEYS, GITHUB_ACTOR: BOT, GITHUB_EVENT_NAME: 'pull_request_target' },
        event: { pull_request: { user: { login: 'octocat' } } }
      })
    ).toEqual([])
  })

  test('Dependabot secrets that exist, or another actor, are not reported', () => {
    expect(
      idsOf(dependabotSecretsUnavailable, {
        env: { ...envKeys(longTermKey()), GITHUB_ACTOR: BOT, GITHUB_EVENT_NAME: 'pull_request' }
      })
    ).toEqual([])
    expect(
      idsOf(dependabotSecretsUnavailable, {
        env: { ...EMPTY_KEYS, GITHUB_ACTOR: 'octocat', GITHUB_TRIGGERING_ACTOR: BOT }
      })
    ).toEqual([])
  })

  test('a job that assumes its role with OIDC and passes no keys needs no secrets: not reported', () => {
    const oidcOnly = scenario({
      env: { GITHUB_ACTOR: BOT, GITHUB_EVENT_NAME: 'pull_request', ...TOKEN_REQUEST }
    })
    expect(
      dependabotSecretsUnavailable.run(oidcOnly, { ...CHECK_SETTINGS, roleToAssume: ROLE })
    ).toEqual([])
    // Without the token request, or with empty key variables, the secrets are still missed.
    const noToken = scenario({ env: { GITHUB_ACTOR: BOT, GITHUB_EVENT_NAME: 'pull_request' } })
    expect(
      dependabotSecretsUnavailable
        .run(noToken, { ...CHECK_SETTINGS, roleToAssume: ROLE })
        .map(item => item.id)
    ).toEqual(['dependabot-secrets-unavailable'])
    const emptyKeys = scenario({
      env: { GITHUB_ACTOR: BOT, GITHUB_EVENT_NAME: 'pull_request', ...TOKEN_REQUEST, ...EMPTY_KEYS }
    })
    expect(
      dependabotSecretsUnavailable
        .run(emptyKeys, { ...CHECK_SETTINGS, roleToAssume: ROLE })
        .map(item => item.id)
    ).toEqual(['dependabot-secrets-unavailable'])
  })
})
