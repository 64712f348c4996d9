/**
 * The registry, the docs pages and the README agree: every finding ID has its page with the
 * registry's severity, every page belongs to an ID, and the README's generated tables are
 * current with action.yml and the registry.
 */
import { describe, expect, test } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FINDINGS } from '../src/findings.js'
import { ROOT, generatedTables, updateReadme } from '../scripts/readme-tables.js'

const DOCS = join(ROOT, 'docs', 'findings')

describe('finding docs', () => {
  test.each(FINDINGS.map(item => ({ id: item.id, severity: item.severity, docs: item.docs })))(
    '$id has a page whose line 3 states its severity',
    ({ id, severity, docs }) => {
      const path = join(ROOT, docs)
      expect(existsSync(path)).toBe(true)
      const lines = readFileSync(path, 'utf8').split('\n')
      expect(lines[0]).toBe(`# \`${id}\``)
      expect(lines[2]).toBe(`**Severity:** ${severity}`)
    }
  )

  test('every page belongs to a finding ID', () => {
    const ids = new Set<string>(FINDINGS.map(item => item.id))
    const pages = readdirSync(DOCS)
      .filter(name => name.endsWith('.md') && name !== 'README.md')
      .map(name => name.slice(0, -'.md'.length))
    expect(pages.filter(page => !ids.has(page))).toEqual([])
  })
})

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

  test('its inputs, outputs and findings tables are current (npm run readme)', () => {
    expect(updateReadme(readme, generatedTables())).toBe(readme)
  })

  test('the tables cover every input of action.yml and every finding ID', () => {
    const tables = generatedTables()
    const action = readFileSync(join(ROOT, 'action.yml'), 'utf8')
    const inputs = action.slice(action.indexOf('\ninputs:'), action.indexOf('\noutputs:'))
    for (const [, name] of inputs.matchAll(/^ {2}([a-z0-9-]+):\s*$/gmu))
      expect(tables.inputs).toContain(`| \`${name}\` |`)
    for (const item of FINDINGS) expect(readme).toContain(`[\`${item.id}\`](${item.docs})`)
  })

  test('the images it shows exist', () => {
    for (const [, path] of readme.matchAll(/!\[[^\]]*\]\(([^)]+\.png)\)/gu))
      expect(existsSync(join(ROOT, path ?? ''))).toBe(true)
  })
})
