/**
 * The credentials to validate: the static keys discovery found in the source that wins, or,
 * where that source is not static keys (a profile that assumes a role, SSO, a process,
 * a container or instance role), whatever the AWS SDK's own chain resolves.
 */
import {
  sourcesInUse,
  type CredentialSource,
  type Discovery,
  type RawValue,
  type StaticCredentials
} from '../model.js'
import { errorCode, errorProperty } from '../errors.js'
import { runCredentialProcess, type ProcessOutcome } from './credential-process.js'
import type { Deadline } from './deadline.js'
import { stsRoute } from './endpoints.js'
import { httpHandler } from './http.js'
import { fromContainerEndpoint, type ContainerOutcome } from './container.js'
import { fromInstanceMetadata, IMDS_DEFAULT_ENDPOINT, type ImdsOutcome } from './imds.js'
import { portalRefusal, type PortalRefusal } from './sso-portal.js'
import type { AwsCredentials } from './sts.js'
import { assumeRoleRecorder, type AssumeRoleCall } from './role-calls.js'
import { escapeText } from '../report/markdown.js'

export type ResolvedCredentials =
  | {
      readonly ok: true
      readonly credentials: AwsCredentials
      readonly via: 'discovery' | 'sdk-chain'
      /** What the profile's `credential_process` answered, where it was run. */
      readonly process?: ProcessOutcome
      /** What the instance metadata service answered, where it was asked. */
      readonly imds?: { readonly endpoint: string; readonly outcome: ImdsOutcome }
      /** What the container credentials endpoint answered, where it was asked. */
      readonly container?: ContainerOutcome
    }
  | {
      readonly ok: false
      readonly reason:
        'none' | 'unsendable' | 'timeout' | 'chain-error' | 'process-failed' | 'provider-failed'
      readonly detail: string
      /** What the profile's `credential_process` answered, where it failed. */
      readonly process?: Extract<ProcessOutcome, { ok: false }>
      /** What the instance metadata service answered, where it failed. */
      readonly imds?: {
        readonly endpoint: string
        readonly outcome: Extract<ImdsOutcome, { ok: false }>
      }
      /** What the container credentials endpoint answered, where it failed. */
      readonly container?: Extract<ContainerOutcome, { ok: false }>
      /** What the SSO portal answered GetRoleCredentials, where it refused. */
      readonly portal?: PortalRefusal
      /**
       * The error code where an AWS service refused a call the chain made (STS refusing the
       * AssumeRole of a profile's role, say): the credentials exist, the call with them failed.
       */
      readonly awsCode?: string
      /** The AssumeRole calls the chain made for a role profile, innermost first. */
      readonly assumeRoles?: readonly AssumeRoleCall[]
    }

/** Values Node refuses to put in a header (and the AWS CLI too): sending them proves nothing. */
function unsendable(value: string | undefined): boolean {
  return value !== undefined && /[^\x20-\x7e]/u.test(value)
}

/** A value as it was set, where it was set to something. */
function rawOf(value: RawValue | undefined): string | undefined {
  const raw = value?.raw
  return raw === '' ? undefined : raw
}

export function fromStatic(
  credentials: StaticCredentials | undefined
): ResolvedCredentials | undefined {
  const accessKeyId = rawOf(credentials?.accessKeyId)
  const secretAccessKey = rawOf(credentials?.secretAccessKey)
  if (accessKeyId === undefined || secretAccessKey === undefined) return undefined
  const sessionToken = rawOf(credentials?.sessionToken)
  if (unsendable(accessKeyId) || unsendable(sessionToken)) {
    return {
      ok: false,
      reason: 'unsendable',
      detail: 'the key ID or session token holds characters that cannot be sent in an HTTP header'
    }
  }
  return {
    ok: true,
    via: 'discovery',
    credentials: {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken })
    }
  }
}

