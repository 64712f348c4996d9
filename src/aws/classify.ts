/**
 * Turns what STS answered into the finding that names its cause. Decisions are made on error
 * codes, HTTP status and measured facts (the server's clock), never on message text.
 */
import { finding } from '../findings.js'
import type { Finding } from '../model.js'
import type { AwsFailure } from './sts.js'

/** STS accepts requests signed up to fifteen minutes off its clock. */
export const STS_SKEW_LIMIT_MS = 15 * 60 * 1000
/** Beyond five minutes the clock is worth fixing even when the SDK hides it. */
export const SKEW_WARNING_MS = 5 * 60 * 1000

export interface ClassifyContext {
  readonly endpoint: string
  readonly region: string
  readonly source?: string
  /** Runner clock minus server clock, from the response `Date` header. */
  readonly clockSkewMs?: number
  readonly timeoutSeconds: number
}

export function describeSkew(skewMs: number): string {
  const minutes = Math.round(Math.abs(skewMs) / 60000)
  const seconds = Math.round(Math.abs(skewMs) / 1000)
  const amount = minutes >= 2 ? `${minutes} minutes` : `${seconds} seconds`
  return `the runner's clock is ${amount} ${skewMs > 0 ? 'ahead of' : 'behind'} AWS's`
}

function answered(failure: AwsFailure, context: ClassifyContext): string {
  const status = failure.httpStatus === undefined ? '' : `HTTP ${failure.httpStatus} `
  const id = failure.requestId === undefined ? '' : ` (request ID ${failure.requestId})`
  return `${context.endpoint} answered ${status}\`${failure.code}\`${id}`
}

function sourced(context: ClassifyContext): { source?: string } {
  return context.source === undefined ? {} : { source: context.source }
}

export function classifyStsFailure(failure: AwsFailure, context: ClassifyContext): Finding {
  const evidence = [
    answered(failure, context),
    `region ${context.region}`,
    `attempts: ${failure.attempts}`
  ]
  if (failure.kind === 'timeout') {
    return finding('sts-timeout', {
      message: `No answer from ${context.endpoint} within \`timeout-seconds\` (${context.timeoutSeconds} s).`,
      remediation:
        'Check that the runner can reach STS (a firewall or proxy that swallows the connection shows as this). Self-hosted runners behind a proxy need `HTTPS_PROXY`; private networks need the STS VPC endpoint and `AWS_ENDPOINT_URL_STS`. Raise `timeout-seconds` only if the network is known to be slow.',
      evidence: [
        `endpoint ${context.endpoint}`,
        `region ${context.region}`,
        `waited ${context.timeoutSeconds} s`
      ],
      ...sourced(context)
    })
  }
  if (failure.kind === 'network') {
    const what =
      failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN'
        ? "the endpoint's name could not be resolved (DNS)"
        : failure.code === 'ECONNREFUSED'
          ? 'the connection was refused'
          : failure.code.startsWith('ERR_TLS') || failure.code.includes('CERT')
            ? 'the TLS handshake failed (a proxy or appliance presenting its own certificate?)'
            : 'the connection failed'
    return finding('sts-unreachable', {
      message: `STS at ${context.endpoint} could not be reached: ${what} (\`${failure.code}\`).`,
      remediation:
        "Check the runner's network: DNS, outbound HTTPS to the STS endpoint, `HTTPS_PROXY`/`NO_PROXY` on self-hosted runners, and any `AWS_ENDPOINT_URL_STS` or `AWS_ENDPOINT_URL` that points somewhere else.",
      evidence: [
        `endpoint ${context.endpoint}`,
        `error ${failure.code}`,
        `attempts: ${failure.attempts}`
      ],
      ...sourced(context)
    })
  }
  const skew = context.clockSkewMs
  if (
    skew !== undefined &&
    Math.abs(skew) > STS_SKEW_LIMIT_MS &&
    failure.code === 'SignatureDoesNotMatch'
  ) {
    return finding('clock-skew', {
      severity: 'error',
      title: "The runner's clock is too far off for AWS to accept the request",
      message: `STS refused the request because ${describeSkew(skew)} (measured against the \`Date\` header of its answer); STS rejects signatures more than 15 minutes off.`,
      remediation:
        "Synchronise the runner's clock (`timedatectl set-ntp true`, or `chronyc makestep` on self-hosted runners; a suspended VM or container often resumes with an old clock).",
      evidence,
      ...sourced(context)
    })
  }
  switch (failure.code) {
    case 'InvalidClientTokenId':
      return finding('invalid-client-token-id', {
        message: `STS does not recognise the access key ID: ${answered(failure, context)}.`,
        remediation:
          'Check that the key still exists and is active (IAM → Users → NAME → Security credentials, or `aws iam list-access-keys --user-name NAME`), that it belongs to this partition (aws, aws-cn, aws-us-gov) and that the secret holding it was not mistyped.',
        evidence,
        ...sourced(context)
      })
    case 'SignatureDoesNotMatch':
      return finding('signature-mismatch', {
        message: `STS knows the access key ID, but the request was signed with a different secret: ${answered(failure, context)}.`,
        remediation:
          'Store the secret access key again, exactly as `aws iam create-access-key` printed it: no newline, no spaces, no quotes, and the secret that belongs to this key ID (secrets of two keys are easily mixed up during rotation).',
        evidence,
        ...sourced(context)
      })
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'RequestExpired':
      return finding('expired-token', {
        message: `The session token has expired: ${answered(failure, context)}.`,
        remediation:
          'Temporary credentials last from 15 minutes to 12 hours. Obtain fresh ones in the job itself (`aws-actions/configure-aws-credentials` with OIDC) instead of storing them as secrets, and run this check right after the step that obtains them.',
        evidence,
        ...sourced(context)
      })
  }
  return finding('sts-service-error', {
    message:
      failure.kind === 'unreadable'
        ? `STS at ${context.endpoint} sent an answer that could not be read (\`${failure.code}\`).`
        : `STS failed to answer: ${answered(failure, context)}.`,
    remediation: failure.code.startsWith('Throttl')
      ? 'STS is throttling this account: spread out the jobs that call it, or retry later.'
      : 'This is usually temporary: re-run the job. If it persists, check the AWS Health Dashboard for STS in this region, and any proxy between the runner and AWS.',
    evidence,
    ...sourced(context)
  })
}

export function skewWarning(skewMs: number | undefined, endpoint: string): Finding[] {
  if (skewMs === undefined || Math.abs(skewMs) <= SKEW_WARNING_MS) return []
  return [
    finding('clock-skew', {
      message: `${describeSkew(skewMs)[0]?.toUpperCase() ?? ''}${describeSkew(skewMs).slice(1)} (measured against the \`Date\` header from ${endpoint}). The AWS SDK for JavaScript corrects this silently, but the AWS CLI does not, and STS refuses requests more than 15 minutes off.`,
      remediation:
        "Synchronise the runner's clock with NTP (`timedatectl set-ntp true`, or `chronyc makestep`).",
      evidence: [`skew ${Math.round(skewMs / 1000)} s`]
    })
  ]
}
