/**
 * The registry of finding IDs: one definition per ID, and everything the rest of the code
 * needs to know about it (severity, title, whether re-running may help, which credential values
 * it concerns, which findings it makes redundant). IDs are permanent: never rename or reuse one.
 *
 * The order of this list is the order of precedence among findings of the same severity: the
 * most specific explanation of a failure comes first, an offline finding before the remote
 * error it causes. Tests check this list against docs/findings/ (each page, and the index's
 * table, which is the public list of IDs and severities) and the README.
 *
 * The repository-specific fix of a finding is Markdown written from the report's context (the
 * workflow's lines, its secrets, the identity), so it lives with the other words in
 * src/report/fixes.ts, in a table keyed by every `FindingId`: a new ID without an entry there,
 * or a misspelt key, fails `npm run typecheck`. Keeping it out of this file keeps this module a
 * leaf that checks can import without pulling in the report.
 */
import type { CredentialPart, Finding, Origin, Severity } from './model.js'

/**
 * Whether re-running the job may help: `transient` for throttling, server errors, timeouts and
 * token-service hiccups; `configuration` when something has to change first (a secret, a trust
 * policy, a permission); `unknown` where the same ID covers both.
 */
export type RetryClass = 'transient' | 'configuration' | 'unknown'

/** One entry as written below; `FindingDefinition` is what the rest of the code reads. */
interface Declaration {
  readonly id: string
  readonly severity: Severity
  /** A short title, used when a check has nothing more specific to say. */
  readonly title: string
  readonly retry: RetryClass
  /**
   * The credential values the finding is about when it does not name one itself: the report
   * points annotations and fixes at the workflow lines that set them.
   */
  readonly concerns?: readonly CredentialPart[]
  /**
   * Findings this one makes redundant, and how far: `value` where both concern the same
   * credential value (the same origin), `source` where both name the same credential source,
   * `run` wherever both are reported. Naming the finding's own ID makes it once per run (or per
   * source, per value): the first, most specific one is kept. Applied once, when the report is
   * built (src/report/supersede.ts).
   */
  readonly supersedes?: readonly { readonly id: string; readonly per: SupersedeScope }[]
}

/** How far a `supersedes` entry reaches: one credential value, one source, or the whole run. */
export type SupersedeScope = 'value' | 'source' | 'run'

