import type { CredentialPart, CredentialSource } from '../model.js'
import { defineFactCheck, type CredentialValue } from './check.js'
import { cleaned, credentialValues } from './check.js'
import type { CheckFact } from './facts.js'

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

/** Of one source's example values, which parts and where each came from. */
function factOf(
  source: CredentialSource,
  examples: readonly CredentialValue[]
): CheckFact<'example-credentials'> {
  return {
    id: 'example-credentials',
    source: source.label,
    examples: examples.map(({ part, value }) => ({ part, origin: value.origin }))
  }
}

export const exampleCredentials = defineFactCheck({
  ids: ['example-credentials'],
  detect: discovery => {
    const examples = credentialValues(discovery).filter(({ part, value }) =>
      isExampleValue(part, value.raw)
    )
    const bySource = new Map<CredentialSource, CredentialValue[]>()
    for (const example of examples)
      bySource.set(example.source, [...(bySource.get(example.source) ?? []), example])
    return [...bySource].map(([source, values]) => factOf(source, values))
  }
})
