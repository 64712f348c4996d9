/**
 * The remote phase with STS and IAM mocked at `client.send`: probes that tell a disabled region
 * and another partition from a bad key, the IAM look-ups and their one notice, and the
 * `required-actions` simulation.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import {
  GetAccessKeyLastUsedCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  SimulatePrincipalPolicyCommand,
  type SimulatePrincipalPolicyCommandInput
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import { Deadline } from '../../src/aws/deadline.js'
import { probeRegions, validateRemote } from '../../src/aws/validate.js'
import type { RemoteResult } from '../../src/model.js'
import {
  ACCOUNT,
  discoveryWith,
  iamError,
  KEY_ID,
  SESSION_KEY_ID,
  SESSION_TOKEN,
  settingsWith,
  stsError,
  type DiscoveryOptions
} from './fixtures.js'

const sts = mockClient(STSClient)
const iam = mockClient(IAMClient)
const DAY = 24 * 60 * 60 * 1000

const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/ci-deployer`
const USER = { Account: ACCOUNT, Arn: USER_ARN, UserId: 'AIDAEXAMPLEUSERID0001' }
const SESSION = {
  Account: ACCOUNT,
  Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`,
  UserId: 'AROAEXAMPLEROLEID0001:GitHubActions'
}

afterEach(() => {
  sts.reset()
  iam.reset()
})

async function remote(
  discovery: DiscoveryOptions = {},
  inputs: Record<string, string> = {}
): Promise<RemoteResult> {
  const secrets: string[] = []
  return validateRemote(discoveryWith(discovery), settingsWith(inputs), {
    deadline: new Deadline(5000),
    onSecret: value => secrets.push(value)
  })
}

function ids(result: RemoteResult): string[] {
  return result.findings.map(item => item.id)
}

/** IAM answers for the user's key: its status, age and last use. */
function iamKnowsKey(options: {
  status?: 'Active' | 'Inactive'
  ageDays?: number
  otherActiveKey?: boolean
  lastUsedDaysAgo?: number | 'never'
}): void {
  const now = Date.now()
  iam.on(GetUserCommand).resolves({
    User: {
      UserName: 'ci-deployer',
      UserId: 'AIDAEXAMPLEUSERID0001',
      Arn: USER_ARN,
      Path: '/',
      CreateDate: new Date(now - 400 * DAY)
    }
  })
  iam.on(ListAccessKeysCommand).resolves({
    AccessKeyMetadata: [
      {
        UserName: 'ci-deployer',
        AccessKeyId: KEY_ID,
        Status: options.status ?? 'Active',
        CreateDate: new Date(now - (options.ageDays ?? 10) * DAY)
      },
      ...(options.otherActiveKey === true
        ? [{ UserName: 'ci-deployer', AccessKeyId: 'AKIAOTHER', Status: 'Active' as const }]
        : [])
    ]
  })
  const lastUsed = options.lastUsedDaysAgo ?? 0
  iam.on(GetAccessKeyLastUsedCommand).resolves({
    UserName: 'ci-deployer',
    AccessKeyLastUsed:
      lastUsed === 'never'
        ? { ServiceName: 'N/A', Region: 'N/A' }
        : {
            LastUsedDate: new Date(now - lastUsed * DAY),
            ServiceName: 's3',
            Region: 'eu-west-1'
          }
  })
}

describe('STS', () => {
  test('a working key gives the identity and a passing check line', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    const result = await remote({}, { 'check-iam': 'false' })
    expect(result.identity?.arn).toBe(USER_ARN)
    expect(result.accessKeyId).toBe(KEY_ID)
    expect(result.findings).toEqual([])
    expect(result.checks).toContainEqual(
      expect.objectContaining({ name: 'STS GetCallerIdentity', outcome: 'pass' })
    )
  })

  test('an opt-in region that refuses a key us-east-1 accepts is region-not-enabled, with the identity', async () => {
    sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
      const region = await (getClient() as STSClient).config.region()
      if (region === 'us-east-1') return USER
      throw stsError('InvalidClientTokenId', 403)
    })
    const result = await remote({ region: 'ap-east-1' }, { 'check-iam': 'false' })
    expect(ids(result)).toEqual(['region-not-enabled'])
    expect(result.identity?.arn).toBe(USER_ARN)
  })

  test('a key that only AWS China accepts is named as a China key', async () => {
    sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
      const region = await (getClient() as STSClient).config.region()
      if (region === 'cn-north-1')
        return { ...USER, Arn: `arn:aws-cn:iam::${ACCOUNT}:user/ci-deployer` }
      throw stsError('InvalidClientTokenId', 403)
    })
    const result = await remote({ region: 'eu-west-1' })
    expect(ids(result)).toEqual(['invalid-client-token-id'])
    expect(result.findings[0]?.title).toContain('AWS China (aws-cn)')
    expect(result.identity).toBeUndefined()
  })

  test('a deleted key stays invalid-client-token-id when no probe accepts it', async () => {
    sts.on(GetCallerIdentityCommand).rejects(stsError('InvalidClientTokenId', 403))
    const result = await remote({ region: 'ap-east-1' })
    expect(ids(result)).toEqual(['invalid-client-token-id'])
    expect(result.findings[0]?.evidence?.join('\n')).toContain(
      'signed for us-east-1 at https://sts.test answered `InvalidClientTokenId`'
    )
  })
})

