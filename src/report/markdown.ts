/**
 * Markdown and HTML for untrusted values: every profile name, path, claim, branch, workflow name
 * or error message the report shows goes through one of these, so that no value can end the code
 * span it sits in, open a link, a heading or an HTML element, add a table cell, or mention a user
 * or team in the pull request comment. Pure.
 */
import type { Origin } from '../model.js'
import { visibleLineBreaks } from './log-line.js'

/**
 * `text` on one line, and without NUL, which Markdown parsers replace: both shown as visible
 * escapes (`\n`, `\u0000`).
 */
function visible(text: string): string {
  return visibleLineBreaks(text).replace(/\0/gu, '\\u0000')
}

/** The longest run of backticks in `text`: a code span's fence must be longer. */
function longestBacktickRun(text: string): number {
  let longest = 0
  for (const match of text.matchAll(/`+/gu)) longest = Math.max(longest, match[0].length)
  return longest
}

/**
 * A fenced code block around `lines`: the fence is longer than any run of backticks inside
 * (at least three), so no line of the content can close it.
 */
export function fencedBlock(lines: readonly string[], language = ''): string[] {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(lines.join('\n')) + 1))
  return [`${fence}${language}`, ...lines, fence]
}

/**
 * An inline code span that shows `text` as it is. The fence is one backtick longer than any run
 * inside (CommonMark ends a span at the first run of its own length), and a space pads both
 * ends where the text starts or ends with a backtick or a space (the parser strips one space
 * from each end, and a backtick beside the fence would lengthen it). A span must stay on one
 * line, so line breaks (and NUL) are shown as visible escapes.
 */
export function code(text: string): string {
  const shown = visible(text)
  // An empty span is no span at all: an empty HTML code element shows the emptiness.
  if (shown === '') return '<code></code>'
  const fence = '`'.repeat(longestBacktickRun(shown) + 1)
  // Only spaces: the parser strips nothing, and padding would be shown.
  const pad = /^ +$/u.test(shown) ? '' : /^[ `]|[ `]$/u.test(shown) ? ' ' : ''
  return `${fence}${pad}${shown}${pad}${fence}`
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/**
 * Text inside HTML (a `<summary>`, an attribute, the comment's footer): no tag, entity or
 * attribute can start. Whether Markdown goes on inside depends on where the HTML stands (not in
 * an HTML block, yes in a paragraph), so the characters Markdown acts on are written as numeric
 * entities as well, which both show as the character itself.
 */
export function escapeHtml(text: string): string {
  return visible(text).replace(
    /[&<>"'\\`*_[\]!|~$:@#]|(?<=www)\./giu,
    character => HTML_ESCAPES[character] ?? `&#${character.charCodeAt(0)};`
  )
}

/**
 * The characters that can start Markdown inside a line: emphasis (`_` only at a word's edge,
 * where it can open or close), code, links and images, HTML and entities, table cells,
 * strikethrough (not the `~` of a home path), GitHub's math, and the autolinks GFM makes of
 * bare text (`http://`, `a@b`, `www.`).
 */
const PROSE_SPECIAL =
  /[\\`*[\]<>&|$@]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|~(?!\/)|:(?=\/)|(?<=www)\./giu

/**
 * An untrusted value in Markdown prose, where a code span does not fit (a source's label in a
 * sentence): every character that could open Markdown backslash-escaped, which CommonMark
 * shows as the character itself, what would start a block (a list, a heading) where the value
 * begins a line too, and no line break. Plain words, paths and
 * dashes stay as they are, so the raw text still reads well.
 */
export function escapeText(text: string): string {
  return (
    visible(text)
      .replace(PROSE_SPECIAL, '\\$&')
      .replace(/^[-+#=]/u, '\\$&')
      .replace(/^(\d+)([.)])/u, '$1\\$2')
      // A value's own `? ` or `. ` ends no sentence of the report: escaped, it renders the same,
      // and the summary's sentence splitter (src/report/summary.ts) never cuts the value there.
      .replace(/(?<!\\)[.!?](?=\s)/gu, '\\$&')
  )
}

/** A piece of inline Markdown: a code span, or the text between spans. */
export type InlineSegment =
  | { readonly kind: 'code'; readonly raw: string; readonly content: string }
  | { readonly kind: 'text'; readonly raw: string }

/**
 * Inline Markdown cut at its code spans as CommonMark finds them: a backtick run opens a span
 * that the next run of the same length closes; a run without its match is text, and so is a
 * backslash-escaped backtick.
 */
export function inlineSegments(markdown: string): InlineSegment[] {
  const segments: InlineSegment[] = []
  let text = ''
  let index = 0
  while (index < markdown.length) {
    const character = markdown[index]
    if (character === '\\' && index + 1 < markdown.length) {
      text += markdown.slice(index, index + 2)
      index += 2
      continue
    }
    if (character !== '`') {
      text += character
      index += 1
      continue
    }
    const fence = /^`+/u.exec(markdown.slice(index))?.[0] ?? '`'
    const close = closingFence(markdown, index + fence.length, fence.length)
    if (close === undefined) {
      text += fence
      index += fence.length
      continue
    }
    if (text !== '') segments.push({ kind: 'text', raw: text })
    text = ''
    const content = markdown.slice(index + fence.length, close)
    segments.push({ kind: 'code', raw: markdown.slice(index, close + fence.length), content })
    index = close + fence.length
  }
  if (text !== '') segments.push({ kind: 'text', raw: text })
  return segments
}

/** Where the run of exactly `length` backticks that closes a span begins, if any. */
function closingFence(markdown: string, from: number, length: number): number | undefined {
  for (const match of markdown.slice(from).matchAll(/`+/gu))
    if (match[0].length === length) return from + match.index
  return undefined
}

/** What a code span shows: its content, one padding space stripped from each end. */
export function codeText(content: string): string {
  return /^ .*[^ ].* $/su.test(content) ? content.slice(1, -1) : content
}

/**
 * Text for a GFM table cell: no pipe that would start a cell, no line break that would end the
 * row. A pipe is escaped `\|`, which GFM takes back out before it parses the cell, inside code
 * spans too. A code span holding a backslash right before a pipe cannot be written so (the
 * escape would take the backslash as its own), so it becomes an HTML code element instead.
 */
export function cell(text: string): string {
  return inlineSegments(text.replace(/\r?\n/gu, ' '))
    .map(segment => {
      if (segment.kind === 'text') return segment.raw.replace(/(?<!\\)((?:\\\\)*)\|/gu, '$1\\|')
      const content = codeText(segment.content)
      if (!/\\\|/u.test(content)) return segment.raw.replace(/\|/gu, '\\|')
      return `<code>${escapeHtml(content).replace(/\|/gu, '&#124;').replace(/\\/gu, '&#92;')}</code>`
    })
    .join('')
}

/** `@` where GitHub would read a mention, followed by a word joiner that breaks it. */
const MENTION = /@(?=[\p{L}\p{N}_-])/gu

/**
 * A value with no `@user` or `@org/team` that would notify anyone: a word joiner after each
 * `@` keeps it readable and breaks the mention. For a value about to be escaped; Markdown
 * goes through `withoutMentions`.
 */
export function breakMentions(text: string): string {
  return text.replace(MENTION, '@\u2060')
}

/**
 * Markdown for the pull request comment, with no mention in its prose. Code spans are left as
 * they are: GitHub does not mention from inside them, and the value must stay exact there.
 */
export function withoutMentions(markdown: string): string {
  return inlineSegments(markdown)
    .map(segment => (segment.kind === 'code' ? segment.raw : breakMentions(segment.raw)))
    .join('')
}

/**
 * A URL as a link destination, or undefined unless it is http(s). The parsed URL is encoded
 * already; the characters Markdown would end or break a destination at are encoded too.
 */
export function safeUrl(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
  return parsed.href.replace(
    /[()<>\s"'`\\[\]*_]/gu,
    character => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
}

/** A Markdown link to `url`, or the label alone where the URL is not http(s). */
export function link(label: string, url: string): string {
  const href = safeUrl(url)
  return href === undefined ? label : `[${label}](${href})`
}

/** A URL path segment from a value (a repository, a ref): nothing in it can end the segment. */
export function pathSegment(value: string): string {
  // A lone surrogate has no UTF-8 form to encode: it becomes U+FFFD, as a browser would send it.
  return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/gu, '\uFFFD'))
}

/**
 * Inline Markdown as plain text (annotations, the terminal): code spans as what they show,
 * links as `label (url)`, emphasis and backslash escapes taken out.
 */
export function plainText(markdown: string): string {
  return inlineSegments(markdown)
    .map(segment =>
      segment.kind === 'code'
        ? codeText(segment.content)
        : segment.raw
            .replace(/\[([^\]]+)\]\(([^)]+)\)/gu, '$1 ($2)')
            .replace(/\*\*([^*]+)\*\*/gu, '$1')
            .replace(/\\([!-/:-@[-`{-~])/gu, '$1')
    )
    .join('')
}

export function originText(origin: Origin): string {
  switch (origin.kind) {
    case 'env':
      return code(origin.name)
    case 'input':
      return `input ${code(origin.name)}`
    case 'file':
      return `${code(origin.path)} line ${origin.line}`
    case 'default':
      return origin.name
  }
}
