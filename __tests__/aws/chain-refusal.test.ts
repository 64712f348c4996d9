/**
 * How a failure of the SDK's credential chain is classified: an AWS service's refusal (STS
 * refusing a profile's AssumeRole) keeps its code and becomes a finding that says which role
 * refused whom, instead of a vague "could not be obtained".
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { chainRefusedFinding } from '../../src/report/chain-refusal.js'
import { chainFailure } from '../../src/aws/credentials.js'
import type { CredentialSource } from '../../src/model.js'
import { startEmulator, type Emulator } from '../emulator/emulator.js'

const ACCOUNT = '111122223333'
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/deploy`
const CALLER_ARN = `arn:aws:iam::${ACCOUNT}:user/base-user`
const DENIED = `AccessDenied: User: ${CALLER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`

const ROLE_PROFILE: CredentialSource = {
  kind: 'config-file',
  label: 'profile "deploy" in ~/.aws/config',
  profile: 'deploy',
  details: { roleArn: ROLE_ARN, sourceProfile: 'base' }
}

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})

afterAll(async () => {
  await emulator.stop()
})

/** The error the SDK throws when STS refuses AssumeRole, as the credential chain sees it. */
async function refusedAssumeRole(): Promise<unknown> {
  const caller = emulator.createAccessKey({ accountId: ACCOUNT, userName: 'base-user' })
  emulator.addRole(ACCOUNT, 'deploy', {
    trustPolicy: {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/someone-else` },
          Action: 'sts:AssumeRole'
        }
      ]
    }
  })
  const client = new STSClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: caller,
    maxAttempts: 1
  })
  try {
    await client.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'probe' }))
  } catch (error: unknown) {
    return error
  }
  throw new Error('expected AssumeRole to be refused')
}

describe('chainFailure', () => {
  test('an AWS refusal keeps its code', async () => {
    const failure = chainFailure(await refusedAssumeRole())
    expect(failure).toEqual({
      ok: false,
      reason: 'chain-error',
      awsCode: 'AccessDenied',
      detail: DENIED
    })
  })

  test('a modelled STS error reports its wire code, not the class name', () => {
    // What the web identity step of the chain throws: class InvalidIdentityTokenException.
    const error = Object.assign(new Error('Incorrect token audience'), {
      name: 'InvalidIdentityTokenException',
      Code: 'InvalidIdentityToken',
      $fault: 'client'
    })
    expect(chainFailure(error)).toEqual({
      ok: false,
      reason: 'chain-error',
      awsCode: 'InvalidIdentityToken',
      detail: 'InvalidIdentityTokenException: Incorrect token audience'
    })
  })

  test('no provider, a timeout and a local error carry no AWS code', () => {
    const none = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError'
    })
    expect(chainFailure(none)).toEqual({
      ok: false,
      reason: 'none',
      detail: 'Could not load credentials from any providers'
    })
    const timeout = Object.assign(new Error('slow'), { name: 'TimeoutError' })
    expect(chainFailure(timeout)).toMatchObject({ reason: 'timeout' })
    expect(chainFailure(timeout).awsCode).toBeUndefined()
    const local = chainFailure(new Error('EISDIR: illegal operation on a directory'))
    expect(local).toEqual({
      ok: false,
      reason: 'chain-error',
      detail: 'Error: EISDIR: illegal operation on a directory'
    })
  })
})

describe('chainRefusedFinding', () => {
  test('a role that does not trust the source: says which role refused whom, and how to fix it', () => {
    const item = chainRefusedFinding('AccessDenied', DENIED, ROLE_PROFILE)
    expect(item.id).toBe('no-credentials')
    expect(item.severity).toBe('error')
    expect(item.title).toBe('Profile "deploy" could not assume its role: STS answered AccessDenied')
    expect(item.source).toBe('profile "deploy" in ~/.aws/config')
    expect(item.message).toContain(
      `STS refused the AssumeRole call into \`${ROLE_ARN}\` made with the credentials of profile "base"`
    )
    expect(item.message).toContain(DENIED)
    expect(item.remediation).toContain(`naming \`${CALLER_ARN}\``)
    expect(item.remediation).toContain('"Action": "sts:AssumeRole"')
    expect(item.remediation).toContain('a role that does not exist')
    expect(item.evidence).toEqual([`\`${DENIED}\``])
  })

  test("STS's text is data: shown in a code span, never as Markdown", () => {
    const detail = 'AccessDenied: see [the fix](https://example.invalid/x) <img src=x> `tick`'
    const item = chainRefusedFinding('AccessDenied', detail, ROLE_PROFILE)
    expect(item.message).toContain(
      '`` AccessDenied: see [the fix](https://example.invalid/x) <img src=x> `tick` ``'
    )
    expect(item.evidence).toEqual([
      '`` AccessDenied: see [the fix](https://example.invalid/x) <img src=x> `tick` ``'
    ])
  })

  test('a duration above the role maximum: points at the profile settings', () => {
    const item = chainRefusedFinding(
      'ValidationError',
      'ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      ROLE_PROFILE
    )
    expect(item.remediation).toContain('`duration_seconds`')
  })

  test('the source keys refused: points at the source profile', () => {
    const item = chainRefusedFinding(
      'InvalidClientTokenId',
      'InvalidClientTokenId: The security token included in the request is invalid.',
      ROLE_PROFILE
    )
    expect(item.remediation).toContain('aws sts get-caller-identity --profile base')
  })

  test('a source that assumes no role: a general account of the refusal', () => {
    const sso: CredentialSource = {
      kind: 'sso',
      label: 'profile "dev" in ~/.aws/config',
      profile: 'dev',
      details: {}
    }
    const item = chainRefusedFinding('UnauthorizedException', 'UnauthorizedException: expired', sso)
    expect(item.title).toBe(
      'The credentials could not be obtained: AWS answered UnauthorizedException'
    )
    expect(item.message).toContain('AWS refused a call the SDK made to obtain them')
  })
})
