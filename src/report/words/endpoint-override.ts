/** An endpoint override that is no http(s) URL, in words: for the offline check and STS's failure. */
import { finding } from '../../findings.js'
import type { CheckFact, EndpointProblem } from '../../checks/facts.js'
import type { EndpointOverride, Finding } from '../../model.js'
import { code } from '../markdown.js'
import { describeOrigin } from './origin.js'

/** Why the tools refuse the URL, after "which is". */
export function endpointProblemWords(problem: EndpointProblem): string {
  if (problem.kind === 'not-a-url') return 'not a URL'
  return `a URL with the scheme ${code(problem.scheme)}, not http or https`
}

/** The one fix: the variable or the line goes, or every override is ignored. */
export function overrideRemediation(override: EndpointOverride, where: string): string {
  const remove =
    override.origin.kind === 'env'
      ? `Unset ${code(override.variable)} where the workflow or an earlier step sets it (an \`echo ${override.variable}=… >> "$GITHUB_ENV"\` stays for the rest of the job)`
      : `Delete ${where}`
  return `${remove}, or point it at an endpoint this runner reaches. To make the AWS tools ignore every endpoint override from then on, set \`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true\`.`
}

/**
 * What each tool says of the URL, measured (src/aws/endpoint-override.ts): botocore wants a
 * scheme and a host (`localhost:4566` has neither), then a scheme it speaks.
 */
function toolsSay(url: string, problem: EndpointProblem): string {
  if (problem.kind === 'not-a-url')
    return `The AWS SDK for JavaScript throws \`TypeError: Invalid URL\` when it sends the request, and the AWS CLI stops with ${code(`Invalid endpoint: ${url}`)}`
  const js =
    'The AWS SDK for JavaScript does not refuse it: it sends the request wherever it makes an address of it, and fails there'
  if (!problem.hasHost) return `${js}; the AWS CLI stops with ${code(`Invalid endpoint: ${url}`)}`
  return `${js}; the AWS CLI stops with ${code(`An HTTP Client raised an unhandled exception: Not supported URL scheme ${problem.scheme}`)}`
}

export function endpointOverrideUnreachable(
  fact: CheckFact<'endpoint-override-unreachable'>
): Finding<'endpoint-override-unreachable'> {
  const { service, override } = fact
  const reason = endpointProblemWords(fact.problem)
  const where = describeOrigin(override.origin)
  return finding('endpoint-override-unreachable', {
    // STS is what every AWS call of the job needs first; IAM only some of them, and is
    // optional to this step: a notice, which no `fail-on` level fails the step on.
    severity: service === 'STS' ? 'error' : 'notice',
    title: `${code(override.variable)} is not an endpoint URL`,
    message: `${where} sets the ${service} endpoint to ${code(override.url)}, which is ${reason}. ${toolsSay(override.url, fact.problem)}: no ${service} request of this job can succeed while it is set.${service === 'STS' ? ' The action did not call STS.' : ''}`,
    remediation: overrideRemediation(override, where),
    evidence: [`${where}: ${override.url}`, `${service}: ${reason}`],
    origin: override.origin
  })
}
