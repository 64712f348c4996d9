import type { CredentialPart } from '../model.js'
import { defineFactCheck } from './check.js'
import { credentialValues } from './check.js'
import type { CheckFact, PlaceholderKind } from './facts.js'

/** Words that stand in for a credential in templates and tutorials, compared without punctuation. */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  'changeme',
  'changeit',
  'replaceme',
  'todo',
  'tbd',
  'fixme',
  'placeholder',
  'dummy',
  'fake',
  'test',
  'testing',
  'secret',
  'password',
  'foo',
  'bar',
  'foobar',
  'null',
  'none',
  'nil',
  'undefined',
  'empty',
  'default',
  'sample',
  'example',
  'key',
  'accesskey',
  'accesskeyid',
  'secretkey',
  'secretaccesskey',
  'awsaccesskeyid',
  'awssecretaccesskey',
  'sessiontoken',
  'awssessiontoken',
  'token',
  'redacted',
  'hidden',
  'masked',
  'notset',
  'unset',
  'abc',
  'abc123',
  'qwerty',
  '123',
  '1234',
  '12345',
  '123456'
])

/**
 * A run of `length` equal code points. Counted in one pass: `/(.)\1{7,}/u` recurses per
 * character and overflows the stack on a value of a few MiB (a 16 MiB credentials file holds one).
 */
function hasRepeatRun(value: string, length: number): boolean {
  let previous: string | undefined
  let run = 0
  for (const char of value) {
    run = char === previous ? run + 1 : 1
    if (run >= length) return true
    previous = char
  }
  return false
}

/**
 * What kind of placeholder a value is, or undefined. Real credentials never contain `$`, `*`,
 * `<` or `%`, and keys and secrets never a run of eight equal characters, so these tests
 * cannot hit a real credential.
 */
export function placeholderKind(raw: string, part?: CredentialPart): PlaceholderKind | undefined {
  const value = raw
    .trim()
    .replace(/^["'`]+|["'`]+$/gu, '')
    .trim()
  if (value === '') return undefined
  if (value.includes('${{') || /\}\}\s*$/u.test(value)) return 'actions-expression'
  if (/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/u.test(value)) return 'shell-variable'
  if (/^%[A-Za-z_][A-Za-z0-9_]*%$/u.test(value)) return 'windows-variable'
  if (value.includes('***')) return 'masked'
  if (/^<[^<>]*>$/u.test(value) || /^\{[^{}]*\}$/u.test(value)) return 'brackets'
  // Real session tokens do contain runs such as `//////////`: only keys and secrets are judged.
  if (part !== 'sessionToken' && hasRepeatRun(value, 8)) return 'repeated-character'
  const word = value.toLowerCase().replace(/[^a-z0-9]/gu, '')
  if (PLACEHOLDER_WORDS.has(word) || /^x+$/u.test(word)) return 'placeholder-word'
  if (
    value.length <= 64 &&
    /^(your|my|insert|enter|replace|put|paste|add)[\s_-]?.*(key|secret|token|id|here)$/iu.test(
      value
    )
  )
    return 'template-text'
  return undefined
}

export const placeholderCredentials = defineFactCheck({
  ids: ['placeholder-credentials'],
  detect: discovery =>
    credentialValues(discovery).flatMap((value): CheckFact<'placeholder-credentials'>[] => {
      const kind = placeholderKind(value.value.raw, value.part)
      if (kind === undefined) return []
      return [
        {
          id: 'placeholder-credentials',
          source: value.source.label,
          part: value.part,
          origin: value.value.origin,
          length: value.value.raw.length,
          kind
        }
      ]
    })
})
