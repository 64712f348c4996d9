import { defineFactCheck } from './check.js'
import { cleaned } from './check.js'

/**
 * Long-term keys (AKIA) stored as CI secrets: a notice that carries the OIDC migration guide,
 * or an error when the workflow demands temporary credentials. Only the source in use counts:
 * instance roles and EKS never have long-term keys, so they are never told to migrate. Outside
 * a runner (`npm start` on a laptop) a key from `aws configure` is the usual setup: nothing to
 * say unless temporary credentials are demanded.
 */
export const longTermCredentials = defineFactCheck({
  ids: ['long-term-credentials'],
  detect: (discovery, settings) => {
    const keyId = discovery.selected?.credentials?.accessKeyId
    if (
      discovery.selected === undefined ||
      keyId === undefined ||
      (!discovery.github.onRunner && !settings.requireTemporaryCredentials) ||
      !cleaned(keyId.raw).startsWith('AKIA')
    )
      return []
    return [
      {
        id: 'long-term-credentials',
        source: discovery.selected.label,
        keyId: { origin: keyId.origin },
        requireTemporaryCredentials: settings.requireTemporaryCredentials
      }
    ]
  }
})