const DEFINITIONS = [
  // The action itself.
  {
    id: 'settings-invalid',
    severity: 'error',
    title: 'An input has a value the action cannot use',
    retry: 'configuration'
  },
  {
    id: 'internal-error',
    severity: 'error',
    title: 'The action failed unexpectedly',
    retry: 'unknown'
  },
  // Why no credentials reached the job at all.
  // With role-to-assume, a job that cannot request its OIDC token explains everything after it.
  {
    id: 'oidc-permission-missing',
    severity: 'error',
    title: 'This job cannot request an OIDC token',
    retry: 'configuration'
  },
  {
    id: 'fork-pr-secrets-unavailable',
    severity: 'error',
    title: 'Pull requests from forks receive no secrets',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey']
  },
  {
    id: 'dependabot-secrets-unavailable',
    severity: 'error',
    title: 'Dependabot runs see only Dependabot secrets',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey']
  },
  {
    id: 'empty-credential-variable',
    severity: 'error',
    title: 'A credential variable is set but empty',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey']
  },
  {
    // Before the findings it explains (no credentials, half a pair, a missing session token).
    id: 'credential-variable-misnamed',
    severity: 'error',
    title: 'A variable is named almost like one the AWS tools read',
    retry: 'configuration'
  },
  {
    id: 'profile-not-found',
    severity: 'error',
    title: 'The selected profile does not exist',
    retry: 'configuration',
    // The SDK's chain then ends in "Could not load credentials": this is why.
    supersedes: [{ id: 'no-credentials', per: 'run' }]
  },
  {
    id: 'incomplete-credentials',
    severity: 'error',
    title: 'Half of a key pair is missing',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey']
  },
  {
    id: 'credential-process-failed',
    severity: 'error',
    title: 'The credential_process gave no credentials',
    retry: 'configuration',
    supersedes: [{ id: 'no-credentials', per: 'run' }]
  },
  {
    id: 'container-credentials-failed',
    severity: 'error',
    title: 'The container credentials endpoint gave no credentials',
    retry: 'configuration',
    supersedes: [{ id: 'no-credentials', per: 'run' }]
  },
  {
    id: 'instance-metadata-failed',
    severity: 'error',
    title: 'The EC2 instance metadata service gave no credentials',
    retry: 'configuration',
    supersedes: [{ id: 'no-credentials', per: 'run' }]
  },
  {
    id: 'sso-profile-incomplete',
    severity: 'error',
    title: 'The SSO profile lacks keys the SDK requires',
    retry: 'configuration',
    // The SDK's chain then ends in "Could not load credentials": this is why.
    supersedes: [{ id: 'no-credentials', per: 'run' }]
  },
  {
    id: 'sso-login-required',
    severity: 'error',
    title: 'The SSO profile has no usable login on this runner',
    retry: 'configuration',
    // The SDK's chain then ends in "Could not load credentials": this is why.
    supersedes: [{ id: 'no-credentials', per: 'run' }]
  },
  {
    id: 'sso-portal-refused',
    severity: 'error',
    title: 'The SSO portal refused GetRoleCredentials',
    // A revoked login, a missing assignment or a typo need a change; throttling passes.
    retry: 'unknown',
    supersedes: [{ id: 'no-credentials', per: 'run' }]
  },
  {
    id: 'role-profile-mfa-required',
    severity: 'error',
    title: 'The role profile needs an MFA code, which CI cannot type',
    retry: 'configuration',
    supersedes: [{ id: 'no-credentials', per: 'run' }]
  },
  {
    id: 'no-credentials',
    severity: 'error',
    title: 'No credentials were found',
    retry: 'configuration',
    // Offline and through the SDK's chain, two paths reach the same conclusion: one finding.
    supersedes: [{ id: 'no-credentials', per: 'run' }]
  },
  // What is wrong with the values themselves.
  {
    id: 'placeholder-credentials',
    severity: 'error',
    title: 'The credentials are a placeholder',
    retry: 'configuration'
  },
  {
    id: 'example-credentials',
    severity: 'error',
    title: 'These are the example keys from the AWS documentation',
    retry: 'configuration'
  },
  {
    id: 'keys-swapped',
    severity: 'error',
    title: 'The access key ID and the secret are swapped',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey'],
    // One mistake, one finding: the two values' shapes are the swap, not two malformed values.
    supersedes: [
      { id: 'access-key-id-malformed', per: 'source' },
      { id: 'secret-access-key-malformed', per: 'source' }
    ]
  },
  {
    id: 'quoted-value',
    severity: 'error',
    title: 'A credential is wrapped in quotes',
    retry: 'configuration'
  },
  {
    id: 'invisible-characters',
    severity: 'error',
    title: 'A credential contains invisible characters',
    retry: 'configuration'
  },
  {
    id: 'access-key-id-malformed',
    severity: 'error',
    title: 'The access key ID is not an access key ID',
    retry: 'configuration'
  },
  {
    id: 'secret-access-key-malformed',
    severity: 'error',
    title: 'The secret access key is malformed',
    retry: 'configuration'
  },
  {
    id: 'session-token-missing',
    severity: 'error',
    title: 'A temporary key has no session token',
    retry: 'configuration',
    concerns: ['accessKeyId']
  },
  {
    id: 'session-token-unexpected',
    severity: 'error',
    title: 'A long-term key comes with a session token',
    retry: 'configuration',
    concerns: ['sessionToken']
  },
  {
    id: 'credentials-file-malformed',
    severity: 'error',
    title: 'A shared credentials or config file is malformed',
    retry: 'configuration'
  },
  {
    id: 'web-identity-token-invalid',
    severity: 'error',
    title: 'The web identity token file is unusable',
    retry: 'configuration'
  },
  // OIDC.
  {
    id: 'oidc-token-request-failed',
    severity: 'error',
    title: 'The OIDC token request failed',
    retry: 'unknown'
  },
  {
    id: 'oidc-provider-missing',
    severity: 'error',
    title: "The role's account has no OIDC provider for GitHub",
    retry: 'configuration'
  },
  {
    id: 'oidc-audience-mismatch',
    severity: 'error',
    title: "The token's audience is not accepted by the OIDC provider",
    retry: 'configuration'
  },
  {
    id: 'oidc-trust-policy-mismatch',
    severity: 'error',
    title: "The role's trust policy does not accept this job's token",
    retry: 'configuration'
  },
  {
    id: 'oidc-trust-policy-permissive',
    severity: 'warning',
    title: "The role's trust policy lets other repositories assume it",
    retry: 'configuration'
  },
  {
    id: 'oidc-token-expired',
    severity: 'error',
    title: 'STS judged the OIDC token expired',
    retry: 'transient'
  },
  {
    id: 'oidc-assume-role-invalid',
    severity: 'error',
    title: 'STS rejected the AssumeRoleWithWebIdentity request',
    retry: 'configuration'
  },
  {
    id: 'role-session-duration-exceeded',
    severity: 'warning',
    title: 'A configure-aws-credentials step of this job will be refused',
    retry: 'configuration'
  },
  // A region the SDK refuses before anything is sent, or STS refuses as a signature's scope.
  {
    id: 'region-invalid',
    severity: 'error',
    title: 'The region is not a valid region name',
    retry: 'configuration'
  },
  {
    // Its severity is the check's: an error where both tools stop, a notice where both go on.
    id: 'config-variable-invalid',
    severity: 'warning',
    title: 'An SDK configuration setting has a value the AWS tools refuse',
    retry: 'configuration'
  },
  // What STS said.
  {
    id: 'region-not-enabled',
    severity: 'error',
    title: 'The region is not enabled for this account',
    retry: 'configuration'
  },
  {
    id: 'clock-skew',
    severity: 'warning',
    title: "The runner's clock is off",
    retry: 'configuration'
  },
  {
    id: 'expired-token',
    severity: 'error',
    title: 'The session token has expired',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey', 'sessionToken']
  },
  {
    id: 'signature-mismatch',
    severity: 'error',
    title: 'The secret access key does not match the key ID',
    retry: 'configuration',
    concerns: ['secretAccessKey']
  },
  {
    id: 'invalid-client-token-id',
    severity: 'error',
    title: 'AWS does not recognise the access key ID',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey']
  },
  {
    // Before sts-unreachable and sts-timeout: the override is why STS was not reached.
    id: 'endpoint-override-unreachable',
    severity: 'error',
    title: 'An endpoint override sends requests where nothing answers',
    retry: 'configuration'
  },
  { id: 'sts-timeout', severity: 'error', title: 'STS did not answer in time', retry: 'transient' },
  { id: 'sts-unreachable', severity: 'error', title: 'STS could not be reached', retry: 'unknown' },
  { id: 'sts-service-error', severity: 'error', title: 'STS failed to answer', retry: 'transient' },
  // Gates and IAM.
  {
    id: 'account-mismatch',
    severity: 'error',
    title: 'The credentials belong to an unexpected account',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey']
  },
  {
    id: 'root-credentials',
    severity: 'error',
    title: "These are the account root user's credentials",
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey']
  },
  {
    id: 'access-key-inactive',
    severity: 'error',
    title: 'The access key is inactive',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey']
  },
  {
    id: 'missing-permissions',
    severity: 'error',
    title: 'The identity lacks required permissions',
    retry: 'configuration'
  },
  {
    id: 'permissions-unverified',
    severity: 'warning',
    title: '`required-actions` could not be checked',
    retry: 'unknown'
  },
  {
    id: 'precedence-conflict',
    severity: 'warning',
    title: 'Tools disagree on which credentials win',
    retry: 'configuration'
  },
  {
    id: 'access-key-age',
    severity: 'warning',
    title: 'The access key is old',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey']
  },
  {
    id: 'long-term-credentials',
    severity: 'notice',
    title: 'Long-term access keys are used in CI',
    retry: 'configuration',
    concerns: ['accessKeyId', 'secretAccessKey']
  },
  {
    id: 'multiple-active-keys',
    severity: 'notice',
    title: 'The IAM user has two active access keys',
    retry: 'configuration'
  },
  {
    id: 'access-key-unused',
    severity: 'notice',
    title: 'The access key has not been used recently',
    retry: 'configuration'
  },
  {
    id: 'oidc-token-claims',
    severity: 'notice',
    title: "This job's OIDC token",
    retry: 'configuration'
  },
  {
    id: 'iam-check-skipped',
    severity: 'notice',
    title: 'IAM look-ups were skipped',
    retry: 'unknown',
    supersedes: [{ id: 'iam-check-skipped', per: 'run' }]
  }
] as const satisfies readonly Declaration[]

