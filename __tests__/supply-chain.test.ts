/**
 * What a security reviewer checks before trusting the action with AWS secrets: every action
 * the workflows and the documentation's examples use is pinned by full commit SHA (with its
 * version in a comment), Dependabot keeps npm packages and actions up to date, and the
 * bundle stays readable for the check-dist diff.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The workflows, the README and the docs' pages (not the rendered report samples). */
function filesToCheck(): string[] {
  const workflows = readdirSync(join(ROOT, '.github', 'workflows'))
    .filter(name => /\.ya?ml$/u.test(name))
    .map(name => join('.github', 'workflows', name))
  const docs = readdirSync(join(ROOT, 'docs', 'findings'))
    .filter(name => name.endsWith('.md'))
    .map(name => join('docs', 'findings', name))
  const pages = readdirSync(join(ROOT, 'docs'))
    .filter(name => name.endsWith('.md'))
    .map(name => join('docs', name))
  return [...workflows, 'README.md', 'SECURITY.md', ...pages, ...docs]
}

/** `uses:` references to other repositories' actions. */
function usesOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gmu)]
    .filter(match => !(match[1] ?? '').startsWith('./'))
    .map(match => `${match[1] ?? ''}${match[2] ?? ''}`.trim())
}

describe('pinned actions', () => {
  test.each(filesToCheck())('%s uses other actions by full commit SHA', file => {
    for (const use of usesOf(readFileSync(join(ROOT, file), 'utf8'))) {
      // This action itself has no release yet: its examples name the branch, and say so.
      if (/^(?:OWNER|aws-credentials-doctor)\/aws-credentials-doctor@/u.test(use)) continue
      expect(use).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*\b/u)
    }
  })

  test('the check finds the references it checks', () => {
    const ci = usesOf(readFileSync(join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8'))
    expect(ci.some(use => use.startsWith('actions/checkout@'))).toBe(true)
    expect(usesOf('  - uses: actions/checkout@v4\n')).toEqual(['actions/checkout@v4'])
  })
})

describe('dependency updates', () => {
  test('Dependabot watches the npm packages and the actions', () => {
    const config = readFileSync(join(ROOT, '.github', 'dependabot.yml'), 'utf8')
    expect(config).toMatch(/package-ecosystem: npm/u)
    expect(config).toMatch(/package-ecosystem: github-actions/u)
  })
})

describe('the bundle', () => {
  test('dist/index.js is readable: not minified, comments kept', () => {
    const text = readFileSync(join(ROOT, 'dist', 'index.js'), 'utf8')
    const lines = text.split('\n')
    expect(lines.length).toBeGreaterThan(500)
    // Minifiers put thousands of characters on a line.
    expect(Math.max(...lines.map(line => line.length))).toBeLessThan(2000)
    expect(text).toContain('Every exit says why')
  })
})

/** Every `.ts`/`.mjs` file under a directory, recursively. */
function codeFiles(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { withFileTypes: true }).flatMap(entry => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return codeFiles(path)
    return /\.(?:ts|mjs)$/u.test(entry.name) ? [path] : []
  })
}

describe('declared packages', () => {
  test('every package the code, tests and scripts import is a declared dependency', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      devDependencies: Record<string, string>
    }
    const declared = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.devDependencies)
    ])
    const imported = new Set<string>()
    for (const file of [...codeFiles('src'), ...codeFiles('__tests__'), ...codeFiles('scripts')]) {
      const text = readFileSync(join(ROOT, file), 'utf8')
      for (const match of text.matchAll(/(?:\bfrom|\bimport\(|^import) *'([@.\w][\w@./:-]*)'/gmu)) {
        const specifier = match[1] ?? ''
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue
        // `@scope/name/sub` and `name/sub` belong to `@scope/name` and `name`.
        const parts = specifier.split('/')
        imported.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''))
      }
    }
    // A package only another one depends on may vanish or change with that one's update.
    const undeclared = [...imported].filter(name => !declared.has(name))
    expect(undeclared).toEqual([])
    expect(imported.has('@aws-sdk/client-sts')).toBe(true)
  })
})
