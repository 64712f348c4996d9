import { finding } from '../findings.js'
import type { Finding } from '../model.js'
import { defineCheck } from './check.js'
import { cleaned, describeOrigin } from './check.js'
import { isExampleValue } from './example-credentials.js'
import { describeKeyIdProblem } from './key-shapes.js'
import { placeholderKind } from './placeholder-credentials.js'

/**
 * The access key ID judged after removing what more specific checks report (quotes, invisible
 * characters), and not at all where it is empty, a placeholder, an example (a swapped pair
 * is superseded by keys-swapped, declared in src/findings.ts): one mistake, one finding.
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
        isExampleValue('accessKeyId', keyId.raw)
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