/** Asks the SDK's default chain, loaded only when needed, bounded by the deadline. */
async function fromSdkChain(
  discovery: Discovery,
  profile: string | undefined,
  deadline: Deadline
): Promise<ResolvedCredentials> {
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node')
  const remaining = deadline.remaining()
  // The chain's own STS calls (a profile's AssumeRole, a token file's exchange) get the same
  // timeouts and proxy as ours; left alone they have neither.
  const sts = stsRoute(discovery.network, discovery.region.value)
  // What the chain sends for a role profile and what STS answers: the facts a refusal is
  // explained by (role-refusal.ts).
  const calls: AssumeRoleCall[] = []
  // The one place the action cannot keep to what discovery resolved: the SDK's provider chain
  // reads `process.env` itself (AWS_PROFILE, the key variables, AWS_WEB_IDENTITY_TOKEN_FILE,
  // the container and IMDS variables, the file paths) and the files they name. Discovery has
  // read the same variables the same way, so the report describes what this call does.
  const provider = defaultProvider({
    ...(profile === undefined ? {} : { profile }),
    clientConfig: { requestHandler: httpHandler(deadline, sts.proxy) },
    clientPlugins: [assumeRoleRecorder(calls)],
    timeout: Math.min(1000, remaining),
    maxRetries: 0,
    // The chain prints its own warnings (e.g. "Multiple credential sources detected") with
    // console.warn; the report already says the same, with the sources named.
    logger: QUIET_LOGGER
  })
  try {
    const identity = await deadline.race(provider(), 'Resolving credentials')
    return {
      ok: true,
      via: 'sdk-chain',
      credentials: {
        accessKeyId: identity.accessKeyId,
        secretAccessKey: identity.secretAccessKey,
        ...(identity.sessionToken === undefined ? {} : { sessionToken: identity.sessionToken })
      }
    }
  } catch (error: unknown) {
    const failure = chainFailure(error)
    return calls.length === 0 ? failure : { ...failure, assumeRoles: calls }
  }
}

/** The chain gave up: no provider had credentials, or one (the SSO portal) refused them. */
function providerFailure(error: unknown): Extract<ResolvedCredentials, { ok: false }> {
  const detail = errorProperty(error, 'message') ?? 'Could not load credentials from any providers'
  // The SSO provider keeps only `NAME: MESSAGE` of the portal's answer (see sso-portal.ts).
  const portal = portalRefusal(detail)
  return portal === undefined
    ? { ok: false, reason: 'none', detail }
    : { ok: false, reason: 'provider-failed', detail, portal }
}

/** What an error thrown by the SDK's credential chain means for the check. */
export function chainFailure(error: unknown): Extract<ResolvedCredentials, { ok: false }> {
  const name = errorCode(error, 'name')
  if (name === 'TimeoutError')
    return { ok: false, reason: 'timeout', detail: 'the credential chain did not finish in time' }
  if (name === 'CredentialsProviderError') return providerFailure(error)
  // A service's answer carries `$fault`; for modelled errors (RegionDisabledException…) the
  // wire code is in `Code`, for the others it is the name.
  const fault = errorProperty(error, '$fault')
  const code = errorCode(error, 'Code') ?? name
  return {
    ok: false,
    reason: 'chain-error',
    detail: `${name ?? 'Error'}: ${errorProperty(error, 'message') ?? ''}`,
    ...((fault === 'client' || fault === 'server') && code !== undefined ? { awsCode: code } : {})
  }
}

/**
 * A file the SDK would read that would keep the step from ever ending. The SDK reads
 * a web identity token file synchronously (a FIFO blocks the process, /dev/zero never ends),
 * and any open of a FIFO ties up a thread that `process.exit` then waits for. Discovery reads
 * these files safely; a token file it could not read, or a shared file that is neither a file
 * nor a directory, is not handed to the SDK.
 */
