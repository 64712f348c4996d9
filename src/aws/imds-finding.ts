/**
 * The finding for an EC2 instance metadata service that gave no credentials (or gave them only
 * through IMDSv1), built from what each request answered (src/aws/imds.ts): what was asked,
 * the HTTP status or the lack of an answer, and how long it took. Never the credentials.
 */
import { finding } from '../findings.js'
import type { CredentialSource, Finding } from '../model.js'
import { describeExchange, IMDS_TIMEOUT_MS, type ImdsOutcome, type ImdsProblem } from './imds.js'
import { code } from '../report/markdown.js'

const HOP_LIMIT_FIX =
  "Let the token's answer reach the container: `aws ec2 modify-instance-metadata-options --instance-id i-… --http-put-response-hop-limit 2 --http-endpoint enabled` (or `HttpPutResponseHopLimit: 2` in the launch template). With hop limit 1, the answer to IMDSv2's `PUT` dies one hop short of a Docker container, while `GET`s still arrive. Alternatively run the job container with `--network host`."

const TITLES: Readonly<Record<ImdsProblem, string>> = {
  unreachable: 'The instance metadata service did not answer',
  'token-refused': 'The instance metadata service refused the IMDSv2 token request',
  'hop-limit': "IMDSv2's token answer never reached the job (hop limit 1)",
  'v1-blocked': 'IMDSv2 gave no token and the fallback to IMDSv1 is disabled',
  'no-instance-profile': 'The instance has no instance profile (IAM role)',
  'error-status': 'The instance metadata service answered with an error',
  'bad-answer': 'The instance metadata service answered credentials the SDK cannot read',
  expired: 'The instance metadata service answered expired credentials'
}

function explanation(problem: ImdsProblem, status: number | undefined): string {
  switch (problem) {
    case 'unreachable':
      return `nothing answered within the SDK's ${IMDS_TIMEOUT_MS} ms per request: this runner is not an EC2 instance, or its metadata service is switched off (\`--http-endpoint disabled\`) or firewalled`
    case 'token-refused':
      return 'it answered the IMDSv2 token request with HTTP 400, and the SDK stops there'
    case 'hop-limit':
      return "the IMDSv2 token request (`PUT`) got no answer in time while the instance answered the `GET` that followed with HTTP 401: the instance requires IMDSv2 tokens, and the token's answer is lost on the way, the classic hop-limit-1 trap inside a container"
    case 'v1-blocked':
      return `the IMDSv2 token request got ${status === undefined ? 'no answer in time' : `HTTP ${status}`}, and \`AWS_EC2_METADATA_V1_DISABLED\` forbids the SDK to fall back to IMDSv1`
    case 'no-instance-profile':
      return 'the role list (`/latest/meta-data/iam/security-credentials/`) answered HTTP 404: no IAM role is attached to this instance'
    case 'error-status':
      return `it answered HTTP ${status ?? 'with an error'}`
    case 'bad-answer':
      return 'its credentials are not the JSON the SDK expects (`AccessKeyId`, `SecretAccessKey`, `Token` and `Expiration`, all strings)'
    case 'expired':
      return "the credentials' `Expiration` has passed"
  }
}

function remediation(problem: ImdsProblem): string {
  switch (problem) {
    case 'unreachable':
      return 'On EC2, check the instance metadata options (`aws ec2 describe-instances --query "Reservations[].Instances[].MetadataOptions"`: `HttpEndpoint` must be `enabled`) and that no firewall or proxy drops `169.254.169.254`. Off EC2, give the job credentials another way: OIDC (`role-to-assume`) or a profile.'
    case 'hop-limit':
    case 'v1-blocked':
      return HOP_LIMIT_FIX
    case 'no-instance-profile':
      return 'Attach an instance profile with the role the job needs: `aws ec2 associate-iam-instance-profile --instance-id i-… --iam-instance-profile Name=…` (an instance profile, not the role itself, and one per instance).'
    case 'token-refused':
    case 'error-status':
    case 'bad-answer':
      return 'Check what stands at the metadata address: `AWS_EC2_METADATA_SERVICE_ENDPOINT` may point at something other than IMDS, or a proxy or metadata emulator answers for it.'
    case 'expired':
      return "The instance role's credentials are refreshed by EC2 itself: stale ones point at a metadata emulator or a cache in front of IMDS, or a runner clock far off (`timedatectl`)."
  }
}

