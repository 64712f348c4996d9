/**
 * Generation of AWS-shaped identifiers: access key IDs, unique IDs (AIDA/AROA), secrets and
 * session tokens.
 *
 * Key IDs are "new format" (aws-facts A2, B1, B2): a 4-char prefix plus base32 characters whose
 * first 48 bits carry the account, so production code that decodes the account offline from a
 * key ID gets the right answer against this emulator.
 */
import { randomBytes, randomInt } from 'node:crypto'

/** RFC 4648 base32 alphabet (aws-facts A2: no 0/1/8/9). */
export const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Secret alphabet per aws-facts A3. */
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+'

/** The 48-bit mask of aws-facts B1 step 4. */
const ACCOUNT_MASK = 0x7fffffffff80n
const TOP_BIT = 1n << 47n

export interface EncodeKeyIdOptions {
  /** Number of base32 characters after the prefix: 16 for access keys, 17 for AIDA/AROA IDs. */
  length?: number
  /** The 7 low bits of the first 48 (not part of the account). Random when omitted. */
  low7?: number
  /** The bits after the first 48 (`length * 5 - 48` of them). Random when omitted. */
  tail?: bigint
}

function randomBigInt(bits: number): bigint {
  if (bits <= 0) return 0n
  const bytes = randomBytes(Math.ceil(bits / 8))
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  return value & ((1n << BigInt(bits)) - 1n)
}

function base32Encode(value: bigint, chars: number): string {
  let out = ''
  for (let i = chars - 1; i >= 0; i--) {
    const index = Number((value >> BigInt(i * 5)) & 31n)
    out += BASE32_ALPHABET[index]
  }
  return out
}

function base32Decode(text: string): bigint {
  let value = 0n
  for (const ch of text) {
    const index = BASE32_ALPHABET.indexOf(ch)
    if (index < 0) throw new Error(`not a base32 character: ${JSON.stringify(ch)}`)
    value = (value << 5n) | BigInt(index)
  }
  return value
}

function checkAccountId(accountId: string): bigint {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`account ID must be 12 digits: ${accountId}`)
  return BigInt(accountId)
}

/**
 * Builds an ID such as `AKIA…` (or `ASIA…`, `AIDA…`, `AROA…`) that encodes `accountId` the way
 * aws-facts B1 decodes it: the first 48 bits of the base32 payload are
 * `TOP_BIT | account << 7 | low7`. The top bit being set is what makes the 5th character ≥ 'Q'
 * (aws-facts B2), i.e. a "new-format" key.
 */
export function encodeKeyId(
  prefix: string,
  accountId: string,
  options: EncodeKeyIdOptions = {}
): string {
  if (!/^[A-Z]{4}$/.test(prefix)) throw new Error(`prefix must be 4 capital letters: ${prefix}`)
  const account = checkAccountId(accountId)
  const length = options.length ?? 16
  const tailBits = length * 5 - 48
  if (tailBits < 0) throw new Error('length must be at least 10 characters')
  const low7 = BigInt(options.low7 ?? randomInt(128)) & 0x7fn
  const tail = options.tail ?? randomBigInt(tailBits)
  if (tail < 0n || tail >= 1n << BigInt(tailBits)) throw new Error('tail does not fit')
  const head = TOP_BIT | (account << 7n) | low7
  return prefix + base32Encode((head << BigInt(tailBits)) | tail, length)
}

/**
 * Test oracle for aws-facts B1 (the production decoder is separate): the account encoded in a
 * key ID or unique ID. Also returns the non-account bits so tests can re-encode exactly.
 */
export function decodeKeyId(id: string): {
  accountId: string
  newFormat: boolean
  low7: number
  tail: bigint
} {
  const payload = id.slice(4)
  const bits = payload.length * 5
  const value = base32Decode(payload)
  const tailBits = bits - 48
  const head = tailBits >= 0 ? value >> BigInt(tailBits) : value << BigInt(-tailBits)
  const account = (head & ACCOUNT_MASK) >> 7n
  return {
    accountId: account.toString().padStart(12, '0'),
    newFormat: (head & TOP_BIT) !== 0n,
    low7: Number(head & 0x7fn),
    tail: tailBits > 0 ? value & ((1n << BigInt(tailBits)) - 1n) : 0n
  }
}

/** 40 random characters of `[A-Za-z0-9/+]` (aws-facts A3). */
export function generateSecretAccessKey(): string {
  let out = ''
  for (let i = 0; i < 40; i++) out += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)]
  return out
}

/**
 * A session token shaped like the modern ones (aws-facts A4): standard base64 whose first 12
 * bytes are `!\n\torigin_ec`, so it starts `IQoJb3JpZ2luX2Vj`, followed by random bytes to give
 * a realistic size (~430 characters). The content means nothing; the emulator looks tokens up
 * verbatim.
 */
export function generateSessionToken(): string {
  const header = Buffer.from('!\n\torigin_ec', 'latin1')
  return Buffer.concat([header, randomBytes(310)]).toString('base64')
}
