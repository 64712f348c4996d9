import type { FindingId } from './findings.js'

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

/**
 * The name of the checks that record, one per request or run, what a provider this action asks
 * itself answered (src/aws/validate.ts writes them; the sources table shows them by source).
 */
export const PROVIDER_CHECK: Readonly<Partial<Record<SourceKind, string>>> = {
  process: 'credential_process',
  container: 'Container credentials endpoint',
  'instance-metadata': 'EC2 instance metadata',
  sso: 'SSO portal'
}

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
  /**
   * `AWS_SECURITY_TOKEN` (or `aws_security_token` in a file): the legacy name that the AWS CLI
   * still reads and the JS SDK ignores. Checked like any token, never sent.
   */
  readonly legacySessionToken?: RawValue
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
  /**
   * Why the SDK passes over this source although it is configured (an empty variable, half a
   * key pair, a profile without credentials): it is neither in use nor shadowing anything.
   */
  readonly skipped?: string
  /**
   * The label of the source whose chain reads this one (the `source_profile` of a profile that
   * assumes a role): it is used, but only through that source.
   */
  readonly partOf?: string
  /** The web identity token file this source reads, as discovery found it (never the token). */
  readonly tokenFile?: TokenFileStatus
  /** The SSO login this source needs, as the token cache holds it (never the tokens). */
  readonly ssoToken?: SsoTokenStatus
  /** The `mfa_serial` of a profile that assumes a role: the SDK then needs a typed MFA code. */
  readonly mfaSerial?: RawValue
}

/** An SSO profile's cached login, judged offline as the JS SDK would read it. */
export interface SsoTokenStatus {
  /**
   * `incomplete`: the profile lacks keys the SDK requires; `no-token`: nobody logged in on this
   * machine; `unreadable`: the cache file is not a regular file or cannot be read; `invalid`:
   * not JSON with `accessToken` and `expiresAt`.
   */
  readonly state: 'incomplete' | 'no-token' | 'unreadable' | 'invalid' | 'expired' | 'valid'
  /** Where the SDK looks, under `~` where it is in the home directory. */
  readonly cacheFile?: string
  /** Required keys or the `[sso-session X]` section the profile lacks. */
  readonly missingKeys: readonly string[]
  readonly detail?: string
  readonly expiresAt?: string
  /** The cache holds a refresh token, with which the SDK renews an `sso_session` login. */
  readonly refreshable?: boolean
}

/** A web identity token file, judged offline. */
export interface TokenFileStatus {
  readonly path: string
  readonly origin: Origin
  readonly state: 'valid' | 'missing' | 'unreadable' | 'empty' | 'not-jwt' | 'expired'
  /** More about the state: the error code of a failed read, how long ago it expired, … */
  readonly detail?: string
  /** Claims safe to show (iss, sub, aud, exp), where the file holds a JWT. */
  readonly claims?: Readonly<Record<string, string>>
  readonly expiresAt?: string
}

/** One problem in a shared credentials or config file. Never holds a value from the file. */
export interface SharedFileIssue {
  readonly line: number
  /** The section the line belongs to, as written between its brackets. */
  readonly section?: string
  /** The profile that section defines as the JS SDK reads the file, where it defines one. */
  readonly profile?: string
  /** A stable code for the kind of problem (`inline-comment`, `duplicate-key`, …). */
  readonly problem: string
  readonly message: string
  /** The AWS CLI (botocore) refuses the whole file because of this line. */
  readonly breaksCli: boolean
  /**
   * The line misleads only the AWS CLI: the JS SDK (and so the action) reads the section as
   * intended, so it matters only where the AWS CLI reads that profile.
   */
  readonly cliOnly?: boolean
}

/** A section that the SDKs ignore in this kind of file (`[profile x]` in the credentials file). */
export interface IgnoredSection {
  readonly header: string
  readonly line: number
  /** The profile the section was presumably meant to define. */
  readonly intended?: string
  readonly reason: string
}

