import { finding } from '../findings.js'
import type { Finding } from '../model.js'
import { defineCheck } from './check.js'
import { cleaned, describeOrigin } from './check.js'
import { code } from '../report/markdown.js'

/**
 * A session token beside a long-term (AKIA) key: the token belongs to other, temporary
 * credentials, and STS rejects the pair. Usually a leftover: `aws configure` keeps an old
 * `aws_session_token` line, and configure-aws-credentials exports `AWS_SESSION_TOKEN`.
 */
export const sessionTokenUnexpected = defineCheck({
  ids: ['session-token-unexpected'],
  run: discovery =>
    discovery.sources.flatMap((source): Finding<'session-token-unexpected'>[] => {
      const keyId = source.credentials?.accessKeyId
      if (keyId === undefined || !cleaned(keyId.raw).startsWith('AKIA')) return []
      const token = source.credentials?.sessionToken ?? source.credentials?.legacySessionToken
      if (token === undefined || token.raw.trim() === '') return []
      const legacy = token === source.credentials?.legacySessionToken
      return [
        finding('session-token-unexpected', {
          message:
            `The access key ID from ${describeOrigin(keyId.origin)} is a long-term key (AKIA…), which is used without a session token, but ${describeOrigin(token.origin)} holds one. ` +
            (legacy
              ? 'That legacy name is ignored by the JS SDK, but the AWS CLI sends it with the key, and STS rejects the pair (usually `InvalidClientTokenId`).'
              : 'Sent together, STS rejects the pair (usually `InvalidClientTokenId`; AWS does not document the exact error).'),
          remediation:
            token.origin.kind === 'file'
              ? `Delete the ${code(token.origin.key)} line from ${token.origin.path} (\`aws configure\` leaves it behind when a long-term key replaces temporary credentials).`
              : `Clear the token on the steps that use long-term keys: \`${token.origin.kind === 'env' ? token.origin.name : 'AWS_SESSION_TOKEN'}: ""\` in \`env:\` (an empty token means "no token"), and remove a stale \`AWS_SESSION_TOKEN\` secret and its mapping.`,
          source: source.label,
          evidence: [
            `${describeOrigin(keyId.origin)}: AKIA… (long-term key)`,
            `${describeOrigin(token.origin)}: a session token of ${token.raw.length} characters`
          ],
          origin: token.origin
        })
      ]
    })
})
