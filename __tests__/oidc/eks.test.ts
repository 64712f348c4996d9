/**
 * IRSA: an EKS projected service account token (issuer `https://oidc.eks.REGION.amazonaws.com/
 * id/ID`, `sub` `system:serviceaccount:NS:SA`, `aud` `sts.amazonaws.com`) refused by a role. The
 * shared evaluator names the namespace and service account, and the findings give Kubernetes'
 * fix (the trust policy statement, `kubectl annotate serviceaccount`) instead of GitHub's.
 * Tokens' claims are generated here; no token is signed.
 */
import { hintOf } from './trust-fixtures.js'
import { describe, expect, test } from '@jest/globals'
import { claimsOf } from '../../src/oidc/claims.js'
import {
  audienceMismatch,
  providerMissing,
  trustPolicyMismatch
} from '../../src/report/oidc-findings.js'
import type { TokenContext } from '../../src/oidc/facts.js'
import { eksIssuer, serviceAccountHint, serviceAccountOf } from '../../src/oidc/eks.js'
import { evaluateTrustPolicy } from '../../src/oidc/evaluate.js'
import { mismatchReasons } from '../../src/report/oidc-words.js'

const ROLE = 'arn:aws:iam::111122223333:role/ci-runner'
const HOST = 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'
const ISS = `https://${HOST}`
const FILE = '/var/run/secrets/eks.amazonaws.com/serviceaccount/token'

function tokenClaims(sub: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000)
  return { iss: ISS, sub, aud: ['sts.amazonaws.com'], iat: now, exp: now + 86400 }
}

function context(sub: string): TokenContext {
  const claims = tokenClaims(sub)
  return {
    tokenSource: 'web-identity-file',
    roleArn: ROLE,
    source: 'AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN',
    tokenFile: FILE,
    claims: claimsOf({ header: {}, claims }),
    rawClaims: claims
  }
}

