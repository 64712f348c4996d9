import { hintOf } from './trust-fixtures.js'
import { describe, expect, test } from '@jest/globals'
import { closestStatement, evaluateTrustPolicy, globMatch } from '../../src/oidc/evaluate.js'

const ROLE = 'arn:aws:iam::111122223333:role/deploy'
const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
const ISS = 'https://token.actions.githubusercontent.com'

function claims(sub: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: ISS, aud: 'sts.amazonaws.com', sub, repository: 'octo-org/octo-repo', ...extra }
}

function policy(
  condition: Record<string, Record<string, string | string[]>>,
  sid?: string
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        ...(sid === undefined ? {} : { Sid: sid }),
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition
      }
    ]
  })
}

describe('trust policy evaluation', () => {
  test('a policy pinning main refuses a feature branch, naming the sub condition', () => {
    const evaluation = evaluateTrustPolicy({
      policy: policy(
        {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main'
          }
        },
        'GitHubDeploy'
      ),
      claims: claims('repo:octo-org/octo-repo:ref:refs/heads/feature'),
      roleArn: ROLE
    })
    expect(evaluation?.decision).toBe('implicit-deny')
    const statement = evaluation === undefined ? undefined : closestStatement(evaluation)
    expect(statement?.name).toEqual({ sid: 'GitHubDeploy', index: 1 })
    const failing = statement?.conditions.filter(item => item.result === 'fails')
    expect(failing?.map(item => item.key)).toEqual(['token.actions.githubusercontent.com:sub'])
    expect(failing?.[0]?.actual).toEqual(['repo:octo-org/octo-repo:ref:refs/heads/feature'])
  })

  test('StringEquals with a wildcard fails and says why', () => {
    const evaluation = evaluateTrustPolicy({
      policy: policy({
        StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' }
      }),
      claims: claims('repo:octo-org/octo-repo:ref:refs/heads/main'),
      roleArn: ROLE
    })
    const condition = evaluation?.statements[0]?.conditions[0]
    expect(condition?.result).toBe('fails')
    expect(hintOf(condition?.hint)).toContain('StringLike')
  })

  test('StringLike with the same pattern accepts', () => {
    const evaluation = evaluateTrustPolicy({
      policy: policy({
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' }
      }),
      claims: claims('repo:octo-org/octo-repo:ref:refs/heads/main'),
      roleArn: ROLE
    })
    expect(evaluation?.decision).toBe('allow')
  })

  test('a difference in letter case only is named as such', () => {
    const evaluation = evaluateTrustPolicy({
      policy: policy({
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:Octo-Org/octo-repo:*' }
      }),
      claims: claims('repo:octo-org/octo-repo:ref:refs/heads/main'),
      roleArn: ROLE
    })
    expect(hintOf(evaluation?.statements[0]?.conditions[0]?.hint)).toContain('letter case')
  })

  test('an environment sub against a branch pin names the environment', () => {
    const evaluation = evaluateTrustPolicy({
      policy: policy({
        StringEquals: {
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main'
        }
      }),
      claims: claims('repo:octo-org/octo-repo:environment:production'),
      roleArn: ROLE
    })
    expect(hintOf(evaluation?.statements[0]?.conditions[0]?.hint)).toContain('production')
  })

  test('a wrong audience condition fails on aud', () => {
    const evaluation = evaluateTrustPolicy({
      policy: policy({
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'https://github.com/octo-org' }
      }),
      claims: claims('repo:octo-org/octo-repo:ref:refs/heads/main'),
      roleArn: ROLE
    })
    const condition = evaluation?.statements[0]?.conditions[0]
    expect(condition?.result).toBe('fails')
    expect(hintOf(condition?.hint)).toContain('audience')
  })

  test("another account's provider does not match the principal", () => {
    const evaluation = evaluateTrustPolicy({
      policy: JSON.stringify({
        Statement: {
          Effect: 'Allow',
          Principal: {
            Federated: 'arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com'
          },
          Action: 'sts:AssumeRoleWithWebIdentity'
        }
      }),
      claims: claims('repo:octo-org/octo-repo:ref:refs/heads/main'),
      roleArn: ROLE
    })
    expect(evaluation?.decision).toBe('implicit-deny')
    expect(evaluation?.statements[0]?.principalMatches).toBe(false)
  })

  test('sts:AssumeRole instead of the web identity action does not match', () => {
    const evaluation = evaluateTrustPolicy({
      policy: JSON.stringify({
        Statement: [
          { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRole' }
        ]
      }),
      claims: claims('repo:octo-org/octo-repo:ref:refs/heads/main'),
      roleArn: ROLE
    })
    expect(evaluation?.statements[0]?.actionMatches).toBe(false)
  })

  test('an explicit Deny wins', () => {
    const evaluation = evaluateTrustPolicy({
      policy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: PROVIDER },
            Action: 'sts:AssumeRoleWithWebIdentity'
          },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sts:*',
            Condition: {
              StringLike: { 'token.actions.githubusercontent.com:sub': '*:pull_request' }
            }
          }
        ]
      }),
      claims: claims('repo:octo-org/octo-repo:pull_request'),
      roleArn: ROLE
    })
    expect(evaluation?.decision).toBe('explicit-deny')
  })

  test('keys of other issuers or services are not judged', () => {
    const evaluation = evaluateTrustPolicy({
      policy: policy({ StringEquals: { 'aws:SourceIp': '10.0.0.1' } }),
      claims: claims('repo:octo-org/octo-repo:ref:refs/heads/main'),
      roleArn: ROLE
    })
    expect(evaluation?.statements[0]?.conditions[0]?.result).toBe('unknown')
  })

  test('a document that is not JSON cannot be evaluated', () => {
    expect(evaluateTrustPolicy({ policy: '%7B', claims: {}, roleArn: ROLE })).toBeUndefined()
  })

  test('IAM wildcards: * is any run, ? one character, nothing else is special', () => {
    expect(globMatch('repo:a/b:*', 'repo:a/b:ref:refs/heads/x')).toBe(true)
    expect(globMatch('repo:a/b:ref:refs/heads/?', 'repo:a/b:ref:refs/heads/x')).toBe(true)
    expect(globMatch('repo:a.b', 'repo:aXb')).toBe(false)
  })
})

describe('another issuer', () => {
  // GitHub docs (oidc.md): an enterprise can choose `https://token.actions.githubusercontent.com/<slug>`;
  // GHES issues `https://HOST/_services/token`. IAM keys are `<issuer host and path>:<claim>`.
  const ENTERPRISE = 'https://token.actions.githubusercontent.com/octo-ent'

  test("github.com's keys are absent from an enterprise token's request: the condition fails, and says why", () => {
    const evaluation = evaluateTrustPolicy({
      // The policy trusts the enterprise issuer's provider, but its condition uses github.com's key.
      policy: policy({
        StringEquals: {
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main'
        },
        // Not an issuer's key: judged unknown, never failed.
        Bool: { 'aws:SecureTransport': 'true' }
      }).replace(PROVIDER, `${PROVIDER}/octo-ent`),
      claims: claims('repo:octo-org/octo-repo:ref:refs/heads/main', { iss: ENTERPRISE }),
      roleArn: ROLE
    })
    expect(evaluation?.decision).toBe('implicit-deny')
    const [sub, transport] = evaluation?.statements[0]?.conditions ?? []
    expect(sub?.result).toBe('fails')
    expect(hintOf(sub?.hint)).toContain("another issuer's key")
    expect(hintOf(sub?.hint)).toContain('`token.actions.githubusercontent.com/octo-ent:sub`')
    expect(transport?.result).toBe('unknown')
  })
})
