/**
 * The remote phase: what AWS says about the credentials. Runs inside the `timeout-seconds`
 * budget and reports every outcome as findings and check results, never as an exception.
 */
import { finding } from '../findings.js'
import type { CheckResult, Discovery, Finding, RemoteResult } from '../model.js'
import type { Settings } from '../settings.js'
import { classifyStsFailure, skewWarning } from './classify.js'
import { resolveCredentials } from './credentials.js'
import { Deadline } from './deadline.js'
import { clockSkewMs } from './http.js'
import { getCallerIdentity, type EndpointConfig } from './sts.js'

export interface RemoteOptions {
  readonly deadline: Deadline
  /** Called with every secret value learned here (e.g. from the SDK chain) before it is used. */
  readonly onSecret: (value: string) => void
}

export function stsEndpoint(discovery: Discovery): EndpointConfig {
  const env = discovery.env
  const endpoint = [env.AWS_ENDPOINT_URL_STS, env.AWS_ENDPOINT_URL].find(
    value => value !== undefined && value.trim() !== ''
  )
  return {
    region: discovery.region.value,
    ...(endpoint === undefined ? {} : { endpoint: endpoint.trim() })
  }
}

export function describeEndpoint(config: EndpointConfig): string {
  if (config.endpoint !== undefined) return config.endpoint
  const suffix = config.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
  return `https://sts.${config.region}.${suffix}`
}

export async function validateRemote(
  discovery: Discovery,
  settings: Settings,
  options: RemoteOptions
): Promise<RemoteResult> {
  const checks: CheckResult[] = []
  const findings: Finding[] = []
  const { deadline } = options
  const profile = settings.profile ?? discovery.profile.name
  const resolved = await resolveCredentials(
    discovery,
    profile === 'default' ? undefined : profile,
    deadline
  )
  if (!resolved.ok) {
    if (resolved.reason === 'none' && discovery.selected === undefined) {
      findings.push(
        finding('no-credentials', {
          message:
            'No credential source provided credentials: no inputs, no key variables, no usable profile, no web identity token, no container or instance role. The AWS SDK reports "Could not load credentials from any providers".',
          remediation:
            'Give the job credentials before this step: preferably `aws-actions/configure-aws-credentials` with `role-to-assume` and `permissions: id-token: write`, or `env: AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}` and `AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}`.',
          evidence: [resolved.detail]
        })
      )
    }
    checks.push({
      name: 'STS GetCallerIdentity',
      outcome: 'skip',
      detail: `not called: ${resolved.detail}`
    })
    return { checks, findings }
  }
  const { credentials } = resolved
  options.onSecret(credentials.secretAccessKey)
  if (credentials.sessionToken !== undefined) options.onSecret(credentials.sessionToken)

  const config = stsEndpoint(discovery)
  const endpoint = describeEndpoint(config)
  const outcome = await getCallerIdentity(config, credentials, deadline)
  const skew = clockSkewMs(outcome.response)
  const source = discovery.selected?.label
  if (!outcome.ok) {
    const classified = classifyStsFailure(outcome.failure, {
      endpoint,
      region: config.region,
      ...(source === undefined ? {} : { source }),
      ...(skew === undefined ? {} : { clockSkewMs: skew }),
      timeoutSeconds: settings.timeoutSeconds
    })
    findings.push(classified)
    if (classified.id !== 'clock-skew') findings.push(...skewWarning(skew, endpoint))
    checks.push({
      name: 'STS GetCallerIdentity',
      outcome: 'fail',
      detail: `${endpoint}: ${outcome.failure.code}`
    })
    return { checks, findings, accessKeyId: credentials.accessKeyId }
  }
  findings.push(...skewWarning(skew, endpoint))
  checks.push({
    name: 'STS GetCallerIdentity',
    outcome: 'pass',
    detail: `${endpoint}: ${outcome.identity.arn}`
  })
  return { identity: outcome.identity, checks, findings, accessKeyId: credentials.accessKeyId }
}

export { Deadline }
