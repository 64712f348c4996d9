import { malformedEndpoint, overrideRemediation } from '../aws/endpoint-override.js'
import { finding } from '../findings.js'
import type { Discovery, EndpointOverride, Finding } from '../model.js'
import { code } from '../report/markdown.js'
import { defineCheck, describeOrigin } from './check.js'

/**
 * What each tool says of the URL, measured (src/aws/endpoint-override.ts): botocore wants a
 * scheme and a host (`localhost:4566` has neither), then a scheme it speaks.
 */
function toolsSay(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined
  if (parsed === undefined)
    return `The AWS SDK for JavaScript throws \`TypeError: Invalid URL\` when it sends the request, and the AWS CLI stops with ${code(`Invalid endpoint: ${url}`)}`
  const js =
    'The AWS SDK for JavaScript does not refuse it: it sends the request wherever it makes an address of it, and fails there'
  if (parsed.host === '') return `${js}; the AWS CLI stops with ${code(`Invalid endpoint: ${url}`)}`
  const scheme = parsed.protocol.slice(0, -1)
  return `${js}; the AWS CLI stops with ${code(`An HTTP Client raised an unhandled exception: Not supported URL scheme ${scheme}`)}`
}

/** The overrides of STS and IAM, once each where one variable sets both. */
function overridesOf(
  discovery: Discovery
): { service: 'STS' | 'IAM'; override: EndpointOverride }[] {
  const { sts, iam } = discovery.network.endpoints
  const both = [
    ...(sts === undefined ? [] : [{ service: 'STS' as const, override: sts }]),
    ...(iam === undefined ? [] : [{ service: 'IAM' as const, override: iam }])
  ]
  return both.filter(
    (entry, index) =>
      both.findIndex(
        other => JSON.stringify(other.override.origin) === JSON.stringify(entry.override.origin)
      ) === index
  )
}

function malformed(
  service: 'STS' | 'IAM',
  override: EndpointOverride
): Finding<'endpoint-override-unreachable'>[] {
  const reason = malformedEndpoint(override.url)
  if (reason === undefined) return []
  const where = describeOrigin(override.origin)
  return [
    finding('endpoint-override-unreachable', {
      // STS is what every AWS call of the job needs first; IAM only some of them, and is
      // optional to this step: a notice, which no `fail-on` level fails the step on.
      severity: service === 'STS' ? 'error' : 'notice',
      title: `${code(override.variable)} is not an endpoint URL`,
      message: `${where} sets the ${service} endpoint to ${code(override.url)}, which is ${reason}. ${toolsSay(override.url)}: no ${service} request of this job can succeed while it is set.${service === 'STS' ? ' The action did not call STS.' : ''}`,
      remediation: overrideRemediation(override, where),
      evidence: [`${where}: ${override.url}`, `${service}: ${reason}`],
      origin: override.origin
    })
  ]
}

/**
 * An endpoint override that is no http(s) URL: both tools refuse it before anything is sent. One
 * that is a URL but where nothing answers is told by the STS call (src/aws/classify.ts).
 */
export const endpointOverrideUnreachable = defineCheck({
  ids: ['endpoint-override-unreachable'],
  run: discovery =>
    overridesOf(discovery).flatMap(({ service, override }) => malformed(service, override))
})
