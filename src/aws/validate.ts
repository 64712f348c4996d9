/**
 * The remote phase: what AWS says about the credentials. STS GetCallerIdentity first, with
 * probes of other regions where its `InvalidClientTokenId` is ambiguous, then the IAM look-ups
 * and the `required-actions` simulation side by side. Runs inside the `timeout-seconds` budget
 * and reports every outcome as findings and check results, never as an exception.
 */
import { describeOrigin } from '../checks/check.js'
import { giveCredentials } from '../checks/no-credentials.js'
import { finding } from '../findings.js'
import {
  PROVIDER_CHECK,
  sourcesInUse,
  type CallerIdentity,
  type CheckResult,
  type Discovery,
  type Finding,
  type RemoteResult
} from '../model.js'
import { maskAccessKeyId } from '../redact.js'
import type { Settings } from '../settings.js'
import type { CredentialFacts } from './causes.js'
import { chainRefusedFinding } from '../report/chain-refusal.js'
import { explainRoleRefusal } from '../report/role-refusal.js'
import { credentialSourceGap, credentialSourceProfile, fallThroughOf } from './credential-source.js'
import { fallThroughFindings } from '../report/fall-through.js'
import { isNothingThere, malformedEndpoint, overrideUnreachable } from './endpoint-override.js'
import { validatedFor } from '../report/validated-for.js'
import {
  classifyStsFailure,
  skewWarning,
  type ClassifyContext,
  type RegionProbe
} from './classify.js'
import { resolveCredentials, type ResolvedCredentials } from './credentials.js'
import { credentialProcessFinding } from '../report/process-finding.js'
import { describeRun, type ProcessOutcome } from './credential-process.js'
import { describeExchange, type ImdsExchange } from './imds.js'
import { imdsFallbackFinding, instanceMetadataFinding } from './imds-finding.js'
import { containerFallbackFinding, containerFinding } from '../report/container-finding.js'
import { portalCheck, ssoPortalFinding } from '../report/sso-portal.js'
import { displayUrl } from './container.js'
import { Deadline } from './deadline.js'
import { clockSkewMs } from './http.js'
import { iamRoute, stsRoute } from './endpoints.js'
import type { IamConnection, IamOutcome } from './iam.js'
import { inspectIam } from '../report/iam.js'
import {
  HOME_REGION,
  isAcceptedRegion,
  isOptInRegion,
  partitionOfArn,
  partitionOfRegion,
  regionalStsEndpoint,
  type Partition
} from './regions.js'
import type { SimulationOutcome } from './simulate.js'
import { checkRequiredActions } from '../report/simulate.js'
import {
  getCallerIdentity,
  type AwsCredentials,
  type AwsFailure,
  type EndpointConfig
} from './sts.js'
import { escapeText } from '../report/markdown.js'

export interface RemoteOptions {
  readonly deadline: Deadline
  /** Called with every secret value learned here (e.g. from the SDK chain) before it is used. */
  readonly onSecret: (value: string) => void
}

/**
 * Probes answer one question each (is it the region? the partition?) and must not delay the
 * verdict much: an authentication failure is reported within about a second. A probe that
 * cannot answer in this time (another partition across the world) simply tells nothing.
 */
const PROBE_BUDGET_MS = 700

const STS_CHECK = 'STS GetCallerIdentity'

type Network = Discovery['network']

/** GetCallerIdentity's endpoint and proxy, signed for `region`. */
export function stsEndpoint(network: Network, region: string): EndpointConfig {
  const route = stsRoute(network, region)
  return {
    region,
    ...(route.override === undefined ? {} : { endpoint: route.override.url }),
    ...(route.proxy === undefined ? {} : { proxy: route.proxy })
  }
}

export function describeEndpoint(config: EndpointConfig): string {
  return config.endpoint ?? regionalStsEndpoint(config.region)
}

