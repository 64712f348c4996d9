import { endpointProblem } from '../aws/endpoint-override.js'
import type { Discovery, EndpointOverride } from '../model.js'
import { defineFactCheck } from './check.js'
import type { CheckFact } from './facts.js'

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
): CheckFact<'endpoint-override-unreachable'>[] {
  const problem = endpointProblem(override.url)
  if (problem === undefined) return []
  return [{ id: 'endpoint-override-unreachable', service, override, problem }]
}

/**
 * An endpoint override that is no http(s) URL: both tools refuse it before anything is sent. One
 * that is a URL but where nothing answers is told by the STS call (src/aws/classify.ts).
 */
export const endpointOverrideUnreachable = defineFactCheck({
  ids: ['endpoint-override-unreachable'],
  detect: discovery =>
    overridesOf(discovery).flatMap(({ service, override }) => malformed(service, override))
})