function evidence(outcome: ImdsOutcome, endpoint: string): string[] {
  return [
    `asked: ${code(endpoint)}`,
    ...outcome.exchanges.map(exchange => `answered: ${describeExchange(exchange)}`)
  ]
}

/**
 * Neither tool refuses expired instance role credentials: the JS SDK's chain hands them on, and
 * botocore extends them by a few minutes (`_evaluate_expiration`, its static stability); STS
 * refuses them (measured: __tests__/differential/instance-metadata.test.ts).
 */
const EXPIRED_WORDS =
  'Neither the JS SDK nor the AWS CLI v1 refuses them (each lets them run a few minutes past their `Expiration` while IMDS is not renewing them): each signs with them, and STS answers `ExpiredToken`, "The security token included in the request is expired".'

/** What the tools say: both only that they found nothing, in their own words, where measured. */
function toolWords(problem: ImdsProblem): string {
  if (problem === 'expired') return EXPIRED_WORDS
  const js = 'The SDK would report only "Could not load credentials from any providers"'
  // Measured in __tests__/differential/instance-metadata.test.ts.
  return problem === 'hop-limit' || problem === 'no-instance-profile'
    ? `${js}, and the AWS CLI v1 only "Unable to locate credentials".`
    : `${js}.`
}

export function instanceMetadataFinding(
  outcome: Extract<ImdsOutcome, { ok: false }>,
  endpoint: string,
  source: CredentialSource | undefined
): Finding {
  return finding('instance-metadata-failed', {
    title: TITLES[outcome.problem],
    ...(source === undefined ? {} : { source: source.label }),
    message: `The AWS SDK asks the EC2 instance metadata service (${endpoint}) for this job's credentials, and ${explanation(outcome.problem, outcome.status)}. ${toolWords(outcome.problem)} Nothing could be checked with STS.`,
    remediation: remediation(outcome.problem),
    evidence: evidence(outcome, endpoint)
  })
}

/** The job works, but only over IMDSv1: slower by a timeout, and broken where v1 is switched off. */
export function imdsFallbackFinding(
  outcome: Extract<ImdsOutcome, { ok: true }>,
  endpoint: string,
  source: CredentialSource | undefined
): Finding[] {
  if (outcome.v1Fallback === undefined) return []
  const timedOut = outcome.v1Fallback === 'token-timeout'
  return [
    finding('instance-metadata-failed', {
      severity: 'notice',
      title: timedOut
        ? "IMDSv2's token answer never reached the job: credentials came over IMDSv1"
        : 'The instance metadata service gives no IMDSv2 token: credentials came over IMDSv1',
      ...(source === undefined ? {} : { source: source.label }),
      message: `The instance role's credentials were obtained, but ${timedOut ? `the IMDSv2 token request got no answer within ${IMDS_TIMEOUT_MS} ms (every SDK call that refreshes them waits that long)` : 'the token request was refused (HTTP 403, 404 or 405)'} and the SDK fell back to IMDSv1. This does not fail the step; it fails as soon as the instance requires IMDSv2 (\`--http-tokens required\`) or a tool sets \`AWS_EC2_METADATA_V1_DISABLED\`.`,
      remediation: timedOut
        ? HOP_LIMIT_FIX
        : 'Check what answers at the metadata address: real EC2 instances serve IMDSv2 tokens.',
      evidence: evidence(outcome, endpoint)
    })
  ]
}
