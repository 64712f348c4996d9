/**
 * Shared-file variants the AWS SDK for JavaScript and the AWS CLI read differently, each with
 * the outcome measured on this machine with the real tools (the JS SDK chain, `defaultProvider` of
 * @aws-sdk/credential-provider-node 3.972.99, and `aws sts get-caller-identity` of aws-cli 1.45.11
 * on botocore 1.43.11, both against the loopback emulator, one temporary HOME per variant).
 * file-variants.test.ts measures them again and holds the action's view of each to the result.
 *
 * Outcomes: `K1` / `K2`, the key a tool signs GetCallerIdentity with; `role`, a session of the
 * role it assumed (for the AWS CLI `role:K1`, with the key that signed its AssumeRole); or
 * `fails: MESSAGE`, the message it stops with (`<HOME>` standing for the temporary HOME).
 */

import { userInfo } from 'node:os'

/** The two key pairs a variant's files may hold, as INI lines. */
export interface Pairs {
  readonly k1: string
  readonly k2: string
  readonly k1Id: string
  readonly k1Secret: string
}

export interface FileVariant {
  readonly name: string
  /** The class of issue 10 it belongs to, and where the behaviour comes from in the tools. */
  readonly source: string
  readonly env?: Readonly<Record<string, string>>
  readonly files: (pairs: Pairs) => Readonly<Record<string, string>>
  readonly js: string
  readonly cli: string
  /** The working directory both tools run in, under HOME (`''`: HOME itself); else the test's. */
  readonly cwd?: string
  /** The finding the action names the variable with, where it names one. */
  readonly finding?: 'config-variable-invalid' | 'precedence-conflict'
}

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/variants'
const ROLE = `role_arn = ${ROLE_ARN}\n`
const JS_NONE = 'fails: Could not load credentials from any providers'
const CLI_NONE =
  'fails: Unable to locate credentials. You can configure credentials by running "aws configure".'
const CLI_LOOP = (profile: string, visited: string) =>
  `fails: Infinite loop in credential configuration detected. Attempting to load from profile ${profile} which has already been visited. Visited profiles: [${visited}]`
const SOURCE_PROFILE =
  'credential-provider-ini resolveAssumeRoleCredentials (visited marks followed references only); botocore AssumeRoleProvider._resolve_source_credentials'
const HEADERS =
  '@smithy/core parseIni (header: a trimmed line ending in "]", `prefix name` with one white-space character); configparser SECTCRE and botocore build_profile_map (shlex.split)'
const PATHS =
  'JS SDK getCredentialsFilepath/getConfigFilepath (only a leading ~/ expanded, empty = unset); botocore raw_config_parse (os.path.expandvars, os.path.expanduser)'
/** This machine's user, whose home directory (from the user database) is not the test's HOME. */
const USER = userInfo().username

/** 5 MiB of comment lines before the pair: both tools read files of any size. */
const LARGE_COMMENTS = `# ${'x'.repeat(76)}\n`.repeat(Math.ceil((5 * 1024 * 1024) / 79))

