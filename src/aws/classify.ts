/**
 * Turns what STS answered into the finding that names its cause. Decisions are made on error
 * codes, HTTP status and measured facts (the server's clock, what other regions answered),
 * never on message text, but for the one `SignatureDoesNotMatch` whose fixed text says the
 * region is the problem, not the secret. Each finding carries its evidence and a ranked list of likely causes.
 */
import { finding } from '../findings.js'
import type { CallerIdentity, Finding } from '../model.js'
import {
  expiredCauses,
  invalidTokenCauses,
  isTlsCode,
  networkCauses,
  regionCauses,
  serviceCauses,
  signatureCauses,
  timeoutCauses,
  withCauses,
  type CredentialFacts
} from './causes.js'
import { isNothingThere, overrideUnreachable, type OverrideContext } from './endpoint-override.js'
import { isOptInRegion, PARTITION_NAMES, partitionOfRegion, type Partition } from './regions.js'
import type { AwsFailure } from './sts.js'
import { code } from '../report/markdown.js'

/** STS accepts requests signed up to fifteen minutes off its clock. */
export const STS_SKEW_LIMIT_MS = 15 * 60 * 1000
/** Beyond five minutes the clock is worth fixing even when the SDK hides it. */
export const SKEW_WARNING_MS = 5 * 60 * 1000

/** What GetCallerIdentity answered when signed for another region, after `InvalidClientTokenId`. */
export interface RegionProbe {
  readonly region: string
  readonly partition: Partition
  readonly endpoint: string
  readonly accepted: boolean
  /** The error code when the probe was refused or failed; undefined when it was accepted. */
  readonly code?: string
  readonly identity?: CallerIdentity
}

export interface ClassifyContext {
  readonly endpoint: string
  readonly region: string
  readonly source?: string
  /** Runner clock minus server clock, from the response `Date` header. */
  readonly clockSkewMs?: number
  readonly timeoutSeconds: number
  /** What discovery knew, for the ranked causes. */
  readonly facts?: CredentialFacts
  /** Probes of other regions made after `InvalidClientTokenId`. */
  readonly probes?: readonly RegionProbe[]
  /** The user's endpoint override the request went to, where one replaced STS's own. */
  readonly override?: OverrideContext
}

/** Codes that mean STS could not match the request to a key it knows. */
const UNKNOWN_KEY_CODES = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'IncompleteSignature',
  'MissingAuthenticationToken'
])
const CLOCK_CODES = new Set([
  'SignatureDoesNotMatch',
  'RequestExpired',
  'RequestTimeTooSkewed',
  'InvalidSignatureException'
])
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException'])
/** Codes that name the request's timestamp itself: the clock, whatever could be measured. */
const TIMESTAMP_CODES = new Set(['RequestExpired', 'RequestTimeTooSkewed'])

export function describeSkew(skewMs: number): string {
  const minutes = Math.round(Math.abs(skewMs) / 60000)
  const seconds = Math.round(Math.abs(skewMs) / 1000)
  const amount = minutes >= 2 ? `${minutes} minutes` : `${seconds} seconds`
  return `the runner's clock is ${amount} ${skewMs > 0 ? 'ahead of' : 'behind'} AWS's`
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}

function answered(failure: AwsFailure, context: ClassifyContext): string {
  const status = failure.httpStatus === undefined ? '' : `HTTP ${failure.httpStatus} `
  const id = failure.requestId === undefined ? '' : ` (request ID ${failure.requestId})`
  return `${context.endpoint} answered ${status}${code(failure.code)}${id}`
}

function sourced(context: ClassifyContext): { source?: string } {
  return context.source === undefined ? {} : { source: context.source }
}

/** Facts for the causes when the caller had none: only what the context itself says. */
function factsOf(context: ClassifyContext): CredentialFacts {
  return (
    context.facts ?? {
      hasSessionToken: false,
      resolvedBySdk: false,
      region: context.region,
      partition: partitionOfRegion(context.region),
      optInRegion: isOptInRegion(context.region),
      expectedAccountIds: [],
      endpoint: context.endpoint
    }
  )
}

function probeLine(probe: RegionProbe): string {
  const outcome = probe.accepted
    ? `accepted the key${probe.identity === undefined ? '' : ` (${code(probe.identity.arn)})`}`
    : probe.code === undefined
      ? 'gave no answer'
      : `answered ${code(probe.code)}`
  return `GetCallerIdentity signed for ${probe.region} at ${probe.endpoint} ${outcome}`
}

