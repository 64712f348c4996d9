/**
 * The registry of finding IDs. IDs are permanent: never rename or reuse one. The order of
 * this list is the order of precedence among findings of the same severity: the most
 * specific explanation of a failure comes first, an offline finding before the remote error
 * it causes. A test checks this list against docs/findings/ and the README.
 */
import type { Finding, Origin, Severity } from './model.js'

export interface FindingDefinition {
  readonly id: string
  readonly severity: Severity
  /** A short title, used when a check has nothing more specific to say. */
  readonly title: string
}

const DEFINITIONS = [
  // The action itself.
  {
    id: 'settings-invalid',
    severity: 'error',
    title: 'An input has a value the action cannot use'
  },
  { id: 'internal-error', severity: 'error', title: 'The action failed unexpectedly' },
  // Why no credentials reached the job at all.
  // With role-to-assume, a job that cannot request its OIDC token explains everything after it.
  {
    id: 'oidc-permission-missing',
    severity: 'error',
    title: 'This job cannot request an OIDC token'
  },
  {
    id: 'fork-pr-secrets-unavailable',
    severity: 'error',
    title: 'Pull requests from forks receive no secrets'
  },
  {
    id: 'dependabot-secrets-unavailable',
    severity: 'error',
    title: 'Dependabot runs see only Dependabot secrets'
  },
  {
    id: 'empty-credential-variable',
    severity: 'error',
    title: 'A credential variable is set but empty'
  },
  { id: 'profile-not-found', severity: 'error', title: 'The selected profile does not exist' },
  { id: 'incomplete-credentials', severity: 'error', title: 'Half of a key pair is missing' },
  { id: 'no-credentials', severity: 'error', title: 'No credentials were found' },
  // What is wrong with the values themselves.
  { id: 'placeholder-credentials', severity: 'error', title: 'The credentials are a placeholder' },
  {
    id: 'example-credentials',
    severity: 'error',
    title: 'These are the example keys from the AWS documentation'
  },
  { id: 'keys-swapped', severity: 'error', title: 'The access key ID and the secret are swapped' },
  { id: 'quoted-value', severity: 'error', title: 'A credential is wrapped in quotes' },
  {
    id: 'invisible-characters',
    severity: 'error',
    title: 'A credential contains invisible characters'
  },
  {
    id: 'access-key-id-malformed',
    severity: 'error',
    title: 'The access key ID is not an access key ID'
  },
  {
    id: 'secret-access-key-malformed',
    severity: 'error',
    title: 'The secret access key is malformed'
  },
  { id: 'session-token-missing', severity: 'error', title: 'A temporary key has no session token' },
  {
    id: 'session-token-unexpected',
    severity: 'error',
    title: 'A long-term key comes with a session token'
  },
  {
    id: 'credentials-file-malformed',
    severity: 'error',
    title: 'A shared credentials or config file is malformed'
  },
  {
    id: 'web-identity-token-invalid',
    severity: 'error',
    title: 'The web identity token file is unusable'
  },
  // OIDC.
  { id: 'oidc-token-request-failed', severity: 'error', title: 'The OIDC token request failed' },
  {
    id: 'oidc-provider-missing',
    severity: 'error',
    title: "The role's account has no OIDC provider for GitHub"
  },
  {
    id: 'oidc-audience-mismatch',
    severity: 'error',
    title: "The token's audience is not accepted by the OIDC provider"
  },
  {
    id: 'oidc-trust-policy-mismatch',
    severity: 'error',
    title: "The role's trust policy does not accept this job's token"
  },
  { id: 'oidc-token-expired', severity: 'error', title: 'STS judged the OIDC token expired' },
  {
    id: 'oidc-assume-role-invalid',
    severity: 'error',
    title: 'STS rejected the AssumeRoleWithWebIdentity request'
  },
  // What STS said.
  {
    id: 'region-not-enabled',
    severity: 'error',
    title: 'The region is not enabled for this account'
  },
  { id: 'clock-skew', severity: 'warning', title: "The runner's clock is off" },
  { id: 'expired-token', severity: 'error', title: 'The session token has expired' },
  {
    id: 'signature-mismatch',
    severity: 'error',
    title: 'The secret access key does not match the key ID'
  },
  {
    id: 'invalid-client-token-id',
    severity: 'error',
    title: 'AWS does not recognise the access key ID'
  },
  { id: 'sts-timeout', severity: 'error', title: 'STS did not answer in time' },
  { id: 'sts-unreachable', severity: 'error', title: 'STS could not be reached' },
  { id: 'sts-service-error', severity: 'error', title: 'STS failed to answer' },
  // Gates and IAM.
  {
    id: 'account-mismatch',
    severity: 'error',
    title: 'The credentials belong to an unexpected account'
  },
  {
    id: 'root-credentials',
    severity: 'error',
    title: "These are the account root user's credentials"
  },
  { id: 'access-key-inactive', severity: 'error', title: 'The access key is inactive' },
  {
    id: 'missing-permissions',
    severity: 'error',
    title: 'The identity lacks required permissions'
  },
  {
    id: 'permissions-unverified',
    severity: 'warning',
    title: '`required-actions` could not be checked'
  },
  {
    id: 'precedence-conflict',
    severity: 'warning',
    title: 'Tools disagree on which credentials win'
  },
  { id: 'access-key-age', severity: 'warning', title: 'The access key is old' },
  {
    id: 'long-term-credentials',
    severity: 'notice',
    title: 'Long-term access keys are used in CI'
  },
  {
    id: 'multiple-active-keys',
    severity: 'notice',
    title: 'The IAM user has two active access keys'
  },
  {
    id: 'access-key-unused',
    severity: 'notice',
    title: 'The access key has not been used recently'
  },
  { id: 'oidc-token-claims', severity: 'notice', title: "This job's OIDC token" },
  { id: 'iam-check-skipped', severity: 'notice', title: 'IAM look-ups were skipped' }
] as const satisfies readonly FindingDefinition[]

