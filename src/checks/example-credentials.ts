import { finding } from '../findings.js'
import type { Check } from './check.js'
import { PART_NAMES, cleaned, credentialValues, describeOrigin } from './check.js'

/** The example values printed in the AWS documentation; they never authenticate. */
export const EXAMPLE_ACCESS_KEY_IDS: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'ASIAIOSFODNN7EXAMPLE',
  'ASIAWHOJDLGPOEXAMPLE',
  'ASIACQRSTUVWRAOEXAMPLE'
])
export const EXAMPLE_SECRETS: ReadonlySet<string> = new Set([
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'
])
const EXAMPLE_TOKEN_PREFIXES = ['AQoDYXdzEJr', 'AQoDYXdzEPT//////////wEXAMPLE', 'AQoEXAMPLE']

function isExample(part: string, value: string): boolean {
  if (part === 'accessKeyId') return EXAMPLE_ACCESS_KEY_IDS.has(value)
  if (part === 'secretAccessKey') return EXAMPLE_SECRETS.has(value)
  return EXAMPLE_TOKEN_PREFIXES.some(prefix => value.startsWith(prefix))
}

export const exampleCredentials: Check = {
  ids: ['example-credentials'],
  run: discovery => {
    const examples = credentialValues(discovery).filter(({ part, value }) =>
      isExample(part, cleaned(value.raw))
    )
    const first = examples[0]
    if (first === undefined) return []
    return [
      finding('example-credentials', {
        message:
          `${examples.map(({ part, value }) => `The ${PART_NAMES[part]} from ${describeOrigin(value.origin)}`).join('; ')} ${examples.length === 1 ? 'is' : 'are'} the example value from the AWS documentation. ` +
          'Example keys belong to no account and are always refused.',
        remediation:
          'Replace the example with a real key pair (IAM → Users → your CI user → Security credentials → Create access key), or better, switch the workflow to OIDC so that no key is stored at all.',
        source: first.source.label,
        origin: first.value.origin
      })
    ]
  }
}
