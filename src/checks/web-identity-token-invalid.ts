import { sourcesInUse, type Finding } from '../model.js'
import { webIdentityTokenInvalid as tokenInvalid } from '../report/web-identity-token-invalid.js'
import { defineCheck } from './check.js'
import { describeOrigin } from './check.js'

/** A web identity token file that the SDK would fail to exchange: judged offline, before STS. */
export const webIdentityTokenInvalid = defineCheck({
  ids: ['web-identity-token-invalid'],
  run: discovery =>
    sourcesInUse(discovery).flatMap((source): Finding<'web-identity-token-invalid'>[] => {
      const status = source.tokenFile
      if (status === undefined || status.state === 'valid') return []
      return [
        tokenInvalid({
          kind: 'file',
          path: status.path,
          state: status.state,
          ...(status.detail === undefined ? {} : { detail: status.detail }),
          namedIn: describeOrigin(status.origin),
          source: source.label,
          ...(source.details.roleArn === undefined ? {} : { roleArn: source.details.roleArn }),
          ...(status.claims === undefined ? {} : { claims: status.claims }),
          origin: status.origin
        })
      ]
    })
})
