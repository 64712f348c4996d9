/**
 * Deployment gates: what a workflow demands of the identity before it deploys. Pure: they judge
 * what STS answered (or, where it could not, what the key ID encodes) against the settings.
 * `missing-permissions` needs IAM's policy simulator and lives in src/aws/simulate.ts.
 */
import { longTermCredentialsFinding } from './report/words/long-term-credentials.js'
import { finding } from './findings.js'
import type { CallerIdentity, Discovery, Finding, RemoteResult } from './model.js'
import { maskAccessKeyId } from './redact.js'
import type { RequiredAction, Settings } from './settings.js'
import { code } from './report/markdown.js'

export type GateSettings = Pick<
  Settings,
  'expectedAccountIds' | 'requireTemporaryCredentials' | 'requiredActions'
>

function listed(ids: readonly string[]): string {
  return ids.map(id => code(id)).join(', ')
}

/** The identity the gates judge: the credentials checked, else the role assumed with OIDC. */
function identityOf(remote: RemoteResult): CallerIdentity | undefined {
  return remote.identity ?? remote.oidc?.assumedIdentity
}

/**
 * The one `account-mismatch` finding, for each identity the gate judges: the job's credentials
 * (confirmed by STS, or decoded from the key ID) and the role the OIDC doctor assumed beside them.
 */
function accountMismatchFinding(options: {
  readonly account: string
  readonly expected: readonly string[]
  /** Where the account comes from: STS for the job's credentials, the key ID, the assumed role. */
  readonly basis: 'sts' | 'key-id' | 'assumed-role'
  readonly arn?: string
  readonly source?: string
}): Finding<'account-mismatch'> {
  const { account, expected } = options
  const arn = options.arn === undefined ? '' : ` (${code(options.arn)})`
  const opening: Readonly<Record<typeof options.basis, string>> = {
    sts: `The credentials belong to account ${code(account)}${arn}`,
    'key-id': `The access key ID encodes account ${code(account)}`,
    'assumed-role': `The role assumed with the web identity token belongs to account ${code(account)}${arn}`
  }
  const after: Readonly<Record<typeof options.basis, string>> = {
    sts: '',
    'key-id':
      ' STS did not confirm the identity, but new-format key IDs carry their account reliably.',
    'assumed-role': ''
  }
  return finding('account-mismatch', {
    message: `${opening[options.basis]}, which is not in \`expected-account-id\` (${listed(expected)}).${after[options.basis]}`,
    remediation:
      options.basis === 'assumed-role'
        ? 'Point the role ARN at a role in the expected account, or add this account to `expected-account-id` if it is meant to be used.'
        : 'Check which secret or profile supplied these credentials (the summary names the source) and replace it with credentials for the expected account, or add the account to `expected-account-id` if it is legitimate.',
    evidence: [
      `account ${account}${options.basis === 'sts' ? ' (from STS)' : options.basis === 'key-id' ? ' (decoded from the key ID)' : ''}`,
      `expected ${expected.join(', ')}`
    ],
    ...(options.source === undefined ? {} : { source: options.source })
  })
}

/**
 * The role the OIDC doctor assumed, where the job's own credentials are the identity judged
 * above (with none, the assumed role is that identity and is judged there).
 */
function assumedAccountMismatch(remote: RemoteResult, expected: readonly string[]): Finding[] {
  const assumed = remote.oidc?.assumedIdentity
  if (
    assumed === undefined ||
    remote.identity === undefined ||
    remote.identity === assumed ||
    expected.includes(assumed.account)
  )
    return []
  return [
    accountMismatchFinding({
      account: assumed.account,
      expected,
      basis: 'assumed-role',
      arn: assumed.arn,
      source:
        remote.oidc?.tokenSource === 'github-oidc' ? 'role-to-assume' : 'web identity token file'
    })
  ]
}

export function accountMismatch(
  discovery: Discovery,
  remote: RemoteResult,
  settings: GateSettings
): Finding[] {
  const expected = settings.expectedAccountIds
  if (expected.length === 0) return []
  const identity = identityOf(remote)
  const decoded = remote.offlineAccountId ?? discovery.offlineAccountId
  const account = identity?.account ?? decoded
  const assumed = assumedAccountMismatch(remote, expected)
  if (account === undefined || expected.includes(account)) return assumed
  return [
    accountMismatchFinding({
      account,
      expected,
      basis: identity === undefined ? 'key-id' : 'sts',
      ...(identity === undefined ? {} : { arn: identity.arn }),
      ...(discovery.selected === undefined ? {} : { source: discovery.selected.label })
    }),
    ...assumed
  ]
}

