/**
 * Reusable workflows: the token's `job_workflow_ref` names the called workflow and the ref the
 * caller used (GitHub docs `content/actions/reference/security/oidc.md`, claims table, and
 * "customizing the subject claims": `include_claim_keys` may add `job_workflow_ref` to `sub`).
 * A policy that pins it to another ref refuses the job whatever branch the caller is on, so the
 * report names that claim, not "another branch or tag". Conditions on claims other than `sub`,
 * `aud` and `amr` that the token satisfies are unverifiable (oidc-facts §3, 2026-12-02 additions:
 * the list of GitHub claims STS exposes is UNVERIFIED).
 */
import { describe, expect, test } from '@jest/globals'
import { trustPolicyMismatch } from '../../src/report/oidc-findings.js'
import { claimsOf } from '../../src/oidc/claims.js'
import { evaluateTrustPolicy } from '../../src/oidc/evaluate.js'
import { splitMismatchReasons, suggestedPolicies } from '../../src/report/oidc-words.js'
import { differingSegment, subSegments } from '../../src/oidc/sub.js'
import type { TrustPolicyEvaluation } from '../../src/model.js'
import { hintOf, ISS, KEY, ROLE, trustPolicyWith } from './trust-fixtures.js'

const SHARED = 'octo-org/shared/.github/workflows/deploy.yml'
const SUB = 'repo:octo-org/octo-repo:ref:refs/heads/main'

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISS,
    aud: 'sts.amazonaws.com',
    sub: SUB,
    repository: 'octo-org/octo-repo',
    ref: 'refs/heads/main',
    workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
    job_workflow_ref: `${SHARED}@refs/tags/v2`,
    ...extra
  }
}

function evaluate(document: string, tokenClaims: Record<string, unknown>): TrustPolicyEvaluation {
  const evaluation = evaluateTrustPolicy({ policy: document, claims: tokenClaims, roleArn: ROLE })
  if (evaluation === undefined) throw new Error('policy did not parse')
  return evaluation
}

function input(tokenClaims: Record<string, unknown>, evaluation?: TrustPolicyEvaluation) {
  return {
    roleArn: ROLE,
    sub: String(tokenClaims.sub),
    audiences: ['sts.amazonaws.com'],
    issuer: ISS,
    claims: tokenClaims,
    ...(evaluation === undefined ? {} : { evaluation })
  }
}

