/**
 * The one home of `container-credentials-failed`'s words: the finding for a container
 * credentials endpoint that gave no credentials, built from what it answered
 * (src/aws/container.ts): what was asked, the status or the lack of an answer, in how long, and
 * which of the token variable or token file was sent. Never the token, never the credentials.
 */
import { finding } from '../findings.js'
import type { ContainerEndpoint, CredentialSource, Finding } from '../model.js'
import {
  CONTAINER_RETRIES,
  CONTAINER_TIMEOUT_MS,
  type ContainerOutcome,
  type ContainerProblem
} from '../aws/container.js'
import { fallbackRefusedHost } from '../aws/container-finding.js'
import { describeExchange } from '../aws/imds.js'
import { code, escapeText } from './markdown.js'
import { CLI_CONTAINER_RULE, cliRefusedHost } from '../discover/container.js'

const TITLES: Readonly<Record<ContainerProblem, string>> = {
  'not-a-url': 'The container credentials URI is not a URL',
  'host-refused': 'The SDK refuses to call this container credentials host',
  'token-file': 'The container authorization token file cannot be read',
  'token-invalid': 'The container authorization token cannot be sent in a header',
  unauthorized: 'The container credentials endpoint refused the authorization token',
  'not-found': 'The container credentials endpoint has no credentials at this path',
  'error-status': 'The container credentials endpoint answered with an error',
  unreachable: 'The container credentials endpoint could not be reached',
  timeout: 'The container credentials endpoint did not answer in time',
  'bad-answer': 'The container credentials endpoint answered credentials the SDK cannot read',
  expired: 'The container credentials endpoint answered expired credentials'
}

/** Which header source was used, by name only. */
function tokenSource(endpoint: ContainerEndpoint): string {
  const authorization = endpoint.authorization
  if (authorization === undefined)
    return 'no `Authorization` header (neither `AWS_CONTAINER_AUTHORIZATION_TOKEN` nor `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` is set)'
  return authorization.kind === 'file'
    ? `the token read from \`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE\` (${code(authorization.path)})`
    : 'the token in `AWS_CONTAINER_AUTHORIZATION_TOKEN`'
}

type Failed = Extract<ContainerOutcome, { ok: false }>

/** What the endpoint did, as the message's second half says it, by problem. */
const EXPLANATIONS: Readonly<
  Record<ContainerProblem, (outcome: Failed, endpoint: ContainerEndpoint) => string>
> = {
  'not-a-url': (_, endpoint) =>
    `\`${endpoint.variable}\` does not make a URL, and the SDK stops there`,
  'host-refused': (_, endpoint) =>
    `the SDK sends plain \`http:\` only to loopback (127.0.0.0/8, \`localhost\`, \`[::1]\`), 169.254.170.2 (ECS), 169.254.170.23 or \`[fd00:ec2::23]\` (EKS Pod Identity), and refuses this host before asking it ("URL not accepted"). ${cliVerdict(endpoint)}`,
  'token-file': outcome =>
    `\`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE\` names a file that cannot be read (${escapeText(outcome.detail ?? 'unreadable')})`,
  'token-invalid': (_, endpoint) =>
    `${tokenSource(endpoint)} holds a line break or control character, which the SDK refuses to send`,
  unauthorized: (outcome, endpoint) =>
    `it answered HTTP ${outcome.status ?? 403} to ${tokenSource(endpoint)}: the token is missing, wrong or stale`,
  'not-found': () =>
    'it answered HTTP 404: nothing serves credentials at this path (a relative URI from another task, or an agent that does not know this pod)',
  'error-status': outcome => `it answered HTTP ${outcome.status ?? '?'}`,
  unreachable: () => 'nothing accepted the connection',
  timeout: () =>
    `nothing answered within the SDK's ${CONTAINER_TIMEOUT_MS} ms per request (the SDK retries ${CONTAINER_RETRIES} times, 1 s apart)`,
  'bad-answer': () =>
    'its answer is not the JSON the SDK expects (`AccessKeyId`, `SecretAccessKey`, `Token` and `Expiration`, all strings)',
  expired: () => "the credentials' `Expiration` has passed"
}

/** What the AWS CLI v1 does with the same URI (src/discover/container.ts has its rule). */
function cliVerdict(endpoint: ContainerEndpoint): string {
  const refused = cliRefusedHost(endpoint.url)
  return refused === undefined
    ? 'The AWS CLI v1 would call it'
    : `The AWS CLI v1 refuses it too, with "Unsupported host ${code(`'${refused}'`)}": ${CLI_CONTAINER_RULE}`
}

/** What the JS SDK's chain ends with (src/aws/container-finding.ts finds it). */
function jsWords(outcome: Failed, endpoint: ContainerEndpoint): string {
  const host = fallbackRefusedHost(outcome, endpoint)
  if (host !== undefined)
    return `The JS SDK would report only ${code(`${host} is not a valid container metadata service hostname`)}, its fallback provider's refusal, which does not say what the endpoint answered.`
  return 'The SDK would report only "Could not load credentials from any providers".'
}

