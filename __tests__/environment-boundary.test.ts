/**
 * Discovery owns the environment: it resolves endpoints, proxy, region, the GitHub context and
 * the workflow file once, into the model, and nothing after it reads a raw variable. This test
 * reads every source file and fails on a read of the environment outside the places allowed to.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sourceFiles, withoutComments } from './source-files.js'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))

/**
 * Where the raw environment may be read: discovery and the settings parser, the entry point
 * that hands it to both, and the publisher, which is created before settings are parsed so that
 * even a broken input is reported (it reads only the runner's own channels: `GITHUB_OUTPUT`,
 * `GITHUB_STEP_SUMMARY`, `GITHUB_ACTIONS`, and the terminal's colour variables).
 */
const ALLOWED = [
  /^discover\//u,
  /^settings\.ts$/u,
  /^main\.ts$/u,
  /^index\.ts$/u,
  /^report\/publish\.ts$/u,
  /^report\/terminal\.ts$/u
]

/** Reads of the environment, in code (comments are removed before looking). */
const READS: readonly RegExp[] = [
  /\bprocess\.env\b/u,
  /\bprocess\s*\[\s*['"]env['"]\s*\]/u,
  /\w\.env\b/u,
  /\benv\s*\[/u,
  /\benv\s*\.\s*[A-Z_][A-Z0-9_]*\b/u,
  // The raw environment's type, taken as a parameter: a reader in the making.
  /\bimport\s+(?:type\s+)?\{[^}]*\bEnvironment\b[^}]*\}\s+from\s+['"][./]*settings\.js['"]/u
]

describe('the environment boundary', () => {
  const files = sourceFiles(SRC).map(path => relative(SRC, path).split('\\').join('/'))

  test('finds the source files', () => {
    expect(files).toContain('discover/index.ts')
    expect(files).toContain('aws/credentials.ts')
  })

  test('nothing after discovery reads a raw variable', () => {
    const offenders = files
      .filter(file => !ALLOWED.some(pattern => pattern.test(file)))
      .flatMap(file => {
        const code = withoutComments(readFileSync(join(SRC, file), 'utf8'))
        return READS.filter(pattern => pattern.test(code)).map(
          pattern => `src/${file} reads the environment (${pattern.source}): take it from Discovery`
        )
      })
    expect(offenders).toEqual([])
  })

  test('the check would catch a read', () => {
    const code = withoutComments(
      'const a = discovery.env.AWS_PROFILE\n// process.env in a comment is fine\n'
    )
    expect(READS.some(pattern => pattern.test(code))).toBe(true)
    expect(READS.some(pattern => pattern.test(withoutComments('// process.env.X')))).toBe(false)
    expect(READS.some(pattern => pattern.test('const u = process.env.HOME'))).toBe(true)
  })

  test('the model has no raw environment', () => {
    const model = withoutComments(readFileSync(join(SRC, 'model.ts'), 'utf8'))
    expect(model).not.toMatch(/\breadonly env\s*:\s*Readonly<Record<string/u)
  })
})
