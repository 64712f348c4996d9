import { finding } from '../findings.js'
import type { Finding, Origin } from '../model.js'
import { defineCheck } from './check.js'
import { cleaned, describeOrigin } from './check.js'

/**
 * The one `long-term-credentials` finding, for both places that see a long-term key: this
 * check (the key variables, offline) and the gate on the key the SDK's chain resolved.
 */
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

/**
 * Long-term keys (AKIA) stored as CI secrets: a notice that carries the OIDC migration guide,
 * or an error when the workflow demands temporary credentials. Only the source in use counts:
 * instance roles and EKS never have long-term keys, so they are never told to migrate. Outside
 * a runner (`npm start` on a laptop) a key from `aws configure` is the usual setup: nothing to
 * say unless temporary credentials are demanded.
 */
export const longTermCredentials = defineCheck({
  ids: ['long-term-credentials'],
  run: (discovery, settings) => {
    const keyId = discovery.selected?.credentials?.accessKeyId
    if (
      discovery.selected === undefined ||
      keyId === undefined ||
      (!discovery.github.onRunner && !settings.requireTemporaryCredentials) ||
      !cleaned(keyId.raw).startsWith('AKIA')
    )
      return []
    return [
      longTermCredentialsFinding({
        opening: `The job uses a long-term access key (AKIA…) from ${describeOrigin(keyId.origin)}.`,
        requireTemporaryCredentials: settings.requireTemporaryCredentials,
        source: discovery.selected.label,
        origin: keyId.origin
      })
    ]
  }
})
