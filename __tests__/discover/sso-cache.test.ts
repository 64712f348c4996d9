/**
 * Differential: the real JS SDK's fromSSO and inspectSsoCache on the same files agree on which
 * cache file belongs to a profile and on what it holds. Only cases the SDK settles before any
 * network call are run (no token, an expired one): a valid token would call the SSO portal.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
// The copy credential-provider-node itself loads (a transitive dependency), so the versions match.
import { fromSSO } from '@aws-sdk/credential-provider-sso'
import { readFileFromDisk } from '../../src/discover/files.js'
import { inspectSsoCache, ssoCachePath } from '../../src/discover/sso-cache.js'

const START_URL = 'https://my-sso-portal.awsapps.com/start'
const LEGACY = {
  sessionDefined: false,
  ssoStartUrl: START_URL,
  ssoRegion: 'us-east-1',
  ssoAccountId: '111122223333',
  ssoRoleName: 'Deploy'
}
const SESSION = { ...LEGACY, ssoSession: 'corp', sessionDefined: true }

let home: string
const savedHome = process.env.HOME

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'sso-cache-'))
  // getHomeDir in @smithy/core reads HOME at each call: the SDK looks under this directory.
  process.env.HOME = home
  mkdirSync(join(home, '.aws'), { recursive: true })
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      '[profile legacy]',
      `sso_start_url = ${START_URL}`,
      'sso_region = us-east-1',
      'sso_account_id = 111122223333',
      'sso_role_name = Deploy',
      '[profile dev]',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'sso_role_name = Deploy',
      '[sso-session corp]',
      `sso_start_url = ${START_URL}`,
      'sso_region = us-east-1',
      ''
    ].join('\n')
  )
})

afterAll(() => {
  if (savedHome === undefined) delete process.env.HOME
  else process.env.HOME = savedHome
  rmSync(home, { recursive: true, force: true })
})

function sdkError(profile: string): Promise<string> {
  return fromSSO({
    profile,
    configFilepath: join(home, '.aws', 'config'),
    filepath: join(home, '.aws', 'credentials'),
    ignoreCache: true
  })().then(
    () => 'resolved',
    (error: unknown) => (error instanceof Error ? error.message : String(error))
  )
}

function writeCache(id: string, expiresAt: Date): void {
  const path = ssoCachePath(home, id)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(
    path,
    JSON.stringify({ accessToken: 'aoaEXAMPLE', expiresAt: expiresAt.toISOString() })
  )
}

describe('the SSO token cache, against the JS SDK', () => {
  test('no cached login: both find nothing', async () => {
    const now = new Date()
    expect(inspectSsoCache(LEGACY, home, readFileFromDisk, now).status.state).toBe('no-token')
    expect(await sdkError('legacy')).toContain(
      'The SSO session associated with this profile is invalid'
    )
    expect(inspectSsoCache(SESSION, home, readFileFromDisk, now).status.state).toBe('no-token')
    expect(await sdkError('dev')).toContain('was not found or is invalid')
  })

  test('an expired login in the file named by the start URL: both read it as expired', async () => {
    writeCache(START_URL, new Date(Date.now() - 60_000))
    const inspected = inspectSsoCache(LEGACY, home, readFileFromDisk, new Date())
    expect(inspected.status.state).toBe('expired')
    expect(inspected.secrets).toEqual(['aoaEXAMPLE'])
    expect(await sdkError('legacy')).toContain('has expired')
  })
})