/** The shared credentials file or the config file, as discovery found and parsed it. */
export interface SharedFile {
  readonly kind: 'credentials' | 'config'
  readonly path: string
  /** The path as shown: under `~` where it is in the home directory. */
  readonly display: string
  /** The variable that named the path, or the default location. */
  readonly origin: Origin
  readonly state: 'read' | 'missing' | 'unreadable' | 'not-a-file' | 'too-large'
  readonly detail?: string
  /** The profiles the file defines, named as the JS SDK names them. */
  readonly profiles: readonly string[]
  readonly ignoredSections: readonly IgnoredSection[]
  readonly issues: readonly SharedFileIssue[]
}

/** A profile the run refers to that neither file defines. */
export interface MissingProfile {
  readonly name: string
  /** Where the name came from: the `profile` input, `AWS_PROFILE`, or a `source_profile` line. */
  readonly origin: Origin
  /** The profile whose `source_profile` names it, where it is one. */
  readonly referencedBy?: string
}

/** The shared credentials and config files, and the profiles the run refers to. */
export interface SharedConfig {
  readonly files: readonly SharedFile[]
  readonly missingProfiles: readonly MissingProfile[]
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
  /** The pull request's head repository (`owner/name`), or `(deleted)` where the fork is gone. */
  readonly headRepository?: string
  /** True when the pull request's head repository differs from the base, or was deleted. */
  readonly isForkPullRequest: boolean
  readonly isDependabot: boolean
  /** The repository and ref of this action as the workflow used it (`GITHUB_ACTION_REPOSITORY`/`_REF`). */
  readonly actionRepository?: string
  readonly actionRef?: string
  /** `ACTIONS_ID_TOKEN_REQUEST_URL` and `_TOKEN` are both present: `id-token: write` was granted. */
  readonly oidcRequestAvailable: boolean
  /**
   * Whether the action runs on a runner (or a tool standing in for one, such as
   * `@github/local-action`); false for `npm start` on a laptop, where the advice is for a shell.
   */
  readonly onRunner: boolean
  /** `RUNNER_ENVIRONMENT`: `github-hosted` or `self-hosted`. */
  readonly runnerEnvironment?: string
  /** `GITHUB_API_URL`: the REST API of this GitHub (github.com or an Enterprise Server). */
  readonly apiUrl?: string
}

/** Where this job may ask GitHub for its OIDC token (the request token is a secret). */
export interface OidcTokenRequest {
  readonly url: string
  readonly token: string
}

/** A service endpoint set by the user instead of the SDK's default one. */
export interface EndpointOverride {
  readonly url: string
  /**
   * What set it, as the report names it: `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, or the
   * config file's `endpoint_url` (a profile's own, or `sts.endpoint_url` in its `[services]`).
   */
  readonly variable: string
  readonly origin: Origin
}

/** One proxy variable that is set (`HTTPS_PROXY`, `https_proxy`, …), its value as given. */
export interface ProxyVariable {
  readonly variable: string
  readonly value: string
}

/** The proxy variables as the AWS clients and the token request honour them. */
export interface ProxySettings {
  readonly https?: ProxyVariable
  readonly http?: ProxyVariable
  /** `NO_PROXY` / `no_proxy`, as written. */
  readonly noProxy?: string
}

/** Where requests go: the endpoint overrides of the services the action calls, and the proxy. */
export interface NetworkSettings {
  readonly endpoints: { readonly sts?: EndpointOverride; readonly iam?: EndpointOverride }
  readonly proxy: ProxySettings
}

/** Whether the SDK's chain would end by asking the EC2 instance metadata service, and if not why. */
export type InstanceMetadataStatus =
  | {
      readonly considered: true
      /** `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the SDK's default address. */
      readonly endpoint?: string
      /** `AWS_EC2_METADATA_V1_DISABLED` forbids the SDK's fallback to IMDSv1. */
      readonly v1Disabled?: boolean
    }
  | { readonly considered: false; readonly reason: string }

