/**
 * Words are written in src/report/: detection returns typed facts, and the report writes the
 * text (Markdown, terminal) from them, once per finding. The OIDC phase (src/oidc/) already does:
 * nothing in it may import src/report/. Elsewhere the move is under way, and `STILL_TO_MOVE` is
 * the exact set of files outside src/report/ that still import the Markdown or shell-quoting
 * helpers. It may only shrink: a file that starts to import them fails the test, and so does a
 * listed file that no longer does (take it off the list), or a list longer than `CEILING`.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sourceFiles, withoutComments } from './source-files.js'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))

/** The helpers that write Markdown or shell words: their callers outside report/ still word things. */
const WORD_HELPERS = ['report/markdown.ts', 'report/quoting.ts']

/** Files outside src/report/ that still import a word helper: move their words, then strike them. */
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
  'checks/config-settings.ts',
  'checks/config-variable-invalid.ts',
  'checks/credential-variable-misnamed.ts',
  'checks/credentials-file-malformed.ts',
  'checks/dependabot-secrets-unavailable.ts',
  'checks/empty-credential-variable.ts',
  'checks/endpoint-override-unreachable.ts',
  'checks/fork-pr-secrets-unavailable.ts',
  'checks/incomplete-credentials.ts',
  'checks/keys-swapped.ts',
  'checks/no-credentials.ts',
  'checks/precedence-conflict.ts',
  'checks/profile-not-found.ts',
  'checks/region-invalid.ts',
  'checks/role-profile-mfa-required.ts',
  'checks/session-token-unexpected.ts',
  'checks/sso-login-required.ts',
  'checks/usage.ts',
  'discover/cli-config.ts',
  'discover/ini.ts',
  'discover/profiles.ts',
  'gates.ts',
  'main.ts'
]

/** The list's length today: lower it with every file that leaves the list, never raise it. */
const CEILING = 32

/** Every module a file imports or re-exports, static or dynamic, as given. */
const SPECIFIERS = [
  /\bfrom\s*['"]([^'"]+)['"]/gu,
  /\bimport\s*['"]([^'"]+)['"]/gu,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/gu
]

function importsOf(code: string): string[] {
  return SPECIFIERS.flatMap(pattern => [...code.matchAll(pattern)].map(match => match[1] ?? ''))
}

/** What a relative specifier of `file` names under src/, as `dir/name.ts`; undefined for a package. */
function resolved(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  return posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/u, '.ts')
}

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

  test('exactly the listed files outside report/ still import the word helpers', () => {
    const importing = outside
      .filter(file => importedBy(file).some(target => WORD_HELPERS.includes(target)))
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
