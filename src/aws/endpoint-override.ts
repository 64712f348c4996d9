/**
 * An endpoint override (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, a config file's
 * `endpoint_url`) that sends the requests where nothing answers: often left over from an
 * earlier step that ran a local emulator, or from a private network the job no longer runs in.
 * What the tools do was measured with `@aws-sdk/client-sts` 3.1177.0 and aws-cli 1.45.11
 * (botocore 1.43.11) against loopback:
 *
 * - `not-a-url`, `127.0.0.1:9`: the JS SDK throws `TypeError: Invalid URL` (`ERR_INVALID_URL`)
 *   when the request is sent, the AWS CLI stops with `Invalid endpoint: not-a-url`;
 * - `localhost:4566` (a scheme `localhost:` and no host): the JS SDK sends the request wherever
 *   it makes an address of it, the AWS CLI stops with `Invalid endpoint: localhost:4566`;
 * - `ftp://127.0.0.1:9`: the JS SDK speaks HTTP to that port anyway, the AWS CLI stops with
 *   `An HTTP Client raised an unhandled exception: Not supported URL scheme ftp`;
 * - a closed port: `ECONNREFUSED` for the SDK, `Could not connect to the endpoint URL:
 *   "http://127.0.0.1:9/"` for the CLI; `http://nonexistent.invalid`: `ENOTFOUND` (in 0.2 s
 *   here), and the same CLI message.
 *
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` makes both ignore every override.
 */
import { finding } from '../findings.js'
import type { EndpointOverride, Finding } from '../model.js'
import type { EndpointProblem } from '../checks/facts.js'
import { code } from '../report/markdown.js'
import { endpointProblemWords, overrideRemediation } from '../report/words/endpoint-override.js'
import type { AwsFailure } from './sts.js'

/** Why the tools refuse the URL before sending anything, or undefined for an http(s) URL. */
export function endpointProblem(url: string): EndpointProblem | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { kind: 'not-a-url' }
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { kind: 'scheme', scheme: parsed.protocol.slice(0, -1), hasHost: parsed.host !== '' }
  return undefined
}

/** Why the tools refuse the URL before sending anything, in words, or undefined for an http(s) URL. */
export function malformedEndpoint(url: string): string | undefined {
  const problem = endpointProblem(url)
  return problem === undefined ? undefined : endpointProblemWords(problem)
}

/** What stood in the way, in words: the two ways of there being nothing at the address. */
function whatAnswered(failure: AwsFailure): string {
  if (failure.code === 'ECONNREFUSED') return 'the connection was refused: nothing listens there'
  return 'its host name does not resolve (DNS)'
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`
}

export interface OverrideContext {
  readonly override: EndpointOverride
  /** Where it was set, in words (`environment variable AWS_ENDPOINT_URL_STS`). */
  readonly where: string
  /** How long the request took to fail, over every attempt. */
  readonly elapsedMs?: number
  readonly source?: string
  /** The service the override replaces; STS unless said. */
  readonly service?: 'STS' | 'IAM'
}

/** Nothing at all at the address (no such host, nothing listening), not a proxy's refusal. */
export function isNothingThere(failure: AwsFailure): boolean {
  return (
    failure.kind === 'network' &&
    failure.proxyStage === undefined &&
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(failure.code)
  )
}

/** The consequence, per service: every STS call of the job fails; IAM only stops the look-ups. */
function consequence(service: 'STS' | 'IAM'): string {
  return service === 'STS'
    ? 'Every AWS tool in this job that reads the override (the AWS SDKs and the AWS CLI) fails the same way.'
    : "Every IAM call of this job that reads the override (the AWS SDKs' and the AWS CLI's) fails the same way, so this step's IAM look-ups were not made. The credentials and STS are not affected: this does not fail the step."
}

/**
 * STS (or IAM) could not be reached because the override sends the request where nothing
 * answers. For IAM it is a notice: IAM is optional for the job, and a gate never fails on it.
 */
export function overrideUnreachable(
  failure: AwsFailure,
  context: OverrideContext
): Finding<'endpoint-override-unreachable'> {
  const { override, where } = context
  const service = context.service ?? 'STS'
  const took = context.elapsedMs === undefined ? '' : `, after ${seconds(context.elapsedMs)}`
  const attempts = `${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}`
  return finding('endpoint-override-unreachable', {
    ...(service === 'IAM' ? { severity: 'notice' as const } : {}),
    title: `${code(override.variable)} sends ${service} requests to ${code(override.url)}, where nothing answers`,
    message: `${service} was not called at its own endpoint: ${where} sets the endpoint to ${code(override.url)}, and there ${whatAnswered(failure)} (${code(failure.code)}, ${attempts}${took}). ${consequence(service)}`,
    remediation: overrideRemediation(override, where),
    evidence: [`${where}: ${override.url}`, `error ${failure.code}, ${attempts}${took}`],
    ...(context.source === undefined ? {} : { source: context.source }),
    origin: override.origin
  })
}
