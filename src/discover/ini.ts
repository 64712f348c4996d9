/**
 * Reads `~/.aws/credentials` and `~/.aws/config` the way the SDKs do, not the way a generic INI
 * library would: the JS SDK (`@smithy/core` parseIni) and botocore (Python's configparser, used
 * by the AWS CLI) read the same file differently, and those differences are exactly the
 * mistakes worth reporting. One pass over the lines follows both readers side by side:
 *
 * - the JS SDK strips inline comments (`value # note`), botocore keeps them in the value;
 * - botocore lower-cases key names, accepts `key: value`, and reads an indented line as the
 *   continuation of the previous value; the JS SDK does none of that;
 * - botocore refuses the whole file for a line outside a section, a line without `=`, a
 *   byte-order mark, or a duplicate section or key; the JS SDK skips or merges them;
 * - `[profile x]` means profile x only in the config file, `[x]` only in the credentials file.
 *
 * Nothing here returns a value in a message: issues name the line, the section and the key.
 */
import type { IgnoredSection, SharedFileIssue } from '../model.js'
import { code } from '../report/markdown.js'
import { cliProfileName } from './cli-config.js'

export type IniFileKind = 'credentials' | 'config'

/** One `key = value` as the JS SDK reads it. */
export interface IniEntry {
  /** The key as the JS SDK names it: trimmed, case kept, `parent.key` inside a nested block. */
  readonly key: string
  /** The value as the JS SDK reads it: inline comment removed, trimmed. */
  readonly value: string
  /** 1-based line number. */
  readonly line: number
  /** The section header as written between its brackets. */
  readonly section: string
}

export type IniProfile = ReadonlyMap<string, IniEntry>

export interface ParsedIni {
  /** Profiles as the JS SDK maps this kind of file, by profile name. */
  readonly profiles: ReadonlyMap<string, IniProfile>
  /** `[sso-session NAME]` sections of a config file, by name. */
  readonly ssoSessions: ReadonlyMap<string, IniProfile>
  /** `[services NAME]` sections of a config file (`sts.endpoint_url` …), by name. */
  readonly services: ReadonlyMap<string, IniProfile>
  readonly ignoredSections: readonly IgnoredSection[]
  readonly issues: readonly SharedFileIssue[]
  /** Every value that may be secret, and every line that could not be read as `key = value`. */
  readonly secrets: readonly string[]
}

/** Enough problems to explain a file; beyond this it is not a credentials file gone wrong. */
const MAX_ISSUES = 50
/**
 * Bounds on the values kept for masking: each is registered with the runner and checked in
 * every line written, so a huge file of junk must not turn into thousands of masks.
 */
const MAX_CREDENTIAL_SECRETS = 200
const MAX_STRAY_SECRETS = 100

/** Section prefixes the JS SDK knows (`IniSectionType`). */
const SECTION_TYPES = ['profile', 'sso-session', 'services'] as const

/** The JS SDK's pattern for `[prefix name]` headers (`prefixKeyRegex`). */
const PREFIXED_HEADER = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/u

/** The JS SDK throws on these section names, and then ignores the whole file. */
const BLOCKED_HEADERS = ['__proto__', 'profile __proto__']

/** Config-file sections that are not profiles and that the AWS CLI reads on purpose. */
const NON_PROFILE_SECTIONS = new Set(['plugins', 'preview', 'cli', 'toolkit'])

export const CREDENTIAL_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token'
] as const

