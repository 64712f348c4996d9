import { defineFactCheck } from './check.js'
import { cleaned } from './check.js'
import type { CheckFact } from './facts.js'

/** Temporary keys (ASIA) are only valid together with the session token STS issued with them. */
export const sessionTokenMissing = defineFactCheck({
  ids: ['session-token-missing'],
  detect: discovery =>
    discovery.sources.flatMap((source): CheckFact<'session-token-missing'>[] => {
      const keyId = source.credentials?.accessKeyId
      if (keyId === undefined || !cleaned(keyId.raw).startsWith('ASIA')) return []
      const token = source.credentials?.sessionToken
      if (token !== undefined && token.raw !== '') return []
      const legacy = source.credentials?.legacySessionToken
      return [
        {
          id: 'session-token-missing',
          source: source.label,
          keyId: { origin: keyId.origin },
          ...(legacy === undefined ? {} : { legacy: { origin: legacy.origin } })
        }
      ]
    })
})