function credentialFacts(
  discovery: Discovery,
  settings: Settings,
  credentials: AwsCredentials,
  resolvedBySdk: boolean,
  config: EndpointConfig
): CredentialFacts {
  const override = discovery.network.endpoints.sts
  const selected = discovery.selected
  return {
    keyPrefix: credentials.accessKeyId.slice(0, 4),
    maskedKeyId: maskAccessKeyId(credentials.accessKeyId),
    hasSessionToken: credentials.sessionToken !== undefined,
    ...(selected === undefined ? {} : { sourceKind: selected.kind, sourceLabel: selected.label }),
    resolvedBySdk,
    region: config.region,
    regionOrigin: describeOrigin(discovery.region.origin),
    partition: partitionOfRegion(config.region),
    optInRegion: isOptInRegion(config.region),
    ...(discovery.offlineAccountId === undefined
      ? {}
      : { offlineAccountId: discovery.offlineAccountId }),
    expectedAccountIds: settings.expectedAccountIds,
    endpoint: describeEndpoint(config),
    ...(override === undefined ? {} : { endpointVariable: override.variable }),
    ...(config.proxy === undefined ? {} : { proxy: config.proxy }),
    ...(selected?.tokenFile === undefined
      ? {}
      : {
          tokenFile: {
            path: selected.tokenFile.path,
            state: selected.tokenFile.state,
            ...(selected.tokenFile.expiresAt === undefined
              ? {}
              : { expiresAt: selected.tokenFile.expiresAt })
          }
        })
  }
}

/** Codes for which another region or partition could tell the causes apart. */
const AMBIGUOUS_CODES = new Set(['InvalidClientTokenId', 'UnrecognizedClientException'])

/**
 * Regions to sign a second GetCallerIdentity for: `us-east-1` for an opt-in region (does the
 * key work where every account is enabled?), and the home region of each other partition (is it
 * a key of another partition?), unless `cross-partition-probes` is false: a regulated
 * environment may forbid any request to another partition's endpoints. None where an offline
 * fact already explains the answer.
 */
export function probeRegions(facts: CredentialFacts, crossPartition = true): string[] {
  if (tokenMismatch(facts)) return []
  const regions: string[] = []
  if (facts.partition === 'aws' && facts.optInRegion) regions.push(HOME_REGION.aws)
  if (!crossPartition) return regions
  for (const partition of Object.keys(HOME_REGION) as Partition[])
    if (partition !== facts.partition) regions.push(HOME_REGION[partition])
  return regions
}

/** A temporary key without its session token, or a long-term key with one: explained offline. */
function tokenMismatch(facts: CredentialFacts): boolean {
  if (facts.keyPrefix === 'ASIA') return !facts.hasSessionToken
  return facts.keyPrefix === 'AKIA' && facts.hasSessionToken
}

async function probe(
  region: string,
  credentials: AwsCredentials,
  network: Network,
  deadline: Deadline
): Promise<RegionProbe> {
  // The same endpoint override (or the region's own endpoint), signed for `region`.
  const config = stsEndpoint(network, region)
  const outcome = await getCallerIdentity(config, credentials, deadline, { retry: false })
  return {
    region,
    partition: partitionOfRegion(region),
    endpoint: describeEndpoint(config),
    accepted: outcome.ok,
    ...(outcome.ok ? { identity: outcome.identity } : {}),
    ...(outcome.ok || outcome.failure.kind === 'timeout' || outcome.failure.kind === 'network'
      ? {}
      : { code: outcome.failure.code })
  }
}

interface StsVerdict {
  readonly identity?: CallerIdentity
  readonly clockOffsetMs?: number
  readonly findings: Finding[]
  readonly checks: CheckResult[]
}

/** GetCallerIdentity, and where it fails, what else can be learned about why. */
async function verifyIdentity(
  discovery: Discovery,
  settings: Settings,
  credentials: AwsCredentials,
  facts: CredentialFacts,
  config: EndpointConfig,
  deadline: Deadline
): Promise<StsVerdict> {
  const endpoint = describeEndpoint(config)
  const started = Date.now()
  const outcome = await getCallerIdentity(config, credentials, deadline)
  const elapsedMs = Date.now() - started
  const skew = clockSkewMs(outcome.response)
  if (outcome.ok) {
    return {
      identity: outcome.identity,
      findings: skewWarning(skew, endpoint),
      checks: [{ name: STS_CHECK, outcome: 'pass', detail: `${endpoint}: ${outcome.identity.arn}` }]
    }
  }
  const failure = outcome.failure
  const checks: CheckResult[] = [
    { name: STS_CHECK, outcome: 'fail', detail: `${endpoint} (${config.region}): ${failure.code}` }
  ]
  const probes = AMBIGUOUS_CODES.has(failure.code)
    ? await probeAll(credentials, facts, discovery.network, deadline, settings.crossPartitionProbes)
    : []
  checks.push(...probes.map(probeCheck))
  const context: ClassifyContext = {
    endpoint,
    region: config.region,
    ...sourceOf(discovery),
    timeoutSeconds: settings.timeoutSeconds,
    facts,
    ...overrideOf(discovery, elapsedMs)
  }
  const classified = classifyStsFailure(failure, {
    ...context,
    ...(skew === undefined ? {} : { clockSkewMs: skew }),
    probes
  })
  const findings = [classified]
  if (classified.id !== 'clock-skew') findings.push(...skewWarning(skew, endpoint))
  const accepted = acceptedInPartition(probes, config.region)
  if (classified.id === 'region-not-enabled' && accepted !== undefined)
    return { identity: accepted, findings, checks }
  if (classified.id === 'clock-skew' && skew !== undefined)
    return onServerClock(context, config, credentials, skew, deadline, { findings, checks })
  return { findings, checks }
}