/**
 * The container credentials endpoint as the SDK would ask it (`AWS_CONTAINER_CREDENTIALS_*`):
 * the URL it builds, the variable it came from, and where its `Authorization` header comes from.
 * The token's value is among the discovery's secrets and is never displayed.
 */
export interface ContainerEndpoint {
  readonly url: string
  readonly variable: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' | 'AWS_CONTAINER_CREDENTIALS_FULL_URI'
  readonly authorization?:
    | { readonly kind: 'variable'; readonly token: string }
    | { readonly kind: 'file'; readonly path: string }
  /**
   * `AWS_CONTAINER_AUTHORIZATION_TOKEN` where the token file outranks it: the JS SDK's fallback
   * provider (`fromContainerMetadata`) sends it when the file's request failed.
   */
  readonly fallbackToken?: string
}

/** The profile the run examines, and whether naming it makes the JS SDK skip the key variables. */
export interface ExaminedProfile {
  readonly name: string
  readonly origin: Origin
  /**
   * The JS SDK skips `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` once a profile is named (the
   * `profile` input or a non-empty `AWS_PROFILE`; not `AWS_DEFAULT_PROFILE`), whether or not
   * the profile works.
   */
  readonly skipsKeyVariables: boolean
  /** The profile variables exactly as set (an empty string included), for later steps' tools. */
  readonly variables: { readonly AWS_PROFILE?: string; readonly AWS_DEFAULT_PROFILE?: string }
}

/**
 * One of the SDKs' configuration settings as the tools read it (src/discover/config-settings.ts):
 * its variable (`AWS_MAX_ATTEMPTS`) where that is set, else the selected profile's key in the
 * shared files (`max_attempts`). Only set, non-empty settings are listed.
 */
export interface ConfigSetting {
  /** The setting's variable, which names it in messages whichever of the two set it. */
  readonly variable: string
  /** Exactly as set. */
  readonly value: string
  readonly origin: Origin
  /** For a setting that names a file (`AWS_CA_BUNDLE`): what discovery found at that path. */
  readonly file?: {
    readonly state: 'read' | 'missing' | 'unreadable' | 'not-a-file' | 'too-large'
    /** The error code or what the path is instead (`EACCES`, `a directory`). */
    readonly detail?: string
  }
  /** For a file-path variable (`AWS_SHARED_CREDENTIALS_FILE`, …): what each tool opens. */
  readonly path?: PathVariable
}

/** Where the JS SDK and the AWS CLI look for the file a path variable names, and what is there. */
export interface PathVariable {
  /** The working directory a relative path was opened from (this step's). */
  readonly cwd: string
  readonly jsSdk: { readonly path: string; readonly found: boolean }
  readonly awsCli: { readonly path: string; readonly found: boolean }
  /**
   * The file the value presumably means, where neither tool opens it but it is there: the value
   * without the white space around it, with `~/` or `$NAME` expanded where the tools do not.
   */
  readonly meant?: string
}

export interface Region {
  readonly value: string
  readonly origin: Origin
}

/** The sources the run depends on: the one in use, and those its role chain reads. */
export function sourcesInUse(
  discovery: Pick<Discovery, 'sources' | 'selected'>
): CredentialSource[] {
  const selected = discovery.selected
  if (selected === undefined) return []
  return discovery.sources.filter(
    source =>
      source === selected || (source.partOf !== undefined && source.partOf === selected.label)
  )
}

/** The two tools whose choices the report describes. */
export type ToolId = 'js-sdk' | 'aws-cli'

/** What a tool takes its credentials from: a label as the report shows sources, and its key ID. */
export interface ToolSource {
  readonly kind: SourceKind
  readonly label: string
  readonly profile?: string
  /** The access key ID as this tool reads it (never a secret); absent for remote sources. */
  readonly accessKeyId?: string
  /** Where that key ID was read. */
  readonly origin?: Origin
}

