import { finding } from '../findings.js'
import type { CredentialPart, Finding } from '../model.js'
import { defineCheck } from './check.js'
import { PART_NAMES, credentialValues, describeOrigin, nameOf } from './check.js'

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
export function placeholderKind(raw: string, part?: CredentialPart): string | undefined {
  const value = raw
    .trim()
    .replace(/^["'`]+|["'`]+$/gu, '')
    .trim()
  if (value === '') return undefined
  if (value.includes('${{') || /\}\}\s*$/u.test(value))
    return 'an unexpanded GitHub Actions expression (`${{ … }}`): Actions evaluates expressions only in workflow and action files'
  if (/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/u.test(value))
    return "an unexpanded shell variable reference (`$NAME` or `${NAME}`): `env:` and `with:` values are not run through a shell, and a quoted heredoc (`<<'EOF'`) does not expand them either"
  if (/^%[A-Za-z_][A-Za-z0-9_]*%$/u.test(value))
    return 'an unexpanded Windows variable reference (`%NAME%`)'
  if (value.includes('***'))
    return 'a masked value (`***`) copied from a job log, where GitHub hides secrets'
  if (/^<[^<>]*>$/u.test(value) || /^\{[^{}]*\}$/u.test(value))
    return 'a template placeholder in brackets (`<…>`)'
  // Real session tokens do contain runs such as `//////////`: only keys and secrets are judged.
  if (part !== 'sessionToken' && hasRepeatRun(value, 8))
    return 'a run of one repeated character (such as `XXXX…`)'
  const word = value.toLowerCase().replace(/[^a-z0-9]/gu, '')
  if (PLACEHOLDER_WORDS.has(word) || /^x+$/u.test(word))
    return 'a placeholder word (such as changeme, TODO or dummy)'
  if (
    value.length <= 64 &&
    /^(your|my|insert|enter|replace|put|paste|add)[\s_-]?.*(key|secret|token|id|here)$/iu.test(
      value
    )
  )
    return 'a template text (such as YOUR_ACCESS_KEY_ID)'
  return undefined
}

export const placeholderCredentials = defineCheck({
  ids: ['placeholder-credentials'],
  run: discovery => {
    const findings: Finding<'placeholder-credentials'>[] = []
    for (const value of credentialValues(discovery)) {
      const kind = placeholderKind(value.value.raw, value.part)
      if (kind === undefined) continue
      findings.push(
        finding('placeholder-credentials', {
          title: `${nameOf(value)} holds a placeholder, not a credential`,
          message: `The ${PART_NAMES[value.part]} from ${describeOrigin(value.value.origin)} is ${kind}. It reaches the SDK exactly as written, and AWS refuses it.`,
          remediation:
            'Map the secret with an expression in the workflow, e.g. `AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}`. When a `run:` step writes a credentials file, pass the secrets in `env:` and use an unquoted heredoc delimiter (`<<EOF`) so the shell expands them. Never copy values from a job log: GitHub shows secrets there as `***`.',
          source: value.source.label,
          evidence: [`${describeOrigin(value.value.origin)}: ${value.value.raw.length} characters`],
          origin: value.value.origin
        })
      )
    }
    return findings
  }
})
