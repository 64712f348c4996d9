/**
 * The web-identity side of the emulator: decoding GitHub-style OIDC JWTs (without verifying the
 * signature: the emulator trusts any token whose claims fit) and evaluating role trust policies
 * the way oidc-facts §1, §3 and §4 describe (StringEquals / StringLike, case-sensitive).
 */
import { randomBytes } from 'node:crypto'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

export type JsonObject = Record<string, unknown>

export interface PolicyStatement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Principal?: '*' | { Federated?: string | string[]; AWS?: string | string[] }
  Action?: string | string[]
  /** Operator (e.g. `StringLike`, `ForAnyValue:StringEquals`, `StringEqualsIfExists`) → key → values. */
  Condition?: Record<string, Record<string, string | string[]>>
}

export interface TrustPolicy {
  Version?: string
  Statement: PolicyStatement | PolicyStatement[]
}

/** One statement letting the AWS `principal` call sts:AssumeRole, under `condition` if given. */
export function assumeRoleTrust(
  principal: string,
  condition?: PolicyStatement['Condition']
): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: 'sts:AssumeRole',
        ...(condition === undefined ? {} : { Condition: condition })
      }
    ]
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function base64UrlDecode(part: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(part)) return undefined
  return Buffer.from(part, 'base64url').toString('utf8')
}

/**
 * Splits and decodes `header.payload.signature`. Returns undefined for anything that is not a
 * three-part JWT with JSON-object header and payload; the caller maps that to InvalidIdentityToken.
 */
export function decodeJwt(token: string): { header: JsonObject; payload: JsonObject } | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [rawHeader, rawPayload] = parts
  try {
    const headerText = base64UrlDecode(rawHeader ?? '')
    const payloadText = base64UrlDecode(rawPayload ?? '')
    if (headerText === undefined || payloadText === undefined) return undefined
    const header: unknown = JSON.parse(headerText)
    const payload: unknown = JSON.parse(payloadText)
    if (!isObject(header) || !isObject(payload)) return undefined
    return { header, payload }
  } catch {
    return undefined
  }
}

export interface WebIdentityTokenOptions {
  /** Seconds since the epoch used for `iat`; defaults to the real clock. */
  nowSeconds?: number
  /** Lifetime in seconds (`exp = iat + lifetime`); GitHub uses 300 (oidc-facts §3). */
  lifetimeSeconds?: number
}

/**
 * Mints a GitHub-shaped OIDC token (oidc-facts §3 "Claims"). The signature is random bytes: the
 * emulator does not verify it. Claims given override the defaults; pass `undefined` values to
 * drop a default claim.
 */
export function makeWebIdentityToken(
  claims: Record<string, unknown> = {},
  options: WebIdentityTokenOptions = {}
): string {
  const iat = options.nowSeconds ?? Math.floor(Date.now() / 1000)
  const repository =
    typeof claims.repository === 'string' ? claims.repository : 'octo-org/octo-repo'
  const defaults: JsonObject = {
    jti: randomBytes(16).toString('hex'),
    sub: `repo:${repository}:ref:refs/heads/main`,
    aud: 'sts.amazonaws.com',
    ref: 'refs/heads/main',
    sha: randomBytes(20).toString('hex'),
    repository,
    repository_owner: repository.split('/')[0],
    run_id: '1',
    event_name: 'push',
    ref_type: 'branch',
    workflow: 'CI',
    actor: 'octocat',
    runner_environment: 'github-hosted',
    iss: GITHUB_ISSUER,
    nbf: iat - 600,
    iat,
    exp: iat + (options.lifetimeSeconds ?? 300)
  }
  // Object.entries keeps `undefined` values; filtering them out drops the claim entirely.
  const payload: JsonObject = Object.fromEntries(
    Object.entries({ ...defaults, ...claims }).filter(([, value]) => value !== undefined)
  )
  const header = { alg: 'RS256', typ: 'JWT', kid: 'emulator', x5t: 'emulator' }
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${enc(header)}.${enc(payload)}.${randomBytes(256).toString('base64url')}`
}

/** IAM wildcard match: `*` any run, `?` one character. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  const source = `^${escaped.replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]')}$`
  return new RegExp(source, ignoreCase ? 'i' : '').test(value)
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return []
}

/** What a condition key resolves to in a request: absent, or one or more string values. */
export type ConditionContext = Map<string, string[]>

/**
 * Context keys of an AssumeRoleWithWebIdentity request: `<issuer host>:<claim>` for every
 * scalar/array claim (`aud`, `sub`, `amr`, and GitHub's custom claims, oidc-facts §3 "AWS
 * condition keys"). IAM condition keys are case-insensitive, so keys are stored lower-case.
 * `aud` is narrowed to the audience the provider accepted.
 */
export function webIdentityContext(
  issuerHost: string,
  payload: JsonObject,
  audience: string
): ConditionContext {
  const context: ConditionContext = new Map()
  for (const [claim, value] of Object.entries(payload)) {
    let values: string[]
    if (typeof value === 'string') values = [value]
    else if (typeof value === 'number' || typeof value === 'boolean') values = [String(value)]
    else if (Array.isArray(value)) values = value.map(v => String(v))
    else continue
    context.set(`${issuerHost}:${claim}`.toLowerCase(), values)
  }
  context.set(`${issuerHost}:aud`.toLowerCase(), [audience])
  return context
}