/**
 * What one tool does with this runner's setup in a later step of the job (the action's own
 * inputs play no part): the profile it selects, the profiles it reads, and the source it uses or
 * the error it stops with, in its own words.
 */
export interface ToolUse {
  readonly tool: ToolId
  /** The profile name it selects (possibly empty: AWS CLI v1 takes `AWS_PROFILE=""` literally). */
  readonly profile: string
  /** The variable that named the profile; absent where it is the default. */
  readonly profileVariable?: string
  /** Every profile whose section it reads this run: the selected one and its `source_profile` chain. */
  readonly profilesRead: readonly string[]
  /** It reads the key variables (`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`) this run. */
  readonly readsEnvironmentKeys: boolean
  readonly source?: ToolSource
  /** The message it stops with, verbatim, where it does. */
  readonly failure?: string
  /** Where it looks for each shared file (the AWS CLI only: the JS SDK's are `shared.files`). */
  readonly files?: readonly ToolFile[]
  /** The shared file it cannot parse at all (the AWS CLI only), and the line where it gives up. */
  readonly unparseable?: { readonly path: string; readonly line: number; readonly reason: string }
}

/** A shared file as one tool locates it. */
export interface ToolFile {
  readonly kind: 'credentials' | 'config'
  /** The path it reads; absent where it reads none (AWS CLI v1 with the variable set but empty). */
  readonly path?: string
  readonly display?: string
  /** A regular file it can read is there. */
  readonly found: boolean
  /** The variable that names the file, as set (`AWS_CONFIG_FILE`, possibly empty). */
  readonly variable?: { readonly name: string; readonly value: string }
}

export interface ToolViews {
  readonly jsSdk: ToolUse
  readonly awsCli: ToolUse
}

/** Everything discovery learned about the runner. Immutable; checks only read it. */
export interface Discovery {
  /** Every configured source, in the order the AWS SDK for JavaScript v3 tries them. */
  readonly sources: readonly CredentialSource[]
  /** The source the SDK would use, or undefined when none is configured. */
  readonly selected?: CredentialSource
  /** An entry of the SSO token cache that is not a regular file, which the SDK would block on. */
  readonly ssoCacheSpecialFile?: string
  readonly region: Region
  readonly profile: ExaminedProfile
  readonly github: GitHubContext
  /** Endpoint overrides and proxy variables, resolved once for every request the action makes. */
  readonly network: NetworkSettings
  readonly instanceMetadata: InstanceMetadataStatus
  /** Where a container variable is set: what the SDK's container provider would ask. */
  readonly containerEndpoint?: ContainerEndpoint
  /** Present where the job may request an OIDC token (`id-token: write`). */
  readonly oidcTokenRequest?: OidcTokenRequest
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
  /** What the AWS SDK for JavaScript and the AWS CLI do with this setup; absent before discovery. */
  readonly tools?: ToolViews
  /** The shared credentials and config files; absent where discovery did not get that far. */
  readonly shared?: SharedConfig
  /**
   * The workflow file that runs this job (`GITHUB_WORKFLOW_REF` under `GITHUB_WORKSPACE`), where
   * the repository is checked out: the report points annotations and fixes at its lines.
   */
  readonly workflow?: WorkflowLocations
  /** Set variables whose names look like the ones the AWS tools read, but are not read. */
  readonly misnamedVariables?: readonly MisnamedVariable[]
  /** The SDKs' configuration settings that are set (retries, endpoints, defaults mode, CA bundle). */
  readonly configSettings?: readonly ConfigSetting[]
}

/**
 * A variable named almost like one the AWS tools read (src/discover/misnamed.ts): in another
 * case, under another tool's or an older name, misspelt, or with a stray space.
 */
export interface MisnamedVariable {
  readonly name: string
  /** The name the tools read, which it was probably meant to be. */
  readonly meant: string
  readonly kind: 'case' | 'other-name' | 'misspelt' | 'whitespace'
  /** Whether the name the tools read is set too (for the region, either region variable). */
  readonly meantSet: boolean
}

