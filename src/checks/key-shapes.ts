/**
 * What access key IDs and secrets look like (aws-facts A1–A4), and what a value that does not
 * look like one is instead, as typed problems: src/report/words/key-shapes.ts words them, never
 * quoting the value, only naming its shape.
 */
import { decodeAccountId } from '../discover/account-id.js'
import type { CredentialSource } from '../model.js'
import { cleaned } from './check.js'
import type { KeyIdProblem, SecretProblem, UniqueIdPrefix } from './facts.js'

/** Key IDs are AKIA (long-term) or ASIA (temporary), plus 16 upper-case letters and digits. */
export const ACCESS_KEY_ID_PATTERN = /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/u
/** 40 characters of the base64 alphabet, without padding. */
export const SECRET_PATTERN = /^[A-Za-z0-9/+]{40}$/u
/** Session tokens are long base64; the shortest seen are a few hundred characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9/+=]{100,}$/u

/** Prefixes of IAM unique IDs that people paste where an access key ID belongs (aws-facts A1). */
export const UNIQUE_ID_PREFIXES = [
  'AIDA',
  'AROA',
  'AGPA',
  'ANPA',
  'ANVA',
  'AIPA',
  'APKA',
  'ASCA'
] as const satisfies readonly UniqueIdPrefix[]

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

/**
 * A secret whose every `+` became a space, as URL (form) decoding reads it: the value was
 * passed through a query string or a form field on its way into the secret store.
 */
export function lostPlusSigns(raw: string): boolean {
  // Spaces are not trimmed: a `+` at either end of the secret became a space there too.
  const trimmed = raw.replace(/^[\r\n\t]+|[\r\n\t]+$/gu, '').replace(/^["'`]+|["'`]+$/gu, '')
  return trimmed.includes(' ') && SECRET_PATTERN.test(trimmed.replaceAll(' ', '+'))
}

/** A shape a value has, and which problem a value of that shape has. */
type Shape<Problem> = readonly [matches: (value: string, raw: string) => boolean, problem: Problem]

/** What a key ID that is not one looks like instead, the most telling shape first. */
const KEY_ID_SHAPES: readonly Shape<KeyIdProblem>[] = [
  [value => value.startsWith('arn:'), { kind: 'arn' }],
  [value => value.includes('@'), { kind: 'email' }],
  [looksLikeSecret, { kind: 'secret-shape' }],
  [looksLikeToken, { kind: 'token-shape' }],
  [value => isJoinedPair(value), { kind: 'joined-pair' }],
  [value => value.includes(','), { kind: 'csv-line' }],
  [
    value => value !== value.toUpperCase() && looksLikeKeyId(value.toUpperCase()),
    { kind: 'lower-case' }
  ],
  [value => !/^(AKIA|ASIA|ABIA|ACCA)/u.test(value), { kind: 'prefix' }]
]

function isUniqueIdPrefix(prefix: string): prefix is UniqueIdPrefix {
  return (UNIQUE_ID_PREFIXES as readonly string[]).includes(prefix)
}

/** The prefix of an IAM unique ID, with the account it encodes. */
function uniqueIdProblem(value: string): KeyIdProblem | undefined {
  const prefix = value.slice(0, 4)
  if (!isUniqueIdPrefix(prefix)) return undefined
  const account = decodeAccountId(value.split(':')[0] ?? '')
  return {
    kind: 'unique-id',
    prefix,
    session: value.includes(':'),
    ...(account === undefined ? {} : { account })
  }
}

/** Why a (cleaned) value is not an access key ID, or undefined when it is one. */
export function keyIdProblem(value: string): KeyIdProblem | undefined {
  if (/^A[A-Z]{3}[A-Z2-7]{16}$/u.test(value) && looksLikeKeyId(value)) return undefined
  const shape =
    uniqueIdProblem(value) ?? KEY_ID_SHAPES.find(([matches]) => matches(value, value))?.[1]
  if (shape !== undefined) return shape
  if (value.length !== 20) return { kind: 'length', length: value.length }
  if (/[^A-Z0-9]/u.test(value)) return { kind: 'characters' }
  return { kind: 'misread-digits' }
}

function isBase64OfSecret(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{54,56}={0,2}$/u.test(value)) return false
  return SECRET_PATTERN.test(Buffer.from(value, 'base64').toString('latin1'))
}

/** What a secret that is not one looks like instead, the most telling shape first. */
const SECRET_SHAPES: readonly Shape<SecretProblem>[] = [
  [(_, raw) => lostPlusSigns(raw), { kind: 'plus-as-space' }],
  [value => isJoinedPair(value), { kind: 'joined-pair' }],
  [looksLikeKeyId, { kind: 'key-id-shape' }],
  [value => /%2F|%2B|%3D/iu.test(value), { kind: 'url-encoded' }],
  [isBase64OfSecret, { kind: 'base64-of-secret' }],
  [looksLikeToken, { kind: 'token-shape' }],
  [value => value.includes(','), { kind: 'csv-line' }],
  [value => value.length === 40 && value.includes('='), { kind: 'padding' }]
]

/**
 * Why a (cleaned) value is not a secret access key, or undefined when it is one. `raw`, the
 * value as stored, shows what cleaning removed (the spaces URL decoding leaves for `+`).
 */
export function secretProblem(value: string, raw: string = value): SecretProblem | undefined {
  if (SECRET_PATTERN.test(value)) return undefined
  const shape = SECRET_SHAPES.find(([matches]) => matches(value, raw))?.[1]
  if (shape !== undefined) return shape
  if (value.length !== 40) return { kind: 'length', length: value.length }
  return { kind: 'characters' }
}

/** Both halves in each other's place: reported once, by keys-swapped. */
export function isSwapped(source: CredentialSource): boolean {
  const keyId = source.credentials?.accessKeyId
  const secret = source.credentials?.secretAccessKey
  if (keyId === undefined || secret === undefined) return false
  return looksLikeSecret(cleaned(keyId.raw)) && looksLikeKeyId(cleaned(secret.raw))
}
