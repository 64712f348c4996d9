import { isSwapped } from './key-shapes.js'
import { defineFactCheck } from './check.js'
import type { CheckFact } from './facts.js'

/** The key ID holds a 40-character secret and the secret holds an AKIA…/ASIA… key ID. */
export const keysSwapped = defineFactCheck({
  ids: ['keys-swapped'],
  detect: discovery =>
    discovery.sources.flatMap((source): CheckFact<'keys-swapped'>[] => {
      const keyId = source.credentials?.accessKeyId
      const secret = source.credentials?.secretAccessKey
      if (keyId === undefined || secret === undefined || !isSwapped(source)) return []
      return [
        {
          id: 'keys-swapped',
          source: source.label,
          keyId: { origin: keyId.origin },
          secret: { origin: secret.origin }
        }
      ]
    })
})