describe('IAM look-ups', () => {
  test('a young, active, recently used key gives no finding and its age', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    iamKnowsKey({ ageDays: 10, lastUsedDaysAgo: 1 })
    const result = await remote()
    expect(ids(result)).toEqual([])
    expect(result.keyAgeDays).toBe(10)
    const lastUse = result.checks.find(check => check.name === 'IAM GetAccessKeyLastUsed')
    expect(lastUse?.detail).toMatch(/by s3 in eu-west-1/u)
  })

  test('a key older than max-key-age-days is access-key-age', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    iamKnowsKey({ ageDays: 200 })
    const result = await remote({}, { 'max-key-age-days': '90' })
    expect(ids(result)).toEqual(['access-key-age'])
    expect(result.findings[0]?.title).toBe('The access key is 200 days old')
    expect(result.keyAgeDays).toBe(200)
  })

  test('a key IAM reports Inactive is access-key-inactive', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    iamKnowsKey({ status: 'Inactive' })
    expect(ids(await remote())).toEqual(['access-key-inactive'])
  })

  test('two active keys are a notice', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    iamKnowsKey({ otherActiveKey: true })
    expect(ids(await remote())).toEqual(['multiple-active-keys'])
  })

  test('a key IAM never saw used is access-key-unused', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    iamKnowsKey({ lastUsedDaysAgo: 'never' })
    expect(ids(await remote())).toEqual(['access-key-unused'])
  })

  test('denied look-ups give exactly one iam-check-skipped notice, and the rest still counts', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    iamKnowsKey({ lastUsedDaysAgo: 'never' })
    iam.on(GetUserCommand).rejects(iamError('AccessDenied', 403))
    iam.on(ListAccessKeysCommand).rejects(iamError('AccessDenied', 403))
    const result = await remote()
    expect(ids(result).sort()).toEqual(['access-key-unused', 'iam-check-skipped'])
    const notice = result.findings.find(item => item.id === 'iam-check-skipped')
    expect(notice?.severity).toBe('notice')
    expect(notice?.message).toContain('`iam:GetUser` was denied')
    expect(notice?.message).toContain('`iam:ListAccessKeys` was denied')
  })

  test('a role session gets one notice instead of user look-ups', async () => {
    sts.on(GetCallerIdentityCommand).resolves(SESSION)
    const result = await remote({ keyId: SESSION_KEY_ID, token: SESSION_TOKEN })
    expect(ids(result)).toEqual(['iam-check-skipped'])
    expect(result.findings[0]?.message).toContain('role session')
  })

  test('check-iam false makes no look-ups and no notice', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    iam.on(GetUserCommand).rejects(iamError('AccessDenied', 403))
    const result = await remote({}, { 'check-iam': 'false' })
    expect(ids(result)).toEqual([])
    expect(result.checks).toContainEqual(
      expect.objectContaining({ name: 'IAM user and key', outcome: 'skip' })
    )
  })
})