type StringTest = (policyValue: string, contextValue: string) => boolean
const STRING_OPERATORS: Record<string, { test: StringTest; negated: boolean }> = {
  // StringEquals takes `*` literally (oidc-facts §4: "`StringEquals` used with `*`").
  StringEquals: { test: (p, c) => p === c, negated: false },
  StringNotEquals: { test: (p, c) => p === c, negated: true },
  StringEqualsIgnoreCase: { test: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: {
    test: (p, c) => p.toLowerCase() === c.toLowerCase(),
    negated: true
  },
  StringLike: { test: (p, c) => globMatch(p, c), negated: false },
  StringNotLike: { test: (p, c) => globMatch(p, c), negated: true }
}

/**
 * One condition operator applied to one key. Unknown operators evaluate to false, so a policy
 * the emulator does not understand denies rather than silently allowing.
 */
function evaluateCondition(
  rawOperator: string,
  key: string,
  policyValues: string[],
  context: ConditionContext
): boolean {
  let operator = rawOperator
  let setMode: 'any' | 'all' | undefined
  if (operator.startsWith('ForAnyValue:')) {
    setMode = 'any'
    operator = operator.slice('ForAnyValue:'.length)
  } else if (operator.startsWith('ForAllValues:')) {
    setMode = 'all'
    operator = operator.slice('ForAllValues:'.length)
  }
  let ifExists = false
  if (operator.endsWith('IfExists')) {
    ifExists = true
    operator = operator.slice(0, -'IfExists'.length)
  }
  const op = STRING_OPERATORS[operator]
  if (op === undefined) return false
  const values = context.get(key.toLowerCase())
  if (values === undefined || values.length === 0) {
    // Missing key: true for IfExists, for negated operators, and (the classic trap) for
    // ForAllValues, which is vacuously true over an empty set.
    return ifExists || op.negated || setMode === 'all'
  }
  const matchesOne = (c: string): boolean => policyValues.some(p => op.test(p, c))
  if (setMode === 'all') {
    return values.every(c => (op.negated ? !matchesOne(c) : matchesOne(c)))
  }
  const anyMatch = values.some(matchesOne)
  return op.negated ? !anyMatch : anyMatch
}

function statementConditionsHold(statement: PolicyStatement, context: ConditionContext): boolean {
  const condition: unknown = statement.Condition
  if (condition === undefined) return true
  if (!isObject(condition)) return false
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObject(block)) return false
    for (const [key, values] of Object.entries(block)) {
      if (!evaluateCondition(operator, key, asList(values), context)) return false
    }
  }
  return true
}

/**
 * Who asks to assume a role: the OIDC provider a web identity token came through, or the AWS
 * principal that signed an AssumeRole request.
 */
export type TrustRequester =
  | { kind: 'federated'; providerArn: string }
  | {
      kind: 'aws'
      /** The caller's ARN as GetCallerIdentity reports it (user, root or assumed-role). */
      arn: string
      accountId: string
      partition: string
      /** For a role session: the role's ARN, which a trust policy may name instead. */
      roleArn?: string
    }

/**
 * Whether one `Principal: { AWS: … }` value names the caller: `*`, the caller's account (a bare
 * 12-digit ID or `arn:PARTITION:iam::ACCT:root`), or the caller's own ARN (user, root, session,
 * or the role a session belongs to).
 */
function awsPrincipalMatches(
  value: string,
  requester: Extract<TrustRequester, { kind: 'aws' }>
): boolean {
  if (value === '*' || value === requester.accountId) return true
  if (value === `arn:${requester.partition}:iam::${requester.accountId}:root`) return true
  return value === requester.arn || (requester.roleArn !== undefined && value === requester.roleArn)
}

function principalMatches(principal: unknown, requester: TrustRequester): boolean {
  if (principal === '*') return true
  if (!isObject(principal)) return false
  const aws = asList(principal.AWS)
  if (aws.includes('*')) return true
  if (requester.kind === 'federated')
    return asList(principal.Federated).some(p => p === '*' || p === requester.providerArn)
  return aws.some(value => awsPrincipalMatches(value, requester))
}

function actionMatches(action: unknown, wanted: string): boolean {
  return asList(action).some(a => globMatch(a, wanted, true))
}

export type PolicyDecision = 'allow' | 'explicitDeny' | 'implicitDeny'

/**
 * Evaluates a trust policy for `action` by `requester` with the request's condition context.
 * An explicit Deny wins over any Allow. The trust policy alone decides: the caller's own
 * identity policy (which real IAM also requires to allow `sts:AssumeRole` when the trust policy
 * names only the account) is not modelled.
 */
export function evaluateTrustPolicy(
  policy: TrustPolicy,
  action: string,
  requester: TrustRequester,
  context: ConditionContext
): PolicyDecision {
  const raw: unknown = policy.Statement
  const statements: unknown[] = Array.isArray(raw) ? raw : [raw]
  let allowed = false
  for (const candidate of statements) {
    if (!isObject(candidate)) continue
    const statement = candidate as unknown as PolicyStatement
    if (!principalMatches(statement.Principal, requester)) continue
    if (!actionMatches(statement.Action, action)) continue
    if (!statementConditionsHold(statement, context)) continue
    if (statement.Effect === 'Deny') return 'explicitDeny'
    if (statement.Effect === 'Allow') allowed = true
  }
  return allowed ? 'allow' : 'implicitDeny'
}
