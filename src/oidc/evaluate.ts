/**
 * Evaluates a role's trust policy against a web identity token's claims, the way IAM does for
 * AssumeRoleWithWebIdentity (string operators, case-sensitive, `*`/`?` only in the `Like`
 * operators), to name the statement and the condition that refuse this token. Pure.
 * It is an explanation, not an authority: STS's answer decides; this says why.
 */
import type {
  ConditionHint,
  StatementName,
  TrustConditionCheck,
  TrustPolicyEvaluation,
  TrustStatementCheck
} from '../model.js'
import { issuerHost } from './claims.js'
import { differingSegment, parseSub, splitWorkflowRef } from './sub.js'
import { serviceAccountHint } from './eks.js'

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)]
  if (Array.isArray(value))
    return value
      .filter(item => ['string', 'number', 'boolean'].includes(typeof item))
      .map(item => String(item))
  return []
}

/** IAM wildcard match: `*` any run of characters, `?` exactly one. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/gu, '\\$&')
  const source = `^${escaped.replace(/\*/gu, '[\\s\\S]*').replace(/\?/gu, '[\\s\\S]')}$`
  return new RegExp(source, ignoreCase ? 'iu' : 'u').test(value)
}

type StringTest = (expected: string, actual: string) => boolean
const OPERATORS: Readonly<Record<string, { test: StringTest; negated: boolean }>> = {
  StringEquals: { test: (e, a) => e === a, negated: false },
  StringNotEquals: { test: (e, a) => e === a, negated: true },
  StringEqualsIgnoreCase: { test: (e, a) => e.toLowerCase() === a.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: {
    test: (e, a) => e.toLowerCase() === a.toLowerCase(),
    negated: true
  },
  StringLike: { test: (e, a) => globMatch(e, a), negated: false },
  StringNotLike: { test: (e, a) => globMatch(e, a), negated: true }
}

/** Condition keys of the request: `<issuer host>:<claim>`, lower-cased as IAM compares keys. */
export function conditionContext(
  claims: Readonly<Record<string, unknown>>,
  host: string
): Map<string, string[]> {
  const context = new Map<string, string[]>()
  for (const [claim, value] of Object.entries(claims)) {
    const values = asList(value)
    if (values.length > 0) context.set(`${host}:${claim}`.toLowerCase(), values)
  }
  return context
}

interface ParsedOperator {
  readonly base: string
  readonly set?: 'any' | 'all'
  readonly ifExists: boolean
}

function parseOperator(raw: string): ParsedOperator {
  let base = raw
  let set: 'any' | 'all' | undefined
  if (base.startsWith('ForAnyValue:')) {
    set = 'any'
    base = base.slice('ForAnyValue:'.length)
  } else if (base.startsWith('ForAllValues:')) {
    set = 'all'
    base = base.slice('ForAllValues:'.length)
  }
  const ifExists = base.endsWith('IfExists')
  if (ifExists) base = base.slice(0, -'IfExists'.length)
  return { base, ifExists, ...(set === undefined ? {} : { set }) }
}

function evaluateOne(
  operator: string,
  expected: readonly string[],
  actual: readonly string[] | undefined
): boolean | undefined {
  const parsed = parseOperator(operator)
  const op = OPERATORS[parsed.base]
  if (op === undefined) return undefined
  if (actual === undefined || actual.length === 0) {
    // A missing key: true for IfExists and negated operators, and vacuously for ForAllValues.
    return parsed.ifExists || op.negated || parsed.set === 'all'
  }
  const matches = (value: string): boolean => expected.some(e => op.test(e, value))
  if (parsed.set === 'all')
    return actual.every(value => (op.negated ? !matches(value) : matches(value)))
  const any = actual.some(matches)
  return op.negated ? !any : any
}

function shortKey(key: string): string {
  const at = key.lastIndexOf(':')
  return at === -1 ? key : key.slice(at + 1)
}

/** Why a condition that fails does so, where there is more to say than "no match". */
function hintFor(
  operator: string,
  key: string,
  expected: readonly string[],
  actual: readonly string[] | undefined
): ConditionHint | undefined {
  const claim = shortKey(key).toLowerCase()
  if (actual === undefined || actual.length === 0) return { kind: 'no-claim', claim: shortKey(key) }
  const parsed = parseOperator(operator)
  if (parsed.base === 'StringEquals' && expected.some(value => /[*?]/u.test(value)))
    return { kind: 'equals-wildcard' }
  const first = actual[0] ?? ''
  const like = parsed.base === 'StringLike'
  const caseOnly = expected.some(e =>
    like ? globMatch(e, first, true) : e.toLowerCase() === first.toLowerCase()
  )
  if (caseOnly) return { kind: 'letter-case' }
  if (claim === 'sub') return subHint(operator, expected, first)
  if (claim === 'aud') return { kind: 'audience' }
  if (claim === 'job_workflow_ref') return workflowRefHint(expected, first)
  return undefined
}

/** Why a `sub` condition fails: the service account, the environment, the IDs, the template. */
function subHint(
  operator: string,
  expected: readonly string[],
  first: string
): ConditionHint | undefined {
  const account = serviceAccountHint(expected, first)
  if (account !== undefined) return account
  const sub = parseSub(first)
  const pinsRef = expected.some(value => value.includes(':ref:'))
  if (sub.shape === 'environment' && pinsRef)
    return { kind: 'environment', environment: sub.environment ?? '' }
  if (sub.shape === 'pull_request' && pinsRef) return { kind: 'pull-request' }
  if (sub.immutable && !expected.some(value => value.includes('@')))
    return { kind: 'token-has-ids' }
  if (!sub.immutable && expected.every(value => /^repo:[^/:]*@/u.test(value)))
    return { kind: 'policy-has-ids' }
  if (sub.shape === 'custom')
    return segmentHint(operator, expected, first) ?? { kind: 'custom-sub' }
  return undefined
}

/** A reusable workflow pinned to another ref: the called workflow's ref refuses, not the caller's branch. */
function workflowRefHint(expected: readonly string[], actual: string): ConditionHint | undefined {
  const token = splitWorkflowRef(actual)
  if (token === undefined) return undefined
  const sameFile = expected
    .map(value => splitWorkflowRef(value))
    .filter(value => value !== undefined && globMatch(value.file, token.file))
  return {
    kind: 'workflow-ref',
    file: token.file,
    ref: token.ref,
    pinned: sameFile.map(value => value?.ref ?? '')
  }
}

/** The part of a customised `sub` that differs from the policy's pattern, named by its key. */
function segmentHint(
  operator: string,
  expected: readonly string[],
  actual: string
): ConditionHint | undefined {
  const like = parseOperator(operator).base === 'StringLike'
  const differs = differingSegment(expected, actual, (pattern, value) =>
    like ? globMatch(pattern, value) : pattern === value
  )
  if (differs === undefined) return undefined
  return {
    kind: 'custom-sub-part',
    key: differs.key,
    expected: differs.expected,
    actual: differs.actual
  }
}

/** A statement's `Sid` where it has one, and its place in the policy (from 1). */
export function statementName(statement: Json, index: number): StatementName {
  return typeof statement.Sid === 'string' && statement.Sid !== ''
    ? { sid: statement.Sid, index: index + 1 }
    : { index: index + 1 }
}

function principalMatches(principal: unknown, providerArn: string): boolean {
  if (principal === '*') return true
  if (!isObject(principal)) return false
  if (asList(principal.AWS).includes('*')) return true
  return asList(principal.Federated).some(value => value === '*' || value === providerArn)
}

export interface EvaluationInput {
  /** The trust policy document as JSON text. */
  readonly policy: string
  /** The token's claims, all of them (conditions may name any claim). */
  readonly claims: Readonly<Record<string, unknown>>
  readonly roleArn: string
}

export const ACTION = 'sts:AssumeRoleWithWebIdentity'

/**
 * One condition of a trust policy as JSON text (`"StringEquals": { "KEY": "VALUE" }`), for a
 * fix to paste into a policy: key and values are JSON strings, so a quote or backslash in a
 * claim cannot end them early.
 */
export function conditionJson(
  operator: string,
  key: string,
  value: string | readonly string[]
): string {
  const values =
    typeof value === 'string'
      ? JSON.stringify(value)
      : `[${value.map(item => JSON.stringify(item)).join(', ')}]`
  return `${JSON.stringify(operator)}: { ${JSON.stringify(key)}: ${values} }`
}

/**
 * The claims AWS documents as condition keys of every OIDC provider (IAM user guide, "Available
 * keys for AWS web identity federation": `aud`, `sub`, `amr`). AWS began exposing further GitHub
 * claims in 2026, but the list is not documented: a condition on another claim that the token
 * satisfies is shown as unverifiable, since STS may not provide that key (and then it fails).
 */
export const VERIFIED_CLAIMS: ReadonlySet<string> = new Set(['sub', 'aud', 'amr'])

/** The provider ARN a token's issuer has in the role's account. */
export function providerArnFor(roleArn: string, issuer: string | undefined): string {
  const parts = /^arn:([a-z-]+):iam::(\d{12}):/u.exec(roleArn)
  const partition = parts?.[1] ?? 'aws'
  const account = parts?.[2] ?? '123456789012'
  return `arn:${partition}:iam::${account}:oidc-provider/${issuerHost(issuer) ?? 'token.actions.githubusercontent.com'}`
}

export function evaluateTrustPolicy(input: EvaluationInput): TrustPolicyEvaluation | undefined {
  let document: unknown
  try {
    document = JSON.parse(input.policy)
  } catch {
    return undefined
  }
  if (!isObject(document)) return undefined
  const issuer = typeof input.claims.iss === 'string' ? input.claims.iss : undefined
  const host = issuerHost(issuer) ?? 'token.actions.githubusercontent.com'
  const providerArn = providerArnFor(input.roleArn, issuer)
  const context = conditionContext(input.claims, host)
  const raw = document.Statement
  const statements = (Array.isArray(raw) ? raw : [raw]).filter(isObject)
  const checks: TrustStatementCheck[] = statements.map((statement, index) => {
    const conditions: TrustConditionCheck[] = []
    const condition = statement.Condition
    if (isObject(condition)) {
      for (const [operator, block] of Object.entries(condition)) {
        if (!isObject(block)) continue
        for (const [key, value] of Object.entries(block)) {
          const expected = asList(value)
          const actual = context.get(key.toLowerCase())
          const prefix = key.toLowerCase().slice(0, Math.max(0, key.lastIndexOf(':')))
          const known = prefix === host.toLowerCase()
          // Another issuer's key (`token.actions.githubusercontent.com:sub` for an enterprise
          // issuer's token) is not in this request at all: IAM judges it as a missing key.
          const foreign = !known && prefix.includes('.')
          const result = known
            ? evaluateOne(operator, expected, actual)
            : foreign
              ? evaluateOne(operator, expected, undefined)
              : undefined
          const hint: ConditionHint | undefined =
            result !== false
              ? undefined
              : foreign
                ? { kind: 'foreign-key', host, key }
                : hintFor(operator, key, expected, actual)
          const unverified =
            known && result === true && !VERIFIED_CLAIMS.has(shortKey(key).toLowerCase())
          conditions.push({
            operator,
            key,
            expected,
            ...(actual === undefined || foreign ? {} : { actual }),
            result: result === undefined ? 'unknown' : result ? 'holds' : 'fails',
            ...(hint === undefined ? {} : { hint }),
            ...(unverified ? { unverified: true } : {})
          })
        }
      }
    }
    const actionMatches = asList(statement.Action).some(action => globMatch(action, ACTION, true))
    const principalOk = principalMatches(statement.Principal, providerArn)
    const effect = statement.Effect === 'Deny' ? 'Deny' : 'Allow'
    return {
      name: statementName(statement, index),
      effect,
      principal: asList(
        isObject(statement.Principal) ? statement.Principal.Federated : statement.Principal
      ),
      actions: asList(statement.Action),
      principalMatches: principalOk,
      actionMatches,
      conditions,
      applies: principalOk && actionMatches && conditions.every(item => item.result !== 'fails')
    }
  })
  const deny = checks.some(item => item.effect === 'Deny' && item.applies)
  const allow = checks.some(
    item =>
      item.effect === 'Allow' &&
      item.applies &&
      item.conditions.every(condition => condition.result === 'holds')
  )
  return {
    decision: deny ? 'explicit-deny' : allow ? 'allow' : 'implicit-deny',
    statements: checks,
    providerArn
  }
}

/**
 * The statement that comes closest to accepting the token: an Allow for this provider and
 * action with the fewest failing conditions. Its failing conditions are the ones to fix.
 */
export function closestStatement(
  evaluation: TrustPolicyEvaluation
): TrustStatementCheck | undefined {
  const score = (item: TrustStatementCheck): number =>
    (item.principalMatches ? 0 : 100) +
    (item.actionMatches ? 0 : 50) +
    item.conditions.filter(condition => condition.result === 'fails').length
  return evaluation.statements
    .filter(item => item.effect === 'Allow')
    .reduce<TrustStatementCheck | undefined>(
      (best, item) => (best === undefined || score(item) < score(best) ? item : best),
      undefined
    )
}