/**
 * What each tool says of the endpoint's answer, as measured against both real tools
 * (__tests__/differential/container-hosts.test.ts): the CLI (botocore's
 * `ContainerMetadataFetcher`) quotes any status but 200 and the body after it; it refuses
 * expired credentials itself, where the JS SDK signs with them.
 */
function sdkWords(outcome: Failed, endpoint: ContainerEndpoint): string {
  if (outcome.problem === 'expired')
    return 'The JS SDK does not refuse them: it signs with them, and STS answers that the security token is expired. The AWS CLI v1 stops with "Credentials were refreshed, but the refreshed credentials are still expired."'
  const js = jsWords(outcome, endpoint)
  if (outcome.problem === 'token-invalid')
    return `${js} The AWS CLI v1 stops with "Auth token value is not a legal header value".`
  return outcome.status !== undefined && outcome.status !== 200
    ? `${js} The AWS CLI v1 says "Received non 200 response ${outcome.status} from container metadata", followed by the endpoint's answer.`
    : js
}

function explanation(outcome: Failed, endpoint: ContainerEndpoint): string {
  return EXPLANATIONS[outcome.problem](outcome, endpoint)
}

const FIXES =
  "On ECS, give the task definition a `taskRoleArn` (the agent serves it at `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, which must be passed into a job container unchanged). On CodeBuild, check the project's service role. On EKS, check that the Pod Identity agent runs on the node (`kubectl get pods -n kube-system -l app.kubernetes.io/name=eks-pod-identity-agent`) and that a pod identity association exists for the service account (`aws eks list-pod-identity-associations --cluster-name …`); its token file (`/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token`) must be mounted."

function remediation(problem: ContainerProblem): string {
  switch (problem) {
    case 'not-a-url':
    case 'host-refused':
      return 'Point `AWS_CONTAINER_CREDENTIALS_FULL_URI` at an address the SDK accepts (use `https:` for any other host), or unset it where no container credentials are meant to be used.'
    case 'token-file':
    case 'token-invalid':
    case 'unauthorized':
      return `Pass the token the agent issued, unchanged: on EKS, \`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE\` must name the projected token file mounted in the pod; elsewhere \`AWS_CONTAINER_AUTHORIZATION_TOKEN\` must hold the token the endpoint expects. ${FIXES}`
    default:
      return FIXES
  }
}

export function containerFinding(
  outcome: Extract<ContainerOutcome, { ok: false }>,
  endpoint: ContainerEndpoint,
  display: string,
  source: CredentialSource | undefined
): Finding {
  return finding('container-credentials-failed', {
    title: TITLES[outcome.problem],
    ...(source === undefined ? {} : { source: source.label }),
    message: `The AWS SDK asks the container credentials endpoint (${code(display)}, from \`${endpoint.variable}\`) for this job's credentials, and ${explanation(outcome, endpoint)}. ${sdkWords(outcome, endpoint)} Nothing could be checked with STS.`,
    remediation: remediation(outcome.problem),
    evidence: [
      `asked: ${code(display)} with ${tokenSource(endpoint)}`,
      ...outcome.exchanges.map(exchange => `answered: ${describeExchange(exchange)}`)
    ]
  })
}

/**
 * The request with the token file failed, and the JS SDK's fallback provider got credentials
 * without it: JS-based tools work, the AWS CLI v1 (which reads only the file) does not. A
 * warning, not an error: the job's Node tools have credentials.
 */
export function containerFallbackFinding(
  outcome: Extract<ContainerOutcome, { ok: true }>,
  endpoint: ContainerEndpoint,
  display: string,
  source: CredentialSource | undefined
): Finding[] {
  const failed = outcome.fallback
  if (failed === undefined) return []
  const sent =
    endpoint.fallbackToken === undefined
      ? 'no `Authorization` header'
      : 'the token in `AWS_CONTAINER_AUTHORIZATION_TOKEN`'
  return [
    finding('container-credentials-failed', {
      severity: 'warning',
      title:
        'The container token file does not work: only the JS SDK got credentials, by its fallback',
      ...(source === undefined ? {} : { source: source.label }),
      message: `The JS SDK's container provider (\`fromHttp\`) asked ${code(display)} with ${tokenSource(endpoint)}, and ${explanation(failed, endpoint)}. Its fallback provider (\`fromContainerMetadata\`, which never reads the token file) then asked again with ${sent}, and got credentials: tools built on the JS SDK work. The AWS CLI v1 uses only the token file, and fails with it.`,
      remediation: remediation(failed.problem),
      evidence: [
        `asked: ${code(display)} with ${tokenSource(endpoint)}`,
        ...outcome.exchanges.map(exchange => `answered: ${describeExchange(exchange)}`)
      ]
    })
  ]
}
