import { finding } from '../findings.js'
import type { Check } from './check.js'
import { cleaned, describeOrigin } from './check.js'
import { EXAMPLE_ACCESS_KEY_IDS, EXAMPLE_SECRETS } from './example-credentials.js'

/** Prefixes of IAM unique IDs that people paste where an access key ID belongs. */
const UNIQUE_ID_PREFIXES: Readonly<Record<string, string>> = {
  AIDA: 'the unique ID of an IAM user (the `UserId` that `aws sts get-caller-identity` prints)',
  AROA: 'the unique ID of an IAM role (the `UserId` of a role session)',
  AGPA: 'the unique ID of an IAM group',
  ANPA: 'the ID of a managed policy',
  ANVA: 'the ID of a managed policy version',
  AIPA: 'the ID of an EC2 instance profile',
  APKA: 'the ID of a public key',
  ASCA: 'the ID of a certificate'
}

/** Key IDs are AKIA (long-term) or ASIA (temporary), plus 16 upper-case letters and digits. */
export const ACCESS_KEY_ID_PATTERN = /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/u
export const SECRET_PATTERN = /^[A-Za-z0-9/+=]{40}$/u

export function describeKeyIdProblem(value: string): string | undefined {
  if (ACCESS_KEY_ID_PATTERN.test(value) || EXAMPLE_ACCESS_KEY_IDS.has(value)) return undefined
  const uniqueId = UNIQUE_ID_PREFIXES[value.slice(0, 4)]
  if (uniqueId !== undefined)
    return `it starts with ${value.slice(0, 4)}: it is ${uniqueId}, not an access key ID`
  if (!/^(AKIA|ASIA|ABIA|ACCA)/u.test(value)) {
    return `it does not start with AKIA (long-term key) or ASIA (temporary key)`
  }
  if (value.length !== 20) return `it is ${value.length} characters long instead of 20`
  return 'it contains characters other than upper-case letters and digits'
}

export function describeSecretProblem(value: string): string | undefined {
  if (SECRET_PATTERN.test(value) || EXAMPLE_SECRETS.has(value)) return undefined
  if (value.length !== 40) return `it is ${value.length} characters long instead of 40`
  return 'it contains characters outside letters, digits, `/` and `+`'
}

/**
 * Format of the key ID and the secret, judged after removing what the more specific checks
 * report (quotes, invisible characters), so one mistake gives one finding.
 */
export const keyFormat: Check = {
  ids: ['access-key-id-malformed', 'secret-access-key-malformed'],
  run: discovery =>
    discovery.sources.flatMap(source => {
      const results = []
      const keyId = source.credentials?.accessKeyId
      const keyValue = keyId === undefined ? '' : cleaned(keyId.raw)
      const keyProblem =
        keyId === undefined || keyValue === '' ? undefined : describeKeyIdProblem(keyValue)
      if (keyId !== undefined && keyProblem !== undefined) {
        results.push(
          finding('access-key-id-malformed', {
            message: `The access key ID from ${describeOrigin(keyId.origin)} is not an access key ID: ${keyProblem}.`,
            remediation:
              'Use the `AccessKeyId` of `aws iam create-access-key` (or IAM → Users → NAME → Security credentials): 20 characters starting with AKIA.',
            source: source.label,
            evidence: [`length ${keyValue.length}`, `starts with ${keyValue.slice(0, 4)}`],
            origin: keyId.origin
          })
        )
      }
      const secret = source.credentials?.secretAccessKey
      const secretValue = secret === undefined ? '' : cleaned(secret.raw)
      const secretProblem =
        secret === undefined || secretValue === '' ? undefined : describeSecretProblem(secretValue)
      // A secret that looks like a key ID is reported once, as swapped keys, by its own check.
      if (
        secret !== undefined &&
        secretProblem !== undefined &&
        !ACCESS_KEY_ID_PATTERN.test(secretValue)
      ) {
        results.push(
          finding('secret-access-key-malformed', {
            message: `The secret access key from ${describeOrigin(secret.origin)} is malformed: ${secretProblem}.`,
            remediation:
              'Copy the `SecretAccessKey` of `aws iam create-access-key` exactly: 40 characters of letters, digits, `/` and `+`. It is shown only once; if it is lost, create a new key and delete the old one.',
            source: source.label,
            evidence: [`length ${secretValue.length}`],
            origin: secret.origin
          })
        )
      }
      return results
    })
}
