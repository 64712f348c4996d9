/** The source files the boundary tests read, and their code without comments. */
import { readdirSync } from 'node:fs'
import { join, posix } from 'node:path'

/** Every `.ts` file below `directory`, as a path. */
export function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** The code without comments, so that a comment may name what the code must not do, to say why. */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//gu, '').replace(/(^|[^:'"`\\])\/\/.*$/gmu, '$1')
}

/** Every module a file imports or re-exports, static or dynamic, as given. */
const SPECIFIERS = [
  /\bfrom\s*['"]([^'"]+)['"]/gu,
  /\bimport\s*['"]([^'"]+)['"]/gu,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/gu
]

export function importsOf(code: string): string[] {
  return SPECIFIERS.flatMap(pattern => [...code.matchAll(pattern)].map(match => match[1] ?? ''))
}

/** What a relative specifier of `file` names under src/, as `dir/name.ts`; undefined for a package. */
export function resolved(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  return posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/u, '.ts')
}
