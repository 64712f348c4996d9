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

/**
 * A whole key pair in one value: the key ID and the secret, in either order, side by side or
 * joined by one separator (what `KEY:SECRET` or a pasted `KEY SECRET` line becomes once the
 * white space is removed). A comma is the CSV file's line, named on its own.
 */
const JOINED_PAIR =
  /^(?:(?:AKIA|ASIA)[A-Z0-9]{16}[:;|=]?[A-Za-z0-9/+]{40}|[A-Za-z0-9/+]{40}[:;|=]?(?:AKIA|ASIA)[A-Z0-9]{16})$/u

export function isJoinedPair(value: string): boolean {
  return JOINED_PAIR.test(value)
}

const JOINED_PAIR_PROBLEM =
  'it holds a whole key pair, the access key ID and the secret joined into one value: each belongs in its own variable'

/**
 * A secret whose every `+` became a space, as URL (form) decoding reads it: the value was
 * passed through a query string or a form field on its way into the secret store.
 */
export function lostPlusSigns(raw: string): boolean {
  // Spaces are not trimmed: a `+` at either end of the secret became a space there too.
  const trimmed = raw.replace(/^[\r\n\t]+|[\r\n\t]+$/gu, '').replace(/^["'`]+|["'`]+$/gu, '')
  return trimmed.includes(' ') && SECRET_PATTERN.test(trimmed.replaceAll(' ', '+'))
}

/** A shape a value has, and what the finding says about a value of that shape. */
type Shape = readonly [matches: (value: string, raw: string) => boolean, problem: string]

const CSV_LINE = 'it contains a comma: it looks like a whole line of the downloaded CSV file'

/** What a key ID that is not one looks like instead, the most telling shape first. */
const KEY_ID_SHAPES: readonly Shape[] = [
  [
    value => value.startsWith('arn:'),
    'it is an ARN, the name of a user or role, not an access key ID'
  ],
  [value => value.includes('@'), 'it looks like an e-mail address or a user name'],
  [
    looksLikeSecret,
    'it has the shape of a secret access key (40 characters of base64), not of a key ID'
  ],
  [looksLikeToken, 'it has the shape of a session token, not of a key ID'],
  [value => isJoinedPair(value), JOINED_PAIR_PROBLEM],
  [value => value.includes(','), CSV_LINE],
  [
    value => value !== value.toUpperCase() && looksLikeKeyId(value.toUpperCase()),
    'it contains lower-case letters, and access key IDs are all upper-case'
  ],
  [
    value => !/^(AKIA|ASIA|ABIA|ACCA)/u.test(value),
    'it does not start with AKIA (long-term key) or ASIA (temporary key)'
  ]
]

/** The prefix of an IAM unique ID, with its kind and the account it encodes. */
function uniqueIdProblem(value: string): string | undefined {
  const prefix = value.slice(0, 4)
  const uniqueId = UNIQUE_ID_PREFIXES[prefix]
  if (uniqueId === undefined) return undefined
  const account = decodeAccountId(value.split(':')[0] ?? '')
  const session = value.includes(':') ? ' followed by a session name' : ''
  return `it starts with ${prefix}${session}: it is ${uniqueId}${account === undefined ? '' : ` in account ${account}`}, which names an identity but cannot sign anything`
}

/** Why a (cleaned) value is not an access key ID, or undefined when it is one. */
export function describeKeyIdProblem(value: string): string | undefined {
  if (/^A[A-Z]{3}[A-Z2-7]{16}$/u.test(value) && looksLikeKeyId(value)) return undefined
  const shape =
    uniqueIdProblem(value) ?? KEY_ID_SHAPES.find(([matches]) => matches(value, value))?.[1]
  if (shape !== undefined) return shape
  if (value.length !== 20) return `it is ${value.length} characters long instead of 20`
  if (/[^A-Z0-9]/u.test(value))
    return 'it contains characters other than upper-case letters and digits'
  return 'it contains 0, 1, 8 or 9, which never occur after the prefix (a misread O, I or B?)'
}

function isBase64OfSecret(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{54,56}={0,2}$/u.test(value)) return false
  return SECRET_PATTERN.test(Buffer.from(value, 'base64').toString('latin1'))
}

/** What a secret that is not one looks like instead, the most telling shape first. */
const SECRET_SHAPES: readonly Shape[] = [
  [
    (_, raw) => lostPlusSigns(raw),
    'it has a space wherever the secret has a `+`: URL (form) decoding reads `+` as a space, so the value went through a query string or a form field on its way in'
  ],
  [value => isJoinedPair(value), JOINED_PAIR_PROBLEM],
  [looksLikeKeyId, 'it has the shape of an access key ID (AKIA…/ASIA…), not of a secret'],
  [value => /%2F|%2B|%3D/iu.test(value), 'it is URL-encoded (`%2F` for `/`, `%2B` for `+`)'],
  [
    isBase64OfSecret,
    "it is the base64 encoding of a 40-character secret (copied from a Kubernetes Secret's `data:`?)"
  ],
  [looksLikeToken, 'it has the shape of a session token, not of a secret'],
  [value => value.includes(','), CSV_LINE],
  [
    value => value.length === 40 && value.includes('='),
    'it contains `=`, base64 padding that never occurs in a secret access key'
  ]
]

/**
 * Why a (cleaned) value is not a secret access key, or undefined when it is one. `raw`, the
 * value as stored, shows what cleaning removed (the spaces URL decoding leaves for `+`).
 */
export function describeSecretProblem(value: string, raw: string = value): string | undefined {
  if (SECRET_PATTERN.test(value)) return undefined
  const shape = SECRET_SHAPES.find(([matches]) => matches(value, raw))?.[1]
  if (shape !== undefined) return shape
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
