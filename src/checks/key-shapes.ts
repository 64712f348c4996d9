/**
 * What access key IDs and secrets look like (aws-facts A1–A4), and what a value that does not
 * look like one is instead. Descriptions never quote the value: they name its shape.
 */
import { decodeAccountId } from '../discover/account-id.js'
import type { CredentialSource } from '../model.js'
import { cleaned } from './check.js'

/** Key IDs are AKIA (long-term) or ASIA (temporary), plus 16 upper-case letters and digits. */
export const ACCESS_KEY_ID_PATTERN = /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/u
/** 40 characters of the base64 alphabet, without padding. */
export const SECRET_PATTERN = /^[A-Za-z0-9/+]{40}$/u
/** Session tokens are long base64; the shortest seen are a few hundred characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9/+=]{100,}$/u

/** Prefixes of IAM unique IDs that people paste where an access key ID belongs (aws-facts A1). */
export const UNIQUE_ID_PREFIXES: Readonly<Record<string, string>> = {
  AIDA: 'the unique ID of an IAM user (the `UserId` that `aws sts get-caller-identity` prints)',
  AROA: 'the unique ID of an IAM role (the `UserId` of a role session)',
  AGPA: 'the unique ID of an IAM group',
  ANPA: 'the ID of a managed policy',
  ANVA: 'the ID of a managed policy version',
  AIPA: 'the ID of an EC2 instance profile',
  APKA: 'the ID of a public key',
  ASCA: 'the ID of a certificate'
}

export function looksLikeSecret(value: string): boolean {
  return SECRET_PATTERN.test(value)
}

export function looksLikeKeyId(value: string): boolean {
  return ACCESS_KEY_ID_PATTERN.test(value)
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value)
}

/** Why a (cleaned) value is not an access key ID, or undefined when it is one. */
export function describeKeyIdProblem(value: string): string | undefined {
  if (/^A[A-Z]{3}[A-Z2-7]{16}$/u.test(value) && looksLikeKeyId(value)) return undefined
  const prefix = value.slice(0, 4)
  const uniqueId = UNIQUE_ID_PREFIXES[prefix]
  if (uniqueId !== undefined) {
    const account = decodeAccountId(value.split(':')[0] ?? '')
    const session = value.includes(':') ? ' followed by a session name' : ''
    return `it starts with ${prefix}${session}: it is ${uniqueId}${account === undefined ? '' : ` in account ${account}`}, which names an identity but cannot sign anything`
  }
  if (value.startsWith('arn:'))
    return 'it is an ARN, the name of a user or role, not an access key ID'
  if (value.includes('@')) return 'it looks like an e-mail address or a user name'
  if (looksLikeSecret(value))
    return 'it has the shape of a secret access key (40 characters of base64), not of a key ID'
  if (looksLikeToken(value)) return 'it has the shape of a session token, not of a key ID'
  if (value.includes(','))
    return 'it contains a comma: it looks like a whole line of the downloaded CSV file'
  if (value !== value.toUpperCase() && looksLikeKeyId(value.toUpperCase()))
    return 'it contains lower-case letters, and access key IDs are all upper-case'
  if (!/^(AKIA|ASIA|ABIA|ACCA)/u.test(value))
    return 'it does not start with AKIA (long-term key) or ASIA (temporary key)'
  if (value.length !== 20) return `it is ${value.length} characters long instead of 20`
  if (/[^A-Z0-9]/u.test(value))
    return 'it contains characters other than upper-case letters and digits'
  return 'it contains 0, 1, 8 or 9, which never occur after the prefix (a misread O, I or B?)'
}

function isBase64OfSecret(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{54,56}={0,2}$/u.test(value)) return false
  return SECRET_PATTERN.test(Buffer.from(value, 'base64').toString('latin1'))
}

/** Why a (cleaned) value is not a secret access key, or undefined when it is one. */
export function describeSecretProblem(value: string): string | undefined {
  if (SECRET_PATTERN.test(value)) return undefined
  if (looksLikeKeyId(value))
    return 'it has the shape of an access key ID (AKIA…/ASIA…), not of a secret'
  if (/%2F|%2B|%3D/iu.test(value)) return 'it is URL-encoded (`%2F` for `/`, `%2B` for `+`)'
  if (isBase64OfSecret(value))
    return "it is the base64 encoding of a 40-character secret (copied from a Kubernetes Secret's `data:`?)"
  if (looksLikeToken(value)) return 'it has the shape of a session token, not of a secret'
  if (value.includes(','))
    return 'it contains a comma: it looks like a whole line of the downloaded CSV file'
  if (value.length === 40 && value.includes('='))
    return 'it contains `=`, base64 padding that never occurs in a secret access key'
  if (value.length !== 40) return `it is ${value.length} characters long instead of 40`
  return 'it contains characters outside letters, digits, `/` and `+`'
}

/** Both halves in each other's place: reported once, by keys-swapped. */
export function isSwapped(source: CredentialSource): boolean {
  const keyId = source.credentials?.accessKeyId
  const secret = source.credentials?.secretAccessKey
  if (keyId === undefined || secret === undefined) return false
  return looksLikeSecret(cleaned(keyId.raw)) && looksLikeKeyId(cleaned(secret.raw))
}
