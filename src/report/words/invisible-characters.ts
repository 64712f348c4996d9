/** Characters outside printable ASCII in a credential: named, placed, and what they cost. */
import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { CredentialPart, Finding } from '../../model.js'
import { PART_NAMES, describeOrigin, nameOfValue } from './origin.js'

/** Names of the characters people most often paste by accident; others get their category. */
const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL',
  0x09: 'TAB',
  0x0a: 'LINE FEED (newline)',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x20: 'SPACE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0xa0: 'NO-BREAK SPACE',
  0xad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x1680: 'OGHAM SPACE MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2000: 'EN QUAD',
  0x2001: 'EM QUAD',
  0x2002: 'EN SPACE',
  0x2003: 'EM SPACE',
  0x2004: 'THREE-PER-EM SPACE',
  0x2005: 'FOUR-PER-EM SPACE',
  0x2006: 'SIX-PER-EM SPACE',
  0x2007: 'FIGURE SPACE',
  0x2008: 'PUNCTUATION SPACE',
  0x2009: 'THIN SPACE',
  0x200a: 'HAIR SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3000: 'IDEOGRAPHIC SPACE',
  0xfeff: 'BYTE ORDER MARK (zero width no-break space)',
  0xfffd: 'REPLACEMENT CHARACTER (the file or variable held invalid UTF-8)',
  0x2018: 'LEFT SINGLE QUOTATION MARK',
  0x2019: 'RIGHT SINGLE QUOTATION MARK',
  0x201c: 'LEFT DOUBLE QUOTATION MARK',
  0x201d: 'RIGHT DOUBLE QUOTATION MARK',
  0x2010: 'HYPHEN',
  0x2013: 'EN DASH',
  0x2014: 'EM DASH'
}

/** The code point, its name where known, else what kind of character it is. */
export function describeCharacter(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`
  const name = NAMES[codePoint]
  if (name !== undefined) return `${hex} ${name}`
  const character = String.fromCodePoint(codePoint)
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return `${hex} control character`
  if (/\p{Zs}/u.test(character)) return `${hex} space character`
  if (/\p{Cf}/u.test(character)) return `${hex} invisible formatting character`
  if (/\p{Co}|\p{Cn}/u.test(character)) return `${hex} unassigned or private-use character`
  if (/\p{Cs}/u.test(character)) return `${hex} lone surrogate (broken UTF-16)`
  if (/\p{M}/u.test(character)) return `${hex} combining mark`
  return `${hex} non-ASCII character (looks like a letter or symbol, but is not ASCII)`
}

function where(index: number, length: number): string {
  if (index === 0) return 'at the start'
  if (index === length - 1) return 'at the end'
  return `at position ${index + 1} of ${length}`
}

function consequence(part: CredentialPart, unsendable: boolean): string {
  if (part === 'secretAccessKey')
    return 'The secret is only used to sign, so every request is signed wrongly and STS answers `SignatureDoesNotMatch`.'
  if (unsendable)
    return 'It travels in an HTTP header, where Node (`ERR_INVALID_CHAR`) and the AWS CLI ("Invalid header value") refuse it: no request is even sent.'
  return 'It travels in an HTTP header as it is, and AWS does not recognise the value.'
}

function remediation(fact: CheckFact<'invisible-characters'>): string {
  if (fact.plusAsSpace)
    return 'Each space stands where the secret has a `+`, which URL (form) decoding turned into a space: store the value again as `aws iam create-access-key` printed it, and where it must travel in a URL or a form, encode it (`encodeURIComponent`, `curl --data-urlencode`) so `+` arrives as `%2B`.'
  if (fact.trailingNewline)
    return 'Store the value again without the line break: `printf \'%s\' "$VALUE" | gh secret set NAME` (not `echo`, not `--body "$(cat file)"` on a file with Windows line endings), and write `KEY: ${{ secrets.NAME }}` on one line in the workflow, never as a `|` or `>` block.'
  return "Store the value again, typed or copied from the IAM console or the output of `aws iam create-access-key`, not from a chat, a web page or a document that inserts invisible characters; `LC_ALL=C tr -cd 'A-Za-z0-9/+'` keeps only the characters a secret may contain."
}

export function invisibleCharacters(
  fact: CheckFact<'invisible-characters'>
): Finding<'invisible-characters'> {
  const { found, length } = fact
  const evidence = found
    .slice(0, 8)
    .map(({ codePoint, index }) => `${describeCharacter(codePoint)} ${where(index, length)}`)
  if (found.length > 8) evidence.push(`and ${found.length - 8} more`)
  const first = evidence[0] ?? ''
  const name = nameOfValue(fact.origin, fact.part)
  return finding('invisible-characters', {
    title:
      found.length === 1
        ? `${name} contains ${first}`
        : `${name} contains ${found.length} invisible or non-ASCII characters`,
    message:
      `The ${PART_NAMES[fact.part]} from ${describeOrigin(fact.origin)} (${length} characters) contains ${evidence.join('; ')}. ` +
      `AWS credentials are printable ASCII only, and neither the AWS CLI nor the SDKs trim them. ${consequence(fact.part, fact.unsendable)}`,
    remediation: remediation(fact),
    source: fact.source,
    evidence,
    origin: fact.origin
  })
}