/** Keys the SDKs and the AWS CLI read in a profile. Anything else is ignored by them. */
export const KNOWN_KEYS: ReadonlySet<string> = new Set([
  ...CREDENTIAL_KEYS,
  'aws_security_token',
  'aws_account_id',
  'aws_credential_scope',
  'aws_credential_expiration',
  'region',
  'output',
  'role_arn',
  'source_profile',
  'credential_source',
  'external_id',
  'mfa_serial',
  'role_session_name',
  'duration_seconds',
  'web_identity_token_file',
  'credential_process',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'sso_registration_scopes',
  'login_session',
  'ca_bundle',
  'cli_pager',
  'cli_timestamp_format',
  'cli_follow_urlparam',
  'cli_binary_format',
  'cli_auto_prompt',
  'cli_history',
  'cli_help_output',
  'parameter_validation',
  'tcp_keepalive',
  'max_attempts',
  'retry_mode',
  'endpoint_url',
  'ignore_configured_endpoint_urls',
  'use_dualstack_endpoint',
  'use_fips_endpoint',
  'sts_regional_endpoints',
  's3',
  'services',
  'metadata_service_timeout',
  'metadata_service_num_attempts',
  'ec2_metadata_service_endpoint',
  'ec2_metadata_service_endpoint_mode',
  'ec2_metadata_v1_disabled',
  'api_versions',
  'defaults_mode',
  'account_id_endpoint_mode',
  'request_checksum_calculation',
  'response_checksum_validation',
  'sigv4a_signing_region_set',
  'disable_request_compression',
  'request_min_compression_size_bytes',
  'auth_scheme_preference',
  'imds_use_ipv6',
  'dynamodb',
  'emr',
  'cloudfront',
  'iot'
])

/** Non-secret keys whose values may be shown and need no masking. */
const PUBLIC_KEYS: ReadonlySet<string> = new Set(
  [...KNOWN_KEYS].filter(
    key => !['aws_secret_access_key', 'aws_session_token', 'aws_security_token'].includes(key)
  )
)

