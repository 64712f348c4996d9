/**
 * Every finding page's example is a test: the page's `env` and `ini file=…` blocks are the input,
 * the offline phase (discovery and every check, ordered and superseded as the report does) runs
 * on it, and what the page's `**Reported:**` line says must be what comes out. A page that drifts
 * from the code fails here. (docs.test.ts checks the page's heading and severity line; this file
 * checks the example.)
 */
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { classifyStsFailure } from '../src/aws/classify.js'
import type { AwsFailure } from '../src/aws/sts.js'
import { CHECKS, runChecks } from '../src/checks/index.js'
import { FINDINGS, definitionOf, isFindingId, rankOf } from '../src/findings.js'
import type { Finding } from '../src/model.js'
import { supersede } from '../src/report/supersede.js'
import { CHECK_SETTINGS, HOME, scenario } from './checks/scenario.js'
import { ROOT } from './e2e/harness.js'

const DOCS = join(ROOT, 'docs', 'findings')

/** IDs an offline check can report: their examples run here. */
const OFFLINE = new Set<string>(CHECKS.flatMap(check => check.ids))

/**
 * Offline findings whose page example is not run here, and why. Keep this list short: an entry
 * is a page the tests cannot hold to its word.
 */
const NOT_RUN: Readonly<Record<string, string>> = {}

/** Why a page of a finding that needs an answer from outside is not run by this file yet. */
const CRASH =
  'describes an unexpected failure, which has no input to write down; the crash path is run by __tests__/main.internal-error.test.ts and __tests__/e2e/exits.e2e.test.ts'

/**
 * Findings no offline check reports, and so not run here: each with the reason. A page for a new
 * ID that no check reports fails until it is listed here (or its check exists).
 */
const ELSEWHERE: Readonly<Record<string, string>> = {
  'internal-error': CRASH
}

interface Example {
  readonly env: Record<string, string>
  readonly files: Record<string, string>
  /** Fields of the parsed inputs (`json settings`), as parseSettings gives them. */
  readonly settings: Record<string, unknown>
  /** The event payload (`json event`). */
  readonly event: unknown
  /** What STS answered GetCallerIdentity (`json sts-answer`), for a classifier's finding. */
  readonly stsAnswer: Partial<AwsFailure> | undefined
}

interface Reported {
  readonly id: string
  readonly severity: string
  /** The title the page quotes after "titled", if it does. */
  readonly title: string | undefined
  /** IDs the page says are listed after this one ("before `x`"). */
  readonly before: readonly string[]
}

/** `\n`, `\t`, `\\` and `\u{XXXX}` in an `env` value, so a page can show invisible characters. */
function unescape(value: string): string {
  return value.replace(
    /\\(u\{([0-9A-Fa-f]{1,6})\}|n|t|\\)/gu,
    (_match, kind: string, hex?: string) => {
      if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16))
      if (kind === 'n') return '\n'
      if (kind === 't') return '\t'
      return '\\'
    }
  )
}

function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`)
  if (start < 0) return ''
  const next = text.indexOf('\n## ', start + heading.length + 4)
  return text.slice(start, next < 0 ? undefined : next)
}

/** The fenced blocks of the Example section that are input, by their info string. */
export function parseExample(text: string): Example | undefined {
  const body = section(text, 'Example')
  const env: Record<string, string> = {}
  const files: Record<string, string> = {}
  const settings: Record<string, unknown> = {}
  let event: unknown
  let stsAnswer: Partial<AwsFailure> | undefined
  let found = false
  for (const [, info = '', content = ''] of body.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gmu)) {
    const [lang, ...rest] = info.trim().split(/\s+/u)
    const attrs = Object.fromEntries(
      rest.map(part => [part.split('=')[0] ?? '', part.slice(part.indexOf('=') + 1)])
    )
    if (lang === 'env') {
      found = true
      for (const line of content.split('\n')) {
        if (line.trim() === '' || line.startsWith('#')) continue
        const equals = line.indexOf('=')
        expect(equals).toBeGreaterThan(0)
        env[line.slice(0, equals)] = unescape(line.slice(equals + 1))
      }
    } else if (lang === 'json' && 'settings' in attrs) {
      found = true
      Object.assign(settings, JSON.parse(content) as Record<string, unknown>)
    } else if (lang === 'json' && 'event' in attrs) {
      found = true
      event = JSON.parse(content) as unknown
    } else if (lang === 'json' && 'sts-answer' in attrs) {
      found = true
      stsAnswer = JSON.parse(content) as Partial<AwsFailure>
    } else if (attrs.file !== undefined) {
      found = true
      files[attrs.file.replace(/^~/u, HOME)] = content
    }
  }
  return found ? { env, files, settings, event, stsAnswer } : undefined
}

/** The fixed opening of the Reported line: `` **Reported:** `id` (severity) ``. */
export function parseReported(text: string): Reported | undefined {
  const line = text.split('\n').find(item => item.startsWith('**Reported:**'))
  if (line === undefined) return undefined
  const head = /^\*\*Reported:\*\* `([a-z0-9-]+)` \(([a-z]+)\)/u.exec(line)
  if (head === null) return undefined
  const titled = /titled (`+) ?(.+?) ?\1(?!`)/u.exec(line)
  const before = [...line.matchAll(/before (?:the )?\[?`([a-z0-9-]+)`/gu)]
    .map(match => match[1] ?? '')
    .filter(isFindingId)
  return { id: head[1] ?? '', severity: head[2] ?? '', title: titled?.[2], before }
}

function offlineFindings(example: Example): Finding[] {
  const discovery = scenario({
    env: example.env,
    files: example.files,
    settings: example.settings,
    event: example.event
  })
  const ordered = runChecks(discovery, CHECK_SETTINGS)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rankOf(a.item.id) - rankOf(b.item.id) || a.index - b.index)
    .map(({ item }) => item)
  return supersede(ordered)
}

/** The classifier's finding for the answer the page records, as the STS phase would make it. */
function stsFinding(answer: Partial<AwsFailure>): Finding {
  return classifyStsFailure(
    {
      code: 'Unknown',
      message: 'not read: classification goes by code and status',
      kind: 'service',
      requestId: 'c0ffee00-0000-4000-8000-000000000001',
      attempts: 1,
      ...answer
    },
    { endpoint: 'https://sts.us-east-1.amazonaws.com', region: 'us-east-1', timeoutSeconds: 10 }
  )
}

const pages = readdirSync(DOCS)
  .filter(name => name.endsWith('.md') && name !== 'README.md')
  .map(name => ({ id: name.slice(0, -'.md'.length), text: readFileSync(join(DOCS, name), 'utf8') }))

function answeredByPage(id: string): boolean {
  return parseExample(pages.find(page => page.id === id)?.text ?? '')?.stsAnswer !== undefined
}

/** A page that declares the state of AWS it assumes runs in `e2e/docs-examples.e2e.test.ts`. */
function emulatedByPage(id: string): boolean {
  return section(pages.find(page => page.id === id)?.text ?? '', 'Example').includes(
    '\n```json emulator\n'
  )
}

