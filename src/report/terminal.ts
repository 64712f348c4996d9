/**
 * The same report for a terminal (`npm start` on a laptop): the summary's Markdown turned into
 * aligned text, with colours where the terminal has them. One source of truth for the words;
 * only the presentation differs. Pure.
 */
import type { Environment } from '../settings.js'
import { codeText, inlineSegments } from './markdown.js'

export interface TerminalOptions {
  readonly color: boolean
}

/**
 * Colours when stdout is a terminal and `NO_COLOR` is unset or empty (no-color.org);
 * `FORCE_COLOR` (other than `0`) turns them on for pipes too.
 */
export function supportsColor(env: Environment, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false'
  return isTTY && env.TERM !== 'dumb'
}

interface Palette {
  readonly bold: (text: string) => string
  readonly dim: (text: string) => string
  readonly code: (text: string) => string
  readonly red: (text: string) => string
  readonly green: (text: string) => string
  readonly yellow: (text: string) => string
}

function palette(color: boolean): Palette {
  const wrap =
    (open: number, close: number) =>
    (text: string): string =>
      color ? `\u001b[${open}m${text}\u001b[${close}m` : text
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    code: wrap(36, 39),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39)
  }
}

/** Inline Markdown: links become `text (url)`, code spans coloured, emphasis bold. */
function inline(text: string, colors: Palette): string {
  // Links first: a link's label may hold a code span.
  const linked = text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/gu, (_, label: string, url: string) =>
    label === url ? colors.dim(url) : `${label} ${colors.dim(`(${url})`)}`
  )
  return inlineSegments(linked)
    .map(segment =>
      segment.kind === 'code'
        ? colors.code(codeText(segment.content).replace(/\\\|/gu, '|'))
        : inlineText(segment.raw, colors)
    )
    .join('')
}

