import { finding } from '../findings.js'
import type { Finding } from '../model.js'
import { defineCheck } from './check.js'
import { PART_NAMES, describeOrigin } from './check.js'

const VARIABLES = { accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'AWS_SECRET_ACCESS_KEY' }
const FILE_KEYS = { accessKeyId: 'aws_access_key_id', secretAccessKey: 'aws_secret_access_key' }

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
          ? `\`${VARIABLES[missing]}\``
          : source.kind === 'input'
            ? `the input \`${missing === 'accessKeyId' ? 'aws-access-key-id' : 'aws-secret-access-key'}\``
            : `\`${FILE_KEYS[missing]}\` in the same profile`
      return [
        finding('incomplete-credentials', {
          title: `The ${PART_NAMES[missing]} is missing`,
          message:
            `${source.label} has the ${PART_NAMES[hasKey ? 'accessKeyId' : 'secretAccessKey']} (${have === undefined ? '' : describeOrigin(have.origin)}) but no ${PART_NAMES[missing]}: ${where} is not set. ` +
            'The AWS SDK for JavaScript silently ignores half a pair and looks elsewhere; the AWS CLI stops with "Partial credentials found".',
          remediation:
            source.kind === 'environment' || source.kind === 'input'
              ? `Provide both halves of the key pair, each from its own secret: \`AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}\` and \`AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}\`.`
              : `Add \`${FILE_KEYS[missing]} = …\` to the profile, spelled exactly so (a misspelled key name is ignored; see credentials-file-malformed).`,
          source: source.label,
          ...(have === undefined ? {} : { origin: have.origin })
        })
      ]
    })
})
