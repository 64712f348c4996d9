import { finding } from '../findings.js'
import type { Check } from './check.js'
import { PART_NAMES, credentialValues, describeOrigin } from './check.js'

/** Names of the characters people most often paste by accident; others get their code point. */
const NAMES: Readonly<Record<number, string>> = {
  0x09: 'TAB',
  0x0a: 'LINE FEED (newline)',
  0x0d: 'CARRIAGE RETURN',
  0x20: 'SPACE',
  0xa0: 'NO-BREAK SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x2060: 'WORD JOINER',
  0xfeff: 'BYTE ORDER MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x00ad: 'SOFT HYPHEN',
  0xfffd: 'REPLACEMENT CHARACTER (invalid UTF-8)'
}

export function describeCharacter(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`
  const name = NAMES[codePoint]
  if (name !== undefined) return `${hex} ${name}`
  if (codePoint < 0x20 || codePoint === 0x7f) return `${hex} control character`
  return `${hex} non-ASCII character`
}

function where(index: number, length: number): string {
  if (index === 0) return 'at the start'
  if (index === length - 1) return 'at the end'
  return `at position ${index + 1} of ${length}`
}

/** Everything outside printable ASCII: no part of an AWS credential ever contains it. */
export const invisibleCharacters: Check = {
  ids: ['invisible-characters'],
  run: discovery =>
    credentialValues(discovery).flatMap(({ source, part, value }) => {
      const characters = [...value.raw]
      const found = characters
        .map((character, index) => ({ codePoint: character.codePointAt(0) ?? 0, index }))
        .filter(({ codePoint }) => codePoint < 0x21 || codePoint > 0x7e)
      if (found.length === 0) return []
      const evidence = found
        .slice(0, 5)
        .map(
          ({ codePoint, index }) =>
            `${describeCharacter(codePoint)} ${where(index, characters.length)}`
        )
      if (found.length > 5) evidence.push(`and ${found.length - 5} more`)
      const trailingNewline = /[\r\n]$/u.test(value.raw)
      return [
        finding('invisible-characters', {
          title: `The ${PART_NAMES[part]} contains ${found.length === 1 ? 'an invisible character' : `${found.length} invisible characters`}`,
          message:
            `The ${PART_NAMES[part]} from ${describeOrigin(value.origin)} contains ${evidence.join('; ')}. ` +
            'AWS credentials are printable ASCII only, and neither the AWS CLI nor the SDKs trim them: ' +
            (part === 'secretAccessKey'
              ? 'a changed secret signs every request wrongly, and STS answers `SignatureDoesNotMatch`.'
              : 'Node and the AWS CLI refuse to send such a value in a header at all.'),
          remediation: trailingNewline
            ? 'Store the secret again without the trailing newline, e.g. `printf \'%s\' "$VALUE" | gh secret set NAME` (not `echo`, and not a file saved by an editor that adds a final newline).'
            : 'Store the value again, typed or copied from the IAM console or `aws iam create-access-key` output, not from a chat, a web page or a document that inserts invisible characters.',
          source: source.label,
          evidence,
          origin: value.origin
        })
      ]
    })
}