/** Inline Markdown between code spans. */
function inlineText(text: string, colors: Palette): string {
  return (
    text
      // Only the HTML the summary itself writes; `<user>` in a code span is a placeholder to keep.
      .replace(
        /<\/?(?:br|details|summary|b|i|em|strong|sub|sup|kbd|p|div|span|code)(?:\s[^>]*)?\/?>/giu,
        ''
      )
      .replace(/\*\*([^*]+)\*\*/gu, (_, body: string) => colors.bold(body))
      .replace(/\\([!-/:-@[-`{-~])/gu, '$1')
      // Entities last: what they stand for is text, never Markdown.
      .replace(/&#(\d+);|&(amp|lt|gt|quot);/gu, (_, number: string | undefined, name: string) =>
        number === undefined ? (HTML_NAMED[name] ?? '') : String.fromCharCode(Number(number))
      )
  )
}

const HTML_NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"' }

/** Visible width: escape sequences take none, and emoji take two columns. */
function width(text: string): number {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/\u001b\[[0-9;]*m/gu, '').replace(/\uFE0F/gu, '')
  let columns = 0
  for (const char of visible) columns += /\p{Extended_Pictographic}/u.test(char) ? 2 : 1
  return columns
}

function splitRow(row: string): string[] {
  const cells: string[] = []
  let current = ''
  const body = row.trim().replace(/^\|/u, '').replace(/\|$/u, '')
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index]
    if (char === '\\' && body[index + 1] === '|') {
      current += '\\|'
      index += 1
    } else if (char === '|') {
      cells.push(current.trim())
      current = ''
    } else current += char
  }
  cells.push(current.trim())
  return cells
}

/** A cell's lines: `<br>` in a Markdown cell starts a new line in the terminal too. */
function cellLines(value: string, colors: Palette): string[] {
  return value.split(/<br\s*\/?>/u).map(part => inline(part.trim(), colors))
}

function renderTable(rows: readonly string[], colors: Palette): string[] {
  const parsed = rows
    .filter(row => !/^\|(\s*:?-+:?\s*\|)+\s*$/u.test(row.trim()))
    .map(row => splitRow(row).map(value => cellLines(value, colors)))
  const header = parsed[0]
  const body =
    header !== undefined && header.every(value => value.join('') === '') ? parsed.slice(1) : parsed
  const isHeaded = body !== parsed
  const columns = Math.max(0, ...body.map(row => row.length))
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(0, ...body.flatMap(row => (row[column] ?? []).map(width)))
  )
  // Where a row spans several lines, a blank line between rows shows where each one ends.
  const tall = body.some(row => row.some(lines => lines.length > 1))
  return body.flatMap((row, index) => {
    const height = Math.max(1, ...row.map(lines => lines.length))
    const gap = tall && index > (isHeaded ? 0 : 1) ? [''] : []
    return gap.concat(
      Array.from({ length: height }, (_, offset) => {
        const line = row
          .map((lines, column) => {
            const value = lines[offset] ?? ''
            return column === row.length - 1
              ? value
              : value + ' '.repeat((widths[column] ?? 0) - width(value))
          })
          .join('  ')
        return `  ${!isHeaded && index === 0 ? colors.bold(line) : line}`.trimEnd()
      })
    )
  })
}

function heading(level: number, text: string, colors: Palette): string[] {
  const body = inline(text, colors)
  if (level <= 2) {
    const tint = text.startsWith('✅')
      ? colors.green
      : text.startsWith('⚠️')
        ? colors.yellow
        : text.startsWith('❌')
          ? colors.red
          : (value: string) => value
    return [colors.bold(tint(body)), colors.dim('═'.repeat(Math.min(72, width(body))))]
  }
  if (level === 3) return ['', colors.bold(body.toUpperCase()), '']
  return [colors.bold(body)]
}

/**
 * The report's words are written for a job on a runner; in a terminal the place is the
 * machine the command runs on. Self-hosted runners stay named where the advice is about them.
 */
const FOR_THIS_MACHINE: readonly (readonly [RegExp, string])[] = [
  [/\b([Tt])his runner\b/gu, '$1his machine'],
  [/\bThe runner(?!s| service)\b/gu, 'This machine'],
  [/\bthe runner(?!s| service)\b/gu, 'this machine']
]

/** The summary's words said of the machine the command runs on instead of a runner. */
export function forThisMachine(text: string): string {
  return FOR_THIS_MACHINE.reduce(
    (current, [pattern, words]) => current.replace(pattern, words),
    text
  )
}

export function renderTerminal(markdown: string, options: TerminalOptions): string {
  const colors = palette(options.color)
  const out: string[] = []
  const lines = forThisMachine(markdown).split('\n')
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? ''
    const trimmed = line.trim()
    const fence = /^`{3,}/u.exec(trimmed)?.[0]
    if (fence !== undefined) {
      const indent = line.length - line.trimStart().length
      index += 1
      // The block ends at its own fence: a longer one is chosen around content with backticks.
      while (index < lines.length && (lines[index] ?? '').trim() !== fence) {
        out.push(`${' '.repeat(indent + 2)}${colors.code((lines[index] ?? '').slice(indent))}`)
        index += 1
      }
      continue
    }
    if (trimmed.startsWith('|')) {
      const rows: string[] = []
      while (index < lines.length && (lines[index] ?? '').trim().startsWith('|')) {
        rows.push(lines[index] ?? '')
        index += 1
      }
      index -= 1
      out.push(...renderTable(rows, colors))
      continue
    }
    const summary = /<summary>(.*)<\/summary>/u.exec(trimmed)
    if (summary?.[1] !== undefined) {
      out.push('', colors.bold(`▸ ${inline(summary[1], colors)}`), '')
      continue
    }
    if (/^<\/?details>$/u.test(trimmed)) continue
    const head = /^(#{1,6})\s+(.*)$/u.exec(trimmed)
    if (head?.[1] !== undefined && head[2] !== undefined) {
      out.push(...heading(head[1].length, head[2], colors))
      continue
    }
    out.push(inline(line, colors))
  }
  // Collapse the runs of blank lines the Markdown spacing leaves behind.
  return out
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .replace(/^\n+|\n+$/gu, '')
}
