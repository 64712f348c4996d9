/**
 * The one `long-term-credentials` finding, for both places that see a long-term key: the
 * offline check (the key variables) and the gate on the key the SDK's chain resolved
 * (src/gates.ts).
 */
import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding, Origin } from '../../model.js'
import { describeOrigin } from './origin.js'

export function longTermCredentialsFinding(options: {
  /** Who uses the key, as the message's opening: "The job uses a long-term access key …". */
  readonly opening: string
  readonly requireTemporaryCredentials: boolean
  readonly source?: string
  readonly origin?: Origin
}): Finding<'long-term-credentials'> {
  return finding('long-term-credentials', {
    ...(options.requireTemporaryCredentials ? { severity: 'error' as const } : {}),
    message:
      `${options.opening} ` +
      'Long-term keys never expire on their own, must be rotated by hand, and leak with any log or fork that sees them.' +
      (options.requireTemporaryCredentials
        ? ' `require-temporary-credentials` is set, so this fails the step.'
        : ''),
    remediation:
      'Switch to GitHub OIDC: the job requests a short-lived token and `aws-actions/configure-aws-credentials` exchanges it for temporary credentials. See the OIDC migration guide in this summary.',
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.origin === undefined ? {} : { origin: options.origin })
  })
}

export function longTermCredentials(
  fact: CheckFact<'long-term-credentials'>
): Finding<'long-term-credentials'> {
  return longTermCredentialsFinding({
    opening: `The job uses a long-term access key (AKIA…) from ${describeOrigin(fact.keyId.origin)}.`,
    requireTemporaryCredentials: fact.requireTemporaryCredentials,
    source: fact.source,
    origin: fact.keyId.origin
  })
}
