import { code } from '../report/markdown.js'
/**
 * The shared files as the AWS CLI v1 reads them: botocore hands each file to Python's
 * `configparser.RawConfigParser` (strict, `=` and `:` delimiters, `#`/`;` full-line comments only,
 * option names lower-cased, indented lines continuing the value above, `[DEFAULT]` applied to every
 * section) and then maps sections to profiles (`botocore/configloader.py`). The JS SDK's reading
 * lives in ini.ts; this one exists because the two disagree, and what the AWS CLI will do must be
 * said from what it reads, not from what the JS SDK reads.
 *
 * One pass, no backtracking regular expressions: a huge file costs linear time.
 */

/** One option as botocore reads it: value trimmed, inline comments kept, continuations joined. */
export interface CliEntry {
  readonly value: string
  readonly line: number
}

export type CliSection = ReadonlyMap<string, CliEntry>

export interface CliParsed {
  /** Sections by name as written between the brackets, `[DEFAULT]` keys merged in. */
  readonly sections: ReadonlyMap<string, CliSection>
  /** Where configparser (or botocore's nested-value parser) gives up; the CLI then fails. */
  readonly parseError?: { readonly line: number; readonly reason: string }
}

interface Option {
  readonly name: string
  readonly line: number
  readonly lines: string[]
}

interface State {
  readonly sections: Map<string, Map<string, Option>>
  readonly defaults: Map<string, Option>
  readonly seen: Set<string>
  current?: Map<string, Option>
  currentName?: string
  option?: Option
  indent: number
  error?: { line: number; reason: string }
}

/** Python's `str.strip()` whitespace, which `String.prototype.trim` matches closely enough here. */
function indentOf(line: string): number {
  return line.length - line.trimStart().length
}

/**
 * configparser's section pattern `\[(?P<header>.+)\]`, matched at the start of the stripped line:
 * the header runs to the last `]`, and anything after it (`[x]#comment`) is ignored.
 */
function sectionHeader(stripped: string): string | undefined {
  if (!stripped.startsWith('[')) return undefined
  const close = stripped.lastIndexOf(']')
  return close > 1 ? stripped.slice(1, close) : undefined
}

/** configparser's option pattern: the name runs to the first `=` or `:`. */
function optionOf(stripped: string): { name: string; value: string } | undefined {
  const equals = stripped.indexOf('=')
  const colon = stripped.indexOf(':')
  const at = equals === -1 ? colon : colon === -1 ? equals : Math.min(equals, colon)
  if (at === -1) return undefined
  return { name: stripped.slice(0, at).trim(), value: stripped.slice(at + 1).trim() }
}

function fail(state: State, line: number, reason: string): void {
  state.error ??= { line, reason }
}

function openSection(state: State, name: string, line: number): void {
  state.option = undefined
  if (name === 'DEFAULT') {
    state.current = state.defaults
    state.currentName = name
    return
  }
  if (state.seen.has(`[${name}]`)) fail(state, line, `section ${code(`[${name}]`)} appears twice`)
  state.seen.add(`[${name}]`)
  const section = state.sections.get(name) ?? new Map<string, Option>()
  state.sections.set(name, section)
  state.current = section
  state.currentName = name
}

function addOption(state: State, stripped: string, line: number): void {
  const option = optionOf(stripped)
  if (option === undefined || option.name === '') {
    fail(state, line, 'a line that is not `key = value`')
    return
  }
  const name = option.name.toLowerCase()
  const key = `${state.currentName ?? ''}\u0000${name}`
  if (state.seen.has(key)) fail(state, line, `${code(name)} is set twice in one section`)
  state.seen.add(key)
  const entry: Option = { name, line, lines: [option.value] }
  state.current?.set(name, entry)
  state.option = entry
}

function readLine(state: State, raw: string, line: number): void {
  const stripped = raw.trim()
  if (stripped.startsWith('#') || stripped.startsWith(';')) return
  if (stripped === '') {
    state.option?.lines.push('')
    return
  }
  const indent = indentOf(raw)
  if (state.current !== undefined && state.option !== undefined && indent > state.indent) {
    state.option.lines.push(stripped)
    return
  }
  state.indent = indent
  const header = sectionHeader(stripped)
  if (header !== undefined) {
    openSection(state, header, line)
    return
  }
  if (state.current === undefined) {
    fail(state, line, 'a line before the first [section]')
    return
  }
  addOption(state, stripped, line)
}

/** botocore's `_parse_nested`: a value that starts on the next line must be `key = value` lines. */
function nestedError(value: string): boolean {
  return value
    .split('\n')
    .map(part => part.trim())
    .some(part => part !== '' && !part.includes('='))
}

function finish(options: ReadonlyMap<string, Option>, state: State): Map<string, CliEntry> {
  const entries = new Map<string, CliEntry>()
  for (const option of options.values()) {
    const value = option.lines.join('\n').trimEnd()
    if (value.startsWith('\n') && nestedError(value))
      fail(state, option.line, `the block under ${code(option.name)} holds a line without \`=\``)
    entries.set(option.name, { value, line: option.line })
  }
  return entries
}

/**
 * Python splits lines on `\n`, `\r\n` and a bare `\r` alike (universal newlines). A byte that is
 * not UTF-8 has already become U+FFFD when the file was read as text; Python refuses to decode it.
 */
export function parseCliConfig(text: string): CliParsed {
  const state: State = {
    sections: new Map(),
    defaults: new Map(),
    seen: new Set(),
    indent: 0
  }
  const replacement = text.indexOf('\uFFFD')
  if (replacement !== -1)
    fail(state, text.slice(0, replacement).split(/\r\n|\r|\n/u).length, 'a byte that is not UTF-8')
  text.split(/\r\n|\r|\n/u).forEach((raw, index) => {
    if (state.error === undefined) readLine(state, raw, index + 1)
  })
  const defaults = finish(state.defaults, state)
  const sections = new Map<string, CliSection>()
  for (const [name, options] of state.sections)
    sections.set(name, new Map([...defaults, ...finish(options, state)]))
  return { sections, ...(state.error === undefined ? {} : { parseError: state.error }) }
}

/**
 * botocore's `build_profile_map` for the config file: `[profile NAME]` (split the way `shlex`
 * splits, so quotes are removed) and `[default]`; later sections of one name win.
 */
export function cliConfigProfiles(parsed: CliParsed): Map<string, CliSection> {
  const profiles = new Map<string, CliSection>()
  for (const [name, section] of parsed.sections) {
    if (name === 'default') {
      profiles.set('default', section)
      continue
    }
    if (!name.startsWith('profile')) continue
    const parts = shlexSplit(name)
    if (parts?.length === 2 && parts[1] !== undefined) profiles.set(parts[1], section)
  }
  return profiles
}

/** Enough of `shlex.split` for section names: words, with quotes removed; undefined where unbalanced. */
function shlexSplit(text: string): string[] | undefined {
  const words: string[] = []
  let word = ''
  let quote: string | undefined
  let inWord = false
  for (const char of text) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined
      else word += char
    } else if (char === '"' || char === "'") {
      quote = char
      inWord = true
    } else if (/\s/u.test(char)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += char
      inWord = true
    }
  }
  if (quote !== undefined) return undefined
  if (inWord) words.push(word)
  return words
}