function overrideOf(discovery: Discovery, elapsedMs: number): Pick<ClassifyContext, 'override'> {
  const override = discovery.network.endpoints.sts
  if (override === undefined) return {}
  const where = describeOrigin(override.origin)
  return { override: { override, where, elapsedMs, ...sourceOf(discovery) } }
}

function sourceOf(discovery: Discovery): { source?: string } {
  const source = discovery.selected?.label
  return source === undefined ? {} : { source }
}

/**
 * A key that works in another region of the same partition is a good key: its identity is
 * worth reporting and gating on.
 */
function acceptedInPartition(
  probes: readonly RegionProbe[],
  region: string
): CallerIdentity | undefined {
  return probes.find(item => item.accepted && item.partition === partitionOfRegion(region))
    ?.identity
}

function probeCheck(item: RegionProbe): CheckResult {
  return {
    name: `${STS_CHECK} signed for ${item.region}`,
    outcome: item.accepted ? 'pass' : 'info',
    detail: item.accepted ? `accepted: ${item.identity?.arn ?? ''}` : (item.code ?? 'no answer')
  }
}

/** The verdict of a clock-skew refusal, completed by the answer on AWS's clock. */
async function onServerClock(
  context: ClassifyContext,
  config: EndpointConfig,
  credentials: AwsCredentials,
  skew: number,
  deadline: Deadline,
  { findings, checks }: { findings: Finding[]; checks: CheckResult[] }
): Promise<StsVerdict> {
  const corrected = await retryOnServerClock(config, credentials, skew, deadline)
  checks.push(corrected.check)
  if (corrected.identity !== undefined)
    return { identity: corrected.identity, clockOffsetMs: -skew, findings, checks }
  // On AWS's clock the answer is about the credentials themselves (a wrong secret, say).
  if (corrected.failure !== undefined) findings.push(classifyStsFailure(corrected.failure, context))
  return { findings, checks }
}

async function probeAll(
  credentials: AwsCredentials,
  facts: CredentialFacts,
  network: Network,
  deadline: Deadline,
  crossPartition: boolean
): Promise<RegionProbe[]> {
  const regions = probeRegions(facts, crossPartition)
  if (regions.length === 0) return []
  const budget = deadline.within(PROBE_BUDGET_MS)
  return Promise.all(regions.map(region => probe(region, credentials, network, budget)))
}

/**
 * STS refused the request on the runner's clock. Signed again on the server's clock (as the
 * JS SDK would after its own correction), the answer tells whether the credentials are good
 * apart from that.
 */
async function retryOnServerClock(
  config: EndpointConfig,
  credentials: AwsCredentials,
  skewMs: number,
  deadline: Deadline
): Promise<{ identity?: CallerIdentity; failure?: AwsFailure; check: CheckResult }> {
  const outcome = await getCallerIdentity(
    { ...config, clockOffsetMs: -skewMs },
    credentials,
    deadline,
    { retry: false }
  )
  const name = `${STS_CHECK} on AWS's clock`
  return outcome.ok
    ? {
        identity: outcome.identity,
        check: { name, outcome: 'pass', detail: `accepted: ${outcome.identity.arn}` }
      }
    : { failure: outcome.failure, check: { name, outcome: 'fail', detail: outcome.failure.code } }
}

/** One notice for every IAM look-up that gave nothing, whatever the reasons. */
function iamSkippedNotice(reasons: readonly string[]): Finding[] {
  if (reasons.length === 0) return []
  const denied = reasons.some(reason => reason.includes('denied'))
  return [
    finding('iam-check-skipped', {
      message: `Some IAM checks were not made: ${reasons.join('; ')}. This does not fail the step; the STS verdict above stands.`,
      remediation: denied
        ? 'To get key status, age and last use, allow the identity `iam:GetUser`, `iam:ListAccessKeys` and `iam:GetAccessKeyLastUsed` on itself (and `iam:SimulatePrincipalPolicy` for `required-actions`), or set `check-iam: false` to skip the look-ups.'
        : 'Nothing to do for role sessions; set `check-iam: false` to skip the look-ups altogether.',
      evidence: [...reasons]
    })
  ]
}

