import { defineFactCheck } from './check.js'
import { credentialValues } from './check.js'
import type { CheckFact, QuotedEnds, QuoteKind } from './facts.js'

/** The quote characters, by kind: the kinds are what the words name. */
const QUOTES: Readonly<Record<string, QuoteKind>> = {
  '"': 'double quote',
  "'": 'single quote',
  '`': 'backtick',
  '\u201C': 'typographic double quote',
  '\u201D': 'typographic double quote',
  '\u2018': 'typographic single quote',
  '\u2019': 'typographic single quote'
}

/** Which ends of a value carry a quote character, ignoring surrounding whitespace. */
export function quotesOf(raw: string): QuotedEnds | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  const first = [...value][0] ?? ''
  const last = [...value].at(-1) ?? ''
  const start = QUOTES[first]
  const end = value.length > 1 ? QUOTES[last] : undefined
  if (start === undefined && end === undefined) return undefined
  return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) }
}

/** Quotes are part of the value: neither environment variables nor the SDKs' INI readers remove them. */
export const quotedValue = defineFactCheck({
  ids: ['quoted-value'],
  detect: discovery =>
    credentialValues(discovery).flatMap((value): CheckFact<'quoted-value'>[] => {
      const quotes = quotesOf(value.value.raw)
      if (quotes === undefined) return []
      const onlyQuotes =
        value.value.raw.trim().replace(/["'`\u2018\u2019\u201C\u201D]/gu, '') === ''
      return [
        {
          id: 'quoted-value',
          source: value.source.label,
          part: value.part,
          origin: value.value.origin,
          quotes,
          onlyQuotes
        }
      ]
    })
})