describe('a finding page', () => {
  test.each(pages)('$id opens its Reported line with its ID and severity', ({ id, text }) => {
    const reported = parseReported(text)
    expect(reported).toMatchObject({ id })
    if (isFindingId(id)) expect(reported?.severity).toBe(definitionOf(id).severity)
  })
})

describe('the example of an offline finding', () => {
  const offline = pages.filter(page => OFFLINE.has(page.id) && NOT_RUN[page.id] === undefined)

  test('every offline ID has a page with a runnable example, or a reason it has none', () => {
    const ids = FINDINGS.map(item => item.id).filter(id => OFFLINE.has(id))
    const missing = ids.filter(
      id =>
        NOT_RUN[id] === undefined &&
        parseExample(pages.find(page => page.id === id)?.text ?? '') === undefined
    )
    expect(missing).toEqual([])
    for (const id of Object.keys(NOT_RUN)) expect(OFFLINE.has(id)).toBe(true)
  })

  test.each(offline)('$id: the example reports what the page says', ({ id, text }) => {
    const example = parseExample(text)
    const reported = parseReported(text)
    if (example === undefined || reported === undefined) throw new Error(`${id}: no example`)
    const findings = offlineFindings(example)
    const ids: string[] = findings.map(item => item.id)
    const own = findings.filter(item => item.id === id)
    expect(ids).toContain(id)
    expect(own.map(item => item.severity)).toContain(reported.severity)
    if (reported.title !== undefined) expect(own.map(item => item.title)).toContain(reported.title)
    for (const later of reported.before.filter(other => OFFLINE.has(other)))
      if (ids.includes(later)) expect(ids.indexOf(id)).toBeLessThan(ids.indexOf(later))
  })
})

describe('the example of a finding about what STS answered', () => {
  const answered = pages.filter(page => parseExample(page.text)?.stsAnswer !== undefined)

  test.each(answered)('$id: the recorded answer is classified as the page says', ({ text }) => {
    const answer = parseExample(text)?.stsAnswer ?? {}
    const reported = parseReported(text)
    const item = stsFinding(answer)
    expect(item.id).toBe(reported?.id)
    expect(item.severity).toBe(reported?.severity)
    if (reported?.title !== undefined) expect(item.title).toBe(reported.title)
  })
})

describe('a page no offline check produces', () => {
  test('is listed with the reason its example is not run here', () => {
    const unlisted = pages
      .map(page => page.id)
      .filter(
        id =>
          !OFFLINE.has(id) &&
          ELSEWHERE[id] === undefined &&
          !answeredByPage(id) &&
          !emulatedByPage(id)
      )
    expect(unlisted).toEqual([])
    for (const id of Object.keys(ELSEWHERE)) {
      expect(isFindingId(id)).toBe(true)
      expect(OFFLINE.has(id)).toBe(false)
      // A page that is run is not also excused.
      expect({ id, run: answeredByPage(id) || emulatedByPage(id) }).toEqual({ id, run: false })
    }
  })
})

describe('the example parser', () => {
  test('reads env values with escapes, files by path and the Reported line', () => {
    const page = [
      '# `x`',
      '',
      '## Example',
      '```env',
      'A=one\\n',
      'B=',
      '```',
      '```ini file=~/.aws/credentials',
      '[default]',
      '```',
      '**Reported:** `keys-swapped` (error), titled `` `A` is wrong ``, before [`no-credentials`](no-credentials.md).',
      '## Related'
    ].join('\n')
    expect(parseExample(page)).toEqual({
      env: { A: 'one\n', B: '' },
      files: { [`${HOME}/.aws/credentials`]: '[default]\n' },
      settings: {},
      event: undefined,
      stsAnswer: undefined
    })
    expect(parseReported(page)).toEqual({
      id: 'keys-swapped',
      severity: 'error',
      title: '`A` is wrong',
      before: ['no-credentials']
    })
    expect(parseExample('# `x`\n\n## Example\n```yaml\non: push\n```\n')).toBeUndefined()
  })
})