/** Names people write for the credential keys, mapped to the key the SDKs read. */
const ALIASES: Readonly<Record<string, string>> = {
  aws_access_key: 'aws_access_key_id',
  access_key: 'aws_access_key_id',
  access_key_id: 'aws_access_key_id',
  aws_key_id: 'aws_access_key_id',
  aws_secret_key: 'aws_secret_access_key',
  secret_key: 'aws_secret_access_key',
  secret_access_key: 'aws_secret_access_key',
  aws_secret: 'aws_secret_access_key',
  aws_secret_access_key_id: 'aws_secret_access_key',
  session_token: 'aws_session_token',
  aws_token: 'aws_session_token',
  token: 'aws_session_token',
  aws_region: 'region',
  aws_default_region: 'region',
  default_region: 'region',
  aws_role_arn: 'role_arn',
  aws_profile: 'source_profile'
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The known key an unknown one was meant to be, where that is clear enough to suggest. */
export function intendedKey(key: string): string | undefined {
  const lower = key.toLowerCase().replace(/-/gu, '_')
  if (KNOWN_KEYS.has(lower)) return lower
  const alias = ALIASES[lower]
  if (alias !== undefined) return alias
  // Short names are too close to each other to guess between (`foo` is two edits from `iot`).
  const allowed = lower.length >= 8 ? 2 : 1
  let best: { key: string; distance: number } | undefined
  for (const known of KNOWN_KEYS) {
    if (known.length < 6) continue
    const distance = editDistance(lower, known)
    if (distance <= allowed && (best === undefined || distance < best.distance))
      best = { key: known, distance }
  }
  return best?.key
}

/**
 * Text from a file that may be key material pasted in the wrong place (a secret as a section
 * name or a key name): it has `=`, or a long run of base64 characters mixing letters of both
 * cases, digits or `/` and `+`. Such text is never quoted in a message.
 */
export function looksLikeKeyMaterial(text: string): boolean {
  if (text.includes('=')) return true
  for (const run of text.match(/[A-Za-z0-9/+]{12,}/gu) ?? []) {
    const kinds = [/[a-z]/u, /[A-Z]/u, /[0-9]/u, /[/+]/u].filter(kind => kind.test(run)).length
    if (kinds >= 3 || /^[A-Z0-9]{16,}$/u.test(run)) return true
  }
  return false
}

/** A section header as it may be shown. */
export function displayHeader(header: string): string {
  return looksLikeKeyMaterial(header) || header.length > 64 ? '(name not shown)' : header
}

/** A key name worth quoting in a message: short, plain, and not shaped like key material. */
export function printableKeyName(key: string): string | undefined {
  if (key.length > 48 || !/^[A-Za-z_][A-Za-z0-9_. -]*$/u.test(key)) return undefined
  if (looksLikeKeyMaterial(key)) return undefined
  return key
}

function quoteKey(key: string): string {
  const name = printableKeyName(key)
  return name === undefined ? 'a key' : code(name)
}

/** The keys that hold a secret or a token, in any case the AWS CLI accepts. */
function isCredentialKey(key: string): boolean {
  return /^(aws_secret_access_key|aws_session_token|aws_security_token)$/iu.test(key.trim())
}

/** Keys whose values are secret, or may be (an unknown key in a credentials file could hold anything). */
function isSecretKey(key: string, kind: IniFileKind): boolean {
  const lower = key.toLowerCase()
  if (/secret|token|passw|private/u.test(lower)) return true
  return kind === 'credentials' && !PUBLIC_KEYS.has(lower)
}

/** The JS SDK's comment rule: from `;` or `#` at the start or after whitespace. */
function stripJsComment(line: string): string {
  return (line.split(/(?:^|\s)[;#]/u)[0] ?? '').trim()
}

/**
 * The AWS CLI's option line, `key = value` or `key: value`, split at the first `=` or `:` with
 * the whitespace around it dropped: `[line, key, separator, value]`, or null when the line has
 * no separator. Written out rather than as `/^(.*?)\s*([=:])\s*(.*)$/u`, whose backtracking takes
 * time quadratic in a long run of spaces; this takes time linear in the line.
 */
export function splitOption(line: string): [string, string, string, string] | null {
  // `.` stops at line terminators, `\s` takes them: a terminator may sit only in the whitespace
  // around the separator. Each index is visited a bounded number of times.
  let firstTerminator = -1
  let lastTerminator = -1
  for (let index = 0; index < line.length; index += 1) {
    if (!LINE_TERMINATORS.has(line.charAt(index))) continue
    if (firstTerminator === -1) firstTerminator = index
    lastTerminator = index
  }
  for (let at = 0; at < line.length; at += 1) {
    const char = line.charAt(at)
    if (char !== '=' && char !== ':') continue
    let keyEnd = at
    while (keyEnd > 0 && WHITESPACE.test(line.charAt(keyEnd - 1))) keyEnd -= 1
    let valueStart = at + 1
    while (valueStart < line.length && WHITESPACE.test(line.charAt(valueStart))) valueStart += 1
    const keyClean = firstTerminator === -1 || firstTerminator >= keyEnd
    const valueClean = lastTerminator < valueStart
    if (keyClean && valueClean) return [line, line.slice(0, keyEnd), char, line.slice(valueStart)]
    // A terminator inside the key can only be crossed by a longer key: none will match.
    if (!keyClean) return null
  }
  return null
}

const LINE_TERMINATORS = new Set(['\n', '\r', '\u2028', '\u2029'])
const WHITESPACE = /^\s$/u

function indentOf(line: string): number {
  return line.length - line.replace(/^\s+/u, '').length
}

interface CliOption {
  readonly key: string
  readonly emptyValue: boolean
}

interface CliState {
  section?: string
  /** The last option of the section, and whether its value was empty (a nested block). */
  option?: CliOption
  indent: number
  readonly sectionsSeen: Set<string>
  readonly keysSeen: Set<string>
}

interface JsState {
  section?: string
  subSection?: string
  blocked: boolean
  readonly map: Map<string, Map<string, IniEntry>>
}

interface SectionNote {
  readonly header: string
  /** The header as it may be shown (see displayHeader). */
  readonly display: string
  readonly line: number
  readonly jsKey?: string
}

export function parseIni(text: string, kind: IniFileKind): ParsedIni {
  const issues: SharedFileIssue[] = []
  const secrets = new Set<string>()
  const sections: SectionNote[] = []
  const js: JsState = { blocked: false, map: new Map() }
  const cli: CliState = { indent: 0, sectionsSeen: new Set(), keysSeen: new Set() }
  let currentHeader: string | undefined

  const issue = (
    line: number,
    problem: string,
    message: string,
    breaksCli: boolean,
    /** Where the line's section is not the JS SDK's current one; `section: undefined` for none. */
    placed: { readonly section?: string; readonly cliOnly?: boolean } = {}
  ): void => {
    if (issues.length > MAX_ISSUES) return
    const section = 'section' in placed ? placed.section : currentHeader
    issues.push(
      issues.length === MAX_ISSUES
        ? {
            line,
            problem: 'more-problems',
            message: `More problems from line ${line} on are not listed: the file is far from what the SDKs read.`,
            breaksCli
          }
        : {
            line,
            problem,
            message,
            breaksCli,
            ...(section === undefined ? {} : { section }),
            ...(placed.cliOnly === true ? { cliOnly: true } : {})
          }
    )
  }
  const likelySecrets = new Set<string>()
  /** Credential values are kept first; stray lines only up to a bound (see MAX_STRAY_SECRETS). */
  const keepSecret = (value: string, credential = false): void => {
    const trimmed = value.trim()
    if (trimmed === '') return
    if (credential) {
      if (likelySecrets.size < MAX_CREDENTIAL_SECRETS) likelySecrets.add(trimmed)
    } else if (secrets.size < MAX_STRAY_SECRETS) secrets.add(trimmed)
  }

  if (text.startsWith('\uFEFF')) {
    issue(
      1,
      'byte-order-mark',
      'The file starts with a byte-order mark (saved as "UTF-8 with BOM"): the AWS CLI cannot parse the file at all ("Unable to parse config file"), while the JS SDK ignores the mark.',
      true,
      // The JS SDK reads the file as meant: only `aws` commands fail on it.
      { cliOnly: true }
    )
  }
  if (/\r(?!\n)/u.test(text)) {
    issue(
      1,
      'carriage-return-line-endings',
      'The file separates lines with a bare carriage return (old Mac line endings): the JS SDK reads it as a single line and finds no profile in it, while the AWS CLI reads it normally.',
      false
    )
  }

  const lines = text.split(/\r?\n/u)
  lines.forEach((raw, index) => {
    const lineNumber = index + 1
    const line = index === 0 ? raw.replace(/^\uFEFF/u, '') : raw
    readJsLine(raw, lineNumber)
    readCliLine(line, lineNumber)
  })

  function readJsLine(raw: string, lineNumber: number): void {
    const trimmed = stripJsComment(raw)
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      js.section = undefined
      js.subSection = undefined
      const header = trimmed.slice(1, -1)
      currentHeader = displayHeader(header)
      const match = PREFIXED_HEADER.exec(header)
      if (match !== null) {
        const prefix = match[1] ?? ''
        if ((SECTION_TYPES as readonly string[]).includes(prefix))
          js.section = `${prefix}.${match[3] ?? ''}`
      } else {
        js.section = header
      }
      if (BLOCKED_HEADERS.includes(header)) {
        js.blocked = true
        issue(
          lineNumber,
          'blocked-section-name',
          `The section name ${code(header)} makes the JS SDK reject the whole file ("Found invalid profile name"): Node-based tools see none of its profiles.`,
          false
        )
      }
      sections.push({
        header,
        display: currentHeader,
        line: lineNumber,
        ...(js.section === undefined ? {} : { jsKey: js.section })
      })
      return
    }
    noteHeaderWithTrailingText(trimmed, lineNumber)
    if (js.section === undefined) return
    const equals = trimmed.indexOf('=')
    if (equals <= 0) return
    const name = trimmed.slice(0, equals).trim()
    const value = trimmed.slice(equals + 1).trim()
    if (value === '') {
      js.subSection = name
      return
    }
    if (js.subSection !== undefined && raw.trimStart() === raw) js.subSection = undefined
    const key = js.subSection === undefined ? name : `${js.subSection}.${name}`
    const entries = js.map.get(js.section) ?? new Map<string, IniEntry>()
    entries.set(key, { key, value, line: lineNumber, section: currentHeader ?? '' })
    js.map.set(js.section, entries)
    if (js.subSection === undefined && isSecretKey(name, kind))
      keepSecret(value, isCredentialKey(name))
  }

  /**
   * `[ci]x` or `[ci]# note`: configparser takes the header up to its last `]` and reads section
   * `[ci]`; the JS SDK takes a line as a header only where it ends with `]` once a comment after
   * white space is cut off, so it reads no header here and the keys below stay in the section
   * above, or in none (measured with both tools).
   */
  function noteHeaderWithTrailingText(trimmed: string, lineNumber: number): void {
    if (!trimmed.startsWith('[')) return
    const close = trimmed.lastIndexOf(']')
    if (close < 2 || close === trimmed.length - 1) return
    const header = trimmed.slice(1, close)
    const shown = displayHeader(header)
    const where =
      js.section === undefined ? 'in no section, so it ignores them' : 'in the section above'
    issue(
      lineNumber,
      'header-trailing-text',
      `Line ${lineNumber} has text after the \`]\` of ${code(`[${shown}]`)}: the AWS CLI reads the section ${code(`[${shown}]`)}, but the JS SDK does not take the line as a section header and keeps the keys below it ${where}. Remove the text after \`]\` (a comment needs a space before its \`#\`).`,
      false,
      { section: shown }
    )
  }

  function readCliLine(line: string, lineNumber: number): void {
    const stripped = line.trim()
    if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) return
    const indent = indentOf(line)
    if (cli.section !== undefined && cli.option !== undefined && indent > cli.indent) {
      readCliContinuation(cli.option, stripped, lineNumber)
      return
    }
    cli.indent = indent
    const section = /^\[(.+)\]/u.exec(stripped)
    if (section !== null) {
      readCliSection(section[1] ?? '', lineNumber)
      return
    }
    const option = splitOption(stripped)
    if (cli.section === undefined || option === null) {
      readCliStray(stripped, option, lineNumber)
      return
    }
    const [, rawKey = '', separator = '=', rawValue = ''] = option
    readCliOption(cli.section, rawKey.trimEnd(), separator, rawValue, lineNumber)
  }

  /** configparser: a line indented deeper than its key continues that key's value. */
  function readCliContinuation(option: CliOption, stripped: string, lineNumber: number): void {
    if (option.emptyValue) return
    if (isSecretKey(option.key, kind)) keepSecret(stripped)
    issue(
      lineNumber,
      'indented-line',
      `Line ${lineNumber} is indented: the AWS CLI reads it as the continuation of ${quoteKey(option.key)} on the line above (a value spanning two lines), while the JS SDK reads it as a key of its own. Remove the indentation.`,
      false
    )
  }

  function readCliSection(header: string, lineNumber: number): void {
    if (cli.sectionsSeen.has(header)) {
      issue(
        lineNumber,
        'duplicate-section',
        `Section ${code(`[${displayHeader(header)}]`)} appears a second time on line ${lineNumber}: the AWS CLI refuses the whole file ("Unable to parse config file"), while the JS SDK merges both, the later value of a key winning.`,
        true,
        // The JS SDK, and so this action, reads both: only `aws` commands fail on it.
        { cliOnly: true }
      )
    }
    cli.sectionsSeen.add(header)
    cli.section = header
    cli.option = undefined
    cli.keysSeen.clear()
  }

  /** A line before the first section, or inside one but not `key = value`: the CLI refuses it. */
  function readCliStray(
    stripped: string,
    option: [string, string, string, string] | null,
    lineNumber: number
  ): void {
    keepSecret(stripped)
    if (option !== null) keepSecret(option[3] ?? '')
    const unclosed = stripped.startsWith('[')
    const outside = cli.section === undefined
    const problem = unclosed
      ? 'section-header-unclosed'
      : outside
        ? 'outside-section'
        : 'not-key-value'
    const jsSdk = unclosed && !outside ? ' (its keys stay in the section above)' : ''
    const message = unclosed
      ? `Line ${lineNumber} opens a section header without closing it with \`]\`: the AWS CLI refuses the whole file, and the JS SDK ignores the line${jsSdk}.`
      : outside
        ? `Line ${lineNumber} comes before the first \`[section]\`: the AWS CLI refuses the whole file ("Unable to parse config file"), and the JS SDK ignores the line.`
        : `Line ${lineNumber} is not a \`key = value\` line: the AWS CLI refuses the whole file ("Unable to parse config file"), and the JS SDK ignores the line.`
    issue(lineNumber, problem, message, true)
  }

  function readCliOption(
    section: string,
    key: string,
    separator: string,
    rawValue: string,
    lineNumber: number
  ): void {
    if (isSecretKey(key, kind)) keepSecret(rawValue, isCredentialKey(key))
    if (key === '') {
      keepSecret(rawValue)
      issue(
        lineNumber,
        'empty-key',
        `Line ${lineNumber} starts with ${code(separator)} and names no key: the AWS CLI refuses the whole file, and the JS SDK ignores the line.`,
        true
      )
      return
    }
    const lower = key.toLowerCase()
    cli.option = { key, emptyValue: rawValue === '' }
    if (cli.keysSeen.has(lower)) {
      issue(
        lineNumber,
        'duplicate-key',
        `${quoteKey(key)} is set a second time in \`[${displayHeader(section)}]\` on line ${lineNumber}: the AWS CLI refuses the whole file ("Unable to parse config file"), while the JS SDK takes the later value.`,
        true,
        // The JS SDK, and so this action, takes the later value: only `aws` commands fail on it.
        { cliOnly: true }
      )
    }
    cli.keysSeen.add(lower)
    if (separator === ':') {
      issue(
        lineNumber,
        'colon-separator',
        `Line ${lineNumber} separates ${quoteKey(key)} from its value with \`:\`: the AWS CLI accepts that, but the JS SDK only reads \`key = value\` and ignores the line.`,
        false
      )
      return
    }
    // Judging key names costs an edit distance per known key: not worth it once the file is
    // known to be far off (a 4 MB file of junk must not take seconds).
    if (issues.length < MAX_ISSUES) judgeKey(key, lineNumber)
    if (/(?:^|\s)[;#]/u.test(rawValue)) {
      issue(
        lineNumber,
        'inline-comment',
        `The value of ${quoteKey(key)} on line ${lineNumber} is followed by a comment: the JS SDK strips it, but the AWS CLI keeps it as part of the value${CREDENTIAL_KEYS.some(name => name === lower) ? ', so the AWS CLI signs with a different credential and fails' : ''}. Put comments on a line of their own.`,
        false
      )
    }
  }

  function judgeKey(key: string, lineNumber: number): void {
    if (cli.option?.emptyValue === true) return
    const header = cli.section ?? ''
    // Nested blocks (`s3 =` followed by indented keys), SSO sessions, services and plugin
    // sections have keys of their own; only profile keys are judged.
    if (/^(sso-session|services)\s/u.test(header) || NON_PROFILE_SECTIONS.has(header)) return
    const lower = key.toLowerCase()
    if (/^export\s/iu.test(key)) {
      issue(
        lineNumber,
        'shell-syntax',
        `Line ${lineNumber} is a shell \`export\` line, not an INI key: the SDKs read a key named ${quoteKey(key)}, which means nothing to them. Write \`${intendedKey(key.replace(/^export\s+/iu, '')) ?? 'key'} = …\` instead.`,
        false
      )
      return
    }
    if (KNOWN_KEYS.has(lower)) {
      if (key !== lower) {
        issue(
          lineNumber,
          'key-case',
          `${quoteKey(key)} on line ${lineNumber} is not lower-case: the AWS CLI accepts it as ${code(lower)}, but the JS SDK matches key names exactly and ignores it. Write ${code(lower)}.`,
          false
        )
      }
      return
    }
    const intended = intendedKey(key)
    const credentialLike = /key|secret|token|access|region|role|profile/iu.test(key)
    if (intended === undefined && !credentialLike) return
    issue(
      lineNumber,
      'unknown-key',
      `${quoteKey(key)} on line ${lineNumber} is not a key the SDKs read, so its line is ignored${intended === undefined ? '' : `; did you mean ${code(intended)}?`}`,
      false
    )
  }

  if (kind === 'config') {
    const twice = defaultTwice(sections)
    if (twice !== undefined)
      issue(twice.line, 'default-twice', twice.message, false, {
        section: twice.cliOnly ? 'default' : undefined,
        cliOnly: twice.cliOnly
      })
  }

  return {
    profiles: js.blocked ? new Map() : profilesOf(js.map, kind),
    ssoSessions: js.blocked ? new Map() : sectionsWithPrefix(js.map, 'sso-session'),
    services: js.blocked ? new Map() : sectionsWithPrefix(js.map, 'services'),
    ignoredSections: ignoredSectionsOf(sections, kind, js.map),
    issues,
    secrets: [...likelySecrets, ...secrets]
  }
}

/** The JS SDK's profile map: the credentials file as parsed, the config file through `getConfigData`. */
function profilesOf(
  map: ReadonlyMap<string, Map<string, IniEntry>>,
  kind: IniFileKind
): Map<string, IniProfile> {
  if (kind === 'credentials') {
    // `[profile x]` here becomes `profile.x`, a name nobody selects: the SDKs ignore it.
    return new Map(
      [...map].filter(([key]) => !SECTION_TYPES.some(type => key.startsWith(`${type}.`)))
    )
  }
  const profiles = new Map<string, IniProfile>()
  const fallback = map.get('default')
  if (fallback !== undefined) profiles.set('default', fallback)
  for (const [key, entries] of map) {
    const dot = key.indexOf('.')
    if (dot === -1) continue
    const prefix = key.slice(0, dot)
    if (!(SECTION_TYPES as readonly string[]).includes(prefix)) continue
    // `[profile default]` replaces `[default]` wholesale, as getConfigData does.
    if (prefix === 'profile') profiles.set(key.slice(dot + 1), entries)
  }
  return profiles
}

function sectionsWithPrefix(
  map: ReadonlyMap<string, Map<string, IniEntry>>,
  prefix: string
): Map<string, IniProfile> {
  const result = new Map<string, IniProfile>()
  for (const [key, entries] of map)
    if (key.startsWith(`${prefix}.`)) result.set(key.slice(prefix.length + 1), entries)
  return result
}

/**
 * `[default]` and `[profile default]` in one config file: the JS SDK takes `[profile default]`
 * whatever the order (`getConfigData`), botocore the later of the two (`build_profile_map`
 * overwrites); measured with both tools. The keys of the other section are read by neither.
 */
function defaultTwice(
  sections: readonly SectionNote[]
): { line: number; message: string; cliOnly: boolean } | undefined {
  const plain = sections.find(section => section.header === 'default')
  const prefixed = sections.find(
    section => section.header !== 'default' && cliProfileName(section.header) === 'default'
  )
  if (plain === undefined || prefixed === undefined) return undefined
  const header = code(`[${prefixed.display}]`)
  const both = `\`[default]\` (line ${plain.line}) and ${header} (line ${prefixed.line}) both define the default profile`
  const line = Math.max(plain.line, prefixed.line)
  const cliReads = plain.line > prefixed.line ? '`[default]`' : header
  const jsReads = prefixed.jsKey === 'profile.default' ? header : '`[default]`'
  // Where both tools read the same section, the other is dead text; where they differ, the JS
  // SDK (and so the action) reads the one it always reads, and only `aws` commands are misled.
  if (cliReads === jsReads)
    return {
      line,
      cliOnly: false,
      message: `${both}: both tools read ${jsReads} and ignore every key of ${jsReads === header ? '`[default]`' : header}. Keep one of them.`
    }
  return {
    line,
    cliOnly: true,
    message: `${both}: the JS SDK reads ${jsReads}, while the AWS CLI reads the later ${cliReads}, so the two tools use different settings (and keys) for the default profile. Keep one of them.`
  }
}

/** The name a header was presumably meant to give its profile. */
function intendedName(header: string): string | undefined {
  const words = header.trim().replace(/["']/gu, '').split(/\s+/u)
  if (words.length === 2 && words[0]?.toLowerCase() === 'profile') return words[1]
  if (words.length === 1 && words[0] !== undefined && words[0] !== '') return words[0]
  return undefined
}

/**
 * What the AWS CLI makes of a config-file header the JS SDK does not read as a profile: botocore
 * splits it the way `shlex` does, so `[profile  ci]` and `[profile ci ]` are profile "ci" to it.
 */
function cliReading(rawHeader: string): string {
  const name = cliProfileName(rawHeader)
  if (name === undefined) return ', and neither does the AWS CLI'
  const shown = displayHeader(name)
  return shown === name
    ? `, while the AWS CLI reads it as profile ${code(name)}`
    : ', while the AWS CLI reads it as a profile'
}

/** Keys that show a config-file section was meant as a profile. */
const PROFILE_SIGNS =
  /^(aws_|region$|output$|role_arn$|source_profile$|credential_|sso_|web_identity)/u

function ignoredSectionsOf(
  sections: readonly SectionNote[],
  kind: IniFileKind,
  map: ReadonlyMap<string, Map<string, IniEntry>>
): IgnoredSection[] {
  const ignored: IgnoredSection[] = []
  for (const { header: rawHeader, display: header, line, jsKey } of sections) {
    const intended = header === rawHeader ? intendedName(rawHeader) : undefined
    const withIntended = intended === undefined ? {} : { intended }
    if (kind === 'credentials') {
      if (jsKey === undefined) {
        ignored.push({
          header,
          line,
          ...withIntended,
          reason: `the JS SDK ignores ${code(`[${header}]`)}: its name has a space but no known prefix`
        })
      } else if (jsKey.startsWith('profile.')) {
        ignored.push({
          header,
          line,
          ...withIntended,
          reason: `\`[profile ${intended ?? ''}]\` is the config file's form; in the credentials file a profile is written \`[${intended ?? ''}]\``
        })
      } else if (jsKey.startsWith('sso-session.') || jsKey.startsWith('services.')) {
        ignored.push({ header, line, reason: `${code(`[${header}]`)} belongs in the config file` })
      } else if (/\s/u.test(rawHeader)) {
        ignored.push({
          header,
          line,
          ...withIntended,
          reason: `${code(`[${header}]`)} defines a profile whose name contains spaces`
        })
      }
      continue
    }
    if (jsKey === 'default' || (jsKey !== undefined && jsKey.includes('.'))) continue
    if (NON_PROFILE_SECTIONS.has(rawHeader)) continue
    const entries = jsKey === undefined ? undefined : map.get(jsKey)
    const looksLikeProfile =
      entries === undefined || [...entries.keys()].some(key => PROFILE_SIGNS.test(key))
    if (!looksLikeProfile) continue
    ignored.push({
      header,
      line,
      ...withIntended,
      reason:
        jsKey === undefined || /\s/u.test(rawHeader)
          ? `the JS SDK does not read ${code(`[${header}]`)} as a profile${cliReading(rawHeader)}; write ${code(`[profile ${intended ?? 'NAME'}]`)}`
          : `in the config file a profile is written ${code(`[profile ${header}]`)} (only \`[default]\` goes without the prefix; neither tool reads \`[${header}]\` as a profile)`
    })
  }
  return ignored
}
