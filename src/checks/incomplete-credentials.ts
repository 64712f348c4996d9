import { finding } from '../findings.js'
import type { Check } from './check.js'
import { PART_NAMES, describeOrigin } from './check.js'

/** A key ID without its secret, or a secret without its key ID, in one source. */
export const incompleteCredentials: Check = {
  ids: ['incomplete-credentials'],
  run: discovery =>
    discovery.sources.flatMap(source => {
      const credentials = source.credentials
      if (credentials === undefined) return []
      const present = (value: { raw: string } | undefined): boolean =>
        value !== undefined && value.raw !== ''
      const hasKey = present(credentials.accessKeyId)
      const hasSecret = present(credentials.secretAccessKey)
      if (hasKey === hasSecret) return []
      const have = hasKey ? credentials.accessKeyId : credentials.secretAccessKey
      const missing = hasKey ? 'secretAccessKey' : 'accessKeyId'
      return [
        finding('incomplete-credentials', {
          title: `The ${PART_NAMES[missing]} is missing`,
          message:
            `${source.label} has the ${PART_NAMES[hasKey ? 'accessKeyId' : 'secretAccessKey']} (${have === undefined ? '' : describeOrigin(have.origin)}) but no ${PART_NAMES[missing]}. ` +
            'The AWS SDK for JavaScript then silently ignores the pair and looks elsewhere; the AWS CLI stops with "Partial credentials found".',
          remediation: `Provide both halves of the key pair from the same \`aws iam create-access-key\` result, e.g. \`${missing === 'accessKeyId' ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'}\` from its own secret.`,
          source: source.label,
          ...(have === undefined ? {} : { origin: have.origin })
        })
      ]
    })
}
