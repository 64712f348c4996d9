import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { plainLine, plainLines, withoutLegacyCommands } from '../../src/report/log-line.js'
import { runnerCommands } from '../e2e/harness.js'
import { HOSTILE } from './hostile.js'

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme' })), { maxLength: 12 })
  .map(parts => parts.join(''))

/** A line the runner could take as a command, by the strictest reading: any `::` start, any `##[`. */
function looksLikeCommand(line: string): boolean {
  return /^[\s\u0085]*::/u.test(line) || line.includes('##[')
}

describe('plainLine', () => {
  test('no value makes a line the runner reads as a command, nor a second line', () => {
    fc.assert(
      fc.property(hostile, fc.string(), (value, prefix) => {
        for (const text of [value, `${prefix}${value}`, `AWS credentials fail: ${value}`]) {
          const line = plainLine(text)
          expect(line).not.toMatch(/[\r\n\u0085\u2028\u2029]/u)
          expect(looksLikeCommand(line)).toBe(false)
          expect(runnerCommands(`${line}\n`)).toEqual([])
        }
      }),
      { numRuns: 2000 }
    )
  })

  test('ordinary text is left as it is', () => {
    for (const text of [
      'AWS credentials work: arn:aws:iam::111122223333:user/ci',
      '  [error] signature-mismatch: The secret access key does not match the key ID',
      'PR comment created on #3 (comment 42).',
      'a # comment [with brackets]'
    ])
      expect(plainLine(text)).toBe(text)
  })

  test('forged commands are shown, readable, as text', () => {
    expect(plainLine('prod\n::warning::forged')).toBe('prod\\n::warning::forged')
    expect(plainLine('::stop-commands::x')).toBe(': :stop-commands::x')
    expect(plainLine(' \u00a0::add-mask::x')).toBe(' \u00a0: :add-mask::x')
    expect(plainLine('name ##[error]forged')).toBe('name # #[error]forged')
    expect(plainLine('###[x]')).toBe('## #[x]')
  })
})

describe('plainLines (the summary in the log)', () => {
  test('every line of any text is inert', () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 6 }), lines => {
        const text = lines.join('\n')
        const out = plainLines(text)
        for (const line of out) expect(looksLikeCommand(line)).toBe(false)
        expect(runnerCommands(out.join('\n'))).toEqual([])
      }),
      { numRuns: 1000 }
    )
  })

  test('keeps the text line by line', () => {
    expect(plainLines('## Title\n\n| a | b |\r\nend')).toEqual(['## Title', '', '| a | b |', 'end'])
  })
})

describe('withoutLegacyCommands (the data of core commands)', () => {
  test('leaves no ##[ anywhere, and keeps line breaks for core to escape', () => {
    fc.assert(
      fc.property(hostile, value => {
        const text = withoutLegacyCommands(value)
        expect(text).not.toContain('##[')
        expect(text.replace(/# #\[/gu, '##[')).toBe(value.replace(/# #\[/gu, '##['))
      }),
      { numRuns: 2000 }
    )
  })
})