function iamConnection(
  discovery: Discovery,
  identity: CallerIdentity,
  credentials: AwsCredentials,
  clockOffsetMs: number | undefined
): IamConnection {
  const route = iamRoute(discovery.network, partitionOfArn(identity.arn))
  return {
    identity,
    credentials,
    ...(route.override === undefined ? {} : { endpoint: route.override.url }),
    ...(route.proxy === undefined ? {} : { proxy: route.proxy }),
    ...(clockOffsetMs === undefined ? {} : { clockOffsetMs })
  }
}

const NOTHING: IamOutcome & SimulationOutcome = { findings: [], checks: [], skipped: [] }

/** Each request to the instance metadata service: what was asked, what answered, how long. */
function imdsChecks(
  exchanges: readonly ImdsExchange[],
  name = 'EC2 instance metadata'
): CheckResult[] {
  return exchanges.map(exchange => ({
    name,
    outcome:
      exchange.outcome === 'answered' && (exchange.status ?? 400) < 300
        ? ('pass' as const)
        : ('info' as const),
    detail: describeExchange(exchange)
  }))
}

const CONTAINER_CHECK = PROVIDER_CHECK.container ?? 'Container credentials endpoint'

/** What the `credential_process` did: its exit status, output sizes and time, never its output. */
function processCheck(outcome: ProcessOutcome): CheckResult {
  return {
    name: PROVIDER_CHECK.process ?? 'credential_process',
    outcome: outcome.ok ? 'pass' : 'info',
    detail: describeRun(outcome.run)
  }
}

/** The endpoint's URL as displayed: without user information or query. */
function containerDisplay(url: string): string {
  try {
    return displayUrl(new URL(url))
  } catch {
    return 'a value that is not a URL'
  }
}

/**
 * A later source's failure, where the JS SDK only asked it because it passed its profile over:
 * the profile is the cause, the source's answer secondary (src/report/fall-through.ts).
 */
function afterProfile(discovery: Discovery, provider: Finding): Finding[] {
  const fall = fallThroughOf(discovery)
  return fall === undefined ? [provider] : fallThroughFindings(discovery, fall, provider)
}