export const FILE_VARIANTS: readonly FileVariant[] = [
  // 1. source_profile naming the profile itself, and real loops.
  {
    name: 'self-referencing source_profile, keys in the credentials file',
    source: SOURCE_PROFILE,
    env: { AWS_PROFILE: 'ci' },
    files: ({ k1 }) => ({
      '.aws/config': `[profile ci]\n${ROLE}source_profile = ci\n`,
      '.aws/credentials': `[ci]\n${k1}`
    }),
    js: 'role',
    cli: 'role:K1'
  },
  {
    name: 'self-referencing source_profile, keys in the same config section',
    source: SOURCE_PROFILE,
    env: { AWS_PROFILE: 'ci' },
    files: ({ k1 }) => ({ '.aws/config': `[profile ci]\n${ROLE}source_profile = ci\n${k1}` }),
    js: 'role',
    cli: 'role:K1'
  },
  {
    name: 'self-referencing source_profile without keys',
    source: SOURCE_PROFILE,
    env: { AWS_PROFILE: 'ci' },
    files: () => ({ '.aws/config': `[profile ci]\n${ROLE}source_profile = ci\n` }),
    js: JS_NONE,
    cli: CLI_LOOP('ci', "'ci'")
  },
  {
    name: 'a loop a → b → a',
    source: SOURCE_PROFILE,
    env: { AWS_PROFILE: 'a' },
    files: () => ({
      '.aws/config': `[profile a]\n${ROLE}source_profile = b\n[profile b]\n${ROLE}source_profile = a\n`
    }),
    js: JS_NONE,
    cli: CLI_LOOP('a', "'a', 'b'")
  },
  {
    name: 'a → b → a where a has keys: the JS SDK ends at them, the AWS CLI calls it a loop',
    source: SOURCE_PROFILE,
    env: { AWS_PROFILE: 'a' },
    files: ({ k1 }) => ({
      '.aws/config': `[profile a]\n${ROLE}source_profile = b\n${k1}[profile b]\n${ROLE}source_profile = a\n`
    }),
    js: 'role',
    cli: CLI_LOOP('a', "'a', 'b'")
  },
  // 2. A large file.
  {
    name: 'a 5 MiB credentials file of comments with a pair at its end',
    source: 'neither tool limits the size (fs.readFile; configparser.read)',
    files: ({ k1 }) => ({ '.aws/credentials': `${LARGE_COMMENTS}[default]\n${k1}` }),
    js: 'K1',
    cli: 'K1'
  },
  // 3. Section headers.
  {
    name: '[ default ] in the credentials file',
    source: HEADERS,
    files: ({ k1 }) => ({ '.aws/credentials': `[ default ]\n${k1}` }),
    js: JS_NONE,
    cli: CLI_NONE
  },
  {
    name: '[default ] in the credentials file',
    source: HEADERS,
    files: ({ k1 }) => ({ '.aws/credentials': `[default ]\n${k1}` }),
    js: JS_NONE,
    cli: CLI_NONE
  },
  {
    name: '[profile  ci] (two spaces) in the config file',
    source: HEADERS,
    env: { AWS_PROFILE: 'ci' },
    files: ({ k1 }) => ({ '.aws/config': `[profile  ci]\n${k1}` }),
    js: JS_NONE,
    cli: 'K1'
  },
  {
    name: '[profile ci ] in the config file',
    source: HEADERS,
    env: { AWS_PROFILE: 'ci' },
    files: ({ k1 }) => ({ '.aws/config': `[profile ci ]\n${k1}` }),
    js: JS_NONE,
    cli: 'K1'
  },
  {
    name: '[profile<TAB>ci] in the config file',
    source: HEADERS,
    env: { AWS_PROFILE: 'ci' },
    files: ({ k1 }) => ({ '.aws/config': `[profile\tci]\n${k1}` }),
    js: 'K1',
    cli: 'K1'
  },
  {
    name: '[default] then [profile default] in the config file',
    source: HEADERS,
    files: ({ k1, k2 }) => ({ '.aws/config': `[default]\n${k1}[profile default]\n${k2}` }),
    js: 'K2',
    cli: 'K2'
  },
  {
    name: '[profile default] then [default] in the config file',
    source: HEADERS,
    files: ({ k1, k2 }) => ({ '.aws/config': `[profile default]\n${k2}[default]\n${k1}` }),
    js: 'K2',
    cli: 'K1'
  },
  {
    name: '[profile ci] in the credentials file',
    source: HEADERS,
    env: { AWS_PROFILE: 'ci' },
    files: ({ k1 }) => ({ '.aws/credentials': `[profile ci]\n${k1}` }),
    js: JS_NONE,
    cli: 'fails: The config profile (ci) could not be found'
  },
  {
    name: '[ci] without the profile prefix in the config file',
    source: HEADERS,
    env: { AWS_PROFILE: 'ci' },
    files: ({ k1 }) => ({ '.aws/config': `[ci]\n${k1}` }),
    js: JS_NONE,
    cli: 'fails: The config profile (ci) could not be found'
  },
  {
    name: '[sso-session x] holding keys, named by AWS_PROFILE',
    source: HEADERS,
    env: { AWS_PROFILE: 'x' },
    files: ({ k1 }) => ({ '.aws/config': `[sso-session x]\n${k1}` }),
    js: JS_NONE,
    cli: 'fails: The config profile (x) could not be found'
  },
  {
    name: 'a duplicate [default] in the credentials file',
    source: HEADERS,
    files: ({ k1, k2 }) => ({ '.aws/credentials': `[default]\n${k1}[default]\n${k2}` }),
    js: 'K2',
    cli: 'fails: Unable to parse config file: <HOME>/.aws/credentials'
  },
  {
    name: '[default] # note',
    source: HEADERS,
    files: ({ k1 }) => ({ '.aws/credentials': `[default] # note\n${k1}` }),
    js: 'K1',
    cli: 'K1'
  },
  {
    name: '[default]# note (no space before the comment)',
    source: HEADERS,
    files: ({ k1 }) => ({ '.aws/credentials': `[default]# note\n${k1}` }),
    js: JS_NONE,
    cli: 'K1'
  },
  {
    name: 'CRLF line endings',
    source: HEADERS,
    files: ({ k1 }) => ({ '.aws/credentials': `[default]\n${k1}`.replace(/\n/gu, '\r\n') }),
    js: 'K1',
    cli: 'K1'
  },
  {
    name: 'a byte-order mark on the credentials file',
    source: `${HEADERS}; Python's str.strip keeps U+FEFF`,
    files: ({ k1 }) => ({ '.aws/credentials': `\uFEFF[default]\n${k1}` }),
    js: 'K1',
    cli: 'fails: Unable to parse config file: <HOME>/.aws/credentials'
  },
  {
    name: 'a byte-order mark on the config file',
    source: `${HEADERS}; Python's str.strip keeps U+FEFF`,
    files: ({ k1 }) => ({ '.aws/config': `\uFEFF[default]\n${k1}` }),
    js: 'K1',
    cli: 'fails: Unable to parse config file: <HOME>/.aws/config'
  },
  // 4. File-path variables.
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE=~/x/credentials',
    source: PATHS,
    env: { AWS_SHARED_CREDENTIALS_FILE: '~/x/credentials' },
    files: ({ k1 }) => ({ 'x/credentials': `[default]\n${k1}` }),
    js: 'K1',
    cli: 'K1'
  },
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE=$HOME/x/credentials',
    source: PATHS,
    env: { AWS_SHARED_CREDENTIALS_FILE: '$HOME/x/credentials' },
    files: ({ k1 }) => ({ 'x/credentials': `[default]\n${k1}` }),
    js: JS_NONE,
    cli: 'K1'
  },
  {
    name: 'AWS_CONFIG_FILE=${HOME}/x/config',
    source: PATHS,
    env: { AWS_CONFIG_FILE: '${HOME}/x/config' },
    files: ({ k1 }) => ({ 'x/config': `[default]\n${k1}` }),
    js: JS_NONE,
    cli: 'K1'
  },
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE set but empty',
    source: PATHS,
    env: { AWS_SHARED_CREDENTIALS_FILE: '' },
    files: ({ k1 }) => ({ '.aws/credentials': `[default]\n${k1}` }),
    js: 'K1',
    cli: CLI_NONE
  },
  {
    name: 'AWS_CONFIG_FILE set but empty',
    source: PATHS,
    env: { AWS_CONFIG_FILE: '' },
    files: ({ k1 }) => ({ '.aws/config': `[default]\n${k1}` }),
    js: 'K1',
    cli: CLI_NONE
  },
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE with a trailing space',
    source: PATHS,
    env: { AWS_SHARED_CREDENTIALS_FILE: '<HOME>/x/credentials ' },
    files: ({ k1 }) => ({ 'x/credentials': `[default]\n${k1}` }),
    js: JS_NONE,
    cli: CLI_NONE,
    finding: 'config-variable-invalid'
  },
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE with a leading space (a relative path)',
    source: `${PATHS}; fs.readFile and open() take " /x" as relative`,
    env: { AWS_SHARED_CREDENTIALS_FILE: ' <HOME>/x/credentials' },
    files: ({ k1 }) => ({ 'x/credentials': `[default]\n${k1}` }),
    cwd: '',
    js: JS_NONE,
    cli: CLI_NONE,
    finding: 'config-variable-invalid'
  },
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE=x/credentials, run from the directory holding x/',
    source: `${PATHS}; a relative path opens from the process's working directory`,
    env: { AWS_SHARED_CREDENTIALS_FILE: 'x/credentials' },
    files: ({ k1 }) => ({ 'x/credentials': `[default]\n${k1}` }),
    cwd: '',
    js: 'K1',
    cli: 'K1',
    finding: 'config-variable-invalid'
  },
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE=x/credentials, run from another directory',
    source: 'as above',
    env: { AWS_SHARED_CREDENTIALS_FILE: 'x/credentials' },
    files: ({ k1 }) => ({ 'x/credentials': `[default]\n${k1}`, 'w/.keep': '' }),
    cwd: 'w',
    js: JS_NONE,
    cli: CLI_NONE,
    finding: 'config-variable-invalid'
  },
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE=~ alone',
    source: `${PATHS}; botocore: the home directory, not a file (ConfigNotFound); JS SDK: a file named ~ in the working directory`,
    env: { AWS_SHARED_CREDENTIALS_FILE: '~' },
    files: ({ k1 }) => ({ '.aws/credentials': `[default]\n${k1}` }),
    cwd: '',
    js: JS_NONE,
    cli: CLI_NONE,
    finding: 'config-variable-invalid'
  },
  {
    name: "AWS_SHARED_CREDENTIALS_FILE=~USER/x/credentials (this machine's user)",
    source: `${PATHS}; expanduser looks ~USER up with pwd.getpwnam (not HOME); the JS SDK opens ./~USER/x/credentials`,
    env: { AWS_SHARED_CREDENTIALS_FILE: `~${USER}/x/credentials` },
    files: ({ k1 }) => ({ [`~${USER}/x/credentials`]: `[default]\n${k1}` }),
    cwd: '',
    js: 'K1',
    cli: CLI_NONE,
    finding: 'precedence-conflict'
  },
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE=$NOT_SET/credentials',
    source: `${PATHS}; expandvars leaves a variable that is not set as written`,
    env: { AWS_SHARED_CREDENTIALS_FILE: '$NOT_SET/credentials' },
    files: ({ k1 }) => ({ '.aws/credentials': `[default]\n${k1}` }),
    cwd: '',
    js: JS_NONE,
    cli: CLI_NONE,
    finding: 'config-variable-invalid'
  },
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE naming a directory',
    source: PATHS,
    env: { AWS_SHARED_CREDENTIALS_FILE: '<HOME>/x' },
    files: ({ k1, k2 }) => ({
      'x/credentials': `[default]\n${k1}`,
      '.aws/credentials': `[default]\n${k2}`
    }),
    js: JS_NONE,
    cli: CLI_NONE
  },
  // 5. A pair split across the files, and files only the AWS CLI refuses.
  {
    name: 'the key ID in the credentials file, the secret in the config file',
    source:
      'JS SDK parseKnownFiles merges both files key by key; botocore SharedCredentialProvider and ConfigProvider read one file each',
    files: ({ k1Id, k1Secret }) => ({
      '.aws/credentials': `[default]\naws_access_key_id = ${k1Id}\n`,
      '.aws/config': `[default]\naws_secret_access_key = ${k1Secret}\n`
    }),
    js: 'K1',
    cli: 'fails: Partial credentials found in shared-credentials-file, missing: aws_secret_access_key'
  },
  {
    name: 'the secret in the credentials file, the key ID in the config file',
    source: 'as above',
    files: ({ k1Id, k1Secret }) => ({
      '.aws/credentials': `[default]\naws_secret_access_key = ${k1Secret}\n`,
      '.aws/config': `[default]\naws_access_key_id = ${k1Id}\n`
    }),
    js: 'K1',
    cli: 'fails: Partial credentials found in config-file, missing: aws_secret_access_key'
  },
  {
    name: 'a config file the AWS CLI cannot parse, beside good key variables',
    source: 'configparser MissingSectionHeaderError, raised before any credential is looked at',
    env: { AWS_ACCESS_KEY_ID: '<K1_ID>', AWS_SECRET_ACCESS_KEY: '<K1_SECRET>' },
    files: () => ({ '.aws/config': 'region = us-east-1\n[default]\n' }),
    js: 'K1',
    cli: 'fails: Unable to parse config file: <HOME>/.aws/config'
  }
]
