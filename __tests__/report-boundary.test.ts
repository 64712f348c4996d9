/**
 * Words are written in src/report/: detection returns typed facts, and the report writes the
 * text (Markdown, terminal) from them, once per finding. The OIDC phase (src/oidc/) already does:
 * nothing in it may import src/report/. Elsewhere the move is under way, and `STILL_TO_MOVE` is
 * the exact set of files outside src/report/ that still reach into it: any module of report/
 * (the Markdown and quoting helpers, or words called from the domain, as checks/check.ts does
 * to turn facts into findings), or, for the entry points that assemble the run (`index.ts`,
 * `main.ts`, which call the report by design), the word helpers themselves. It may only
 * shrink: a file that starts to reach into report/ fails the test, and so does a listed file
 * that no longer does (take it off the list), or a list longer than `CEILING`.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importsOf, resolved, sourceFiles, withoutComments } from './source-files.js'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))

/** The helpers that write Markdown or shell words: their callers outside report/ still word things. */
const WORD_HELPERS = ['report/markdown.ts', 'report/quoting.ts']

/** The entry points, which build and publish the report: only their own words count. */
const ENTRY_POINTS = new Set(['index.ts', 'main.ts'])

/** Files outside src/report/ that still reach into it: move their words, then strike them. */
const STILL_TO_MOVE: readonly string[] = [
  'aws/causes.ts',
  'aws/classify.ts',
  'aws/credential-process.ts',
  'aws/credential-source.ts',
  'aws/credentials.ts',
  'aws/endpoint-override.ts',
  'aws/imds-finding.ts',
  'aws/validate.ts',
  'checks/check.ts',
  'checks/no-credentials.ts',
  'checks/precedence-conflict.ts',
  'checks/profile-not-found.ts',
  'checks/web-identity-token-invalid.ts',
  'discover/cli-config.ts',
  'discover/ini.ts',
  'discover/profiles.ts',
  'main.ts'
]

/** The list's length today: lower it with every file that leaves the list, never raise it. */
const CEILING = 17

function importedBy(file: string): string[] {
  const code = withoutComments(readFileSync(join(SRC, file), 'utf8'))
  return importsOf(code).flatMap(specifier => resolved(file, specifier) ?? [])
}

describe('words are written in report/', () => {
  const files = sourceFiles(SRC).map(path => relative(SRC, path).split('\\').join('/'))
  const outside = files.filter(file => !file.startsWith('report/'))

  test('finds the source files and their imports', () => {
    expect(files).toContain('oidc/doctor.ts')
    expect(importedBy('main.ts')).toContain('report/publish.ts')
  })

  test('the OIDC phase imports nothing from report/: it returns facts', () => {
    const offenders = files
      .filter(file => file.startsWith('oidc/'))
      .flatMap(file =>
        importedBy(file)
          .filter(target => target.startsWith('report/'))
          .map(target => `src/${file} imports src/${target}`)
      )
    expect(offenders).toEqual([])
  })

  test('exactly the listed files outside report/ still reach into it', () => {
    const reaches = (file: string, target: string): boolean =>
      ENTRY_POINTS.has(file) ? WORD_HELPERS.includes(target) : target.startsWith('report/')
    const importing = outside
      .filter(file => importedBy(file).some(target => reaches(file, target)))
      .sort()
    expect(importing).toEqual([...STILL_TO_MOVE].sort())
  })

  test('the list only shrinks', () => {
    expect(new Set(STILL_TO_MOVE).size).toBe(STILL_TO_MOVE.length)
    expect(STILL_TO_MOVE.length).toBeLessThanOrEqual(CEILING)
    expect(STILL_TO_MOVE.some(file => file.startsWith('oidc/'))).toBe(false)
  })

  test('the check would catch an import, static or dynamic, and not a comment', () => {
    const code = withoutComments(
      "import { code } from '../report/markdown.js'\n// from '../report/quoting.js'\nconst m = await import('../report/quoting.js')\n"
    )
    expect(importsOf(code)).toEqual(['../report/markdown.js', '../report/quoting.js'])
    expect(resolved('oidc/x.ts', '../report/markdown.js')).toBe('report/markdown.ts')
    expect(resolved('gates.ts', './report/markdown.js')).toBe('report/markdown.ts')
    expect(resolved('oidc/x.ts', 'node:fs')).toBeUndefined()
  })
})
