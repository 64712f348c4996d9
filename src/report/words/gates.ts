/**
 * The deployment gates' findings in words (src/gates.ts finds, as `GateFact`s): one function per
 * finding ID, each escaping every value it quotes.
 */
import { finding } from '../../findings.js'
import type { GateFact, GateFactsById } from '../../gates.js'
import type { Finding } from '../../model.js'
import type { RequiredAction } from '../../settings.js'
import { code } from '../markdown.js'
import { longTermCredentialsFinding } from './long-term-credentials.js'

type GateId = keyof GateFactsById

type Basis = GateFact<'account-mismatch'>['basis']

function listed(ids: readonly string[]): string {
  return ids.map(id => code(id)).join(', ')
}

const AFTER: Readonly<Record<Basis, string>> = {
  sts: '',
  'key-id':
    ' STS did not confirm the identity, but new-format key IDs carry their account reliably.',
  'assumed-role': ''
}

const EVIDENCE_BASIS: Readonly<Record<Basis, string>> = {
  sts: ' (from STS)',
  'key-id': ' (decoded from the key ID)',
  'assumed-role': ''
}

/** The one `account-mismatch` finding, for each identity the gate judges. */
function accountMismatch(fact: GateFact<'account-mismatch'>): Finding<'account-mismatch'> {
  const { account, expected, basis } = fact
  const arn = fact.arn === undefined ? '' : ` (${code(fact.arn)})`
  const opening: Readonly<Record<Basis, string>> = {
    sts: `The credentials belong to account ${code(account)}${arn}`,
    'key-id': `The access key ID encodes account ${code(account)}`,
    'assumed-role': `The role assumed with the web identity token belongs to account ${code(account)}${arn}`
  }
  return finding('account-mismatch', {
    message: `${opening[basis]}, which is not in \`expected-account-id\` (${listed(expected)}).${AFTER[basis]}`,
    remediation:
      basis === 'assumed-role'
        ? 'Point the role ARN at a role in the expected account, or add this account to `expected-account-id` if it is meant to be used.'
        : 'Check which secret or profile supplied these credentials (the summary names the source) and replace it with credentials for the expected account, or add the account to `expected-account-id` if it is legitimate.',
    evidence: [`account ${account}${EVIDENCE_BASIS[basis]}`, `expected ${expected.join(', ')}`],
    ...(fact.source === undefined ? {} : { source: fact.source })
  })
}

function rootCredentials(fact: GateFact<'root-credentials'>): Finding<'root-credentials'> {
  const { identity } = fact
  return finding('root-credentials', {
    message: `STS reports the account root user (${code(identity.arn)}): these keys can do everything in account ${code(identity.account)}, and no IAM policy restricts them.`,
    remediation:
      'Give CI its own identity (a role assumed with GitHub OIDC, or at least an IAM user with only the permissions the job needs), then deactivate and delete the root access keys (root user → Security credentials → Access keys).',
    evidence: [`arn ${identity.arn}`, `user ID ${identity.userId}`],
    ...(fact.source === undefined ? {} : { source: fact.source })
  })
}

function longTermFromChain(
  fact: GateFact<'long-term-credentials'>
): Finding<'long-term-credentials'> {
  return longTermCredentialsFinding({
    opening: `The credentials the AWS SDK resolved use a long-term access key (${code(fact.maskedKeyId)}).`,
    requireTemporaryCredentials: fact.requireTemporaryCredentials,
    ...(fact.source === undefined ? {} : { source: fact.source })
  })
}

/**
 * The gate was asked for and could not be evaluated: a warning, not a pass. A notice would let
 * a deployment go ahead on the strength of a check that never happened. `reason` and
 * `remediation` are Markdown.
 */
export function permissionsUnverified(
  required: readonly RequiredAction[],
  reason: string,
  remediation: string
): Finding<'permissions-unverified'> {
  const actions = required.map(
    item => `${code(item.action)}${item.resource === undefined ? '' : ` on ${code(item.resource)}`}`
  )
  return finding('permissions-unverified', {
    message: `\`required-actions\` asks for ${actions.join(', ')}, but they could not be checked: ${reason}. Whether this identity may perform them is unknown.`,
    remediation,
    evidence: [reason, ...actions]
  })
}

/** `required-actions` for the role assumed with OIDC, which no simulation ran for. */
function requiredActionsUnchecked(
  fact: GateFact<'permissions-unverified'>
): Finding<'permissions-unverified'> {
  return permissionsUnverified(
    fact.required,
    `no IAM simulation ran for ${code(fact.arn)} (the role assumed with OIDC is only asked who it is)`,
    'Run the check after `aws-actions/configure-aws-credentials` has assumed the role, so that the role itself is simulated, and allow it `iam:SimulatePrincipalPolicy` on itself.'
  )
}

/**
 * The words of each gate's finding, keyed by every ID of `GateFactsById` (src/gates.ts), as
 * `WORDS` is for the checks: an ID without words fails `npm run typecheck`.
 */
const GATE_WORDS: {
  readonly [Id in GateId]: (fact: GateFact<Id>) => Finding<Id>
} = {
  'account-mismatch': accountMismatch,
  'root-credentials': rootCredentials,
  'long-term-credentials': longTermFromChain,
  'permissions-unverified': requiredActionsUnchecked
}

/** The finding a gate's fact stands for, in the words of its ID. */
export function gateWorded<Id extends GateId>(fact: GateFact<Id>): Finding<Id> {
  const words: (fact: GateFact<Id>) => Finding<Id> = GATE_WORDS[fact.id]
  return words(fact)
}
