import { sourcesInUse, type CredentialSource, type Discovery } from '../model.js'
import { defineFactCheck } from './check.js'
import type { CheckFact } from './facts.js'
import { readersOfProfile, severityByUse } from './usage.js'

/**
 * How much half a pair matters in this run. Inputs are what the action was told to check. The key
 * variables count where nothing else gave the action credentials, or where the AWS CLI stops on
 * them; a profile counts where the action or a tool reads it.
 */
function severityOf(discovery: Discovery, source: CredentialSource) {
  if (source.kind === 'input') return 'error' as const
  if (source.kind === 'environment') {
    // The JS SDK passes over half a pair; only the AWS CLI stops on it ("Partial credentials").
    const cliStops = discovery.tools?.awsCli.failure?.startsWith('Partial credentials found in env')
    return severityByUse(discovery.selected === undefined, cliStops === true ? ['aws-cli'] : [])
  }
  const inUse = sourcesInUse(discovery).includes(source) || discovery.selected === undefined
  return severityByUse(
    inUse && source.profile === discovery.profile.name,
    source.profile === undefined ? [] : readersOfProfile(discovery, source.profile)
  )
}

/**
 * A key ID without its secret, or a secret without its key ID, in one source. A half that is
 * present but empty is empty-credential-variable's to report, not this check's.
 */
export const incompleteCredentials = defineFactCheck({
  ids: ['incomplete-credentials'],
  detect: discovery =>
    discovery.sources.flatMap((source): CheckFact<'incomplete-credentials'>[] => {
      const credentials = source.credentials
      if (credentials === undefined) return []
      const present = (value: { raw: string } | undefined): boolean =>
        value !== undefined && value.raw !== ''
      const hasKey = present(credentials.accessKeyId)
      const hasSecret = present(credentials.secretAccessKey)
      if (hasKey === hasSecret) return []
      const have = hasKey ? 'accessKeyId' : 'secretAccessKey'
      if (credentials[hasKey ? 'secretAccessKey' : 'accessKeyId'] !== undefined) return []
      const haveOrigin = credentials[have]?.origin
      return [
        {
          id: 'incomplete-credentials',
          source: source.label,
          sourceKind: source.kind,
          have,
          ...(haveOrigin === undefined ? {} : { haveOrigin }),
          severity: severityOf(discovery, source),
          ...(discovery.tools === undefined ? {} : { tools: discovery.tools })
        }
      ]
    })
})
