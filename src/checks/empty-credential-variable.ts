import type { Discovery, RawValue } from '../model.js'
import { defineFactCheck, type CheckSettings } from './check.js'
import { severityByUse } from './usage.js'

/**
 * The key variables that are set but empty. (An empty session token is a legitimate way to
 * clear it, and an empty input means "not given", so neither counts.)
 */
export function emptyCredentialVariables(discovery: Discovery): RawValue[] {
  const environment = discovery.sources.find(source => source.kind === 'environment')
  return [environment?.credentials?.accessKeyId, environment?.credentials?.secretAccessKey].filter(
    (value): value is RawValue => value !== undefined && value.raw === ''
  )
}

/**
 * Whether the job is missing secrets it needs. A job that assumes its role with OIDC
 * (`role-to-assume`, with the token request granted) and passes no key variables needs no
 * secrets at all: that Dependabot or a fork withholds them costs it nothing, so it must not be
 * failed for it.
 */
export function secretsMissing(discovery: Discovery, settings: CheckSettings): boolean {
  // An empty key variable is a secret that did not arrive, whatever else the job uses.
  if (emptyCredentialVariables(discovery).length > 0) return true
  if (discovery.selected !== undefined) return false
  const usesOidcOnly = settings.roleToAssume !== undefined && discovery.github.oidcRequestAvailable
  return !usesOidcOnly
}

/** A key variable set but empty: the usual trace of `${{ secrets.NAME }}` naming a secret that is not there. */
export const emptyCredentialVariable = defineFactCheck({
  ids: ['empty-credential-variable'],
  detect: discovery => {
    const empty = emptyCredentialVariables(discovery)
    const environment = discovery.sources.find(source => source.kind === 'environment')
    if (environment === undefined || empty.length === 0) return []
    // Where another source gives the job its credentials (for the action and for the JS SDK in
    // later steps), the empty variable costs nothing but for the AWS CLI, which stops on a key ID
    // without its secret.
    const cliStops = discovery.tools?.awsCli.failure?.startsWith('Partial credentials found in env')
    const severity = severityByUse(
      // A source without keys of its own (a process, an instance role) cannot be confirmed offline.
      discovery.selected?.credentials === undefined || discovery.tools?.jsSdk.failure !== undefined,
      cliStops === true ? ['aws-cli'] : []
    )
    return [
      {
        id: 'empty-credential-variable',
        source: environment.label,
        empty: empty.map(value => ({ origin: value.origin })),
        severity,
        ...(discovery.tools === undefined ? {} : { tools: discovery.tools })
      }
    ]
  }
})