/** The finding for a refusal of this token, with the policy read. */
function mismatch(tokenClaims: Record<string, unknown>, evaluation: TrustPolicyEvaluation) {
  return trustPolicyMismatch(
    {
      tokenSource: 'github-oidc',
      roleArn: ROLE,
      source: 'role-to-assume',
      claims: claimsOf({ header: {}, claims: tokenClaims }),
      rawClaims: tokenClaims
    },
    { code: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' },
    evaluation,
    { state: 'read', decision: 'implicit-deny' }
  )
}

const PINNED_MAIN = trustPolicyWith({
  StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com', [`${KEY}:sub`]: SUB },
  StringLike: { [`${KEY}:job_workflow_ref`]: `${SHARED}@refs/heads/main` }
})

describe('a policy that pins job_workflow_ref to another ref', () => {
  test('the evaluator names the reusable workflow and both refs', () => {
    const evaluation = evaluate(PINNED_MAIN, claims())
    expect(evaluation.decision).toBe('implicit-deny')
    const failing = evaluation.statements[0]?.conditions.filter(item => item.result === 'fails')
    expect(failing?.map(item => item.key)).toEqual([`${KEY}:job_workflow_ref`])
    expect(hintOf(failing?.[0]?.hint)).toContain(
      `reusable workflow \`${SHARED}\` at \`refs/tags/v2\``
    )
    expect(hintOf(failing?.[0]?.hint)).toContain('`refs/heads/main`')
    expect(hintOf(failing?.[0]?.hint)).toContain("not the caller's branch")
  })

  test('the first reason is the reusable workflow, and "another branch or tag" is not offered', () => {
    const tokenClaims = claims()
    const { applicable, others } = splitMismatchReasons(
      input(tokenClaims, evaluate(PINNED_MAIN, tokenClaims))
    )
    expect(applicable[0]).toContain("**The reusable workflow's ref (`job_workflow_ref`).**")
    expect(applicable[0]).toContain(`${SHARED}@refs/tags/v2`)
    expect(applicable.some(reason => reason.includes('Another branch or tag'))).toBe(false)
    expect(others.some(reason => reason.includes('Another branch or tag'))).toBe(true)
  })

  test('the finding names the claim in its title, message and fix', () => {
    const tokenClaims = claims()
    const evaluation = evaluate(PINNED_MAIN, tokenClaims)
    const item = mismatch(tokenClaims, evaluation)
    expect(item.title).toBe(
      `The role's trust policy does not accept \`job_workflow_ref\` = \`${SHARED}@refs/tags/v2\``
    )
    expect(item.message).toContain(`\`${KEY}:job_workflow_ref\``)
    expect(item.message).toContain("the called workflow's ref refuses, not the caller's branch")
    expect(item.message).toContain('refs/tags/v2')
    expect(item.remediation).toContain(
      `adding \`${SHARED}@refs/tags/v2\` to its \`job_workflow_ref\` condition`
    )
  })

  test('every offered policy keeps the pin, admits this job and what the policy admitted', () => {
    const tokenClaims = claims()
    const variants = suggestedPolicies(input(tokenClaims, evaluate(PINNED_MAIN, tokenClaims)))
    expect(variants.length).toBeGreaterThan(0)
    const before = claims({ job_workflow_ref: `${SHARED}@refs/heads/main` })
    const otherWorkflow = claims({
      job_workflow_ref: 'octo-org/other/.github/workflows/x.yml@refs/heads/main'
    })
    for (const variant of variants) {
      expect(evaluate(variant.policy, tokenClaims).decision).toBe('allow')
      expect(evaluate(variant.policy, before).decision).toBe('allow')
      // The pin stays: another workflow is still refused.
      expect(evaluate(variant.policy, otherWorkflow).decision).toBe('implicit-deny')
    }
    expect(variants[0]?.description).toContain("keeps the policy's pin on `job_workflow_ref`")
  })

  test('without the policy, a called reusable workflow is the first reason for a branch run', () => {
    const { applicable } = splitMismatchReasons(input(claims()))
    expect(applicable[0]).toContain('job_workflow_ref')
    expect(applicable[0]).toContain(
      'called from `octo-org/octo-repo/.github/workflows/release.yml`'
    )
    // A workflow that is not reusable keeps the branch as the first reason.
    const plain = claims({
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main'
    })
    expect(splitMismatchReasons(input(plain)).applicable[0]).toContain('Another branch or tag')
  })
})

describe('a customised sub that includes job_workflow_ref', () => {
  const custom = `repo:octo-org/octo-repo:environment:prod:job_workflow_ref:${SHARED}@refs/tags/v2`
  const expected = `repo:octo-org/octo-repo:environment:prod:job_workflow_ref:${SHARED}@refs/heads/main`

  test('the sub splits at the template keys', () => {
    expect(subSegments(custom).map(item => item.key)).toEqual([
      'repo',
      'environment',
      'job_workflow_ref'
    ])
    expect(subSegments(SUB)).toEqual([
      { key: 'repo', value: 'octo-org/octo-repo' },
      { key: 'ref', value: 'refs/heads/main' }
    ])
    expect(differingSegment([expected], custom, (a, b) => a === b)).toEqual({
      key: 'job_workflow_ref',
      expected: `${SHARED}@refs/heads/main`,
      actual: `${SHARED}@refs/tags/v2`
    })
  })

  test('the failing sub condition names its job_workflow_ref part, and that reason comes first', () => {
    const tokenClaims = claims({ sub: custom, environment: 'prod' })
    const evaluation = evaluate(
      trustPolicyWith({
        StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com', [`${KEY}:sub`]: expected }
      }),
      tokenClaims
    )
    const hint = hintOf(
      evaluation.statements[0]?.conditions.find(item => item.result === 'fails')?.hint
    )
    expect(hint).toContain('the `job_workflow_ref` part of the customised `sub`')
    expect(hint).toContain(`expects \`${SHARED}@refs/heads/main\``)
    const { applicable } = splitMismatchReasons(input(tokenClaims, evaluation))
    expect(applicable[0]).toContain("**The reusable workflow's ref (`job_workflow_ref`).**")
    expect(applicable[0]).toContain('customised `sub`')
  })
})

describe('claims STS may not provide as condition keys', () => {
  test('a holding condition on another claim is marked unverifiable, sub and aud are not', () => {
    const tokenClaims = claims({ job_workflow_ref: `${SHARED}@refs/heads/main` })
    const evaluation = evaluate(PINNED_MAIN, tokenClaims)
    expect(evaluation.decision).toBe('allow')
    const byKey = new Map(evaluation.statements[0]?.conditions.map(item => [item.key, item]))
    expect(byKey.get(`${KEY}:job_workflow_ref`)?.unverified).toBe(true)
    expect(byKey.get(`${KEY}:sub`)?.unverified).toBeUndefined()
    expect(byKey.get(`${KEY}:aud`)?.unverified).toBeUndefined()
  })

  test('a refusal the policy seems to accept says the claim cannot be verified', () => {
    const tokenClaims = claims({ job_workflow_ref: `${SHARED}@refs/heads/main` })
    const item = mismatch(tokenClaims, evaluate(PINNED_MAIN, tokenClaims))
    expect(item.message).toContain(`condition on \`${KEY}:job_workflow_ref\` cannot be verified`)
    expect(item.message).not.toContain('the trust policy accepts these claims')
  })
})
