import { finding } from '../../findings.js'
import type { CheckFact, QuotedEnds } from '../../checks/facts.js'
import type { Finding } from '../../model.js'
import { PART_NAMES, describeOrigin, nameOfValue } from './origin.js'

function describe(quotes: QuotedEnds): string {
  if (quotes.start !== undefined && quotes.end !== undefined)
    return quotes.start === quotes.end
      ? `is wrapped in ${quotes.start}s`
      : `starts with a ${quotes.start} and ends with a ${quotes.end}`
  if (quotes.start !== undefined) return `starts with a ${quotes.start}`
  return `ends with a ${quotes.end ?? 'quote'}`
}

export function quotedValue(fact: CheckFact<'quoted-value'>): Finding<'quoted-value'> {
  const where = describeOrigin(fact.origin)
  const shape = fact.onlyQuotes ? 'holds nothing but quote characters' : describe(fact.quotes)
  return finding('quoted-value', {
    title: `${nameOfValue(fact.origin, fact.part)} ${fact.onlyQuotes ? 'holds only quotes' : 'is wrapped in quotes'}`,
    message: `The ${PART_NAMES[fact.part]} from ${where} ${shape}. The quotes are part of the value: environment variables are taken literally, and both the AWS CLI and the JS SDK keep quotes in credentials files too, so AWS receives ${fact.part === 'secretAccessKey' ? 'a different secret and answers `SignatureDoesNotMatch`' : 'a value it does not know'}.`,
    remediation:
      'Store the value without quotes. In the workflow a single pair of YAML quotes is fine (`"${{ secrets.X }}"`: YAML removes it), but not two (`\'"${{ secrets.X }}"\'`). Lines written to `$GITHUB_ENV` take everything after `=` literally: `echo "AWS_ACCESS_KEY_ID=$KEY_ID" >> "$GITHUB_ENV"`. In credentials files write `aws_secret_access_key = value` without quotes.',
    source: fact.source,
    evidence: [`${where}: ${fact.onlyQuotes ? 'only quote characters' : describe(fact.quotes)}`],
    origin: fact.origin
  })
}