function evidenceOf(failure: AwsFailure, context: ClassifyContext): string[] {
  const facts = context.facts
  const lines = [
    `endpoint ${context.endpoint}`,
    ...(failure.kind === 'service' || failure.kind === 'unreadable'
      ? [answered(failure, context)]
      : [`error ${failure.code}`]),
    `region ${context.region} (${PARTITION_NAMES[partitionOfRegion(context.region)]}${isOptInRegion(context.region) ? ', opt-in' : ''})`
  ]
  if (facts?.maskedKeyId !== undefined && facts.maskedKeyId !== '')
    lines.push(
      `access key ${facts.maskedKeyId}${facts.keyPrefix === undefined ? '' : ` (${facts.keyPrefix})`}, ${facts.hasSessionToken ? 'with' : 'without'} a session token`
    )
  if (facts?.offlineAccountId !== undefined)
    lines.push(`account decoded from the key ID: ${facts.offlineAccountId}`)
  if (facts?.proxy !== undefined)
    lines.push(`through proxy ${facts.proxy.display} (${facts.proxy.variable})`)
  if (context.clockSkewMs !== undefined && context.clockSkewMs !== 0)
    lines.push(`clock: ${describeSkew(context.clockSkewMs)} (response Date header)`)
  for (const probe of context.probes ?? []) lines.push(probeLine(probe))
  lines.push(`attempts: ${failure.attempts}`)
  return lines
}

