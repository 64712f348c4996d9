import { finding } from '../findings.js'
import type { Finding } from '../model.js'
import { isSwapped } from './key-shapes.js'
import { defineCheck } from './check.js'
import { describeOrigin } from './check.js'
import { escapeText } from '../report/markdown.js'

/** The key ID holds a 40-character secret and the secret holds an AKIA…/ASIA… key ID. */
export const keysSwapped = defineCheck({
  ids: ['keys-swapped'],
  run: discovery =>
    discovery.sources.flatMap((source): Finding<'keys-swapped'>[] => {
      const keyId = source.credentials?.accessKeyId
      const secret = source.credentials?.secretAccessKey
      if (keyId === undefined || secret === undefined || !isSwapped(source)) return []
      return [
        finding('keys-swapped', {
          message: `The access key ID and the secret access key of ${escapeText(source.label)} are in each other's places: ${describeOrigin(keyId.origin)} holds a 40-character secret, and ${describeOrigin(secret.origin)} holds an access key ID. STS would look the secret up as a key ID and answer \`InvalidClientTokenId\`.`,
          remediation:
            'Check the mapping first, it is the usual cause: `AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}` and `AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}` (or the inputs `aws-access-key-id` / `aws-secret-access-key`, or the two lines of the credentials file). If the mapping is right, the stored secrets are crossed: store each value again under its own name with `gh secret set`.',
          source: source.label,
          evidence: [
            `${describeOrigin(keyId.origin)}: shaped like a secret access key`,
            `${describeOrigin(secret.origin)}: shaped like an access key ID`
          ],
          origin: keyId.origin
        })
      ]
    })
})
