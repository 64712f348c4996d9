/** The source files the boundary tests read, and their code without comments. */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

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
