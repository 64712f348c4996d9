/**
 * The trust-policy security lint (oidc-facts 2026-12-02: permissive trust policies; IAM's
 * guardrail checks only the first value of a list). Every narrower condition it offers is
 * checked with the evaluator: it admits this job and refuses another owner's repository.
 */
import { describe, expect, test } from '@jest/globals'
import { evaluateTrustPolicy } from '../../src/oidc/evaluate.js'
import { lintTrustPolicy, type PermissiveCondition } from '../../src/oidc/lint.js'
import { permissiveText } from '../../src/report/oidc-words.js'
import { ISS, KEY, ROLE, trustPolicyWith } from './trust-fixtures.js'

const SUB = 'repo:octo-org/octo-repo:ref:refs/heads/main'

/** A problem in the words the warning shows (the lint returns it as data). */
function problemOf(item: PermissiveCondition | undefined): string | undefined {
  return item === undefined ? undefined : permissiveText(item.problem)
}
const AUD = { [`${KEY}:aud`]: 'sts.amazonaws.com' }

function lint(condition: Record<string, Record<string, string | string[]>>) {
  return lintTrustPolicy({
    policy: trustPolicyWith(condition),
    roleArn: ROLE,
    issuer: ISS,
    sub: SUB,
    audience: 'sts.amazonaws.com'
  })
}

/** A narrower condition as a policy (with the audience pinned), judged for two subjects. */
function decide(narrower: string, sub: string): string | undefined {
  const condition = JSON.parse(`{${narrower}}`) as Record<string, Record<string, string>>
  const merged = { ...condition, StringEquals: { ...AUD, ...(condition.StringEquals ?? {}) } }
  return evaluateTrustPolicy({
    policy: trustPolicyWith(merged),
    claims: { iss: ISS, aud: 'sts.amazonaws.com', sub },
    roleArn: ROLE
  })?.decision
}

describe('the trust-policy lint', () => {
  test('a well-scoped policy gets nothing', () => {
    expect(lint({ StringEquals: { ...AUD, [`${KEY}:sub`]: SUB } })).toEqual([])
    expect(
      lint({ StringEquals: AUD, StringLike: { [`${KEY}:sub`]: 'repo:octo-org/octo-repo:*' } })
    ).toEqual([])
    // Both sub forms of one repository are not an owner wildcard.
    expect(
      lint({
        StringEquals: AUD,
        StringLike: {
          [`${KEY}:sub`]: ['repo:octo-org/octo-repo:*', 'repo:octo-org@*/octo-repo@*:*']
        }
      })
    ).toEqual([])
  })

  test('no sub condition, repo:*, an owner wildcard in a later value, ForAllValues:, no aud', () => {
    const missing = lint({ StringEquals: AUD })
    expect(missing.map(item => permissiveText(item.problem))).toEqual([
      expect.stringContaining('has no condition on `token.actions.githubusercontent.com:sub`')
    ])
    const any = lint({
      StringEquals: AUD,
      StringLike: { [`${KEY}:sub`]: ['repo:octo-org/octo-repo:*', 'repo:*'] }
    })
    expect(any).toHaveLength(1)
    expect(problemOf(any[0])).toContain('admits `repo:*`')
    const owner = lint({
      StringEquals: AUD,
      StringLike: { [`${KEY}:sub`]: 'repo:octo-*/octo-repo:*' }
    })
    expect(problemOf(owner[0])).toContain('repositories of any owner')
    const forAll = lint({ StringEquals: AUD, 'ForAllValues:StringEquals': { [`${KEY}:sub`]: SUB } })
    expect(problemOf(forAll[0])).toContain('`ForAllValues:StringEquals`')
    const noAud = lint({ StringEquals: { [`${KEY}:sub`]: SUB } })
    expect(noAud.map(item => item.narrower)).toEqual([
      `"StringEquals": { "${KEY}:aud": "sts.amazonaws.com" }`
    ])
    for (const item of [...missing, ...any, ...owner, ...forAll]) {
      expect(decide(item.narrower, SUB)).toBe('allow')
      expect(decide(item.narrower, 'repo:evil-org/octo-repo:ref:refs/heads/main')).toBe(
        'implicit-deny'
      )
    }
  })

  test('statements for another provider or a Deny are not this lint’s business', () => {
    const other = JSON.parse(trustPolicyWith({ StringEquals: AUD })) as {
      Statement: { Principal: { Federated: string } }[]
    }
    const [statement] = other.Statement
    if (statement !== undefined)
      statement.Principal.Federated = 'arn:aws:iam::111122223333:oidc-provider/gitlab.com'
    expect(
      lintTrustPolicy({ policy: JSON.stringify(other), roleArn: ROLE, issuer: ISS, sub: SUB })
    ).toEqual([])
  })
})
