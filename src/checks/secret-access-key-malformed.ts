import { finding } from '../findings.js'
import type { Finding } from '../model.js'
import { defineCheck } from './check.js'
import { cleaned, describeOrigin } from './check.js'
import { isExampleValue } from './example-credentials.js'
import { describeSecretProblem } from './key-shapes.js'
import { placeholderKind } from './placeholder-credentials.js'

/**
 * The secret judged after removing quotes and invisible characters (reported on their own),
 * and not at all where it is empty, a placeholder, an example or swapped with the key ID
 * (superseded by keys-swapped, declared in src/findings.ts).
 */
export const secretAccessKeyMalformed = defineCheck({
  ids: ['secret-access-key-malformed'],
  run: discovery =>
    discovery.sources.flatMap((source): Finding<'secret-access-key-malformed'>[] => {
      const secret = source.credentials?.secretAccessKey
      if (secret === undefined) return []
      const value = cleaned(secret.raw)
      if (
        value === '' ||
        placeholderKind(secret.raw, 'secretAccessKey') !== undefined ||
        isExampleValue('secretAccessKey', secret.raw)
      )
        return []
      const problem = describeSecretProblem(value, secret.raw)
      if (problem === undefined) return []
      return [
        finding('secret-access-key-malformed', {
          message: `The secret access key from ${describeOrigin(secret.origin)} is malformed: ${problem}. STS would answer \`SignatureDoesNotMatch\`.`,
          remediation:
            'Store the `SecretAccessKey` exactly as `aws iam create-access-key` printed it: 40 characters of letters, digits, `/` and `+`. IAM shows a secret only once: if it is lost, create a new key, store both halves together, and delete the old key.',
          source: source.label,
          evidence: [`${describeOrigin(secret.origin)}: ${value.length} characters`],
          origin: secret.origin
        })
      ]
    })
})