function policy(sub: string, host = HOST): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${host}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${host}:sub`]: sub, [`${host}:aud`]: 'sts.amazonaws.com' }
        }
      }
    ]
  })
}

const DENIED = {
  code: 'AccessDenied',
  message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
}

describe('recognising IRSA tokens', () => {
  test('the EKS issuer and the service account subject', () => {
    expect(eksIssuer(ISS)).toEqual({
      host: HOST,
      region: 'us-west-2',
      id: 'EXAMPLED539D4633E53DE1B71EXAMPLE'
    })
    expect(eksIssuer('https://token.actions.githubusercontent.com')).toBeUndefined()
    expect(eksIssuer('https://oidc.eks.us-west-2.amazonaws.com.evil.example/id/X')).toBeUndefined()
    expect(serviceAccountOf('system:serviceaccount:ci:runner')).toEqual({
      namespace: 'ci',
      name: 'runner'
    })
    expect(serviceAccountOf('repo:octo-org/octo-repo:ref:refs/heads/main')).toBeUndefined()
  })

  test('the hint says whether the namespace, the name or both differ', () => {
    const expected = ['system:serviceaccount:ci:runner']
    expect(hintOf(serviceAccountHint(expected, 'system:serviceaccount:ci:default'))).toContain(
      'another service account of the same namespace'
    )
    expect(hintOf(serviceAccountHint(expected, 'system:serviceaccount:build:runner'))).toContain(
      'the same service account name in another namespace'
    )
    expect(hintOf(serviceAccountHint(expected, 'system:serviceaccount:build:default'))).toContain(
      'another namespace and service account'
    )
    expect(hintOf(serviceAccountHint(['repo:x/y:*'], 'system:serviceaccount:ci:runner'))).toContain(
      'the policy names no service account'
    )
    expect(hintOf(serviceAccountHint(expected, 'repo:x/y:ref:refs/heads/main'))).toBeUndefined()
  })
})

describe('the evaluator on an IRSA trust policy', () => {
  test('the sub condition fails with the service account hint, the aud condition holds', () => {
    const evaluation = evaluateTrustPolicy({
      policy: policy('system:serviceaccount:ci:runner'),
      claims: tokenClaims('system:serviceaccount:ci:default'),
      roleArn: ROLE
    })
    expect(evaluation?.decision).toBe('implicit-deny')
    expect(evaluation?.providerArn).toBe(`arn:aws:iam::111122223333:oidc-provider/${HOST}`)
    const conditions = evaluation?.statements[0]?.conditions ?? []
    const sub = conditions.find(item => item.key.endsWith(':sub'))
    expect(sub?.result).toBe('fails')
    expect(hintOf(sub?.hint)).toContain('service account `default` in namespace `ci`')
    expect(conditions.find(item => item.key.endsWith(':aud'))?.result).toBe('holds')
  })

  test('a policy of the right service account admits the token', () => {
    const evaluation = evaluateTrustPolicy({
      policy: policy('system:serviceaccount:ci:runner'),
      claims: tokenClaims('system:serviceaccount:ci:runner'),
      roleArn: ROLE
    })
    expect(evaluation?.decision).toBe('allow')
  })

  test("another cluster's keys are named as another issuer's", () => {
    const other = 'oidc.eks.us-west-2.amazonaws.com/id/0THERC1USTER0000000000000000000'
    const evaluation = evaluateTrustPolicy({
      policy: policy('system:serviceaccount:ci:runner', other),
      claims: tokenClaims('system:serviceaccount:ci:runner'),
      roleArn: ROLE
    })
    expect(evaluation?.decision).toBe('implicit-deny')
    expect(evaluation?.statements[0]?.principalMatches).toBe(false)
    const reasons = mismatchReasons({
      roleArn: ROLE,
      sub: 'system:serviceaccount:ci:runner',
      audiences: ['sts.amazonaws.com'],
      issuer: ISS,
      claims: tokenClaims('system:serviceaccount:ci:runner'),
      ...(evaluation === undefined ? {} : { evaluation })
    })
    expect(reasons[0]).toMatch(/The principal|Another cluster's issuer/u)
  })
})

describe('the findings for a refused IRSA token', () => {
  test('unread policy: titled by the service account, with the trust statement and kubectl', () => {
    const reported = trustPolicyMismatch(
      context('system:serviceaccount:ci:default'),
      DENIED,
      undefined,
      { state: 'not-read', reason: 'no-other-credentials' }
    )
    expect(reported.id).toBe('oidc-trust-policy-mismatch')
    expect(reported.title).toBe(
      "The role's trust policy does not accept service account `default` in namespace `ci`"
    )
    expect(reported.message).toContain('The namespace or service account.')
    expect(reported.remediation).toContain(`"${HOST}:sub":"system:serviceaccount:ci:default"`)
    expect(reported.remediation).toContain(
      'kubectl annotate serviceaccount -n ci default eks.amazonaws.com/role-arn='
    )
    expect(reported.remediation).not.toContain('branch or environment')
  })

  test('read policy: the failing condition names namespace and service account', () => {
    const evaluation = evaluateTrustPolicy({
      policy: policy('system:serviceaccount:ci:runner'),
      claims: tokenClaims('system:serviceaccount:build:runner'),
      roleArn: ROLE
    })
    const reported = trustPolicyMismatch(
      context('system:serviceaccount:build:runner'),
      DENIED,
      evaluation,
      { state: 'read', decision: 'implicit-deny' }
    )
    expect(reported.message).toContain('the same service account name in another namespace')
    expect((reported.evidence ?? []).join('\n')).toContain(`${HOST}:sub`)
  })

  test('the reasons are Kubernetes’, not GitHub’s', () => {
    const reasons = mismatchReasons({
      roleArn: ROLE,
      sub: 'system:serviceaccount:ci:default',
      audiences: ['sts.amazonaws.com'],
      issuer: ISS,
      claims: tokenClaims('system:serviceaccount:ci:default')
    })
    expect(reasons[0]).toContain('The namespace or service account')
    expect(reasons.join('\n')).not.toMatch(/environment replaces the branch|Pull requests/u)
  })

  test('no provider for the cluster: eksctl and the issuer, in the role account', () => {
    const reported = providerMissing(
      context('system:serviceaccount:ci:runner'),
      {
        code: 'InvalidIdentityToken',
        message: `No OpenIDConnect provider found in your account for ${ISS}`
      },
      false
    )
    expect(reported.id).toBe('oidc-provider-missing')
    expect(reported.title).toBe(
      "The EKS cluster's OIDC issuer is not an IAM provider in the role's account"
    )
    expect(reported.remediation).toContain('eksctl utils associate-iam-oidc-provider')
    expect(reported.remediation).toContain(
      `aws iam create-open-id-connect-provider --url ${ISS} --client-id-list sts.amazonaws.com`
    )
    expect(reported.evidence).toContain(
      `expected provider: \`arn:aws:iam::111122223333:oidc-provider/${HOST}\``
    )
  })

  test('an audience the provider does not list: the service account annotation it comes from', () => {
    const reported = audienceMismatch(
      context('system:serviceaccount:ci:runner'),
      { code: 'InvalidIdentityToken', message: 'Incorrect token audience' },
      undefined
    )
    expect(reported.id).toBe('oidc-audience-mismatch')
    expect(reported.remediation).toContain('eks.amazonaws.com/audience')
    const github = audienceMismatch(
      { ...context('repo:octo-org/octo-repo:ref:refs/heads/main'), claims: undefined },
      { code: 'InvalidIdentityToken', message: 'Incorrect token audience' },
      'sts.amazonaws.com'
    )
    expect(github.remediation).not.toContain('eks.amazonaws.com/audience')
  })
})
