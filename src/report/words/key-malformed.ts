/** A value in the key ID's or the secret's place that is not one: what it is instead. */
import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding } from '../../model.js'
import { keyIdProblemWords, secretProblemWords } from './key-shapes.js'
import { describeOrigin } from './origin.js'

export function accessKeyIdMalformed(
  fact: CheckFact<'access-key-id-malformed'>
): Finding<'access-key-id-malformed'> {
  const where = describeOrigin(fact.origin)
  return finding('access-key-id-malformed', {
    message: `The access key ID from ${where} is not an access key ID: ${keyIdProblemWords(fact.problem)}.`,
    remediation:
      'Use the `AccessKeyId` that `aws iam create-access-key` printed (or IAM → Users → NAME → Security credentials → Access keys): 20 characters, `AKIA` followed by upper-case letters and the digits 2–7. `aws iam list-access-keys --user-name NAME` lists the real ones.',
    source: fact.source,
    evidence: [`${where}: ${fact.length} characters`],
    origin: fact.origin
  })
}

export function secretAccessKeyMalformed(
  fact: CheckFact<'secret-access-key-malformed'>
): Finding<'secret-access-key-malformed'> {
  const where = describeOrigin(fact.origin)
  return finding('secret-access-key-malformed', {
    message: `The secret access key from ${where} is malformed: ${secretProblemWords(fact.problem)}. STS would answer \`SignatureDoesNotMatch\`.`,
    remediation:
      'Store the `SecretAccessKey` exactly as `aws iam create-access-key` printed it: 40 characters of letters, digits, `/` and `+`. IAM shows a secret only once: if it is lost, create a new key, store both halves together, and delete the old key.',
    source: fact.source,
    evidence: [`${where}: ${fact.length} characters`],
    origin: fact.origin
  })
}
