/**
 * The AWS account encoded in an access key ID, read without asking AWS (aws-facts B1–B3).
 * Since about 2019, key IDs (and IAM unique IDs) carry the account: drop the four-character
 * prefix, base32-decode the rest, and take bits 7–46 of the first six bytes. Older IDs, whose
 * fifth character is below `Q` (`AKIAI…`, `AKIAJ…`), decode to nonsense and are refused.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** A fifth character from `Q` to `Z` or `2` to `7` marks the new format that encodes the account. */
export function isNewFormatId(id: string): boolean {
  return /^[A-Z]{4}[Q-Z2-7]/u.test(id)
}

/**
 * The account of any new-format ID (key ID or unique ID such as AIDA…), or undefined for an
 * old-format ID or anything that is not base32 after its prefix.
 */
export function decodeAccountId(id: string): string | undefined {
  if (!isNewFormatId(id) || !/^[A-Z]{4}[A-Z2-7]{8,}$/u.test(id)) return undefined
  // Eight base32 characters are exactly five bytes; the sixth byte needs two more characters.
  let bits = 0n
  let count = 0
  for (const character of id.slice(4, 14)) {
    bits = (bits << 5n) | BigInt(BASE32.indexOf(character))
    count += 5
  }
  while (count < 50) {
    bits <<= 5n
    count += 5
  }
  const firstSixBytes = bits >> BigInt(count - 48)
  const account = (firstSixBytes & 0x7fffffffff80n) >> 7n
  return account.toString().padStart(12, '0')
}

/** The account of an access key ID (AKIA/ASIA, 20 characters, new format); undefined otherwise. */
export function accountIdFromAccessKeyId(keyId: string): string | undefined {
  if (!/^A[KS]IA[A-Z2-7]{16}$/u.test(keyId)) return undefined
  return decodeAccountId(keyId)
}
