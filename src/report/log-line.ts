/**
 * Text bound for the runner's log, made inert. The runner reads every line of a step's output
 * for commands: a line that starts with `::` once leading whitespace is trimmed (`::warning::`,
 * `::add-mask::`, `::stop-commands::`), and the legacy `##[name]` form anywhere in a line.
 * `@actions/core` escapes the data of the commands it writes, but `core.info` writes a plain
 * line as it is, so a CR or LF in a profile name or a workflow name would start a line of its
 * own and forge a command. Every plain line the action prints passes through `plainLine`.
 */

/**
 * Line breaks the runner (or a log viewer) may split on, shown as visible escapes instead.
 * .NET's line reader splits on CR and LF; NEL and the Unicode separators are included so that
 * no reader can see a new line start.
 */
const LINE_BREAKS: Readonly<Record<string, string>> = {
  '\r': '\\r',
  '\n': '\\n',
  '\u0085': '\\u0085',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029'
}
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/gu

/**
 * Leading whitespace as the runner trims it (.NET `TrimStart`: the Unicode space separators,
 * tabs and NEL), widened with the zero-width characters, so a line counts as starting with
 * `::` whatever invisible prefix it has.
 */
const LEADING_COMMAND = /^([\s\u0085\u180e\u200b\u2060\ufeff]*):(?=:)/u

/** The legacy command prefix; `# #[` keeps the text readable and is no longer a command. */
const LEGACY_PREFIX = /##\[/gu

/**
 * Neutralises the legacy `##[command]` form in any text written to the log, including the
 * data of commands `@actions/core` writes (annotation messages, debug lines), which it does not
 * escape either.
 */
export function withoutLegacyCommands(text: string): string {
  return text.replace(LEGACY_PREFIX, '# #[')
}

/** `text` on one line: each line break shown as its escape (`\n`), for the log and Markdown. */
export function visibleLineBreaks(text: string): string {
  return text.replace(LINE_BREAK, character => LINE_BREAKS[character] ?? ' ')
}

/** One line of the log that the runner cannot read as a command, whatever `text` holds. */
export function plainLine(text: string): string {
  const oneLine = visibleLineBreaks(text)
  // `: :` keeps the text readable; the runner only acts on `::` at the start.
  return withoutLegacyCommands(oneLine).replace(LEADING_COMMAND, '$1: ')
}

/**
 * A multi-line text (the job summary, when it goes to the log) as inert lines: each line of
 * it, however it was broken, becomes one `plainLine`.
 */
export function plainLines(text: string): string[] {
  return text.split(/\r\n|[\r\n\u0085\u2028\u2029]/u).map(plainLine)
}
