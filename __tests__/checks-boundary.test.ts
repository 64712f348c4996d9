/**
 * The offline checks find, src/report/ words: a converted check returns typed facts
 * (src/checks/facts.ts) through `defineFactCheck`, and its one words function in
 * src/report/words/ writes the finding. Such a file imports nothing from src/report/ and uses none
 * of the word helpers `check.ts` still lends the others. `NOT_YET_CONVERTED` is the exact set of
 * files in src/checks/ that still word things; it may only shrink: a file that starts to word
 * fails the test, and so does a listed file that no longer does (take it off the list), or a list
 * longer than `CEILING`.
 */
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHECKS } from '../src/checks/index.js'
import type { FactCheck } from '../src/checks/check.js'
import { defineFactCheck } from '../src/checks/check.js'
import type { CheckFactsId } from '../src/checks/facts.js'
import { WORDS } from '../src/report/words/index.js'
import { CHECK_SETTINGS, scenario } from './checks/scenario.js'
import { importsOf, resolved, withoutComments } from './source-files.js'

const CHECKS_DIR = fileURLToPath(new URL('../src/checks/', import.meta.url))

/**
 * Where facts become findings: `defineFactCheck` hands each fact to its words, and the words
 * helpers of the files below live on here until the last of them is converted.
 */
const JOINT = 'check.ts'

/** Files in src/checks/ that still write Markdown: convert them, then strike them. */
const NOT_YET_CONVERTED: readonly string[] = [
  'no-credentials.ts',
  'precedence-conflict.ts',
  'profile-not-found.ts',
  'web-identity-token-invalid.ts'
]

/** The list's length today: lower it with every file that leaves the list, never raise it. */
const CEILING = 4

/** The word helpers `check.ts` lends, and the check shape that returns words. */
const WORDING = /\b(?:describeOrigin|nameOf|PART_NAMES|defineCheck|finding)\b/u

/** Why a file in src/checks/ counts as writing words; empty when it writes none. */
function wordingOf(code: string): string[] {
  const bare = withoutComments(code)
  const reports = importsOf(bare)
    .flatMap(specifier => resolved('checks/check.ts', specifier) ?? [])
    .filter(target => target.startsWith('report/'))
    .map(target => `imports src/${target}`)
  const helper = WORDING.exec(bare)
  return helper === null ? reports : [...reports, `uses ${helper[0]}`]
}

function read(file: string): string {
  return readFileSync(join(CHECKS_DIR, file), 'utf8')
}

describe('checks return facts, report/ words them', () => {
  const files = readdirSync(CHECKS_DIR)
    .filter(name => name.endsWith('.ts') && name !== JOINT)
    .sort()

  test('finds the files, and sees what each imports and uses', () => {
    expect(files).toContain('keys-swapped.ts')
    expect(files).toContain('facts.ts')
    expect(wordingOf(read('precedence-conflict.ts')).length).toBeGreaterThan(0)
    expect(wordingOf(read('keys-swapped.ts'))).toEqual([])
  })

  test('exactly the listed files still write words', () => {
    const wording = files.filter(file => wordingOf(read(file)).length > 0)
    expect(wording).toEqual([...NOT_YET_CONVERTED].sort())
  })

  test('the list only shrinks', () => {
    expect(new Set(NOT_YET_CONVERTED).size).toBe(NOT_YET_CONVERTED.length)
    expect(NOT_YET_CONVERTED.length).toBeLessThanOrEqual(CEILING)
  })

  test('the check would catch an import, static or dynamic, a borrowed helper, and not a comment', () => {
    const code =
      "import { code } from '../report/markdown.js'\n// from '../report/quoting.js'\n" +
      "const m = await import('../report/words/index.js')\n/* describeOrigin */\n"
    expect(wordingOf(code)).toEqual([
      'imports src/report/markdown.ts',
      'imports src/report/words/index.ts'
    ])
    expect(wordingOf("import { describeOrigin } from './check.js'\n")).toEqual([
      'uses describeOrigin'
    ])
    expect(wordingOf("import { finding } from '../findings.js'\n")).toEqual(['uses finding'])
    expect(wordingOf("import { isAcceptedRegion } from '../aws/regions.js'\n")).toEqual([])
  })

  test('every ID with words is returned by exactly one registered check, which declares it', () => {
    const factChecks = CHECKS.filter((check): check is FactCheck => 'detect' in check)
    const declared = factChecks.flatMap(check => check.ids)
    expect([...declared].sort()).toEqual(Object.keys(WORDS).sort())
    expect(new Set(declared).size).toBe(declared.length)
  })

  test('a fact check returns the findings its words write from its facts', () => {
    const check = defineFactCheck({
      ids: ['region-invalid'],
      detect: () => [
        {
          id: 'region-invalid',
          origin: { kind: 'env', name: 'AWS_REGION' },
          length: 10,
          shown: 'eu west 1`'
        }
      ]
    })
    const [found] = check.run(scenario(), CHECK_SETTINGS)
    expect(found?.id).toBe('region-invalid')
    // The value is data: quoted in a code span it cannot close.
    expect(found?.message).toContain(
      'The region `` eu west 1` `` from environment variable `AWS_REGION`'
    )
  })

  test('tsc refuses a fact of an undeclared ID, and an ID without facts as a facts ID', () => {
    const undeclared = defineFactCheck({
      ids: ['region-invalid'],
      detect: () => [
        {
          // @ts-expect-error keys-swapped is not in this check's ids
          id: 'keys-swapped',
          source: 'environment',
          keyId: { origin: ORIGIN },
          secret: { origin: ORIGIN }
        }
      ]
    })
    expect(undeclared.ids).toEqual(['region-invalid'])
    // @ts-expect-error precedence-conflict returns findings, not facts: it has no words entry
    const misspelt: CheckFactsId = 'precedence-conflict'
    expect(misspelt in WORDS).toBe(false)
  })
})

const ORIGIN = { kind: 'env', name: 'AWS_ACCESS_KEY_ID' } as const
