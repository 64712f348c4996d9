import { describe, expect, test } from '@jest/globals'
import { dependabotSecretsUnavailable } from '../../src/checks/dependabot-secrets-unavailable.js'
import { envKeys, findingsOf, idsOf, longTermKey } from './scenario.js'

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
    expect(item?.evidence).toContain('re-run by: octocat')
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
})
