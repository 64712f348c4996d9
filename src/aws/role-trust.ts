/**
 * Whether a role's trust policy admits a caller to `sts:AssumeRole`, as far as a refusal needs
 * explaining: which statements name the caller (by ARN, by its role for a role session, by
 * account, or anyone), and whether an `sts:ExternalId` condition is what keeps it out. Pure.
 *
 * Principal forms [IAM user guide, reference_policies_elements_principal]: `"*"` or
 * `{"AWS": "*"}`, an account ID or `arn:PARTITION:iam::ACCOUNT:root` (the account, whose own
 * identity policy must then allow `sts:AssumeRole` too), a user or role ARN, and, for a role
 * session, the role's ARN or the session's `assumed-role` ARN. `sts:ExternalId` is compared
 * case-sensitively by `StringEquals` and as a wildcard pattern by `StringLike` [IAM user guide,
 * reference_policies_elements_condition_operators].
 */
import { globMatch } from '../oidc/evaluate.js'
import { isObject, list } from '../oidc/lint.js'

export type TrustVerdict =
  /** A statement admits the caller without conditions (or with its external ID). */
  | { readonly kind: 'admitted'; readonly via: 'arn' | 'account' }
  /** Admitted only with an external ID, which the profile does not send. */
  | { readonly kind: 'external-id-missing' }
  /** Admitted only with an external ID other than the one the profile sends. */
  | { readonly kind: 'external-id-mismatch' }
  /** Admitted only under conditions this module does not evaluate. */
  | { readonly kind: 'conditions'; readonly keys: readonly string[] }
  /** No statement names the caller. */
  | { readonly kind: 'not-named' }
  | { readonly kind: 'unreadable' }

/** The caller as STS's AccessDenied names it: `arn:aws:iam::ACCT:user/ci`, an assumed role… */
export interface TrustCaller {
  readonly arn: string
  readonly externalId?: string
}

const ARN = /^arn:([\w-]+):(iam|sts)::(\d{12}):(.+)$/u

interface CallerParts {
  readonly partition: string
  readonly account: string
  /** For a role session: the role's name, which any role ARN of that account ending in it names. */
  readonly roleName?: string
}

function callerParts(arn: string): CallerParts | undefined {
  const match = ARN.exec(arn)
  if (match === null) return undefined
  const [, partition = 'aws', , account = '', resource = ''] = match
  const session = /^assumed-role\/([^/]+)\//u.exec(resource)
  return { partition, account, ...(session?.[1] === undefined ? {} : { roleName: session[1] }) }
}

/** The account of a caller's ARN (a user, a role, a role session), where it is one. */
export function accountOfCaller(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : callerParts(arn)?.account
}

/** How a principal entry names the caller, if it does. */
function names(entry: string, caller: string, parts: CallerParts): 'arn' | 'account' | undefined {
  if (entry === '*') return 'arn'
  if (entry === caller) return 'arn'
  if (entry === parts.account || entry === `arn:${parts.partition}:iam::${parts.account}:root`)
    return 'account'
  const role = parts.roleName
  if (role === undefined) return undefined
  const roleArn = new RegExp(
    `^arn:${parts.partition}:iam::${parts.account}:role/(?:[^/]+/)*${role.replace(/[.+]/gu, '\\$&')}$`,
    'u'
  )
  return roleArn.test(entry) ? 'arn' : undefined
}

function principalNames(
  principal: unknown,
  caller: string,
  parts: CallerParts
): 'arn' | 'account' | undefined {
  if (principal === '*') return 'arn'
  if (!isObject(principal)) return undefined
  const found = list(principal.AWS).map(entry => names(entry, caller, parts))
  return found.includes('arn') ? 'arn' : found.includes('account') ? 'account' : undefined
}

function allowsAssumeRole(statement: Record<string, unknown>): boolean {
  if (statement.Effect !== 'Allow') return false
  return list(statement.Action).some(action =>
    globMatch(action.toLowerCase(), 'sts:assumerole', false)
  )
}

/** The statement's `sts:ExternalId` tests, and the other condition keys it has. */
function conditionsOf(statement: Record<string, unknown>): {
  readonly externalIds: readonly { readonly like: boolean; readonly values: readonly string[] }[]
  readonly others: readonly string[]
} {
  const condition = statement.Condition
  const externalIds: { like: boolean; values: string[] }[] = []
  const others: string[] = []
  if (!isObject(condition)) return { externalIds, others }
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObject(block)) continue
    for (const [key, value] of Object.entries(block)) {
      const plain = operator === 'StringEquals' || operator === 'StringLike'
      if (key.toLowerCase() === 'sts:externalid' && plain)
        externalIds.push({ like: operator === 'StringLike', values: list(value) })
      else others.push(key)
    }
  }
  return { externalIds, others }
}

/** One statement that names the caller, judged with the external ID the profile sends. */
function judge(
  statement: Record<string, unknown>,
  via: 'arn' | 'account',
  externalId: string | undefined
): TrustVerdict {
  const { externalIds, others } = conditionsOf(statement)
  if (others.length > 0) return { kind: 'conditions', keys: others }
  if (externalIds.length === 0) return { kind: 'admitted', via }
  if (externalId === undefined) return { kind: 'external-id-missing' }
  const matches = externalIds.every(test =>
    test.values.some(value => (test.like ? globMatch(value, externalId) : value === externalId))
  )
  return matches ? { kind: 'admitted', via } : { kind: 'external-id-mismatch' }
}

const RANK: Readonly<Record<TrustVerdict['kind'], number>> = {
  admitted: 0,
  conditions: 1,
  'external-id-mismatch': 2,
  'external-id-missing': 3,
  'not-named': 4,
  unreadable: 5
}

function statementsOf(policy: string): Record<string, unknown>[] | undefined {
  try {
    const parsed: unknown = JSON.parse(policy)
    if (!isObject(parsed)) return undefined
    const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]
    return statements.filter(isObject)
  } catch {
    return undefined
  }
}

/** The verdict of the statement that comes closest to admitting the caller. */
export function judgeTrust(policy: string, caller: TrustCaller): TrustVerdict {
  const statements = statementsOf(policy)
  const parts = callerParts(caller.arn)
  if (statements === undefined || parts === undefined) return { kind: 'unreadable' }
  const verdicts = statements.flatMap(statement => {
    const via = allowsAssumeRole(statement)
      ? principalNames(statement.Principal, caller.arn, parts)
      : undefined
    return via === undefined ? [] : [judge(statement, via, caller.externalId)]
  })
  const sorted = [...verdicts].sort((a, b) => RANK[a.kind] - RANK[b.kind])
  return sorted[0] ?? { kind: 'not-named' }
}
