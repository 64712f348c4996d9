import { finding } from '../findings.js'
import type { Finding } from '../model.js'
import { defineCheck } from './check.js'
import { cleaned, describeOrigin } from './check.js'

/** Temporary keys (ASIA) are only valid together with the session token STS issued with them. */
export const sessionTokenMissing = defineCheck({
  ids: ['session-token-missing'],
  run: discovery =>
    discovery.sources.flatMap((source): Finding<'session-token-missing'>[] => {
      const keyId = source.credentials?.accessKeyId
      if (keyId === undefined || !cleaned(keyId.raw).startsWith('ASIA')) return []
      const token = source.credentials?.sessionToken
      if (token !== undefined && token.raw !== '') return []
      const legacy = source.credentials?.legacySessionToken
      const legacyNote =
        legacy === undefined
          ? ''
          : ` A token is set in ${describeOrigin(legacy.origin)}, a legacy name that the AWS CLI still reads but the AWS SDK for JavaScript ignores: Node-based tools send the key without it.`
      return [
        finding('session-token-missing', {
          message:
            `The access key ID from ${describeOrigin(keyId.origin)} starts with ASIA: it is a temporary key issued by STS, which is only valid with its session token. ` +
            `None comes with it, so STS will answer \`InvalidClientTokenId\`.${legacyNote}`,
          remediation:
            legacy === undefined
              ? 'Pass the session token issued with this key (`AWS_SESSION_TOKEN`, the `aws-session-token` input, or `aws_session_token` in the profile). Temporary keys expire within hours: for CI, let `aws-actions/configure-aws-credentials` obtain fresh ones with OIDC instead of storing them as secrets.'
              : `Set the token as \`AWS_SESSION_TOKEN\` (or \`aws_session_token\` in a file), the name every SDK reads. Temporary keys expire within hours: for CI, let \`aws-actions/configure-aws-credentials\` obtain fresh ones with OIDC.`,
          source: source.label,
          evidence: [
            `${describeOrigin(keyId.origin)}: ASIA… (temporary key)`,
            legacy === undefined
              ? 'no session token'
              : `${describeOrigin(legacy.origin)}: legacy token name, not read by the JS SDK`
          ],
          origin: keyId.origin
        })
      ]
    })
})
