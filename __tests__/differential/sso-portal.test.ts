/**
 * Differential test of the SSO portal's answers: an SSO profile with a valid cached login, the
 * loopback portal behind `AWS_ENDPOINT_URL_SSO`, and the real JS SDK chain (`defaultProvider`)
 * and the real AWS CLI v1 on it. The action's classification of the JS SDK's message must name
 * the code the portal sent, and the CLI must stop on the same code (its wording recorded here).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { portalRefusal } from '../../src/aws/sso-portal.js'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { startSsoPortal, type FakeSsoPortal, type PortalMode } from '../fakes/sso-portal.js'
import { awsCli, awsCliPath, jsChain, prepare, type Prepared } from './real-tools.js'

const START_URL = 'https://my-sso-portal.awsapps.com/start'
const accessToken = `aoa${randomBytes(24).toString('hex')}`
const root = mkdtempSync(join(tmpdir(), 'differential-sso-'))

let emulator: Emulator
let portal: FakeSsoPortal
let roleKeyId = ''

beforeAll(async () => {
  emulator = await startEmulator()
  const session = emulator.createSessionCredentials({
    accountId: '111122223333',
    roleName: 'AWSReservedSSO_Deploy',
    sessionName: 'jane',
    expiresInSeconds: 3600
  })
  roleKeyId = session.accessKeyId
  portal = await startSsoPortal(accessToken, session)
})

afterAll(async () => {
  await portal.stop()
  await emulator.stop()
  rmSync(root, { recursive: true, force: true })
})

function setup(name: string): Prepared {
  const cache = `.aws/sso/cache/${createHash('sha1').update(START_URL).digest('hex')}.json`
  return prepare(
    {
      env: { AWS_PROFILE: 'dev', AWS_ENDPOINT_URL_SSO: portal.url },
      files: {
        '.aws/config': `[profile dev]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Deploy\nregion = us-east-1\n`,
        [cache]: JSON.stringify({
          startUrl: START_URL,
          region: 'us-east-1',
          accessToken,
          expiresAt: new Date(Date.now() + 3600_000).toISOString()
        })
      }
    },
    join(root, name)
  )
}

const REFUSALS = [
  ['400', 'InvalidRequestException'],
  ['401', 'UnauthorizedException'],
  ['403', 'ForbiddenException'],
  ['404', 'ResourceNotFoundException'],
  ['429', 'TooManyRequestsException']
] as const

describe('the real JS SDK chain and the portal', () => {
  test.each(REFUSALS)(
    'HTTP %s: the chain stops with %s, and the action names that code',
    async (mode, code) => {
      portal.setMode(mode)
      const [outcome] = await jsChain([setup(`js-${mode}`)])
      expect(outcome?.accessKeyId).toBeUndefined()
      const failure = outcome?.failure ?? ''
      expect(failure.startsWith(`${code}: `)).toBe(true)
      expect(portalRefusal(failure)?.code).toBe(code)
    },
    30_000
  )

  test('a portal that answers gives the role credentials', async () => {
    portal.setMode('ok' satisfies PortalMode)
    const [outcome] = await jsChain([setup('js-ok')])
    expect(outcome).toEqual({ accessKeyId: roleKeyId })
  })
})

const cli = awsCliPath()
const describeCli = cli === undefined ? describe.skip : describe

describeCli('the real AWS CLI and the portal', () => {
  // botocore's SSOCredentialFetcher turns a 401 into UnauthorizedSSOTokenError; the others
  // come through as the service error.
  const CLI_WORDS: Readonly<Record<(typeof REFUSALS)[number][0], string>> = {
    '400':
      'An error occurred (InvalidRequestException) when calling the GetRoleCredentials operation',
    '401':
      'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
    '403': 'An error occurred (ForbiddenException) when calling the GetRoleCredentials operation',
    '404':
      'An error occurred (ResourceNotFoundException) when calling the GetRoleCredentials operation',
    '429':
      'An error occurred (TooManyRequestsException) when calling the GetRoleCredentials operation'
  }

  test.each(REFUSALS)(
    'HTTP %s: the CLI stops on the portal’s answer (%s) and never reaches STS',
    async (mode, code) => {
      portal.setMode(mode)
      emulator.clearRequestLog()
      const run = await awsCli(cli ?? 'aws', setup(`cli-${mode}`), emulator.url)
      expect(run.code).not.toBe(0)
      expect(run.message).toContain(CLI_WORDS[mode])
      // Only the 401 loses its code on the way: botocore replaces it with its own error.
      expect(run.message.includes(`(${code})`)).toBe(mode !== '401')
      expect(emulator.requestLog()).toHaveLength(0)
      expect(portal.requests.at(-1)?.tokenMatches).toBe(true)
    },
    30_000
  )

  test('a portal that answers: the CLI signs GetCallerIdentity with the role credentials', async () => {
    portal.setMode('ok')
    emulator.clearRequestLog()
    const run = await awsCli(cli ?? 'aws', setup('cli-ok'), emulator.url)
    expect(run.code).toBe(0)
    expect(emulator.requestLog().at(-1)?.accessKeyId).toBe(roleKeyId)
  }, 30_000)
})