export type FindingId = (typeof DEFINITIONS)[number]['id']

export const FINDINGS: readonly FindingDefinition[] = DEFINITIONS

const BY_ID = new Map<string, { definition: FindingDefinition; rank: number }>(
  DEFINITIONS.map((definition, rank) => [definition.id, { definition, rank }])
)

export function definitionOf(id: FindingId): FindingDefinition {
  const entry = BY_ID.get(id)
  if (entry === undefined) throw new Error(`Unknown finding ID ${id}`)
  return entry.definition
}

/** Precedence among findings of one severity: lower comes first. */
export function rankOf(id: string): number {
  return BY_ID.get(id)?.rank ?? Number.MAX_SAFE_INTEGER
}

export interface FindingDetails {
  readonly message: string
  readonly remediation: string
  /** Overrides the registry's title when the check can say something more specific. */
  readonly title?: string
  /** Overrides the registry's severity (e.g. a notice that a gate turns into an error). */
  readonly severity?: Severity
  readonly source?: string
  readonly evidence?: readonly string[]
  readonly origin?: Origin
}

/** Builds a finding whose ID, and by default severity and title, come from the registry. */
export function finding(id: FindingId, details: FindingDetails): Finding {
  const definition = definitionOf(id)
  return {
    id,
    severity: details.severity ?? definition.severity,
    title: details.title ?? definition.title,
    message: details.message,
    remediation: details.remediation,
    ...(details.source === undefined ? {} : { source: details.source }),
    ...(details.evidence === undefined ? {} : { evidence: details.evidence }),
    ...(details.origin === undefined ? {} : { location: { origin: details.origin } })
  }
}

/** Docs page of a finding, relative to the repository root. */
export function docsPath(id: string): string {
  return `docs/findings/${id}.md`
}
