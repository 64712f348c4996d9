import { finding } from '../findings.js'
import type { Discovery, RawValue } from '../model.js'
import { defineCheck, type CheckSettings } from './check.js'
import { severityByUse, toolEvidence, useNote, whatToolsDo } from './usage.js'
import { describeOrigin } from './check.js'
import { code } from '../report/markdown.js'

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

function variableName(value: RawValue): string {
  return value.origin.kind === 'env' ? code(value.origin.name) : describeOrigin(value.origin)
}

/** A key variable set but empty: the usual trace of `${{ secrets.NAME }}` naming a secret that is not there. */
export const emptyCredentialVariable = defineCheck({
  ids: ['empty-credential-variable'],
  run: discovery => {
    const empty = emptyCredentialVariables(discovery)
    const environment = discovery.sources.find(source => source.kind === 'environment')
    if (environment === undefined || empty.length === 0) return []
    const names = empty.map(variableName)
    const one = empty.length === 1
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
      finding('empty-credential-variable', {
        severity,
        title: `${names.join(' and ')} ${one ? 'is' : 'are'} set but empty`,
        message:
          `${names.join(' and ')} ${one ? 'exists' : 'exist'} in the environment with an empty value. ` +
          'An expression such as `${{ secrets.AWS_ACCESS_KEY_ID }}` becomes an empty string when the secret does not exist in this repository, organisation or environment, or is not available to this run. ' +
          'The JS SDK then ignores the pair and looks elsewhere. ' +
          whatToolsDo(discovery) +
          useNote(severity),
        remediation:
          "Compare the secret's name in the workflow with `gh secret list` (and `gh secret list --env NAME` for environment secrets, which also need `environment: NAME` on the job); create a missing one with `gh secret set AWS_ACCESS_KEY_ID`. A reusable workflow needs the secrets passed to it (`secrets: inherit`).",
        source: environment.label,
        evidence: [
          ...empty.map(value => `${describeOrigin(value.origin)} is ""`),
          ...toolEvidence(discovery)
        ],
        ...(empty[0] === undefined ? {} : { origin: empty[0].origin })
      })
    ]
  }
})