/** What a workflow line gives a variable or input. Never the value itself. */
export interface WorkflowReference {
  readonly file: string
  readonly line: number
  /** Where the line sits: this step's `env:`/`with:`, the job's `env:`, or the workflow's. */
  readonly scope: 'step' | 'job' | 'workflow'
  /** `${{ secrets.NAME }}`: the secret's name as the workflow writes it. */
  readonly secret?: string
  /** `${{ vars.NAME }}`: a configuration variable, which is not secret. */
  readonly variable?: string
  /** The value is written in the file itself, not taken from a secret or variable. */
  readonly literal: boolean
  /** The job's `environment:`, where environment secrets would come from. */
  readonly environment?: string
}

/**
 * What the workflow file says about this job's step, read once by discovery: for each variable
 * the line that sets it as GitHub applies them (the step's `env:`, then the job's, then the
 * workflow's), and for each input the line in this action's `with:`.
 */
export interface WorkflowLocations {
  /** The file's path from the repository root. */
  readonly path: string
  /** Environment variables, by name. */
  readonly variables: ReadonlyMap<string, WorkflowReference>
  /** This action's inputs, by name. */
  readonly inputs: ReadonlyMap<string, WorkflowReference>
  /** The job's `environment:` name, where it is known before the run. */
  readonly environment?: string
  /** The line of the job's `permissions:` (else the workflow's), where `id-token: write` belongs. */
  readonly permissionsLine?: number
  /** This job's `aws-actions/configure-aws-credentials` steps, in the order they run. */
  readonly credentialSteps?: readonly CredentialStep[]
}

/**
 * An input of another action's step as the workflow writes it: the text GitHub passes, or
 * `expression` where a `${{ }}` makes it known only at run time (never guessed).
 */
export type StepInput =
  | { readonly kind: 'literal'; readonly value: string; readonly line: number }
  | { readonly kind: 'expression'; readonly line: number }

/** One `uses: aws-actions/configure-aws-credentials@…` step of this job. */
export interface CredentialStep {
  /** The line of its `uses:` key, where an annotation about the step points. */
  readonly line: number
  /** The `uses:` value as written (`aws-actions/configure-aws-credentials@v4`, `…@<sha>`). */
  readonly uses: string
  /** Its `name:`, where it has one. */
  readonly name?: string
  /** Whether it runs after the step of this action (false where it runs before, or none is found). */
  readonly afterThisStep: boolean
  /** It has an `if:`, so it may not run at all. */
  readonly conditional: boolean
  /** Its `with:` inputs, by name. */
  readonly inputs: ReadonlyMap<string, StepInput>
}

/** Where a finding points: the value or file it is about. Never holds the value itself. */
export interface FindingLocation {
  readonly origin?: Origin
  /** Workflow file and line, filled in by the report when it can be found. */
  readonly file?: string
  readonly line?: number
}

export interface Finding<Id extends FindingId = FindingId> {
  readonly id: Id
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
  /**
   * What has to change before a re-run can pass, where this finding's cause is narrower than
   * its ID's (a refused role profile: its trust policy, not the secrets). Markdown.
   */
  readonly mustChange?: string
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
  /** `required-actions` went to IAM's simulator (whatever it answered). */
  readonly permissionsChecked?: boolean
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
  /** Where the token file was read (web identity files only). */
  readonly tokenFile?: string
  /** What STS answered where it refused the token: its code and message (never the token). */
  readonly stsError?: { readonly code: string; readonly message: string }
  /** The role's trust policy evaluated against the claims, where other credentials could read it. */
  readonly trustPolicy?: TrustPolicyEvaluation
  /** Why the trust policy could not be read, where that was tried and failed. */
  readonly trustPolicyUnavailable?: TrustPolicyLookup
}

