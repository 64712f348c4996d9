/**
 * Deployment gates: what a workflow demands of the identity before it deploys. Pure: they judge
 * what STS answered (or, where it could not, what the key ID encodes) against the settings, and
 * return facts; src/report/words/gates.ts words them. `missing-permissions` needs IAM's policy
 * simulator and lives in src/aws/simulate.ts.
 */
import type { FindingId } from './findings.js'
import type { CallerIdentity, Discovery, RemoteResult } from './model.js'
import { maskAccessKeyId } from './redact.js'
import type { RequiredAction, Settings } from './settings.js'

export type GateSettings = Pick<
  Settings,
  'expectedAccountIds' | 'requireTemporaryCredentials' | 'requiredActions'
>

/** What each gate found, as data: the words are written from it in src/report/words/gates.ts. */
export interface GateFactsById {
  'account-mismatch': {
    readonly account: string
    readonly expected: readonly string[]
    /** Where the account comes from: STS for the job's credentials, the key ID, the assumed role. */
    readonly basis: 'sts' | 'key-id' | 'assumed-role'
    readonly arn?: string
    readonly source?: string
  }
  'root-credentials': { readonly identity: CallerIdentity; readonly source?: string }
  'long-term-credentials': {
    /** The key ID the SDK's chain resolved, masked. */
    readonly maskedKeyId: string
    readonly requireTemporaryCredentials: boolean
    readonly source?: string
  }
  /** `required-actions` with the role assumed with OIDC, which no simulation ran for. */
  'permissions-unverified': {
    readonly required: readonly RequiredAction[]
    readonly arn: string
  }
}

export type GateFact<Id extends keyof GateFactsById = keyof GateFactsById> = {
  readonly [K in Id]: { readonly id: K } & GateFactsById[K]
}[Id]

/** Every key of `GateFactsById` is a registered finding ID: a misspelt key fails here. */
export const GATE_IDS_ARE_FINDING_IDS: [Exclude<keyof GateFactsById, FindingId>] extends [never]
  ? true
  : never = true

/** The identity the gates judge: the credentials checked, else the role assumed with OIDC. */
function identityOf(remote: RemoteResult): CallerIdentity | undefined {
  return remote.identity ?? remote.oidc?.assumedIdentity
}

/**
 * The role the OIDC doctor assumed, where the job's own credentials are the identity judged
 * above (with none, the assumed role is that identity and is judged there).
 */
function assumedAccountMismatch(
  remote: RemoteResult,
  expected: readonly string[]
): GateFact<'account-mismatch'>[] {
  const assumed = remote.oidc?.assumedIdentity
  if (
    assumed === undefined ||
    remote.identity === undefined ||
    remote.identity === assumed ||
    expected.includes(assumed.account)
  )
    return []
  return [
    {
      id: 'account-mismatch',
      account: assumed.account,
      expected,
      basis: 'assumed-role',
      arn: assumed.arn,
      source:
        remote.oidc?.tokenSource === 'github-oidc' ? 'role-to-assume' : 'web identity token file'
    }
  ]
}

/**
 * The one `account-mismatch` fact for each identity the gate judges: the job's credentials
 * (confirmed by STS, or decoded from the key ID) and the role the OIDC doctor assumed beside them.
 */
export function accountMismatch(
  discovery: Discovery,
  remote: RemoteResult,
  settings: GateSettings
): GateFact<'account-mismatch'>[] {
  const expected = settings.expectedAccountIds
  if (expected.length === 0) return []
  const identity = identityOf(remote)
  const decoded = remote.offlineAccountId ?? discovery.offlineAccountId
  const account = identity?.account ?? decoded
  const assumed = assumedAccountMismatch(remote, expected)
  if (account === undefined || expected.includes(account)) return assumed
  return [
    {
      id: 'account-mismatch',
      account,
      expected,
      basis: identity === undefined ? 'key-id' : 'sts',
      ...(identity === undefined ? {} : { arn: identity.arn }),
      ...(discovery.selected === undefined ? {} : { source: discovery.selected.label })
    },
    ...assumed
  ]
}

function rootCredentials(discovery: Discovery, remote: RemoteResult): GateFact[] {
  const identity = identityOf(remote)
  if (identity?.principalType !== 'root') return []
  return [
    {
      id: 'root-credentials',
      identity,
      ...(discovery.selected === undefined ? {} : { source: discovery.selected.label })
    }
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
function longTermFromChain(
  discovery: Discovery,
  remote: RemoteResult,
  settings: GateSettings
): GateFact[] {
  const used = longTermKeyOfChain(discovery, remote, settings)
  if (used === undefined) return []
  return [
    {
      id: 'long-term-credentials',
      maskedKeyId: maskAccessKeyId(used),
      requireTemporaryCredentials: settings.requireTemporaryCredentials,
      ...(discovery.selected === undefined ? {} : { source: discovery.selected.label })
    }
  ]
}

/**
 * `required-actions` with an identity that no simulation ran for: the role assumed with OIDC
 * (its credentials are only used to ask who they are). Where the simulation ran and could not
 * answer, src/aws/simulate.ts has already said so. A warning, not a pass: a notice would let a
 * deployment go ahead on the strength of a check that never happened.
 */
function requiredActionsUnchecked(remote: RemoteResult, settings: GateSettings): GateFact[] {
  if (settings.requiredActions.length === 0 || remote.permissionsChecked === true) return []
  const identity = identityOf(remote)
  if (identity === undefined) return []
  return [{ id: 'permissions-unverified', required: settings.requiredActions, arn: identity.arn }]
}

/**
 * What the gates found, in the order the report lists them; the entry point words each fact
 * (src/report/words/gates.ts).
 */
export function evaluateGates(
  discovery: Discovery,
  remote: RemoteResult,
  settings: GateSettings
): GateFact[] {
  return [
    ...accountMismatch(discovery, remote, settings),
    ...rootCredentials(discovery, remote),
    ...longTermFromChain(discovery, remote, settings),
    ...requiredActionsUnchecked(remote, settings)
  ]
}
