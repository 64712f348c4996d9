import { defineFactCheck } from './check.js'
import { credentialValues } from './check.js'
import type { CheckFact } from './facts.js'
import { placeholderKind } from './placeholder-credentials.js'
import { lostPlusSigns } from './key-shapes.js'
import type { CredentialPart } from '../model.js'

/** Characters Node refuses in a header value (`ERR_INVALID_CHAR`), as the AWS CLI does. */
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/u

function plusAsSpace(part: CredentialPart, raw: string): boolean {
  return part === 'secretAccessKey' && lostPlusSigns(raw)
}

/** Everything outside printable ASCII: no part of an AWS credential ever contains it. */
export const invisibleCharacters = defineFactCheck({
  ids: ['invisible-characters'],
  detect: discovery =>
    credentialValues(discovery).flatMap((value): CheckFact<'invisible-characters'>[] => {
      const { source, part } = value
      const raw = value.value.raw
      // `${{ secrets.X }}` has spaces because it is an expression, not a damaged value: the
      // placeholder finding says what is wrong with it.
      if (placeholderKind(raw, part) !== undefined) return []
      const characters = [...raw]
      const found = characters
        .map((character, index) => ({ codePoint: character.codePointAt(0) ?? 0, index }))
        .filter(({ codePoint }) => codePoint < 0x21 || codePoint > 0x7e)
      if (found.length === 0) return []
      return [
        {
          id: 'invisible-characters',
          source: source.label,
          part,
          origin: value.value.origin,
          length: characters.length,
          found,
          unsendable: UNSENDABLE.test(raw),
          trailingNewline: /[\r\n]$/u.test(raw),
          plusAsSpace: plusAsSpace(part, raw)
        }
      ]
    })
})