/** How reading the role's trust policy with iam:GetRole went (the report words it). */
export type TrustPolicyLookup =
  | {
      readonly state: 'not-read'
      readonly reason: 'check-iam-off' | 'no-other-credentials' | 'denied'
    }
  | { readonly state: 'not-read'; readonly reason: 'credentials-unusable'; readonly detail: string }
  | { readonly state: 'not-read'; readonly reason: 'no-such-role'; readonly roleName: string }
  | { readonly state: 'not-read'; readonly reason: 'failed'; readonly code: string }
  | {
      readonly state: 'not-read'
      readonly reason: 'other-account'
      readonly account: string
      readonly roleAccount: string
    }
  | { readonly state: 'invalid-json' }
  | {
      readonly state: 'read'
      readonly decision: TrustPolicyEvaluation['decision']
      /** The role's real ARN, where its path differs from the requested ARN's. */
      readonly actualArn?: string
    }

/** Why a trust policy condition fails, as data (src/report/oidc-words.ts words it). */
export type ConditionHint =
  | { readonly kind: 'no-claim'; readonly claim: string }
  | { readonly kind: 'equals-wildcard' }
  | { readonly kind: 'letter-case' }
  | {
      readonly kind: 'service-account'
      readonly namespace: string
      readonly name: string
      readonly sub: string
      /** The service account subjects the policy names; none where it names none. */
      readonly expected: readonly string[]
      readonly differs?: 'name' | 'namespace' | 'both'
    }
  | { readonly kind: 'environment'; readonly environment: string }
  | { readonly kind: 'pull-request' }
  /** The token's `sub` carries the IDs, the policy's does not. */
  | { readonly kind: 'token-has-ids' }
  /** The policy is written with IDs, the token's `sub` is not. */
  | { readonly kind: 'policy-has-ids' }
  | { readonly kind: 'custom-sub' }
  | {
      readonly kind: 'custom-sub-part'
      readonly key: string
      readonly expected: string
      readonly actual: string
    }
  | { readonly kind: 'audience' }
  /** `pinned`: the refs the policy pins this workflow to; empty where it does not name it. */
  | {
      readonly kind: 'workflow-ref'
      readonly file: string
      readonly ref: string
      readonly pinned: readonly string[]
    }
  /** Another issuer's condition key: `host` is this token's issuer host. */
  | { readonly kind: 'foreign-key'; readonly host: string; readonly key: string }

/** One condition of a trust policy statement, evaluated against the token's claims. */
export interface TrustConditionCheck {
  readonly operator: string
  readonly key: string
  readonly expected: readonly string[]
  /** The token's values for the key; absent when the token has no such claim. */
  readonly actual?: readonly string[]
  /** `unknown` for operators or keys that cannot be judged from the token alone. */
  readonly result: 'holds' | 'fails' | 'unknown'
  /** Why it fails, where there is more to say than "no match" (wildcard in StringEquals, case, …). */
  readonly hint?: ConditionHint
  /** It holds for the token, but names a claim STS is not documented to expose as a condition key. */
  readonly unverified?: true
}

/** Which statement of a policy: its `Sid` where it has one, and its place (from 1). */
export interface StatementName {
  readonly sid?: string
  readonly index: number
}

export interface TrustStatementCheck {
  /** Written `statement "Sid"` or `statement 2` by the report. */
  readonly name: StatementName
  readonly effect: 'Allow' | 'Deny'
  readonly principal: readonly string[]
  readonly actions: readonly string[]
  readonly principalMatches: boolean
  readonly actionMatches: boolean
  readonly conditions: readonly TrustConditionCheck[]
  /** Principal, action and no failing condition. */
  readonly applies: boolean
}

export interface TrustPolicyEvaluation {
  readonly decision: 'allow' | 'explicit-deny' | 'implicit-deny'
  readonly statements: readonly TrustStatementCheck[]
  /** The OIDC provider ARN the token's issuer has in the role's account. */
  readonly providerArn: string
}