/** What a run whose credentials could not be resolved reports: why, and that STS was not called. */
function unresolved(
  discovery: Discovery,
  resolved: Extract<ResolvedCredentials, { ok: false }>,
  roleRefusal: Finding | undefined
): RemoteResult {
  const checks: CheckResult[] = []
  const findings: Finding[] = []
  // Where discovery found no source at all, the offline check (src/checks/no-credentials.ts)
  // reports it; here only what discovery could not foresee: a source that looked usable (an
  // instance role, a container endpoint, SSO, a process) and gave the SDK nothing.
  const selected = discovery.selected
  const nothingFound =
    resolved.reason === 'none' && selected !== undefined && selected.credentials === undefined
  // A role profile's credential_source with nothing to read here says which variables (where
  // it is still the source in use: discovery passes such a profile over, and the offline
  // checks name it then).
  const gap =
    nothingFound && credentialSourceProfile(discovery) === selected
      ? credentialSourceGap(discovery)
      : undefined
  if (gap !== undefined) {
    findings.push(
      finding('no-credentials', { ...gap, source: selected?.label, evidence: [...gap.evidence] })
    )
  } else if (nothingFound) {
    findings.push(
      finding('no-credentials', {
        source: selected.label,
        message: `The AWS SDK found no credentials: the ${escapeText(selected.label)} that this runner seemed to offer gave none, and no other source is configured. The SDK reports "Could not load credentials from any providers".`,
        remediation: giveCredentials(discovery.github),
        evidence: [resolved.detail]
      })
    )
  }
  // A chain that failed or ran out of time checked nothing, which is no pass. A web identity
  // token file that is missing, unreadable, empty, not a JWT or expired is already reported
  // offline (web-identity-token-invalid), and more precisely.
  const tokenFileExplains = sourcesInUse(discovery).some(
    source => source.tokenFile !== undefined && source.tokenFile.state !== 'valid'
  )
  if (resolved.process !== undefined) {
    findings.push(credentialProcessFinding(resolved.process, selected))
    checks.push(processCheck(resolved.process))
  } else if (resolved.container !== undefined && discovery.containerEndpoint !== undefined) {
    findings.push(
      ...afterProfile(
        discovery,
        containerFinding(
          resolved.container,
          discovery.containerEndpoint,
          containerDisplay(discovery.containerEndpoint.url),
          selected
        )
      )
    )
    checks.push(...imdsChecks(resolved.container.exchanges, CONTAINER_CHECK))
  } else if (resolved.imds !== undefined) {
    findings.push(
      ...afterProfile(
        discovery,
        instanceMetadataFinding(resolved.imds.outcome, resolved.imds.endpoint, selected)
      )
    )
    checks.push(...imdsChecks(resolved.imds.outcome.exchanges))
  } else if (resolved.portal !== undefined) {
    findings.push(ssoPortalFinding(resolved.portal, selected, discovery.sources))
    checks.push(portalCheck(resolved.portal, selected, discovery.sources))
  } else if (resolved.awsCode !== undefined && !tokenFileExplains) {
    // AWS answered a call the chain made (a profile's AssumeRole): say what it refused.
    findings.push(roleRefusal ?? chainRefusedFinding(resolved.awsCode, resolved.detail, selected))
  } else if (
    (resolved.reason === 'timeout' || resolved.reason === 'chain-error') &&
    !tokenFileExplains
  ) {
    findings.push(
      finding('no-credentials', {
        title:
          resolved.reason === 'timeout'
            ? 'The credentials could not be obtained in time'
            : 'The credentials could not be obtained',
        ...(selected === undefined ? {} : { source: selected.label }),
        message: `The AWS SDK did not get credentials from ${selected === undefined ? 'any source' : `the ${escapeText(selected.label)}`}: ${resolved.detail}. Nothing could be checked with STS.`,
        remediation:
          resolved.reason === 'timeout'
            ? 'Run the credential source by hand on the runner: a `credential_process` must print its JSON and exit, and an SSO cache, a container or an instance metadata endpoint must answer within seconds. Raise `timeout-seconds` only if it is known to be slow.'
            : 'Check what the SDK reads: the shared credentials and config files must be regular files (not pipes or devices), and any `credential_process` must run.',
        evidence: [resolved.detail]
      })
    )
  }
  checks.push({ name: STS_CHECK, outcome: 'skip', detail: `not called: ${resolved.detail}` })
  // The `credential-source` output is `none` when the source discovery expected gave nothing.
  return { checks, findings, ...(nothingFound ? { credentialSource: 'none' as const } : {}) }
}

/** The profile the SDK is to be given by name; `default` is what it takes without one. */
function namedProfile(discovery: Discovery, settings: Settings): string | undefined {
  const profile = settings.profile ?? discovery.profile.name
  return profile === 'default' ? undefined : profile
}

