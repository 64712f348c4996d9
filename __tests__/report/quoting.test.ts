/**
 * The values the report puts into commands and files to copy read back as themselves: a shell
 * word is one argument to the real `sh`, a YAML scalar parses (with the `yaml` package) to the
 * same string, and an HCL string escapes what Terraform would interpolate. Hostile values
 * (quotes, `;`, `$(…)`, backticks, line breaks) are the point.
 */
import { describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { parse } from 'yaml'
import { hclString, shellArg, yamlScalar } from '../../src/report/quoting.js'
import { HOSTILE } from './hostile.js'

/** Pieces of values people and attackers write, besides the runner's hostile ones. */
const PIECES = [
  ...HOSTILE,
  "'",
  '"',
  '\\',
  '`',
  '```',
  '$',
  '$(echo pwned)',
  '${HOME}',
  '${{ secrets.X }}',
  ';',
  '|',
  '&',
  '*',
  '~',
  '-',
  '- ',
  '? ',
  '!',
  '%',
  '@',
  '{',
  '}',
  ',',
  '>',
  'true',
  'no',
  '1e3',
  '.inf',
  '0x1F',
  'null',
  'prod',
  'us-east-1',
  ' #',
  'é',
  '😀'
]

const value = fc
  .array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 6 })
  .map(parts => parts.join(''))

/** The arguments `sh` sees for a line of words, NUL-separated by printf. */
function shellWords(words: readonly string[]): string[] {
  const output = execFileSync('sh', ['-c', `printf '%s\\0' ${words.join(' ')}`], {
    encoding: 'utf8',
    timeout: 5000
  })
  return output.split('\0').slice(0, -1)
}

describe('a shell word', () => {
  test('leaves plain values as they are', () => {
    expect(shellArg('octo-org/octo-repo')).toBe('octo-org/octo-repo')
    expect(shellArg('ci-deployer@example.com')).toBe('ci-deployer@example.com')
    expect(shellArg('prod eu')).toBe("'prod eu'")
    expect(shellArg('')).toBe("''")
    expect(shellArg("it's")).toBe("'it'\\''s'")
  })

  test('is one argument to the real sh, whatever the value holds', () => {
    const samples = fc.sample(value, { numRuns: 300 }).filter(item => item !== '')
    // One shell for all samples: each is a word of its own, so a break-out shows as a miscount.
    expect(shellWords(samples.map(shellArg))).toEqual(samples)
  })

  test('never runs what the value holds', () => {
    expect(shellWords([shellArg('$(echo pwned)'), shellArg('`echo pwned`; echo two')])).toEqual([
      '$(echo pwned)',
      '`echo pwned`; echo two'
    ])
  })
})

describe('a YAML scalar', () => {
  test('plain where YAML reads the string, quoted where it would read something else', () => {
    expect(yamlScalar('us-east-1')).toBe('us-east-1')
    expect(yamlScalar('arn:aws:iam::123456789012:role/deploy')).toBe(
      'arn:aws:iam::123456789012:role/deploy'
    )
    for (const other of ['true', 'no', 'null', '1e3', '.inf', '0x1F', '~', 'a:', ''])
      expect(yamlScalar(other)).toBe(JSON.stringify(other))
    expect(yamlScalar('x\u2028y')).toBe('"x\\u2028y"')
  })

  test('parses back to the same string, as a value and as a key, whatever it holds', () => {
    fc.assert(
      fc.property(value, item => {
        const document = `job:\n  ${yamlScalar(item)}:\n    aws-region: ${yamlScalar(item)}\n`
        expect(parse(document)).toEqual({ job: { [item]: { 'aws-region': item } } })
      }),
      { numRuns: 400 }
    )
  })
})

/** Where HCL would start a template in a quoted string's content (`$${` and `%%{` are literal). */
function templateOpeners(inner: string): number[] {
  const found: number[] = []
  for (let index = 0; index < inner.length; index += 1) {
    const here = inner.slice(index, index + 3)
    if (here === '$${' || here === '%%{') index += 2
    else if (here.startsWith('${') || here.startsWith('%{')) found.push(index)
  }
  return found
}

describe('an HCL string', () => {
  test('escapes quotes, backslashes and control characters, and doubles template openers', () => {
    expect(hclString('sts.amazonaws.com')).toBe('"sts.amazonaws.com"')
    expect(hclString('a"b\\c')).toBe('"a\\"b\\\\c"')
    expect(hclString('line\nbreak\u0008')).toBe('"line\\u000abreak\\u0008"')
    expect(hclString('${file("/etc/passwd")} %{if true}')).toBe(
      '"$${file(\\"/etc/passwd\\")} %%{if true}"'
    )
  })

  test('holds no bare quote, line break or template opener, whatever the value holds', () => {
    fc.assert(
      fc.property(value, item => {
        const inner = hclString(item).slice(1, -1)
        // Every quote is escaped, no raw control character is left, and every `${`/`%{` is doubled.
        expect(inner.replace(/\\./gu, '')).not.toMatch(/["\\]/u)
        // eslint-disable-next-line no-control-regex
        expect(inner).not.toMatch(/[\u0000-\u001f\u007f]/u)
        expect(templateOpeners(inner)).toEqual([])
      }),
      { numRuns: 400 }
    )
  })
})
