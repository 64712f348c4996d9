import { createHash } from 'node:crypto'
import { describe, expect, test } from '@jest/globals'
import { ssoLoginRequired } from '../../src/checks/sso-login-required.js'
import {
  CONFIG_FILE,
  HOME,
  NOW,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey,
  type Scenario
} from './scenario.js'

// getSSOTokenFilepath (@smithy/core/config): ~/.aws/sso/cache/<sha1 hex of the id>.json, the id
// being the sso_session name (token-providers fromSso) or the legacy sso_start_url
// (credential-provider-sso resolveSSOCredentials).
function cacheFile(id: string): string {
  return `${HOME}/.aws/sso/cache/${createHash('sha1').update(id).digest('hex')}.json`
}

const START_URL = 'https://my-sso-portal.awsapps.com/start'
const ACCESS_TOKEN = 'aoaAAAAAGexampleAccessTokenValue0123456789'
const REFRESH_TOKEN = 'aorAAAAAGexampleRefreshTokenValue0123456789'

const SESSION_CONFIG = [
  '[profile dev]',
  'sso_session = corp',
  'sso_account_id = 111122223333',
  'sso_role_name = Deploy',
  '',
  '[sso-session corp]',
  `sso_start_url = ${START_URL}`,
  'sso_region = us-east-1',
  ''
].join('\n')

const LEGACY_CONFIG = [
  '[profile dev]',
  `sso_start_url = ${START_URL}`,
  'sso_region = us-east-1',
  'sso_account_id = 111122223333',
  'sso_role_name = Deploy',
  ''
].join('\n')

function token(expiresInSeconds: number, refresh: boolean): string {
  return JSON.stringify({
    startUrl: START_URL,
    region: 'us-east-1',
    accessToken: ACCESS_TOKEN,
    expiresAt: new Date(NOW.getTime() + expiresInSeconds * 1000).toISOString(),
    ...(refresh ? { refreshToken: REFRESH_TOKEN, clientId: 'c', clientSecret: 's' } : {})
  })
}

function sso(
  config: string,
  cache: Record<
    string,
    Scenario['files'] extends infer F
      ? F extends Readonly<Record<string, infer V>>
        ? V
        : never
      : never
  > = {}
): Scenario {
  return { env: { AWS_PROFILE: 'dev' }, files: { [CONFIG_FILE]: config, ...cache } }
}

describe('sso-login-required', () => {
  test('no cached login: the file the SDK reads is named, and the unattended alternatives given', () => {
    const [item] = findingsOf(ssoLoginRequired, sso(SESSION_CONFIG))
    expect(item?.id).toBe('sso-login-required')
    expect(item?.severity).toBe('error')
    expect(item?.title).toBe('The SSO profile has no cached SSO login on this runner')
    expect(item?.message).toContain(cacheFile('corp').replace(HOME, '~'))
    expect(item?.remediation).toContain('role-to-assume')
  })

  test('a legacy profile is looked up by its start URL', () => {
    const valid = sso(LEGACY_CONFIG, { [cacheFile(START_URL)]: token(600, false) })
    expect(idsOf(ssoLoginRequired, valid)).toEqual([])
    expect(
      idsOf(ssoLoginRequired, sso(LEGACY_CONFIG, { [cacheFile('corp')]: token(600, false) }))
    ).toEqual(['sso-login-required'])
  })

  test('an expired login says whether the SDK can renew it, and never shows a token', () => {
    const refreshable = findingsOf(
      ssoLoginRequired,
      sso(SESSION_CONFIG, { [cacheFile('corp')]: token(-60, true) })
    )
    expect(refreshable[0]?.title).toBe('The SSO profile has an expired SSO login')
    expect(refreshable[0]?.message).toContain('holds a refresh token')
    expect(refreshable[0]?.evidence).toContain('refresh token: present (not shown)')
    const legacy = findingsOf(
      ssoLoginRequired,
      sso(LEGACY_CONFIG, { [cacheFile(START_URL)]: token(-60, true) })
    )
    expect(legacy[0]?.message).toContain('cannot renew it')
    const text = JSON.stringify([refreshable, legacy])
    expect(text).not.toContain(ACCESS_TOKEN)
    expect(text).not.toContain(REFRESH_TOKEN)
  })

  test('a cache entry that is not a regular file or not the SDK JSON', () => {
    const fifo = findingsOf(
      ssoLoginRequired,
      sso(SESSION_CONFIG, {
        [cacheFile('corp')]: { state: 'not-a-file', detail: 'not a regular file' }
      })
    )
    expect(fifo[0]?.message).toContain('It is not a regular file')
    const junk = findingsOf(
      ssoLoginRequired,
      sso(SESSION_CONFIG, { [cacheFile('corp')]: '{"accessToken": 1}' })
    )
    expect(junk[0]?.title).toBe('The SSO profile has an SSO token cache file the SDK cannot use')
  })

  test('missing keys and a missing sso-session section', () => {
    const noSection = SESSION_CONFIG.split('[sso-session corp]')[0] ?? ''
    const [item] = findingsOf(ssoLoginRequired, sso(noSection))
    expect(item?.id).toBe('sso-profile-incomplete')
    expect(item?.evidence).toEqual([
      'missing: [sso-session corp]',
      'missing: sso_start_url',
      'missing: sso_region'
    ])
    const noRole = LEGACY_CONFIG.replace('sso_role_name = Deploy\n', '')
    expect(findingsOf(ssoLoginRequired, sso(noRole))[0]?.evidence).toEqual([
      'missing: sso_role_name'
    ])
  })

  test('an SSO profile this run does not use is a notice; a valid login is not reported', () => {
    const shadowed: Scenario = {
      ...sso(SESSION_CONFIG),
      // AWS_PROFILE would make the SDK skip the key variables; AWS_DEFAULT_PROFILE does not.
      env: { ...envKeys(longTermKey()), AWS_DEFAULT_PROFILE: 'dev' }
    }
    const items = findingsOf(ssoLoginRequired, shadowed)
    expect(items.map(item => item.severity)).toEqual(['notice'])
    expect(items[0]?.message).toContain('This run does not use the profile')
    expect(
      idsOf(ssoLoginRequired, sso(SESSION_CONFIG, { [cacheFile('corp')]: token(600, false) }))
    ).toEqual([])
  })
})
