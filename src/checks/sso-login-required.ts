import { sourcesInUse, type CredentialSource, type Discovery } from '../model.js'
import { defineFactCheck } from './check.js'
import type { CheckFact } from './facts.js'

type Id = 'sso-login-required' | 'sso-profile-incomplete'

function ssoSources(discovery: Discovery): { source: CredentialSource; inUse: boolean }[] {
  const inUse = new Set(sourcesInUse(discovery).map(source => source.label))
  const seen = new Set<string>()
  return discovery.sources
    .filter(
      source => source.ssoToken !== undefined && !seen.has(source.label) && seen.add(source.label)
    )
    .map(source => ({ source, inUse: inUse.has(source.label) }))
}

/** An SSO profile the SDK would refuse before calling the portal: judged from the files alone. */
export const ssoLoginRequired = defineFactCheck({
  ids: ['sso-login-required', 'sso-profile-incomplete'],
  detect: discovery =>
    ssoSources(discovery).flatMap(({ source, inUse }): CheckFact<Id>[] => {
      const status = source.ssoToken
      if (status === undefined || status.state === 'valid') return []
      const facts = {
        source: source.label,
        status,
        session: source.details.ssoSession !== undefined,
        inUse
      }
      return [
        status.state === 'incomplete'
          ? { id: 'sso-profile-incomplete', ...facts }
          : { id: 'sso-login-required', ...facts }
      ]
    })
})
