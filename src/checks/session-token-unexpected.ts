import { defineFactCheck } from './check.js'
import { cleaned } from './check.js'
import type { CheckFact } from './facts.js'

/**
 * A session token beside a long-term (AKIA) key: the token belongs to other, temporary
 * credentials, and STS rejects the pair. Usually a leftover: `aws configure` keeps an old
 * `aws_session_token` line, and configure-aws-credentials exports `AWS_SESSION_TOKEN`.
 */
export const sessionTokenUnexpected = defineFactCheck({
  ids: ['session-token-unexpected'],
  detect: discovery =>
    discovery.sources.flatMap((source): CheckFact<'session-token-unexpected'>[] => {
      const keyId = source.credentials?.accessKeyId
      if (keyId === undefined || !cleaned(keyId.raw).startsWith('AKIA')) return []
      const token = source.credentials?.sessionToken ?? source.credentials?.legacySessionToken
      if (token === undefined || token.raw.trim() === '') return []
      return [
        {
          id: 'session-token-unexpected',
          source: source.label,
          keyId: { origin: keyId.origin },
          token: { origin: token.origin, length: token.raw.length },
          legacy: token === source.credentials?.legacySessionToken
        }
      ]
    })
})