export async function validateRemote(
  discovery: Discovery,
  settings: Settings,
  options: RemoteOptions
): Promise<RemoteResult> {
  const checks: CheckResult[] = []
  const findings: Finding[] = []
  const { deadline } = options
  const resolved = await resolveCredentials(discovery, namedProfile(discovery, settings), deadline)
  if (!resolved.ok) {
    const roleRefusal = await explainRoleRefusal(discovery, resolved.assumeRoles, {
      checkIam: settings.checkIam,
      deadline,
      onSecret: options.onSecret
    })
    return unresolved(discovery, resolved, roleRefusal)
  }
  const { credentials } = resolved
  options.onSecret(credentials.secretAccessKey)
  if (credentials.sessionToken !== undefined) options.onSecret(credentials.sessionToken)
  if (resolved.process !== undefined) checks.push(processCheck(resolved.process))
  // An SSO profile in use whose credentials came back: the portal gave them.
  if (discovery.selected?.kind === 'sso')
    checks.push(portalCheck(undefined, discovery.selected, discovery.sources))
  if (resolved.container !== undefined)
    checks.push(...imdsChecks(resolved.container.exchanges, CONTAINER_CHECK))
  if (resolved.container?.ok === true && discovery.containerEndpoint !== undefined)
    findings.push(
      ...containerFallbackFinding(
        resolved.container,
        discovery.containerEndpoint,
        containerDisplay(discovery.containerEndpoint.url),
        discovery.selected
      )
    )
  const { imds } = resolved
  if (imds?.outcome.ok === true) {
    checks.push(...imdsChecks(imds.outcome.exchanges))
    findings.push(...imdsFallbackFinding(imds.outcome, imds.endpoint, discovery.selected))
  }

  const config = stsEndpoint(discovery.network, discovery.region.value)
  // The SDK would refuse the region before sending anything (the offline `region-invalid`
  // says so): a call would only come back as an unreadable answer, retried for nothing.
  if (!isAcceptedRegion(config.region)) {
    checks.push({
      name: STS_CHECK,
      outcome: 'skip',
      detail: 'not called: the region is not a valid region name'
    })
    return { checks, findings, accessKeyId: credentials.accessKeyId }
  }
  // Nor would it send anything to an override that is no http(s) URL (the offline
  // `endpoint-override-unreachable` says so).
  if (config.endpoint !== undefined && malformedEndpoint(config.endpoint) !== undefined) {
    checks.push({
      name: STS_CHECK,
      outcome: 'skip',
      detail: 'not called: the endpoint override is not an http(s) URL'
    })
    return { checks, findings, accessKeyId: credentials.accessKeyId }
  }
  const facts = credentialFacts(
    discovery,
    settings,
    credentials,
    resolved.via === 'sdk-chain',
    config
  )
  const sts = await verifyIdentity(discovery, settings, credentials, facts, config, deadline)
  findings.push(...sts.findings)
  checks.push(...sts.checks)
  const whose = validatedFor(discovery)
  if (whose !== undefined) checks.push(whose)
  const identity = sts.identity
  if (identity === undefined) return { checks, findings, accessKeyId: credentials.accessKeyId }

  const connection = iamConnection(discovery, identity, credentials, sts.clockOffsetMs)
  const iam = await inspectAccount(discovery, connection, settings, sts.clockOffsetMs, deadline)
  checks.push(...iam.checks)
  findings.push(...iam.findings)
  return {
    identity,
    checks,
    findings,
    accessKeyId: credentials.accessKeyId,
    ...(settings.requiredActions.length > 0 ? { permissionsChecked: true } : {}),
    ...(iam.keyAgeDays === undefined ? {} : { keyAgeDays: iam.keyAgeDays })
  }
}

/**
 * `AWS_ENDPOINT_URL_IAM` (or `AWS_ENDPOINT_URL`, or a config file's `endpoint_url`) where
 * nothing answers: named as the override's fault, as a notice (IAM is optional for the job).
 */
function iamOverrideUnreachable(discovery: Discovery, failures: readonly AwsFailure[]): Finding[] {
  const override = discovery.network.endpoints.iam
  const failure = failures.find(isNothingThere)
  if (override === undefined || failure === undefined) return []
  const where = describeOrigin(override.origin)
  return [overrideUnreachable(failure, { override, where, service: 'IAM', ...sourceOf(discovery) })]
}

/** The IAM look-ups and the permission simulation, each where the settings ask for it. */
async function inspectAccount(
  discovery: Discovery,
  connection: IamConnection,
  settings: Settings,
  clockOffsetMs: number | undefined,
  deadline: Deadline
): Promise<{ checks: CheckResult[]; findings: Finding[]; keyAgeDays?: number }> {
  const { accessKeyId } = connection.credentials
  const [iam, simulation] = await Promise.all([
    settings.checkIam
      ? inspectIam(
          connection,
          {
            accessKeyId,
            maskedKeyId: maskAccessKeyId(accessKeyId),
            maxKeyAgeDays: settings.maxKeyAgeDays,
            now: Date.now() + (clockOffsetMs ?? 0)
          },
          deadline
        )
      : NOTHING,
    settings.requiredActions.length > 0
      ? checkRequiredActions(connection, settings.requiredActions, deadline)
      : NOTHING
  ])
  const checks: CheckResult[] = settings.checkIam
    ? []
    : [{ name: 'IAM user and key', outcome: 'skip', detail: '`check-iam` is false' }]
  const unreachable = iamOverrideUnreachable(discovery, iam.failures ?? [])
  // The override finding says why IAM could not be reached; the notice keeps the other reasons.
  const skipped = [...iam.skipped, ...simulation.skipped].filter(
    reason => unreachable.length === 0 || !reason.includes('could not reach IAM')
  )
  return {
    checks: [...checks, ...iam.checks, ...simulation.checks],
    findings: [
      ...iam.findings,
      ...simulation.findings,
      ...unreachable,
      ...iamSkippedNotice(skipped)
    ],
    ...(iam.keyAgeDays === undefined ? {} : { keyAgeDays: iam.keyAgeDays })
  }
}

export { Deadline }