export function rootCredentials(discovery: Discovery, remote: RemoteResult): Finding[] {
  const identity = identityOf(remote)
  if (identity?.principalType !== 'root') return []
  return [
    finding('root-credentials', {
      message: `STS reports the account root user (${code(identity.arn)}): these keys can do everything in account ${code(identity.account)}, and no IAM policy restricts them.`,
      remediation:
        'Give CI its own identity (a role assumed with GitHub OIDC, or at least an IAM user with only the permissions the job needs), then deactivate and delete the root access keys (root user → Security credentials → Access keys).',
      evidence: [`arn ${identity.arn}`, `user ID ${identity.userId}`],
      ...(discovery.selected === undefined ? {} : { source: discovery.selected.label })
    })
  ]
}

/** The long-term key ID the SDK's chain resolved, where it is worth a finding. */
function longTermKeyOfChain(
  discovery: Discovery,
  remote: RemoteResult,
  settings: GateSettings
): string | undefined {
  const used = remote.accessKeyId
  if (used === undefined || !used.startsWith('AKIA')) return undefined
  if (discovery.selected?.credentials?.accessKeyId !== undefined) return undefined
  // On a laptop a long-term key is the usual setup (see the offline check).
  if (!discovery.github.onRunner && !settings.requireTemporaryCredentials) return undefined
  return used
}

/**
 * Long-term keys that the SDK's chain resolved (a profile, a process), which the offline
 * `long-term-credentials` check cannot see; with `require-temporary-credentials` an error.
 */
export function longTermFromChain(
  discovery: Discovery,
  remote: RemoteResult,
  settings: GateSettings
): Finding[] {
  const used = longTermKeyOfChain(discovery, remote, settings)
  if (used === undefined) return []
  return [
    longTermCredentialsFinding({
      opening: `The credentials the AWS SDK resolved use a long-term access key (${code(maskAccessKeyId(used))}).`,
      requireTemporaryCredentials: settings.requireTemporaryCredentials,
      ...(discovery.selected === undefined ? {} : { source: discovery.selected.label })
    })
  ]
}

/**
 * The gate was asked for and could not be evaluated: a warning, not a pass. A notice would let
 * a deployment go ahead on the strength of a check that never happened.
 */
export function permissionsUnverified(
  required: readonly RequiredAction[],
  reason: string,
  remediation: string
): Finding {
  const actions = required.map(
    item => `${code(item.action)}${item.resource === undefined ? '' : ` on ${code(item.resource)}`}`
  )
  return finding('permissions-unverified', {
    message: `\`required-actions\` asks for ${actions.join(', ')}, but they could not be checked: ${reason}. Whether this identity may perform them is unknown.`,
    remediation,
    evidence: [reason, ...actions]
  })
}

/**
 * `required-actions` with an identity that no simulation ran for: the role assumed with OIDC
 * (its credentials are only used to ask who they are). Where the simulation ran and could not
 * answer, src/aws/simulate.ts has already said so.
 */
export function requiredActionsUnchecked(remote: RemoteResult, settings: GateSettings): Finding[] {
  if (settings.requiredActions.length === 0 || remote.permissionsChecked === true) return []
  const identity = identityOf(remote)
  if (identity === undefined) return []
  return [
    permissionsUnverified(
      settings.requiredActions,
      `no IAM simulation ran for ${code(identity.arn)} (the role assumed with OIDC is only asked who it is)`,
      'Run the check after `aws-actions/configure-aws-credentials` has assumed the role, so that the role itself is simulated, and allow it `iam:SimulatePrincipalPolicy` on itself.'
    )
  ]
}

export function evaluateGates(
  discovery: Discovery,
  remote: RemoteResult,
  settings: GateSettings
): Finding[] {
  return [
    ...accountMismatch(discovery, remote, settings),
    ...rootCredentials(discovery, remote),
    ...longTermFromChain(discovery, remote, settings),
    ...requiredActionsUnchecked(remote, settings)
  ]
}
