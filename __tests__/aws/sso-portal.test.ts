/**
 * The SSO portal's refusal as the real JS SDK raises it: `fromSSO` of
 * @aws-sdk/credential-provider-sso, with a valid cached login, sends GetRoleCredentials to the
 * loopback portal (through `AWS_ENDPOINT_URL_SSO`), and the error it throws is classified by
 * the action's own `chainFailure`. Facts recorded from running the tools (2026-12-03,
 * @aws-sdk/credential-provider-sso 3.x with nested-clients 3.998, aws-cli 1.45.11 / botocore
 * 1.43.11) against this fake:
 * - the JS SDK throws `CredentialsProviderError` whose message is `NAME: MESSAGE` of the
 *   portal's error (`UnauthorizedException: Session token not found or invalid`);
 * - the AWS CLI prints `An error occurred (ForbiddenException) when calling the
 *   GetRoleCredentials operation: No access`, and for a 401 "The SSO session associated with
 *   this profile has expired or is otherwise invalid" (botocore's UnauthorizedSSOTokenError).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { fromSSO } from '@aws-sdk/credential-provider-sso'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chainFailure } from '../../src/aws/credentials.js'
import { portalRefusal } from '../../src/aws/sso-portal.js'
import { ssoPortalFinding } from '../../src/report/sso-portal.js'
import type { CredentialSource } from '../../src/model.js'
import { startSsoPortal, type FakeSsoPortal, type PortalMode } from '../fakes/sso-portal.js'

const START_URL = 'https://my-sso-portal.awsapps.com/start'
const accessToken = `aoa${randomBytes(24).toString('hex')}`
const role = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: randomBytes(30).toString('base64'),
  sessionToken: randomBytes(60).toString('base64')
}

let portal: FakeSsoPortal
let home: string
const saved = { ...process.env }

beforeAll(async () => {
  portal = await startSsoPortal(accessToken, role)
  home = mkdtempSync(join(tmpdir(), 'sso-portal-'))
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true })
  writeFileSync(
    join(home, '.aws', 'config'),
    `[profile dev]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Deploy\n`
  )
  // A legacy profile's cache file is named after the SHA-1 of its start URL.
  const name = createHash('sha1').update(START_URL).digest('hex')
  writeFileSync(
    join(home, '.aws', 'sso', 'cache', `${name}.json`),
    JSON.stringify({
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken,
      expiresAt: new Date(Date.now() + 3600_000).toISOString()
    })
  )
  // fromSSO reads the home directory and the endpoint variable from process.env itself.
  process.env = { PATH: saved.PATH, HOME: home, AWS_ENDPOINT_URL_SSO: portal.url }
})

afterAll(async () => {
  process.env = saved
  await portal.stop()
  rmSync(home, { recursive: true, force: true })
})

/** What the real provider throws for the portal in this mode. */
async function thrownBy(mode: PortalMode): Promise<unknown> {
  portal.setMode(mode)
  try {
    await fromSSO({ profile: 'dev', ignoreCache: true, clientConfig: { maxAttempts: 1 } })()
  } catch (error: unknown) {
    return error
  }
  throw new Error('fromSSO resolved')
}

const SOURCE: CredentialSource = {
  kind: 'sso',
  label: 'profile "dev" in ~/.aws/config',
  profile: 'dev',
  details: { ssoAccountId: '111122223333', ssoRoleName: 'Deploy', ssoRegion: 'us-east-1' }
}

describe("the real SDK's fromSSO against the portal", () => {
  test('a working portal gives the role credentials, asked with the cached token', async () => {
    portal.setMode('ok')
    const identity = await fromSSO({ profile: 'dev', ignoreCache: true })()
    expect(identity.accessKeyId).toBe(role.accessKeyId)
    const last = portal.requests.at(-1)
    expect(last).toEqual({
      method: 'GET',
      path: '/federation/credentials',
      roleName: 'Deploy',
      accountId: '111122223333',
      tokenMatches: true
    })
  })

  test.each([
    ['401', 'UnauthorizedException', 'revoked or ended on the server'],
    ['403', 'ForbiddenException', 'has no access to role Deploy in account 111122223333'],
    ['404', 'ResourceNotFoundException', 'knows no role Deploy in account 111122223333'],
    ['429', 'TooManyRequestsException', 'throttled'],
    ['400', 'InvalidRequestException', 'rejected the GetRoleCredentials request']
  ] as const)('HTTP %s is %s, with its own title', async (mode, code, title) => {
    const error = await thrownBy(mode)
    expect((error as Error).name).toBe('CredentialsProviderError')
    const failure = chainFailure(error)
    expect(failure.reason).toBe('provider-failed')
    expect(failure.portal?.code).toBe(code)
    expect(failure.detail).not.toContain(accessToken)
    const reported = ssoPortalFinding(failure.portal ?? { code, message: '' }, SOURCE)
    expect(reported.id).toBe('sso-portal-refused')
    expect(reported.title).toContain(title)
    expect(reported.message).toContain(`HTTP ${mode}`)
    expect(JSON.stringify(reported)).not.toContain(accessToken)
  })
})

describe('the SSO profile a role profile starts from', () => {
  const roleProfile: CredentialSource = {
    kind: 'config-file',
    label: 'profile "deploy" in ~/.aws/config',
    profile: 'deploy',
    details: { roleArn: 'arn:aws:iam::111122223333:role/deploy', sourceProfile: 'dev' }
  }
  const sso: CredentialSource = { ...SOURCE, partOf: roleProfile.label }

  test('the account and role are the source_profile’s, not "(unknown)"', () => {
    const reported = ssoPortalFinding(
      { code: 'ForbiddenException', message: 'No access' },
      roleProfile,
      [roleProfile, sso]
    )
    expect(reported.title).toBe('The SSO user has no access to role Deploy in account 111122223333')
    expect(reported.message).toContain('(the `source_profile` chain of the profile "deploy"')
    expect(JSON.stringify(reported)).not.toContain('(unknown)')
  })

  test('without an SSO profile in the chain, the gap is said, not guessed', () => {
    const reported = ssoPortalFinding(
      { code: 'ForbiddenException', message: 'No access' },
      roleProfile,
      [roleProfile]
    )
    expect(reported.title).toContain('(unknown)')
  })
})

describe('portalRefusal', () => {
  test('reads only the portal codes, from the start of the message', () => {
    expect(portalRefusal('ForbiddenException: No access')).toEqual({
      code: 'ForbiddenException',
      message: 'No access'
    })
    expect(portalRefusal('Could not load credentials from any providers')).toBeUndefined()
    expect(
      portalRefusal('The SSO session associated with this profile has expired.')
    ).toBeUndefined()
    expect(portalRefusal('AccessDenied: User is not authorized')).toBeUndefined()
    expect(portalRefusal('see ForbiddenException: No access')).toBeUndefined()
  })

  test('the SDK chain failures that are not the portal keep their old classification', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError'
    })
    const failure = chainFailure(error)
    expect(failure.reason).toBe('none')
    expect(failure.portal).toBeUndefined()
  })
})
