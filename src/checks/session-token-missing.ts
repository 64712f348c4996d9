import { finding } from '../findings.js'
import type { Check } from './check.js'
import { cleaned, describeOrigin } from './check.js'

/** Temporary keys (ASIA) are only valid together with the session token STS issued with them. */
export const sessionTokenMissing: Check = {
  ids: ['session-token-missing'],
  run: discovery =>
    discovery.sources.flatMap(source => {
      const keyId = source.credentials?.accessKeyId
      if (keyId === undefined || !cleaned(keyId.raw).startsWith('ASIA')) return []
      const token = source.credentials?.sessionToken
      if (token !== undefined && token.raw !== '') return []
      return [
        finding('session-token-missing', {
          message:
            `The access key ID from ${describeOrigin(keyId.origin)} starts with ASIA: it is a temporary key issued by STS, which is only valid with its session token. ` +
            'None was given, so STS will answer `InvalidClientTokenId`.',
          remediation:
            'Pass the session token issued with this key (`AWS_SESSION_TOKEN`, or the `aws-session-token` input). Temporary keys expire within hours: for CI, let `aws-actions/configure-aws-credentials` obtain fresh ones with OIDC instead of storing them as secrets.',
          source: source.label,
          origin: keyId.origin
        })
      ]
    })
}
