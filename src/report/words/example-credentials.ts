import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding } from '../../model.js'
import { PART_NAMES, describeOrigin } from './origin.js'

export function exampleCredentials(
  fact: CheckFact<'example-credentials'>
): Finding<'example-credentials'> {
  const examples = fact.examples
  const first = examples[0]
  const parts = examples.map(
    ({ part, origin }) => `the ${PART_NAMES[part]} from ${describeOrigin(origin)}`
  )
  const described =
    parts.length <= 1
      ? (parts[0] ?? '')
      : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`
  return finding('example-credentials', {
    message:
      `${described[0]?.toUpperCase() ?? ''}${described.slice(1)} ${examples.length === 1 ? 'is' : 'are'} the example value${examples.length === 1 ? '' : 's'} printed in the AWS documentation. ` +
      'Example keys belong to no account and are always refused (STS answers `InvalidClientTokenId`).',
    remediation:
      'Replace the example with real credentials, best short-lived ones from OIDC (`aws-actions/configure-aws-credentials` with `role-to-assume`), or map your own secrets: `AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}`. If the example keys are meant for a local emulator (LocalStack, moto), set them only on the steps that talk to it, together with its `AWS_ENDPOINT_URL`.',
    source: fact.source,
    evidence: examples.map(({ part, origin }) => `${PART_NAMES[part]}: ${describeOrigin(origin)}`),
    ...(first === undefined ? {} : { origin: first.origin })
  })
}
