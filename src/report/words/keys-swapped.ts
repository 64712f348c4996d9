import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding } from '../../model.js'
import { escapeText } from '../markdown.js'
import { describeOrigin } from './origin.js'

export function keysSwapped(fact: CheckFact<'keys-swapped'>): Finding<'keys-swapped'> {
  const keyId = describeOrigin(fact.keyId.origin)
  const secret = describeOrigin(fact.secret.origin)
  return finding('keys-swapped', {
    message: `The access key ID and the secret access key of ${escapeText(fact.source)} are in each other's places: ${keyId} holds a 40-character secret, and ${secret} holds an access key ID. STS would look the secret up as a key ID and answer \`InvalidClientTokenId\`.`,
    remediation:
      'Check the mapping first, it is the usual cause: `AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}` and `AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}` (or the inputs `aws-access-key-id` / `aws-secret-access-key`, or the two lines of the credentials file). If the mapping is right, the stored secrets are crossed: store each value again under its own name with `gh secret set`.',
    source: fact.source,
    evidence: [
      `${keyId}: shaped like a secret access key`,
      `${secret}: shaped like an access key ID`
    ],
    origin: fact.keyId.origin
  })
}
