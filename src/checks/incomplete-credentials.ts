import { finding } from '../findings.js'
import { sourcesInUse, type CredentialSource, type Discovery, type Finding } from '../model.js'
import { defineCheck } from './check.js'
import { PART_NAMES, describeOrigin } from './check.js'
import { readersOfProfile, severityByUse, toolEvidence, useNote, whatToolsDo } from './usage.js'
import { code, escapeText } from '../report/markdown.js'

const VARIABLES = { accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'AWS_SECRET_ACCESS_KEY' }
const FILE_KEYS = { accessKeyId: 'aws_access_key_id', secretAccessKey: 'aws_secret_access_key' }

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
export const incompleteCredentials = defineCheck({
  ids: ['incomplete-credentials'],
  run: discovery =>
    discovery.sources.flatMap((source): Finding<'incomplete-credentials'>[] => {
      const credentials = source.credentials
      if (credentials === undefined) return []
      const present = (value: { raw: string } | undefined): boolean =>
        value !== undefined && value.raw !== ''
      const hasKey = present(credentials.accessKeyId)
      const hasSecret = present(credentials.secretAccessKey)
      if (hasKey === hasSecret) return []
      const have = hasKey ? credentials.accessKeyId : credentials.secretAccessKey
      const missing = hasKey ? 'secretAccessKey' : 'accessKeyId'
      if (credentials[missing] !== undefined) return []
      const where =
        source.kind === 'environment'
          ? code(VARIABLES[missing])
          : source.kind === 'input'
            ? `the input ${code(missing === 'accessKeyId' ? 'aws-access-key-id' : 'aws-secret-access-key')}`
            : `${code(FILE_KEYS[missing])} in the same profile`
      const severity = severityOf(discovery, source)
      return [
        finding('incomplete-credentials', {
          severity,
          title: `The ${PART_NAMES[missing]} is missing`,
          message:
            `${escapeText(source.label)} has the ${PART_NAMES[hasKey ? 'accessKeyId' : 'secretAccessKey']} (${have === undefined ? '' : describeOrigin(have.origin)}) but no ${PART_NAMES[missing]}: ${where} is not set. ` +
            `The AWS SDK for JavaScript passes over half a pair and looks elsewhere. ${whatToolsDo(discovery)}${useNote(severity)}`,
          remediation:
            source.kind === 'environment' || source.kind === 'input'
              ? `Provide both halves of the key pair, each from its own secret: \`AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}\` and \`AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}\`.`
              : `Add \`${FILE_KEYS[missing]} = …\` to the profile, spelled exactly so (a misspelled key name is ignored; see credentials-file-malformed), or delete the stale profile.`,
          source: source.label,
          evidence: toolEvidence(discovery),
          ...(have === undefined ? {} : { origin: have.origin })
        })
      ]
    })
})
