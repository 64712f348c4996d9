import { finding } from '../findings.js'
import type { CredentialPart, CredentialSource, Finding } from '../model.js'
import { defineCheck, type CredentialValue } from './check.js'
import { PART_NAMES, cleaned, credentialValues, describeOrigin } from './check.js'

/** The example values printed in the AWS documentation (aws-facts A5); they never authenticate. */
export const EXAMPLE_ACCESS_KEY_IDS: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'ASIAIOSFODNN7EXAMPLE',
  'ASIAWHOJDLGPOEXAMPLE',
  'ASIACQRSTUVWRAOEXAMPLE',
  'AIDACKCEVSQ6C2EXAMPLE',
  'AROADBQP57FF2AEXAMPLE',
  'AIDAJQABLZS4A3QDU576Q'
])
export const EXAMPLE_SECRETS: ReadonlySet<string> = new Set([
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'
])

/**
 * The documentation marks its examples with `EXAMPLE` (key IDs end with it, secrets with
 * `EXAMPLEKEY`, tokens hold it); a random credential holds those letters in that order with
 * odds far below one in a billion.
 */
export function isExampleValue(part: CredentialPart, raw: string): boolean {
  const value = cleaned(raw)
  if (part === 'accessKeyId')
    return EXAMPLE_ACCESS_KEY_IDS.has(value) || /^A[A-Z]{3}[A-Z0-9]*EXAMPLE$/u.test(value)
  if (part === 'secretAccessKey') return EXAMPLE_SECRETS.has(value) || /EXAMPLEKEY$/u.test(value)
  // `AQoDYXdzEJr…` is printed truncated; a real token is hundreds of characters long.
  return value.includes('EXAMPLE') || (value.startsWith('AQoDYXdzEJr') && value.length < 64)
}

function sourceFinding(
  source: CredentialSource,
  examples: readonly CredentialValue[]
): Finding<'example-credentials'> {
  const first = examples[0]
  const parts = examples.map(
    ({ part, value }) => `the ${PART_NAMES[part]} from ${describeOrigin(value.origin)}`
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
    source: source.label,
    evidence: examples.map(
      ({ part, value }) => `${PART_NAMES[part]}: ${describeOrigin(value.origin)}`
    ),
    ...(first === undefined ? {} : { origin: first.value.origin })
  })
}

export const exampleCredentials = defineCheck({
  ids: ['example-credentials'],
  run: discovery => {
    const examples = credentialValues(discovery).filter(({ part, value }) =>
      isExampleValue(part, value.raw)
    )
    const bySource = new Map<CredentialSource, CredentialValue[]>()
    for (const example of examples)
      bySource.set(example.source, [...(bySource.get(example.source) ?? []), example])
    return [...bySource].map(([source, values]) => sourceFinding(source, values))
  }
})