function unsafeSharedFile(discovery: Discovery): string | undefined {
  const shared = discovery.shared?.files.find(
    file => file.state === 'not-a-file' && file.detail !== 'a directory'
  )
  return shared === undefined
    ? undefined
    : `${shared.display} is not a regular file (${shared.detail ?? 'a special file'})`
}

/** What only the chain reads: the web identity token file and the SSO token cache. */
function unsafeChainFile(discovery: Discovery): string | undefined {
  const token = discovery.sources.find(source => source.tokenFile?.state === 'unreadable')
  if (token?.tokenFile !== undefined)
    return `the web identity token file ${token.tokenFile.path} cannot be read (${token.tokenFile.detail ?? 'unknown error'})`
  const cached = discovery.ssoCacheSpecialFile
  return cached === undefined
    ? undefined
    : `the SSO token cache holds ${cached}, which is not a regular file`
}

/**
 * A role profile whose `credential_source` is `Ec2InstanceMetadata` makes the SDK ask IMDS
 * directly (without even honouring `AWS_EC2_METADATA_DISABLED`). GitHub-hosted runners have no
 * EC2 instance role and IMDS is never asked there: the chain is not run.
 */
function hostedInstanceMetadata(discovery: Discovery): string | undefined {
  if (discovery.github.runnerEnvironment !== 'github-hosted') return undefined
  const source = sourcesInUse(discovery).find(
    candidate => candidate.details.credentialSource?.startsWith('Ec2InstanceMetadata') === true
  )
  return source === undefined
    ? undefined
    : `the ${escapeText(source.label)} takes its credentials from the EC2 instance metadata service (\`credential_source = Ec2InstanceMetadata\`), which is not asked on GitHub-hosted runners: they have no EC2 instance role`
}

/** Swallows the SDK's log lines; a class of its own, since the SDK ignores a `NoOpLogger`. */
class QuietLogger {
  debug(): void {}
  info(): void {}
  warn(): void {}
  error(): void {}
}
const QUIET_LOGGER = new QuietLogger()

/**
 * One resolution per run: the STS check and the OIDC doctor both need the job's credentials,
 * and running the chain twice would run a `credential_process` twice, or assume a profile's
 * role twice.
 */
const resolutions = new WeakMap<Discovery, Map<string, Promise<ResolvedCredentials>>>()

export function resolveCredentials(
  discovery: Discovery,
  profile: string | undefined,
  deadline: Deadline
): Promise<ResolvedCredentials> {
  const byProfile = resolutions.get(discovery) ?? new Map<string, Promise<ResolvedCredentials>>()
  resolutions.set(discovery, byProfile)
  const key = profile ?? ''
  const known = byProfile.get(key)
  if (known !== undefined) return known
  const resolution = resolveOnce(discovery, profile, deadline)
  byProfile.set(key, resolution)
  return resolution
}

async function resolveOnce(
  discovery: Discovery,
  profile: string | undefined,
  deadline: Deadline
): Promise<ResolvedCredentials> {
  // Every SDK client reads the shared files, static keys or not: nothing is created while one
  // of them would block the open.
  const unsafe = unsafeSharedFile(discovery)
  if (unsafe !== undefined) return { ok: false, reason: 'chain-error', detail: unsafe }
  const selected = discovery.selected
  if (selected?.credentials !== undefined)
    return (
      fromStatic(selected.credentials) ?? {
        ok: false,
        reason: 'none',
        detail: 'the selected source holds no usable key pair'
      }
    )
  const unsafeForChain = unsafeChainFile(discovery)
  if (unsafeForChain !== undefined)
    return { ok: false, reason: 'chain-error', detail: unsafeForChain }
  // Nothing is configured: the SDK's chain would end at IMDS, which discovery has ruled out
  // (disabled by variable, or a GitHub-hosted runner, where it must never be asked).
  if (selected === undefined)
    return {
      ok: false,
      reason: 'none',
      detail: 'no credential source is configured, so the credential chain was not run'
    }
  const hostedImds = hostedInstanceMetadata(discovery)
  if (hostedImds !== undefined) return { ok: false, reason: 'none', detail: hostedImds }
  return (
    (await fromOwnProvider(discovery, selected, profile, deadline)) ??
    fromSdkChain(discovery, profile, deadline)
  )
}

