/**
 * Values in the commands and files the report asks people to copy (shell lines, workflow YAML,
 * Terraform), quoted for the language they land in. A profile, environment, region or audience
 * comes from the job's environment or workflow and may hold spaces, quotes, `;`, `$(…)` or line
 * breaks: pasted unquoted, it would run or inject something the reader never meant. Plain values
 * (the usual case) are left as they are, so the common command reads as people write it.
 */

/** Characters no POSIX shell gives a meaning to in a word. */
const SHELL_PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/u

/** One shell word that is `value` exactly: single quotes, with `'` written as `'\''`. */
export function shellArg(value: string): string {
  if (SHELL_PLAIN.test(value)) return value
  return `'${value.replace(/'/gu, `'\\''`)}'`
}

/**
 * A YAML plain scalar may not start with an indicator, hold `: ` or ` #`, end with `:`, or be a word YAML
 * reads as another type; those are quoted. Letters, digits and `-_./:@` in the middle are safe.
 */
const YAML_PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./@:-]*$/u
// Words YAML 1.1 or 1.2 reads as booleans or null, and anything that starts like a number
// (decimal, hex, octal, sexagesimal, `.5`, `.inf`): quoting them costs nothing.
const YAML_OTHER_TYPES =
  /^(?:true|false|yes|no|on|off|y|n|null|~|[-+.]?[0-9].*|[-+]?\.(?:inf|nan))$/iu

/** A YAML scalar that reads back as the string `value`: plain where safe, else double-quoted. */
export function yamlScalar(value: string): string {
  if (YAML_PLAIN.test(value) && !YAML_OTHER_TYPES.test(value) && !value.endsWith(':')) return value
  // A JSON string is a YAML double-quoted scalar with the same value; NEL and the Unicode line
  // and paragraph separators, which JSON leaves as they are, were line breaks in YAML 1.1.
  return JSON.stringify(value).replace(
    /[\u0085\u2028\u2029]/gu,
    character => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`
  )
}

/** A character HCL's quoted string needs escaped, as its escape. */
function hclEscape(character: string): string {
  if (character === '"') return '\\"'
  if (character === '\\') return '\\\\'
  const point = character.codePointAt(0) ?? 0
  if (point < 0x20 || point === 0x7f) return `\\u${point.toString(16).padStart(4, '0')}`
  return character
}

/**
 * A Terraform (HCL) quoted string whose value is `value`: quotes, backslashes and control
 * characters escaped, and `${`/`%{` doubled so that nothing is interpolated.
 */
export function hclString(value: string): string {
  const escaped = [...value]
    .map(hclEscape)
    .join('')
    .replace(/\$\{/gu, () => '$${')
    .replace(/%\{/gu, '%%{')
  return `"${escaped}"`
}
