import { describe, expect, test } from '@jest/globals'
import { evaluateTrustPolicy } from '../../src/oidc/evaluate.js'
import {
  mismatchReasons,
  splitMismatchReasons,
  suggestedPolicies
} from '../../src/report/oidc-words.js'
import { KEY, trustPolicyWith } from './trust-fixtures.js'

const ROLE = 'arn:aws:iam::111122223333:role/deploy'
const ISS = 'https://token.actions.githubusercontent.com'

function input(sub: string, extra: Record<string, unknown> = {}) {
  const claims = {
    iss: ISS,
    aud: 'sts.amazonaws.com',
    sub,
    repository: 'octo-org/octo-repo',
    ...extra
  }
  return { roleArn: ROLE, sub, audiences: ['sts.amazonaws.com'], issuer: ISS, claims }
}

describe('the reasons for a trust policy mismatch', () => {
  test('a customised sub whose environment part differs puts the environment first', () => {
    const sub = 'repo:octo-org/octo-repo:environment:staging:actor:octocat'
    const evaluation = evaluateTrustPolicy({
      policy: trustPolicyWith({
        StringEquals: { [`${KEY}:sub`]: 'repo:octo-org/octo-repo:environment:prod:actor:octocat' }
      }),
      claims: input(sub).claims,
      roleArn: ROLE
    })
    const hint = evaluation?.statements[0]?.conditions[0]?.hint
    expect(hint).toEqual({
      kind: 'custom-sub-part',
      key: 'environment',
      expected: 'prod',
      actual: 'staging'
    })
    const { applicable } = splitMismatchReasons({
      ...input(sub),
      ...(evaluation ? { evaluation } : {})
    })
    expect(applicable[0]).toContain('An environment replaces the branch')
  })

  test('only the reasons this token is consistent with stay in the main list', () => {
    const { applicable, others } = splitMismatchReasons(
      input('repo:octo-org/octo-repo:ref:refs/heads/feature/login')
    )
    // A branch push with the default audience and a lower-case name: another branch explains it.
    expect(applicable.length).toBeGreaterThan(0)
    expect(applicable[0]).toContain('Another branch or tag')
    for (const topic of ['An environment', 'Pull requests', 'immutable', 'The audience'])
      expect(applicable.some(reason => reason.includes(topic))).toBe(false)
    // Nothing is dropped: the rest is still there, to be shown collapsed.
    expect(applicable.length + others.length).toBe(
      mismatchReasons(input('repo:octo-org/octo-repo:ref:refs/heads/feature/login')).length
    )
    // An environment job: the environment reason applies, and the branch one is not offered.
    const environment = splitMismatchReasons(input('repo:octo-org/octo-repo:environment:prod'))
    expect(environment.applicable[0]).toContain('An environment replaces the branch')
    expect(environment.others.some(reason => reason.includes('Pull requests'))).toBe(true)
  })

  test('an environment job puts the environment first', () => {
    const reasons = mismatchReasons(input('repo:octo-org/octo-repo:environment:production'))
    expect(reasons[0]).toContain('environment')
    expect(reasons[0]).toContain('repo:octo-org/octo-repo:environment:production')
    // Every usual reason is listed, the ones that fit this run first.
    for (const topic of ['Pull requests', 'Letter case', 'wildcard', 'immutable', 'audience'])
      expect(reasons.slice(1).some(reason => reason.includes(topic))).toBe(true)
  })

  test('a pull request puts :pull_request first', () => {
    expect(mismatchReasons(input('repo:octo-org/octo-repo:pull_request'))[0]).toContain(
      'pull_request'
    )
  })

  test('the immutable form comes first for a repository that uses it', () => {
    const reasons = mismatchReasons(input('repo:octo-org@11/octo-repo@22:pull_request'))
    expect(reasons.slice(0, 2).some(reason => reason.includes('immutable'))).toBe(true)
  })

  test('a failing condition of the evaluated policy outranks the shape', () => {
    const base = input('repo:octo-org/octo-repo:environment:production')
    const evaluation = evaluateTrustPolicy({
      policy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              Federated:
                'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
            },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                'token.actions.githubusercontent.com:aud': 'https://github.com/octo-org'
              }
            }
          }
        ]
      }),
      claims: base.claims,
      roleArn: ROLE
    })
    const reasons = mismatchReasons({
      ...base,
      ...(evaluation === undefined ? {} : { evaluation })
    })
    expect(reasons[0]).toContain('audience')
  })
})

describe('the suggested trust policies', () => {
  test('the first accepts exactly this sub and audience, for the role account provider', () => {
    const [exact] = suggestedPolicies(input('repo:octo-org/octo-repo:ref:refs/heads/feature'))
    const document = JSON.parse(exact?.policy ?? '{}') as {
      Statement: {
        Principal: { Federated: string }
        Condition: Record<string, Record<string, string>>
      }[]
    }
    const statement = document.Statement[0]
    expect(statement?.Principal.Federated).toBe(
      'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
    )
    expect(statement?.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/feature'
    })
  })

  test('a branch gets narrower and wider variants', () => {
    const variants = suggestedPolicies(
      input('repo:octo-org/octo-repo:ref:refs/heads/feature', {
        job_workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/feature'
      })
    )
    expect(variants.map(variant => variant.title)).toEqual([
      'Exactly this job',
      'Narrower: this job and this workflow file',
      'Wider: every branch',
      'Widest: the whole repository'
    ])
    expect(variants[2]?.policy).toContain('repo:octo-org/octo-repo:ref:refs/heads/*')
    expect(variants[3]?.policy).toContain('"StringLike"')
  })

  test('the immutable form keeps its IDs in the patterns', () => {
    const variants = suggestedPolicies(input('repo:octo-org@11/octo-repo@22:environment:prod'))
    expect(variants.map(variant => variant.title)).toContain('Wider: every environment')
    expect(variants.every(variant => variant.policy.includes('octo-org@11/octo-repo@22'))).toBe(
      true
    )
  })

  test('a China role uses its partition in the provider ARN', () => {
    const [exact] = suggestedPolicies({
      ...input('repo:octo-org/octo-repo:ref:refs/heads/main'),
      roleArn: 'arn:aws-cn:iam::111122223333:role/deploy'
    })
    expect(exact?.policy).toContain('arn:aws-cn:iam::111122223333:oidc-provider/')
  })
})