/**
 * The sources this action resolves itself rather than through the SDK's chain: the container
 * endpoint, the instance metadata service and a `credential_process` (see fromContainer,
 * fromImds and fromProcess for why).
 */
async function fromOwnProvider(
  discovery: Discovery,
  selected: CredentialSource,
  profile: string | undefined,
  deadline: Deadline
): Promise<ResolvedCredentials | undefined> {
  if (selected.kind === 'container' && discovery.containerEndpoint !== undefined)
    return fromContainer(discovery.containerEndpoint, deadline)
  const imds = discovery.instanceMetadata
  if (selected.kind === 'instance-metadata' && imds.considered)
    return fromImds(imds.endpoint ?? IMDS_DEFAULT_ENDPOINT, imds.v1Disabled === true, deadline)
  if (selected.kind !== 'process' || selected.details.roleArn !== undefined) return undefined
  const command = await processCommand(selected.profile ?? profile ?? 'default')
  return command === undefined ? undefined : fromProcess(command, deadline)
}

/**
 * The `credential_process` line of the profile, read the way the SDK's own process provider
 * reads it (the same files, the same variables naming them).
 */
async function processCommand(profile: string): Promise<string | undefined> {
  const { parseKnownFiles } = await import('@smithy/core/config')
  try {
    const profiles = await parseKnownFiles({ profile })
    const command = profiles[profile]?.credential_process
    return typeof command === 'string' && command.trim() !== '' ? command : undefined
  } catch {
    return undefined
  }
}

/**
 * Runs the process ourselves rather than through the SDK's provider: the same command, the same
 * shell, the same JSON rules, but with its own outcome kept and its process group ended at the
 * deadline (the SDK's provider neither bounds nor kills it).
 */
async function fromProcess(command: string, deadline: Deadline): Promise<ResolvedCredentials> {
  const outcome = await runCredentialProcess(command, deadline)
  if (outcome.ok)
    return { ok: true, via: 'sdk-chain', credentials: outcome.credentials, process: outcome }
  return {
    ok: false,
    reason: 'process-failed',
    detail: `the credential_process failed: ${outcome.detail}`,
    process: outcome
  }
}

/**
 * Asks IMDS ourselves rather than through the SDK's provider: the same requests, fallbacks and
 * timeouts (src/aws/imds.ts), with each answer kept for the report.
 */
async function fromImds(
  endpoint: string,
  v1Disabled: boolean,
  deadline: Deadline
): Promise<ResolvedCredentials> {
  const outcome = await fromInstanceMetadata({ endpoint, v1Disabled }, deadline)
  if (outcome.ok)
    return {
      ok: true,
      via: 'sdk-chain',
      credentials: outcome.credentials,
      imds: { endpoint, outcome }
    }
  return {
    ok: false,
    reason: 'provider-failed',
    detail: `the instance metadata service gave no credentials (${outcome.problem})`,
    imds: { endpoint, outcome }
  }
}

/**
 * Asks the container endpoint ourselves rather than through the SDK's provider: the same URL,
 * header and host rules (src/aws/container.ts), with its answer kept for the report.
 */
async function fromContainer(
  endpoint: NonNullable<Discovery['containerEndpoint']>,
  deadline: Deadline
): Promise<ResolvedCredentials> {
  const outcome = await fromContainerEndpoint(endpoint, deadline)
  if (outcome.ok)
    return { ok: true, via: 'sdk-chain', credentials: outcome.credentials, container: outcome }
  return {
    ok: false,
    reason: 'provider-failed',
    detail: `the container credentials endpoint gave no credentials (${outcome.problem})`,
    container: outcome
  }
}
