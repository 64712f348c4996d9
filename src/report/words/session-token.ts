/** A session token missing beside a temporary key, or left beside a long-term one. */
import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding } from '../../model.js'
import { code } from '../markdown.js'
import { describeOrigin } from './origin.js'

export function sessionTokenMissing(
  fact: CheckFact<'session-token-missing'>
): Finding<'session-token-missing'> {
  const keyId = describeOrigin(fact.keyId.origin)
  const legacy = fact.legacy === undefined ? undefined : describeOrigin(fact.legacy.origin)
  const legacyNote =
    legacy === undefined
      ? ''
      : ` A token is set in ${legacy}, a legacy name that the AWS CLI still reads but the AWS SDK for JavaScript ignores: Node-based tools send the key without it.`
  return finding('session-token-missing', {
    message:
      `The access key ID from ${keyId} starts with ASIA: it is a temporary key issued by STS, which is only valid with its session token. ` +
      `None comes with it, so STS will answer \`InvalidClientTokenId\`.${legacyNote}`,
    remediation:
      legacy === undefined
        ? 'Pass the session token issued with this key (`AWS_SESSION_TOKEN`, the `aws-session-token` input, or `aws_session_token` in the profile). Temporary keys expire within hours: for CI, let `aws-actions/configure-aws-credentials` obtain fresh ones with OIDC instead of storing them as secrets.'
        : `Set the token as \`AWS_SESSION_TOKEN\` (or \`aws_session_token\` in a file), the name every SDK reads. Temporary keys expire within hours: for CI, let \`aws-actions/configure-aws-credentials\` obtain fresh ones with OIDC.`,
    source: fact.source,
    evidence: [
      `${keyId}: ASIA… (temporary key)`,
      legacy === undefined
        ? 'no session token'
        : `${legacy}: legacy token name, not read by the JS SDK`
    ],
    origin: fact.keyId.origin
  })
}

export function sessionTokenUnexpected(
  fact: CheckFact<'session-token-unexpected'>
): Finding<'session-token-unexpected'> {
  const keyId = describeOrigin(fact.keyId.origin)
  const token = fact.token.origin
  return finding('session-token-unexpected', {
    message:
      `The access key ID from ${keyId} is a long-term key (AKIA…), which is used without a session token, but ${describeOrigin(token)} holds one. ` +
      (fact.legacy
        ? 'That legacy name is ignored by the JS SDK, but the AWS CLI sends it with the key, and STS rejects the pair (usually `InvalidClientTokenId`).'
        : 'Sent together, STS rejects the pair (usually `InvalidClientTokenId`; AWS does not document the exact error).'),
    remediation:
      token.kind === 'file'
        ? `Delete the ${code(token.key)} line from ${token.path} (\`aws configure\` leaves it behind when a long-term key replaces temporary credentials).`
        : `Clear the token on the steps that use long-term keys: \`${token.kind === 'env' ? token.name : 'AWS_SESSION_TOKEN'}: ""\` in \`env:\` (an empty token means "no token"), and remove a stale \`AWS_SESSION_TOKEN\` secret and its mapping.`,
    source: fact.source,
    evidence: [
      `${keyId}: AKIA… (long-term key)`,
      `${describeOrigin(token)}: a session token of ${fact.token.length} characters`
    ],
    origin: token
  })
}
