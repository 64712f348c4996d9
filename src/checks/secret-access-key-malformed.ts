import { defineFactCheck } from './check.js'
import { cleaned } from './check.js'
import type { CheckFact } from './facts.js'
import { isExampleValue } from './example-credentials.js'
import { secretProblem } from './key-shapes.js'
import { placeholderKind } from './placeholder-credentials.js'

/**
 * The secret judged after removing quotes and invisible characters (reported on their own),
 * and not at all where it is empty, a placeholder, an example or swapped with the key ID
 * (superseded by keys-swapped, declared in src/findings.ts).
 */
export const secretAccessKeyMalformed = defineFactCheck({
  ids: ['secret-access-key-malformed'],
  detect: discovery =>
    discovery.sources.flatMap((source): CheckFact<'secret-access-key-malformed'>[] => {
      const secret = source.credentials?.secretAccessKey
      if (secret === undefined) return []
      const value = cleaned(secret.raw)
      if (
        value === '' ||
        placeholderKind(secret.raw, 'secretAccessKey') !== undefined ||
        isExampleValue('secretAccessKey', secret.raw)
      )
        return []
      const problem = secretProblem(value, secret.raw)
      if (problem === undefined) return []
      return [
        {
          id: 'secret-access-key-malformed',
          source: source.label,
          origin: secret.origin,
          length: value.length,
          problem
        }
      ]
    })
})
