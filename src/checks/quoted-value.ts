import { finding } from '../findings.js'
import type { Finding } from '../model.js'
import { defineCheck } from './check.js'
import { PART_NAMES, credentialValues, describeOrigin, nameOf } from './check.js'

const QUOTES: Readonly<Record<string, string>> = {
  '"': 'double quote',
  "'": 'single quote',
  '`': 'backtick',
  '\u201C': 'typographic double quote',
  '\u201D': 'typographic double quote',
  '\u2018': 'typographic single quote',
  '\u2019': 'typographic single quote'
}

/** Which ends of a value carry a quote character, ignoring surrounding whitespace. */
export function quotesOf(raw: string): { start?: string; end?: string } | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  const first = [...value][0] ?? ''
  const last = [...value].at(-1) ?? ''
  const start = QUOTES[first]
  const end = value.length > 1 ? QUOTES[last] : undefined
  if (start === undefined && end === undefined) return undefined
  return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) }
}

function describe(quotes: { start?: string; end?: string }): string {
  if (quotes.start !== undefined && quotes.end !== undefined)
    return quotes.start === quotes.end
      ? `is wrapped in ${quotes.start}s`
      : `starts with a ${quotes.start} and ends with a ${quotes.end}`
  if (quotes.start !== undefined) return `starts with a ${quotes.start}`
  return `ends with a ${quotes.end ?? 'quote'}`
}

/** Quotes are part of the value: neither environment variables nor the SDKs' INI readers remove them. */
export const quotedValue = defineCheck({
  ids: ['quoted-value'],
  run: discovery =>
    credentialValues(discovery).flatMap((value): Finding<'quoted-value'>[] => {
      const quotes = quotesOf(value.value.raw)
      if (quotes === undefined) return []
      const onlyQuotes =
        value.value.raw.trim().replace(/["'`\u2018\u2019\u201C\u201D]/gu, '') === ''
      return [
        finding('quoted-value', {
          title: `${nameOf(value)} ${onlyQuotes ? 'holds only quotes' : 'is wrapped in quotes'}`,
          message: `The ${PART_NAMES[value.part]} from ${describeOrigin(value.value.origin)} ${onlyQuotes ? 'holds nothing but quote characters' : describe(quotes)}. The quotes are part of the value: environment variables are taken literally, and both the AWS CLI and the JS SDK keep quotes in credentials files too, so AWS receives ${value.part === 'secretAccessKey' ? 'a different secret and answers `SignatureDoesNotMatch`' : 'a value it does not know'}.`,
          remediation:
            'Store the value without quotes. In the workflow a single pair of YAML quotes is fine (`"${{ secrets.X }}"`: YAML removes it), but not two (`\'"${{ secrets.X }}"\'`). Lines written to `$GITHUB_ENV` take everything after `=` literally: `echo "AWS_ACCESS_KEY_ID=$KEY_ID" >> "$GITHUB_ENV"`. In credentials files write `aws_secret_access_key = value` without quotes.',
          source: value.source.label,
          evidence: [
            `${describeOrigin(value.value.origin)}: ${onlyQuotes ? 'only quote characters' : describe(quotes)}`
          ],
          origin: value.value.origin
        })
      ]
    })
})
