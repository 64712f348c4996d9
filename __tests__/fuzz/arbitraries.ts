/**
 * Hostile values shared by the fuzzers: what a misconfigured runner, a pasted secret or a
 * malicious payload can put in front of the action. Each arbitrary favours the shapes that
 * break parsers (control characters, lone surrogates, huge values, prototype keys) over
 * plain random text, which rarely reaches an edge.
 */
import fc from 'fast-check'
import { INPUT, inputVariableName } from '../../src/settings.js'

/** Characters that credentials, INI files and Markdown treat specially. */
const SPECIAL_CHARACTERS = [
  '\u0000',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u00a0',
  '\u200b',
  '\u2028',
  '\ufeff',
  '\ufffd',
  '"',
  "'",
  '`',
  '|',
  '<',
  '>',
  '&',
  '%',
  '$',
  '{',
  '}',
  '[',
  ']',
  '=',
  '#',
  ';',
  ',',
  '@',
  ':',
  '/',
  '\\',
  '*'
]

/** Values people really paste, and values that name JavaScript's own machinery. */
const TRICKY_VALUES = [
  '',
  ' ',
  '\n',
  '${{ secrets.AWS_SECRET_ACCESS_KEY }}',
  '$AWS_ACCESS_KEY_ID',
  '***',
  'changeme',
  'true',
  'false',
  'TRUE',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9'.repeat(400),
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '"AKIAIOSFODNN7EXAMPLE"',
  'arn:aws:iam::123456789012:role/x',
  'arn:',
  's3:PutObject@',
  '@',
  ',,,\n\n,',
  '123456789012,\n 210987654321',
  '[profile x]',
  'https://does-not-exist.invalid',
  '\ud800',
  '\udfff\ud800',
  'a\u0000b'
]

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map(codeUnit => String.fromCharCode(codeUnit))

/** One character most likely to matter: special, a lone surrogate, or any code point. */
const hostileCharacter = fc.oneof(
  fc.constantFrom(...SPECIAL_CHARACTERS),
  loneSurrogate,
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
)

/**
 * A string of up to `maxLength` characters with a high share of hostile ones, or now and then
 * a long one of up to four times `longRepeats` characters.
 */
export function hostileString(maxLength = 64, longRepeats = 20_000): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY_VALUES) },
    { weight: 3, arbitrary: fc.string({ unit: hostileCharacter, maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ maxLength }) },
    {
      weight: 1,
      // Long values: a pasted file, a token of unexpected size.
      arbitrary: fc
        .tuple(
          fc.string({ unit: hostileCharacter, minLength: 1, maxLength: 4 }),
          fc.nat(longRepeats)
        )
        .map(([chunk, times]) => chunk.repeat(times))
    }
  )
}

/** Every input the action declares, as the runner passes it. */
export const INPUT_VARIABLES = Object.values(INPUT).map(name => inputVariableName(name))

/** The runner and AWS variables discovery reads. */
export const ENVIRONMENT_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_IAM',
  'HTTPS_PROXY',
  'NO_PROXY',
  'GITHUB_EVENT_NAME',
  'GITHUB_REPOSITORY',
  'GITHUB_ACTOR',
  'GITHUB_TRIGGERING_ACTOR',
  'GITHUB_REF',
  'GITHUB_REF_NAME',
  'GITHUB_HEAD_REF',
  'GITHUB_BASE_REF',
  'GITHUB_WORKFLOW_REF',
  'GITHUB_WORKSPACE',
  'GITHUB_SERVER_URL',
  'GITHUB_RUN_ID',
  'GITHUB_JOB',
  'GITHUB_WORKFLOW',
  'GITHUB_ACTION_REPOSITORY',
  'GITHUB_ACTION_REF',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'HOME'
]

/**
 * An environment where any known variable may be missing, empty or hostile, plus stray
 * variables with hostile names. File-path variables are left out: the file fuzzers own them,
 * and a random path could name a device such as /dev/zero.
 */
export function hostileEnvironment(
  names: readonly string[] = [...INPUT_VARIABLES, ...ENVIRONMENT_VARIABLES]
): fc.Arbitrary<Record<string, string>> {
  const safeNames = names.filter(
    name => !/FILE$|_PATH$|^HOME$|^GITHUB_WORKSPACE$/u.test(name) || name.startsWith('INPUT_')
  )
  const known = fc.record(
    Object.fromEntries(safeNames.map(name => [name, hostileString()])) as Record<
      string,
      fc.Arbitrary<string>
    >,
    { requiredKeys: [] }
  )
  const stray = fc.dictionary(
    fc.oneof(fc.constantFrom('__proto__', 'constructor', 'INPUT_', 'AWS_'), fc.string()),
    hostileString(),
    { maxKeys: 3 }
  )
  return fc.tuple(known, stray).map(([values, extra]) => {
    // A null-prototype object, as `process.env`'s keys cannot shadow Object.prototype either.
    const env: Record<string, string> = Object.create(null) as Record<string, string>
    for (const [name, value] of Object.entries(extra)) env[name] = value
    for (const [name, value] of Object.entries(values)) if (value !== undefined) env[name] = value
    return env
  })
}

/** Arbitrary JSON nested up to `depth`, as an event payload may hold. */
export const jsonPayload = fc.jsonValue({ maxDepth: 6 })
