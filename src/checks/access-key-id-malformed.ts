import { finding } from '../findings.js'
import type { CredentialSource, Finding } from '../model.js'
import { defineCheck } from './check.js'
import { cleaned, describeOrigin } from './check.js'
import { isExampleValue } from './example-credentials.js'
import { describeKeyIdProblem, looksLikeKeyId, looksLikeSecret } from './key-shapes.js'
import { placeholderKind } from './placeholder-credentials.js'

/** Both halves in each other's place: reported once, by keys-swapped. */
export function isSwapped(source: CredentialSource): boolean {
  const keyId = source.credentials?.accessKeyId
  const secret = source.credentials?.secretAccessKey
  if (keyId === undefined || secret === undefined) return false
  return looksLikeSecret(cleaned(keyId.raw)) && looksLikeKeyId(cleaned(secret.raw))
}

/**
 * The access key ID judged after removing what more specific checks report (quotes, invisible
 * characters), and not at all where it is empty, a placeholder, an example or swapped: one
 * mistake, one finding.
 */
export const accessKeyIdMalformed = defineCheck({
  ids: ['access-key-id-malformed'],
  run: discovery =>
    discovery.sources.flatMap((source): Finding<'access-key-id-malformed'>[] => {
      const keyId = source.credentials?.accessKeyId
      if (keyId === undefined) return []
      const value = cleaned(keyId.raw)
      if (
        value === '' ||
        placeholderKind(keyId.raw, 'accessKeyId') !== undefined ||
        isExampleValue('accessKeyId', keyId.raw) ||
        isSwapped(source)
      )
        return []
      const problem = describeKeyIdProblem(value)
      if (problem === undefined) return []
      return [
        finding('access-key-id-malformed', {
          message: `The access key ID from ${describeOrigin(keyId.origin)} is not an access key ID: ${problem}.`,
          remediation:
            'Use the `AccessKeyId` that `aws iam create-access-key` printed (or IAM → Users → NAME → Security credentials → Access keys): 20 characters, `AKIA` followed by upper-case letters and the digits 2–7. `aws iam list-access-keys --user-name NAME` lists the real ones.',
          source: source.label,
          evidence: [`${describeOrigin(keyId.origin)}: ${value.length} characters`],
          origin: keyId.origin
        })
      ]
    })
})