export type FindingId = (typeof DEFINITIONS)[number]['id']

export interface Supersession {
  readonly id: FindingId
  readonly per: SupersedeScope
}

export interface FindingDefinition {
  readonly id: FindingId
  readonly severity: Severity
  readonly title: string
  readonly retry: RetryClass
  readonly concerns: readonly CredentialPart[]
  readonly supersedes: readonly Supersession[]
  /** Docs page, relative to the repository root: always `docs/findings/<id>.md`. */
  readonly docs: string
}

/** Docs page of a finding, relative to the repository root. */
export function docsPath(id: FindingId): string {
  return `docs/findings/${id}.md`
}

type Declared = (typeof DEFINITIONS)[number]

/**
 * Every ID written in a `supersedes` list must be a registered ID. The union of IDs cannot be
 * used inside the list it is derived from, so `supersedes` is written as plain strings and this
 * constraint is where a misspelt one fails the type check.
 */
type RegisteredIds<T extends FindingId> = T
type SupersedesOf<D> = D extends {
  readonly supersedes: readonly { readonly id: infer S }[]
}
  ? S
  : never
export type SupersededId = RegisteredIds<SupersedesOf<Declared>>

const IDS: ReadonlySet<string> = new Set(DEFINITIONS.map(declaration => declaration.id))