function networkWhat(failure: AwsFailure, context: ClassifyContext): string {
  const proxy = context.facts?.proxy
  if (proxy !== undefined && failure.proxyStage === 'tunnel')
    return `the proxy ${proxy.display} refused to open a connection to it (HTTP ${failure.proxyStatus ?? '?'})`
  if (proxy !== undefined && failure.proxyStage === 'connect')
    return `the proxy ${proxy.display} (from ${code(proxy.variable)}) could not be reached`
  if (failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN')
    return "the endpoint's name could not be resolved (DNS)"
  if (failure.code === 'ECONNREFUSED') return 'the connection was refused'
  if (isTlsCode(failure.code))
    return 'the TLS handshake failed (a proxy or appliance presenting its own certificate?)'
  if (failure.code === 'ECONNRESET' || failure.code === 'EPIPE')
    return 'the connection was closed before an answer came'
  return 'the connection failed'
}

function unknownKey(failure: AwsFailure, context: ClassifyContext, evidence: string[]): Finding {
  const facts = factsOf(context)
  const probes = context.probes ?? []
  const samePartition = probes.find(
    probe => probe.accepted && probe.partition === partitionOfRegion(context.region)
  )
  if (samePartition !== undefined) {
    return finding('region-not-enabled', {
      title: `The key works, but not in ${context.region}`,
      message: withCauses(
        `STS at ${context.endpoint} refused the credentials (${code(failure.code)}), while the same credentials signed for ${samePartition.region} were accepted: the key is valid, the region is not usable for it.`,
        regionCauses(facts, failure.code)
      ),
      remediation: `Enable ${code(context.region)} for the account (Account → AWS Regions, or \`aws account enable-region --region-name ${context.region}\`), or, for temporary credentials, obtain them from a regional STS endpoint; if the job does not need this region, set \`aws-region\` to one that is enabled.`,
      evidence,
      ...sourced(context)
    })
  }
  const otherPartition = probes.find(probe => probe.accepted)
  if (otherPartition !== undefined) {
    return finding('invalid-client-token-id', {
      title: `The access key belongs to ${PARTITION_NAMES[otherPartition.partition]}, not to the partition of ${context.region}`,
      message: withCauses(
        `STS at ${context.endpoint} does not know the key (${code(failure.code)}), but STS of ${PARTITION_NAMES[otherPartition.partition]} accepted it when signed for ${otherPartition.region}: keys exist in one partition only.`,
        [
          `The region ${code(context.region)} (from ${facts.regionOrigin ?? 'the configuration'}) is in ${PARTITION_NAMES[partitionOfRegion(context.region)]}, while the key was created in ${PARTITION_NAMES[otherPartition.partition]}.`
        ]
      ),
      remediation: `Set \`aws-region\` (or \`AWS_REGION\`) to a region of ${PARTITION_NAMES[otherPartition.partition]}, such as ${code(otherPartition.region)}, or use a key created in ${PARTITION_NAMES[partitionOfRegion(context.region)]}.`,
      evidence,
      ...sourced(context)
    })
  }
  const title =
    failure.code === 'IncompleteSignature'
      ? 'STS could not read the access key ID from the request'
      : undefined
  return finding('invalid-client-token-id', {
    ...(title === undefined ? {} : { title }),
    message: withCauses(
      `STS does not recognise ${facts.maskedKeyId === undefined || facts.maskedKeyId === '' ? 'the access key ID' : `the access key ID ${code(facts.maskedKeyId)}`}: ${answered(failure, context)}.`,
      invalidTokenCauses(facts)
    ),
    remediation:
      'Check that the key still exists and is active (IAM → Users → NAME → Security credentials, or `aws iam list-access-keys --user-name NAME`), that it belongs to this partition (aws, aws-cn, aws-us-gov) and that the secret holding it was not mistyped.',
    evidence,
    ...sourced(context)
  })
}

/**
 * STS's `SignatureDoesNotMatch` with "Credential should be scoped to a valid region": the
 * request was signed for a region the endpoint does not serve (a regional endpoint takes its
 * own region only, the global `sts.amazonaws.com` takes `us-east-1`), so the secret is fine.
 * Its message is the only thing that tells it from a wrong secret.
 */
function isRegionScope(failure: AwsFailure): boolean {
  return /Credential should be scoped to a valid region/iu.test(failure.message)
}

function regionScope(
  failure: AwsFailure,
  context: ClassifyContext,
  evidence: string[]
): Finding<'region-invalid'> {
  const override = context.override
  const where =
    override === undefined
      ? `${context.endpoint} does not serve it`
      : `${override.where} sends the request to ${code(override.override.url)}, an endpoint that does not serve it (a regional STS endpoint takes requests signed for its own region only)`
  return finding('region-invalid', {
    title: `STS refused the region ${context.region} the request was signed for`,
    message: `${capitalised(answered(failure, context))}: "Credential should be scoped to a valid region". The request was signed for ${code(context.region)}, and ${where}. The key and its secret are not the problem: every AWS tool of this job that signs for this region at this endpoint fails the same way.`,
    remediation:
      override === undefined
        ? `Set the region (\`AWS_REGION\`, or the \`aws-region\` input) to the region of the STS endpoint the job uses.`
        : `Set the region (\`AWS_REGION\`) to the region of the endpoint ${code(override.override.url)}, or point ${override.where} at ${code(`https://sts.${context.region}.amazonaws.com`)}, or remove it.`,
    evidence: [...evidence, `signed for region ${context.region}`],
    ...sourced(context)
  })
}

export function classifyStsFailure(failure: AwsFailure, context: ClassifyContext): Finding {
  // Nothing at all at an override (no such host, nothing listening) is the override's fault,
  // unless a proxy was the hop that failed. A server that is there and does not answer in time
  // or drops the connection may be a real STS endpoint having trouble: sts-timeout or
  // sts-unreachable, with the override among their causes.
  if (isNothingThere(failure) && context.override !== undefined)
    return overrideUnreachable(failure, context.override)
  const facts = factsOf(context)
  const evidence = evidenceOf(failure, context)
  if (failure.kind === 'timeout') {
    return finding('sts-timeout', {
      message: withCauses(
        `No answer from ${context.endpoint} within \`timeout-seconds\` (${context.timeoutSeconds} s)${facts.proxy === undefined ? '' : `, through the proxy ${facts.proxy.display}`}.`,
        timeoutCauses(facts)
      ),
      remediation:
        'Check that the runner can reach STS (a firewall or proxy that swallows the connection shows as this). Self-hosted runners behind a proxy need `HTTPS_PROXY`; private networks need the STS VPC endpoint and `AWS_ENDPOINT_URL_STS`. Raise `timeout-seconds` only if the network is known to be slow.',
      evidence: [...evidence, `waited ${context.timeoutSeconds} s`],
      ...sourced(context)
    })
  }
  if (failure.kind === 'network') {
    return finding('sts-unreachable', {
      message: withCauses(
        `STS at ${context.endpoint} could not be reached: ${networkWhat(failure, context)} (${code(failure.code)}).`,
        networkCauses(facts, failure.code, failure.proxyStage, failure.proxyStatus)
      ),
      remediation:
        "Check the runner's network: DNS, outbound HTTPS to the STS endpoint, `HTTPS_PROXY`/`NO_PROXY` on self-hosted runners, and any `AWS_ENDPOINT_URL_STS` or `AWS_ENDPOINT_URL` that points somewhere else.",
      evidence,
      ...sourced(context)
    })
  }
  const skew = context.clockSkewMs
  const measuredTooFar =
    skew !== undefined && Math.abs(skew) > STS_SKEW_LIMIT_MS && CLOCK_CODES.has(failure.code)
  if (measuredTooFar || TIMESTAMP_CODES.has(failure.code)) {
    const why =
      skew === undefined || skew === 0
        ? "the request's timestamp was outside the time STS accepts (its answer carried no usable `Date` header to measure the difference)"
        : describeSkew(skew)
    return finding('clock-skew', {
      severity: 'error',
      title: "The runner's clock is too far off for AWS to accept the request",
      message: `STS refused the request (${code(failure.code)}) because ${why}; STS rejects signatures more than 15 minutes off. The AWS SDK for JavaScript may retry with a corrected clock, but the AWS CLI will fail on this runner.`,
      remediation:
        "Synchronise the runner's clock (`timedatectl set-ntp true`, or `chronyc makestep` on self-hosted runners; a suspended VM or container often resumes with an old clock).",
      evidence,
      ...sourced(context)
    })
  }
  if (UNKNOWN_KEY_CODES.has(failure.code)) return unknownKey(failure, context, evidence)
  if (failure.code === 'RegionDisabledException') {
    return finding('region-not-enabled', {
      title: `STS is not activated in ${context.region} for this account`,
      message: withCauses(
        `${capitalised(answered(failure, context))}.`,
        regionCauses(facts, failure.code)
      ),
      remediation: `Activate STS in ${code(context.region)} (IAM → Account settings → Security Token Service → Endpoints), or use another region.`,
      evidence,
      ...sourced(context)
    })
  }
  if (failure.code === 'SignatureDoesNotMatch' && isRegionScope(failure))
    return regionScope(failure, context, evidence)
  if (failure.code === 'SignatureDoesNotMatch') {
    return finding('signature-mismatch', {
      message: withCauses(
        `STS knows the access key ID, but the request was signed with a different secret: ${answered(failure, context)}.`,
        signatureCauses(facts, skew)
      ),
      remediation:
        'Store the secret access key again, exactly as `aws iam create-access-key` printed it: no newline, no spaces, no quotes, and the secret that belongs to this key ID (secrets of two keys are easily mixed up during rotation).',
      evidence,
      ...sourced(context)
    })
  }
  if (EXPIRED_CODES.has(failure.code)) {
    return finding('expired-token', {
      message: withCauses(`The session token has expired: ${answered(failure, context)}.`, [
        ...expiredCauses(facts)
      ]),
      remediation:
        'Temporary credentials last from 15 minutes to 12 hours. Obtain fresh ones in the job itself (`aws-actions/configure-aws-credentials` with OIDC) instead of storing them as secrets, and run this check right after the step that obtains them.',
      evidence,
      ...sourced(context)
    })
  }
  return finding('sts-service-error', {
    message: withCauses(
      failure.kind === 'unreadable'
        ? `STS at ${context.endpoint} sent an answer that could not be read (${code(failure.code)}${failure.httpStatus === undefined ? '' : `, HTTP ${failure.httpStatus}`}), after ${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}.`
        : `STS failed to answer: ${answered(failure, context)}, after ${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}.`,
      serviceCauses(facts, failure.code, failure.httpStatus)
    ),
    remediation: failure.code.startsWith('Throttl')
      ? 'STS is throttling this account: spread out the jobs that call it (`strategy.max-parallel`), or retry later.'
      : 'This is usually temporary: re-run the job. If it persists, check the AWS Health Dashboard for STS in this region, and any proxy or endpoint override between the runner and AWS.',
    evidence,
    ...sourced(context)
  })
}

/** The warning for a skew STS still tolerates, measured on a successful answer. */
export function skewWarning(skewMs: number | undefined, endpoint: string): Finding[] {
  if (skewMs === undefined || Math.abs(skewMs) <= SKEW_WARNING_MS) return []
  return [
    finding('clock-skew', {
      message: `${capitalised(describeSkew(skewMs))} (measured against the \`Date\` header from ${endpoint}). The AWS SDK for JavaScript corrects this silently, but the AWS CLI does not, and STS refuses requests more than 15 minutes off.`,
      remediation:
        "Synchronise the runner's clock with NTP (`timedatectl set-ntp true`, or `chronyc makestep`).",
      evidence: [`skew ${Math.round(skewMs / 1000)} s`, `endpoint ${endpoint}`]
    })
  ]
}
