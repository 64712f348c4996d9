import { defineFactCheck } from './check.js'
import { cleaned } from './check.js'
import type { CheckFact } from './facts.js'
import { isExampleValue } from './example-credentials.js'
import { keyIdProblem } from './key-shapes.js'
import { placeholderKind } from './placeholder-credentials.js'

/**
 * The access key ID judged after removing what more specific checks report (quotes, invisible
 * characters), and not at all where it is empty, a placeholder, an example (a swapped pair
 * is superseded by keys-swapped, declared in src/findings.ts): one mistake, one finding.
 */
export const accessKeyIdMalformed = defineFactCheck({
  ids: ['access-key-id-malformed'],
  detect: discovery =>
    discovery.sources.flatMap((source): CheckFact<'access-key-id-malformed'>[] => {
      const keyId = source.credentials?.accessKeyId
      if (keyId === undefined) return []
      const value = cleaned(keyId.raw)
      if (
        value === '' ||
        placeholderKind(keyId.raw, 'accessKeyId') !== undefined ||
        isExampleValue('accessKeyId', keyId.raw)
      )
        return []
      const problem = keyIdProblem(value)
      if (problem === undefined) return []
      return [
        {
          id: 'access-key-id-malformed',
          source: source.label,
          origin: keyId.origin,
          length: value.length,
          problem
        }
      ]
    })
})
