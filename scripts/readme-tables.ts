/**
 * Generates the README's inputs, outputs and findings tables from action.yml and the finding
 * registry, between `<!-- NAME:begin -->` and `<!-- NAME:end -->` markers.
 *
 *   npm run readme            rewrite README.md
 *   npm run readme -- --check exit 1 when README.md is not current (the docs test does the same)
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { FINDINGS, docsPath } from '../src/findings.js'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

interface ActionInput {
  readonly description?: string
  readonly default?: string
  readonly required?: boolean
}

interface ActionFile {
  readonly inputs?: Record<string, ActionInput>
  readonly outputs?: Record<string, { readonly description?: string }>
}

function cell(text: string): string {
  return text
    .replace(/\|/gu, '\\|')
    .replace(/\s*\n\s*/gu, ' ')
    .trim()
}

function readAction(root: string): ActionFile {
  return parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionFile
}

export function inputsTable(action: ActionFile): string {
  const rows = Object.entries(action.inputs ?? {}).map(([name, input]) => {
    const fallback =
      input.default === undefined || input.default === ''
        ? ''
        : `\`${cell(String(input.default))}\``
    return `| \`${name}\` | ${fallback} | ${cell(input.description ?? '')} |`
  })
  return ['| Input | Default | Description |', '|---|---|---|', ...rows].join('\n')
}

export function outputsTable(action: ActionFile): string {
  const rows = Object.entries(action.outputs ?? {}).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description ?? '')} |`
  )
  return ['| Output | Description |', '|---|---|', ...rows].join('\n')
}

export function findingsTable(): string {
  const rows = FINDINGS.map(
    item => `| [\`${item.id}\`](${docsPath(item.id)}) | ${item.severity} | ${cell(item.title)} |`
  )
  return ['| Finding | Severity | What it means |', '|---|---|---|', ...rows].join('\n')
}

export function generatedTables(root: string = ROOT): Readonly<Record<string, string>> {
  const action = readAction(root)
  return {
    inputs: inputsTable(action),
    outputs: outputsTable(action),
    findings: findingsTable()
  }
}

/** The README with each marked block replaced by its generated table. */
export function updateReadme(readme: string, tables: Readonly<Record<string, string>>): string {
  let text = readme
  for (const [name, table] of Object.entries(tables)) {
    const begin = `<!-- ${name}:begin -->`
    const end = `<!-- ${name}:end -->`
    const start = text.indexOf(begin)
    const stop = text.indexOf(end)
    if (start === -1 || stop === -1 || stop < start)
      throw new Error(`README.md lacks the ${begin} … ${end} markers`)
    text = `${text.slice(0, start + begin.length)}\n${table}\n${text.slice(stop)}`
  }
  return text
}

function main(): void {
  const path = join(ROOT, 'README.md')
  const current = readFileSync(path, 'utf8')
  const updated = updateReadme(current, generatedTables())
  if (process.argv.includes('--check')) {
    if (updated !== current) {
      console.error('README.md tables are out of date: run `npm run readme`.')
      process.exit(1)
    }
    console.log('README.md tables are current.')
    return
  }
  if (updated !== current) writeFileSync(path, updated)
  console.log(updated === current ? 'README.md was already current.' : 'README.md updated.')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main()