/** Narrows a string read from outside (a test fixture, a docs page) to a registered ID. */
export function isFindingId(id: string): id is FindingId {
  return IDS.has(id)
}

function define(declared: Declared): FindingDefinition {
  const declaration: Declaration = declared
  return {
    id: declared.id,
    severity: declaration.severity,
    title: declaration.title,
    retry: declaration.retry,
    concerns: declaration.concerns ?? [],
    // Always all of them (the type above guarantees it); the filter only narrows the type.
    supersedes: (declaration.supersedes ?? []).flatMap(entry =>
      isFindingId(entry.id) ? [{ id: entry.id, per: entry.per }] : []
    ),
    docs: docsPath(declared.id)
  }
}

export const FINDINGS: readonly FindingDefinition[] = DEFINITIONS.map(define)

const BY_ID = new Map<string, { definition: FindingDefinition; rank: number }>(
  FINDINGS.map((definition, rank) => [definition.id, { definition, rank }])
)

export function definitionOf(id: FindingId): FindingDefinition {
  const entry = BY_ID.get(id)
  if (entry === undefined) throw new Error(`Unknown finding ID ${id}`)
  return entry.definition
}

/** Precedence among findings of one severity: lower comes first. */
export function rankOf(id: FindingId): number {
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
  /** What must change before a re-run can pass, where the cause is narrower than the ID's. */
  readonly mustChange?: string
}

/** Builds a finding whose ID, and by default severity and title, come from the registry. */
export function finding<const Id extends FindingId>(id: Id, details: FindingDetails): Finding<Id> {
  const definition = definitionOf(id)
  return {
    id,
    severity: details.severity ?? definition.severity,
    title: details.title ?? definition.title,
    message: details.message,
    remediation: details.remediation,
    ...(details.source === undefined ? {} : { source: details.source }),
    ...(details.evidence === undefined ? {} : { evidence: details.evidence }),
    ...(details.origin === undefined ? {} : { location: { origin: details.origin } }),
    ...(details.mustChange === undefined ? {} : { mustChange: details.mustChange })
  }
}
