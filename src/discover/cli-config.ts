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

/**
 * Python's `str.isspace()` characters, which `str.strip()` removes. Not `String.prototype.trim`:
 * that also removes U+FEFF, so a file saved "UTF-8 with BOM" would look like a `[section]` to
 * it, where configparser sees a line before the first section and refuses the file (measured
 * with botocore 1.43.11); and it keeps U+001C–U+001F and U+0085, which Python strips.
 */
const PYTHON_SPACE: ReadonlySet<number> = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
  0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
  0x205f, 0x3000
])

function isPythonSpace(char: string): boolean {
  return PYTHON_SPACE.has(char.charCodeAt(0))
}

/** Python's `str.lstrip()`. */
function stripStart(text: string): string {
  let start = 0
  while (start < text.length && isPythonSpace(text.charAt(start))) start += 1
  return text.slice(start)
}

/** Python's `str.rstrip()`. */
function stripEnd(text: string): string {
  let end = text.length
  while (end > 0 && isPythonSpace(text.charAt(end - 1))) end -= 1
  return text.slice(0, end)
}

/** Python's `str.strip()`. */
export function pythonStrip(text: string): string {
  return stripEnd(stripStart(text))
}

function indentOf(line: string): number {
  return line.length - stripStart(line).length
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
  return {
    name: pythonStrip(stripped.slice(0, at)),
    value: pythonStrip(stripped.slice(at + 1))
  }
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
  const stripped = pythonStrip(raw)
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
    .map(part => pythonStrip(part))
    .some(part => part !== '' && !part.includes('='))
}

function finish(options: ReadonlyMap<string, Option>, state: State): Map<string, CliEntry> {
  const entries = new Map<string, CliEntry>()
  for (const option of options.values()) {
    const value = stripEnd(option.lines.join('\n'))
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
    const profile = cliProfileName(name)
    if (profile !== undefined) profiles.set(profile, section)
  }
  return profiles
}

/** `shlex`'s whitespace: only these four split words (a no-break space does not). */
const SHLEX_SPACE = new Set([' ', '\t', '\r', '\n'])

/** The profile a config-file section names for botocore (`[profile  ci]` is "ci"), if any. */
export function cliProfileName(header: string): string | undefined {
  if (header === 'default') return 'default'
  if (!header.startsWith('profile')) return undefined
  const parts = shlexSplit(header)
  return parts?.length === 2 ? parts[1] : undefined
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
    } else if (SHLEX_SPACE.has(char)) {
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
