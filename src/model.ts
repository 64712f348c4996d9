/**
 * The types every phase shares. Discovery produces a `Discovery`, checks turn it into
 * `Finding`s, `src/aws/` adds what AWS answered, and `src/report/` renders a `Report`.
 */

export type Severity = 'error' | 'warning' | 'notice'

/** Ordered from most to least severe; `SEVERITY_RANK` compares them. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  error: 3,
  warning: 2,
  notice: 1
}

export type SourceKind =
  | 'input'
  | 'environment'
  | 'shared-credentials-file'
  | 'config-file'
  | 'web-identity'
  | 'sso'
  | 'process'
  | 'container'
  | 'instance-metadata'
  | 'none'

/** Where one value was read: an input, an environment variable, or a file line. */
export type Origin =
  | { readonly kind: 'input'; readonly name: string }
  | { readonly kind: 'env'; readonly name: string }
  | {
      readonly kind: 'file'
      readonly path: string
      readonly line: number
      readonly key: string
      readonly section: string
    }
  | { readonly kind: 'default'; readonly name: string }

/** A value exactly as it was found: never trimmed, never normalised. */
export interface RawValue {
  readonly raw: string
  readonly origin: Origin
}

/** Which part of a credential a value is; used in messages and to pick what to mask. */
export type CredentialPart = 'accessKeyId' | 'secretAccessKey' | 'sessionToken'

export interface StaticCredentials {
  readonly accessKeyId?: RawValue
  readonly secretAccessKey?: RawValue
  readonly sessionToken?: RawValue
}

/**
 * One configured place credentials could come from. `credentials` is present for sources
 * that hold static keys (inputs, env, profile keys); others describe themselves in `details`.
 */
export interface CredentialSource {
  readonly kind: SourceKind
  /** Human label, e.g. `AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY` or `profile "ci" in ~/.aws/credentials`. */
  readonly label: string
  readonly profile?: string
  readonly credentials?: StaticCredentials
  /** Non-secret facts worth showing (role ARN, token file path, SSO start URL, …). */
  readonly details: Readonly<Record<string, string>>
}

export interface GitHubContext {
  readonly eventName?: string
  readonly repository?: string
  readonly actor?: string
  readonly triggeringActor?: string
  readonly ref?: string
  readonly refName?: string
  readonly headRef?: string
  readonly baseRef?: string
  readonly workflowRef?: string
  readonly workspace?: string
  readonly serverUrl?: string
  readonly runId?: string
  readonly job?: string
  readonly workflow?: string
  /** The pull request number where the event is a pull request. */
  readonly pullRequestNumber?: number
  /** True when the pull request's head repository differs from the base, or was deleted. */
  readonly isForkPullRequest: boolean
  readonly isDependabot: boolean
  /** The repository and ref of this action as the workflow used it (`GITHUB_ACTION_REPOSITORY`/`_REF`). */
  readonly actionRepository?: string
  readonly actionRef?: string
  /** `ACTIONS_ID_TOKEN_REQUEST_URL` and `_TOKEN` are both present: `id-token: write` was granted. */
  readonly oidcRequestAvailable: boolean
}

export interface Region {
  readonly value: string
  readonly origin: Origin
}

/** Everything discovery learned about the runner. Immutable; checks only read it. */
export interface Discovery {
  /** Every configured source, in the order the AWS SDK for JavaScript v3 tries them. */
  readonly sources: readonly CredentialSource[]
  /** The source the SDK would use, or undefined when none is configured. */
  readonly selected?: CredentialSource
  readonly region: Region
  readonly profile: { readonly name: string; readonly origin: Origin }
  readonly github: GitHubContext
  /**
   * Every secret value discovery read, from any source (secrets, session tokens, tokens of
   * other profiles): the publisher masks them all before anything is written.
   */
  readonly secrets: readonly string[]
  /**
   * The account encoded in the selected access key ID (new-format keys only), known without
   * asking AWS; used for the account gate where STS cannot be reached.
   */
  readonly offlineAccountId?: string
  /** Raw environment values that checks need to see (e.g. empty key variables). */
  readonly env: Readonly<Record<string, string | undefined>>
}

/** Where a finding points: the value or file it is about. Never holds the value itself. */
export interface FindingLocation {
  readonly origin?: Origin
  /** Workflow file and line, filled in by the report when it can be found. */
  readonly file?: string
  readonly line?: number
}

export interface Finding {
  readonly id: string
  readonly severity: Severity
  /** One line: what is wrong. */
  readonly title: string
  /** What it means here, with evidence. Never holds secret material. */
  readonly message: string
  /** What to do about it, as Markdown. */
  readonly remediation: string
  /** Which source it concerns (its label), when it concerns one. */
  readonly source?: string
  /** Supporting facts as short lines (which character at which position, what the endpoint answered, …). */
  readonly evidence?: readonly string[]
  readonly location?: FindingLocation
}

export type PrincipalType = 'iam-user' | 'assumed-role' | 'federated-user' | 'root' | 'unknown'

export interface CallerIdentity {
  readonly account: string
  readonly arn: string
  readonly userId: string
  readonly principalType: PrincipalType
}

/** What the remote phase learned, beyond its findings. */
export interface RemoteResult {
  readonly identity?: CallerIdentity
  /** The access key ID actually used (may differ from discovery's when the SDK chain resolved it). */
  readonly accessKeyId?: string
  readonly keyAgeDays?: number
  readonly oidcSub?: string
  /** The account decoded offline from the key ID, where STS could not tell. */
  readonly offlineAccountId?: string
  /** Which kind of source the SDK's chain used, where discovery did not know. */
  readonly credentialSource?: SourceKind
  /** What the OIDC diagnosis learned (with `role-to-assume`, or a web identity token file). */
  readonly oidc?: OidcResult
  /** Lines describing each check made against AWS and its outcome, for the summary. */
  readonly checks: readonly CheckResult[]
  readonly findings: readonly Finding[]
}

/** One line in the summary's list of checks. */
export interface CheckResult {
  readonly name: string
  readonly outcome: 'pass' | 'fail' | 'warn' | 'skip' | 'info'
  readonly detail: string
}

export type Status = 'pass' | 'warn' | 'fail'

/** Everything the publisher needs: the verdict, findings and outputs, already rendered-ready. */
export interface Report {
  readonly status: Status
  readonly valid: boolean
  readonly cause: string
  readonly findings: readonly Finding[]
  readonly discovery: Discovery
  readonly remote: RemoteResult
  readonly outputs: Readonly<Record<string, string>>
  readonly failed: boolean
}

/** The OIDC diagnosis: the token's claims (never the token) and what STS said of it. */
export interface OidcResult {
  /** Where the token came from: this job's GitHub OIDC token, or a web identity token file. */
  readonly tokenSource: 'github-oidc' | 'web-identity-file'
  readonly roleArn?: string
  readonly audience?: string
  /** Selected claims, safe to show: sub, aud, iss, repository, ref, environment, event_name, … */
  readonly claims: Readonly<Record<string, string>>
  /** The shape of `sub`: the default forms, a customised template, or the immutable form with IDs. */
  readonly subShape?: 'environment' | 'pull_request' | 'ref' | 'custom' | 'immutable'
  readonly expiresAt?: string
  /** The identity of the assumed role, where AssumeRoleWithWebIdentity succeeded. */
  readonly assumedIdentity?: CallerIdentity
}
