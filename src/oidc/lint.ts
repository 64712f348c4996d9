/**
 * The trust-policy security lint: which conditions of a role's trust policy (as the action read
 * it with iam:GetRole) let other repositories or owners assume the role. The risks are the known
 * ones (configure-aws-credentials PR #300, prowler's and Datadog's rules; oidc-facts 2026-12-02):
 * no `sub` condition, `repo:*` or a wildcard in the owner, `ForAllValues:` on `sub` (true for a
 * request without the key), no `aud` condition. IAM's own CreateRole guardrail checks only the
 * first value of a list, so every value is looked at. Each problem names the condition and the
 * narrower one that still admits this job. Pure.
 */
import type { StatementName } from '../model.js'
import { issuerHost } from './claims.js'
import { ACTION, conditionJson, globMatch, providerArnFor, statementName } from './evaluate.js'

/** What lets more than this repository in: the condition key (and operator, value) it is about. */
export type PermissiveProblem =
  | { readonly kind: 'no-sub-condition'; readonly key: string }
  | { readonly kind: 'for-all-values'; readonly operator: string; readonly key: string }
  | {
      readonly kind: 'any-owner'
      readonly value: string
      readonly operator: string
      readonly key: string
    }
  | { readonly kind: 'no-aud-condition'; readonly key: string }

export interface PermissiveCondition {
  readonly statement: StatementName
  readonly problem: PermissiveProblem
  /** A condition that admits this job and not other repositories. */
  readonly narrower: string
}

type Json = Record<string, unknown>

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A policy value that may be one string or a list of them. */
export function list(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

interface Condition {
  readonly operator: string
  readonly key: string
  readonly values: string[]
}

function conditionsOf(statement: Json): Condition[] {
  const block = statement.Condition
  if (!isObject(block)) return []
  return Object.entries(block).flatMap(([operator, keys]) =>
    isObject(keys)
      ? Object.entries(keys).map(([key, value]) => ({ operator, key, values: list(value) }))
      : []
  )
}

/** A `sub` pattern that admits repositories of any owner: `*`, `repo:*`, or a wildcard in the owner. */
function anyOwner(pattern: string): boolean {
  if (!/[*?]/u.test(pattern)) return false
  const owner = /^repo:([^/]*)/u.exec(pattern)?.[1]
  // A customised template (`repository_owner:acme:…`): only a bare wildcard admits every owner.
  if (owner === undefined) return /^[*?]+$/u.test(pattern)
  // `acme@*` keeps the owner's name (names hold no `@`): only a wildcard in the name widens it.
  return /[*?]/u.test(owner.split('@')[0] ?? owner)
}

export interface LintInput {
  readonly policy: string
  readonly roleArn: string
  readonly issuer?: string
  readonly sub?: string
  readonly audience?: string
}

export function lintTrustPolicy(input: LintInput): PermissiveCondition[] {
  let document: unknown
  try {
    document = JSON.parse(input.policy)
  } catch {
    return []
  }
  if (!isObject(document)) return []
  const host = issuerHost(input.issuer) ?? 'token.actions.githubusercontent.com'
  const provider = providerArnFor(input.roleArn, input.issuer)
  const subKey = `${host}:sub`
  const audKey = `${host}:aud`
  const exactSub = conditionJson(
    'StringEquals',
    subKey,
    input.sub ?? 'repo:OWNER/REPO:ref:refs/heads/main'
  )
  const raw = document.Statement
  const statements = (Array.isArray(raw) ? raw : [raw]).filter(isObject)
  return statements.flatMap((statement, index) => {
    const label = statementName(statement, index)
    const principal = isObject(statement.Principal) ? list(statement.Principal.Federated) : []
    const trustsProvider = principal.includes(provider) || principal.includes('*')
    const allows =
      statement.Effect === 'Allow' &&
      list(statement.Action).some(action => globMatch(action, ACTION, true))
    if (!trustsProvider || !allows) return []
    const conditions = conditionsOf(statement)
    const on = (key: string): Condition[] =>
      conditions.filter(condition => condition.key.toLowerCase() === key.toLowerCase())
    const found: PermissiveCondition[] = []
    const subs = on(subKey).filter(condition => !/^StringNot/iu.test(condition.operator))
    const workflowPinned = on(`${host}:job_workflow_ref`).length > 0
    if (subs.length === 0 && !workflowPinned)
      found.push({
        statement: label,
        problem: { kind: 'no-sub-condition', key: subKey },
        narrower: exactSub
      })
    for (const condition of subs) {
      if (/^ForAllValues:/iu.test(condition.operator))
        found.push({
          statement: label,
          problem: { kind: 'for-all-values', operator: condition.operator, key: condition.key },
          narrower: exactSub
        })
      const like = /StringLike/iu.test(condition.operator)
      for (const value of condition.values.filter(item => like && anyOwner(item)))
        found.push({
          statement: label,
          problem: {
            kind: 'any-owner',
            value,
            operator: condition.operator,
            key: condition.key
          },
          narrower: input.sub === undefined ? exactSub : narrowerPattern(subKey, input.sub)
        })
    }
    if (on(audKey).length === 0)
      found.push({
        statement: label,
        problem: { kind: 'no-aud-condition', key: audKey },
        narrower: conditionJson('StringEquals', audKey, input.audience ?? 'sts.amazonaws.com')
      })
    return found
  })
}

/** This job's repository with a wildcard after it, or its exact `sub` for a customised one. */
function narrowerPattern(subKey: string, sub: string): string {
  const repo = /^repo:([^:]+):/u.exec(sub)?.[1]
  return repo === undefined
    ? conditionJson('StringEquals', subKey, sub)
    : conditionJson('StringLike', subKey, `repo:${repo}:*`)
}