describe('required-actions', () => {
  function simulator(denied: Record<string, 'explicitDeny' | 'implicitDeny'>): void {
    iam
      .on(SimulatePrincipalPolicyCommand)
      .callsFake((input: SimulatePrincipalPolicyCommandInput) => ({
        EvaluationResults: (input.ActionNames ?? []).map(action => ({
          EvalActionName: action,
          EvalResourceName: input.ResourceArns?.[0] ?? '*',
          EvalDecision: denied[action] ?? 'allowed',
          MatchedStatements:
            denied[action] === 'explicitDeny'
              ? [
                  {
                    SourcePolicyId: 'deny-production',
                    SourcePolicyType: 'user' as const,
                    StartPosition: { Line: 4, Column: 3 }
                  }
                ]
              : []
        })),
        IsTruncated: false
      }))
  }

  test('denied actions are missing-permissions naming each and the deciding statement', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    simulator({ 's3:DeleteObject': 'explicitDeny', 'ec2:RunInstances': 'implicitDeny' })
    const result = await remote(
      {},
      {
        'check-iam': 'false',
        'required-actions': 's3:PutObject@arn:aws:s3:::bucket/*, s3:DeleteObject, ec2:RunInstances'
      }
    )
    expect(ids(result)).toEqual(['missing-permissions'])
    const message = result.findings[0]?.message ?? ''
    expect(message).toContain(
      '`s3:DeleteObject`: explicitly denied by user policy `deny-production` line 4'
    )
    expect(message).toContain('`ec2:RunInstances`: no policy allows it')
    expect(message).not.toContain('`s3:PutObject`')
  })

  test('all allowed passes with a check line', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    simulator({})
    const result = await remote({}, { 'check-iam': 'false', 'required-actions': 's3:PutObject' })
    expect(ids(result)).toEqual([])
    expect(result.checks).toContainEqual(
      expect.objectContaining({ name: 'IAM SimulatePrincipalPolicy', outcome: 'pass' })
    )
  })

  test('a role session is simulated as its role, found by GetRole when it has a path', async () => {
    sts.on(GetCallerIdentityCommand).resolves(SESSION)
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/ci/deploy`
    iam.on(GetRoleCommand).resolves({
      Role: {
        RoleName: 'deploy',
        Arn: roleArn,
        Path: '/ci/',
        RoleId: 'AROAEXAMPLEROLEID0001',
        CreateDate: new Date()
      }
    })
    iam
      .on(SimulatePrincipalPolicyCommand)
      .callsFake((input: SimulatePrincipalPolicyCommandInput) => {
        if (input.PolicySourceArn !== roleArn) throw iamError('NoSuchEntity', 404)
        return {
          EvaluationResults: [
            { EvalActionName: 's3:PutObject', EvalResourceName: '*', EvalDecision: 'implicitDeny' }
          ]
        }
      })
    const result = await remote(
      { keyId: SESSION_KEY_ID, token: SESSION_TOKEN },
      { 'check-iam': 'false', 'required-actions': 's3:PutObject' }
    )
    expect(ids(result)).toEqual(['missing-permissions'])
    expect(result.findings[0]?.message).toContain(roleArn)
  })

  test('a denied simulation is a permissions-unverified warning, not a pass', async () => {
    sts.on(GetCallerIdentityCommand).resolves(USER)
    iam.on(SimulatePrincipalPolicyCommand).rejects(iamError('AccessDenied', 403))
    const result = await remote({}, { 'check-iam': 'false', 'required-actions': 's3:PutObject' })
    expect(ids(result)).toEqual(['permissions-unverified'])
    expect(result.findings[0]?.severity).toBe('warning')
    expect(result.findings[0]?.message).toContain('could not be checked')
    expect(result.findings[0]?.message).toContain('`s3:PutObject`')
    expect(result.permissionsChecked).toBe(true)
    expect(result.checks).toContainEqual(
      expect.objectContaining({ name: 'IAM SimulatePrincipalPolicy', outcome: 'skip' })
    )
  })
})

describe('probeRegions', () => {
  const facts = (region: string, partition: 'aws' | 'aws-cn', optInRegion: boolean) => ({
    keyPrefix: 'AKIA',
    hasSessionToken: false,
    resolvedBySdk: false,
    region,
    partition,
    optInRegion,
    expectedAccountIds: [],
    endpoint: `https://sts.${region}.amazonaws.com`
  })

  test('asks the other partitions by default, and only its own with cross-partition-probes off', () => {
    expect(probeRegions(facts('ap-east-1', 'aws', true))).toEqual([
      'us-east-1',
      'cn-north-1',
      'us-gov-west-1'
    ])
    expect(probeRegions(facts('ap-east-1', 'aws', true), false)).toEqual(['us-east-1'])
    expect(probeRegions(facts('eu-west-1', 'aws', false), false)).toEqual([])
    expect(probeRegions(facts('cn-north-1', 'aws-cn', false), false)).toEqual([])
  })
})
