/**
 * The immutable `sub` (`repo:OWNER@OWNER_ID/REPO@REPO_ID:…`): GitHub uses it for repositories
 * created on or after 2026-07-15, opted-in ones, and after a rename or transfer (GitHub changelog
 * 2026-04-23; configure-aws-credentials README #1889). A policy in one form refuses a token in the
 * other; the reason says which form the token uses and why, and gives a condition for both.
 */
import { describe, expect, test } from '@jest/globals'
import { evaluateTrustPolicy } from '../../src/oidc/evaluate.js'
import { splitMismatchReasons } from '../../src/report/oidc-words.js'
import { hintOf, ISS, KEY, ROLE, trustPolicyWith } from './trust-fixtures.js'

const SUB_KEY = `${KEY}:sub`
const NAMED = 'repo:acme/web:ref:refs/heads/main'
const IMMUTABLE = 'repo:acme@11/web@22:ref:refs/heads/main'

function tokenClaims(sub: string): Record<string, unknown> {
  return {
    iss: ISS,
    aud: 'sts.amazonaws.com',
    sub,
    repository: 'acme/web',
    repository_owner_id: '11',
    repository_id: '22'
  }
}

function reasonsFor(policySub: string, sub: string) {
  const claims = tokenClaims(sub)
  const evaluation = evaluateTrustPolicy({
    policy: trustPolicyWith({ StringEquals: { [SUB_KEY]: policySub } }),
    claims,
    roleArn: ROLE
  })
  return {
    evaluation,
    ...splitMismatchReasons({
      roleArn: ROLE,
      sub,
      audiences: ['sts.amazonaws.com'],
      issuer: ISS,
      claims,
      ...(evaluation === undefined ? {} : { evaluation })
    })
  }
}

/** The `StringLike` condition the reason offers, as a policy, judged against both forms. */
function offeredConditionAdmitsBoth(reason: string): void {
  const match = /`"StringLike": (\{[^`]*\})`/u.exec(reason)
  expect(match).not.toBeNull()
  const condition = JSON.parse(match?.[1] ?? '{}') as Record<string, string[]>
  const policy = trustPolicyWith({ StringLike: condition })
  for (const sub of [NAMED, IMMUTABLE])
    expect(evaluateTrustPolicy({ policy, claims: tokenClaims(sub), roleArn: ROLE })?.decision).toBe(
      'allow'
    )
  expect(
    evaluateTrustPolicy({
      policy,
      claims: tokenClaims('repo:acme@11/other@33:ref:refs/heads/main'),
      roleArn: ROLE
    })?.decision
  ).toBe('implicit-deny')
}

describe('the immutable sub form', () => {
  test('an immutable token and a policy with names: the token form, why, and both forms', () => {
    const { applicable } = reasonsFor(NAMED, IMMUTABLE)
    const reason = applicable[0] ?? ''
    expect(reason).toContain('**The immutable `sub` with IDs.**')
    expect(reason).toContain('`repo:acme@11/web@22:…`')
    expect(reason).toContain('created on or after 2026-07-15')
    expect(reason).toContain('renamed or transferred')
    offeredConditionAdmitsBoth(reason)
  })

  test('a token with names and a policy with IDs: said the other way round', () => {
    const { evaluation, applicable } = reasonsFor(IMMUTABLE, NAMED)
    const hint = hintOf(evaluation?.statements[0]?.conditions[0]?.hint)
    expect(hint).toContain('written in the immutable form with IDs')
    const reason = applicable[0] ?? ''
    expect(reason).toContain('The policy is written in the immutable form')
    expect(reason).toContain(`this token presents names only (\`${NAMED}\`)`)
    offeredConditionAdmitsBoth(reason)
  })

  test('a token and a policy in the same form do not get the reason', () => {
    const { applicable } = reasonsFor('repo:acme/web:ref:refs/heads/release', NAMED)
    expect(applicable.some(reason => reason.includes('immutable'))).toBe(false)
  })
})
