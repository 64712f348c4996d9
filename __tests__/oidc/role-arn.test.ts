import { describe, expect, test } from '@jest/globals'
import { roleArnUnusable } from '../../src/report/oidc-findings.js'
import { roleArnProblem } from '../../src/oidc/role-arn.js'

const COMMERCIAL = { region: 'us-east-1' }

describe('what is wrong with role-to-assume before STS is asked', () => {
  test('a role ARN of the region’s partition, with or without a path, is fine', () => {
    expect(roleArnProblem('arn:aws:iam::111122223333:role/deploy', COMMERCIAL)).toBeUndefined()
    expect(roleArnProblem('arn:aws:iam::111122223333:role/ci/deploy', COMMERCIAL)).toBeUndefined()
    expect(
      roleArnProblem('arn:aws-cn:iam::111122223333:role/deploy', { region: 'cn-north-1' })
    ).toBeUndefined()
  })

  test('a role name or path alone: the full ARN it meant, with the account where known', () => {
    expect(roleArnProblem('deploy', { ...COMMERCIAL, account: '111122223333' })).toEqual({
      kind: 'not-an-arn',
      meant: 'arn:aws:iam::111122223333:role/deploy',
      accountKnown: true
    })
    expect(roleArnProblem('role/ci/deploy', { region: 'us-gov-west-1' })).toEqual({
      kind: 'not-an-arn',
      meant: 'arn:aws-us-gov:iam::ACCOUNT_ID:role/ci/deploy',
      accountKnown: false
    })
  })

  test('a session ARN or an instance profile names the role it holds; a user is no role', () => {
    expect(
      roleArnProblem('arn:aws:sts::111122223333:assumed-role/deploy/GitHubActions', COMMERCIAL)
    ).toMatchObject({ kind: 'not-a-role', meant: 'arn:aws:iam::111122223333:role/deploy' })
    expect(
      roleArnProblem('arn:aws:iam::111122223333:instance-profile/runner', COMMERCIAL)
    ).toMatchObject({ kind: 'not-a-role', meant: 'arn:aws:iam::111122223333:role/runner' })
    const user = roleArnProblem('arn:aws:iam::111122223333:user/ci', COMMERCIAL)
    expect(user).toMatchObject({ kind: 'not-a-role' })
    expect(user).not.toHaveProperty('meant')
  })

  test('an unreadable role ARN is malformed', () => {
    expect(roleArnProblem('arn:aws:iam::1111:role/deploy', COMMERCIAL)).toEqual({
      kind: 'malformed'
    })
    expect(roleArnProblem('arn:aws:iam::111122223333:role/de ploy', COMMERCIAL)).toEqual({
      kind: 'malformed'
    })
    // One colon missing: not "an ARN of something else".
    expect(roleArnProblem('arn:aws:iam:123456789012:role/deploy', COMMERCIAL)).toEqual({
      kind: 'malformed'
    })
    expect(roleArnProblem('arn:aws:iam::111122223333:policy/deploy', COMMERCIAL)).toMatchObject({
      kind: 'not-a-role',
      what: { is: 'iam-resource', type: 'policy' }
    })
  })

  test('a role of another partition needs a region of that partition', () => {
    expect(roleArnProblem('arn:aws-cn:iam::111122223333:role/deploy', COMMERCIAL)).toEqual({
      kind: 'other-partition',
      partition: 'aws-cn',
      region: 'us-east-1',
      suggestedRegion: 'cn-north-1'
    })
    const gov = roleArnProblem('arn:aws-us-gov:iam::111122223333:role/deploy', {
      region: 'eu-west-1'
    })
    expect(gov).toMatchObject({ kind: 'other-partition', suggestedRegion: 'us-gov-west-1' })
  })
})

describe('the finding', () => {
  test('names the ARN it probably meant, as the fix', () => {
    const role = 'deploy'
    const problem = roleArnProblem(role, { ...COMMERCIAL, account: '111122223333' })
    if (problem === undefined) throw new Error('expected a problem')
    const item = roleArnUnusable(role, problem)
    expect(item.id).toBe('oidc-assume-role-invalid')
    expect(item.title).toBe('`role-to-assume` is not the ARN of a role')
    expect(item.remediation).toContain('`role-to-assume: arn:aws:iam::111122223333:role/deploy`')
    expect(item.message).toContain('The request was not sent to STS.')
  })

  test('for another partition, names its partition and a region of it', () => {
    const role = 'arn:aws-cn:iam::111122223333:role/deploy'
    const problem = roleArnProblem(role, COMMERCIAL)
    if (problem === undefined) throw new Error('expected a problem')
    const item = roleArnUnusable(role, problem)
    expect(item.title).toBe("The role is in another partition than the job's region")
    expect(item.message).toContain('AWS China (aws-cn)')
    expect(item.remediation).toContain('`aws-region: cn-north-1`')
  })
})
