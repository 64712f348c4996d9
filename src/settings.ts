/**
 * Every input is read and validated here, once, into a typed `Settings`. Nothing downstream
 * reads `INPUT_*` variables.
 *
 * Inputs are read from the environment object given to run(), not with `core.getInput`, which
 * reads `process.env` only: discovery takes the same object, so a test (or the fuzzing suite)
 * passes a plain object and nothing global. The names and semantics are core's: the variable
 * is `INPUT_` + the name upper-cased with spaces as `_` (hyphens kept), an empty value means
 * the input was not given, values are trimmed except the credential inputs (read the way
 * `getInput(name, { trimWhitespace: false })` reads them), and booleans accept the YAML 1.2
 * core schema spellings as `getBooleanInput` does. `__tests__/settings.core.test.ts` checks
 * this against `@actions/core` itself.
 */
import type { Severity } from './model.js'

export type Environment = Readonly<Record<string, string | undefined>>

export type FailOn = Severity | 'never'
export type PrCommentMode = 'never' | 'on-failure' | 'always'

export interface Settings {
  /** Raw, untrimmed credential inputs; undefined when the input was empty (not given). */
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly sessionToken?: string
  /** The `aws-region` input, when given; discovery resolves the effective region. */
  readonly region?: string
  /** The `profile` input, when given. */
  readonly profile?: string
  readonly expectedAccountIds: readonly string[]
  readonly failOn: FailOn
  readonly checkIam: boolean
  readonly maxKeyAgeDays: number
  readonly requireTemporaryCredentials: boolean
  readonly requiredActions: readonly RequiredAction[]
  readonly timeoutSeconds: number
  readonly annotate: boolean
  readonly summary: boolean
  readonly prComment: PrCommentMode
  readonly githubToken?: string
  readonly roleToAssume?: string
  readonly audience: string
  readonly oidcGuide: boolean
  /** Whether STS of other partitions may be asked about a key its own partition refused. */
  readonly crossPartitionProbes: boolean
}

export interface RequiredAction {
  readonly action: string
  readonly resource?: string
}

/** Names of every input, so no literal is scattered through the code. */
export const INPUT = {
  accessKeyId: 'aws-access-key-id',
  secretAccessKey: 'aws-secret-access-key',
  sessionToken: 'aws-session-token',
  region: 'aws-region',
  profile: 'profile',
  expectedAccountId: 'expected-account-id',
  failOn: 'fail-on',
  checkIam: 'check-iam',
  maxKeyAgeDays: 'max-key-age-days',
  requireTemporaryCredentials: 'require-temporary-credentials',
  requiredActions: 'required-actions',
  timeoutSeconds: 'timeout-seconds',
  annotate: 'annotate',
  summary: 'summary',
  prComment: 'pr-comment',
  githubToken: 'github-token',
  roleToAssume: 'role-to-assume',
  audience: 'audience',
  oidcGuide: 'oidc-guide',
  crossPartitionProbes: 'cross-partition-probes'
} as const

/** An input had a value the action cannot use; the message names the input. */
export class SettingsError extends Error {
  constructor(
    readonly input: string,
    message: string
  ) {
    super(message)
    this.name = 'SettingsError'
  }
}

export function inputVariableName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** The raw value of an input; the runner sets every declared input, so empty means not given. */
export function readRawInput(env: Environment, name: string): string | undefined {
  const value = env[inputVariableName(name)]
  return value === undefined || value === '' ? undefined : value
}

function readTrimmed(env: Environment, name: string): string | undefined {
  const value = readRawInput(env, name)?.trim()
  return value === undefined || value === '' ? undefined : value
}

function readBoolean(env: Environment, name: string, fallback: boolean): boolean {
  const value = readTrimmed(env, name)
  if (value === undefined) return fallback
  // The same spellings the YAML 1.2 core schema accepts, as @actions/core does.
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new SettingsError(name, `Input "${name}" must be true or false, got "${value}".`)
}

function readChoice<T extends string>(
  env: Environment,
  name: string,
  choices: readonly T[],
  fallback: T
): T {
  const value = readTrimmed(env, name)
  if (value === undefined) return fallback
  const match = choices.find(choice => choice === value.toLowerCase())
  if (match === undefined) {
    throw new SettingsError(
      name,
      `Input "${name}" must be one of ${choices.map(c => `"${c}"`).join(', ')}, got "${value}".`
    )
  }
  return match
}

function readNumber(
  env: Environment,
  name: string,
  fallback: number,
  range: { min: number; max: number }
): number {
  const value = readTrimmed(env, name)
  if (value === undefined) return fallback
  const number = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(number)) {
    throw new SettingsError(name, `Input "${name}" must be a number, got "${value}".`)
  }
  if (number < range.min || number > range.max) {
    throw new SettingsError(
      name,
      `Input "${name}" must be between ${range.min} and ${range.max}, got ${value}.`
    )
  }
  return number
}

/** Items separated by commas and/or newlines, blanks dropped. */
export function splitList(value: string | undefined): string[] {
  if (value === undefined) return []
  return value
    .split(/[,\n\r]+/)
    .map(item => item.trim())
    .filter(item => item !== '')
}

function readAccountIds(env: Environment): string[] {
  const raw = readRawInput(env, INPUT.expectedAccountId)
  const ids = splitList(raw).map(id => id.replace(/\s+/g, ''))
  for (const id of ids) {
    if (!/^\d{12}$/.test(id)) {
      throw new SettingsError(
        INPUT.expectedAccountId,
        `Input "${INPUT.expectedAccountId}" must hold 12-digit AWS account IDs separated by commas or newlines; "${id}" is not one.`
      )
    }
  }
  return [...new Set(ids)]
}

function readRequiredActions(env: Environment): RequiredAction[] {
  return splitList(readRawInput(env, INPUT.requiredActions)).map(item => {
    const at = item.indexOf('@')
    const action = at === -1 ? item : item.slice(0, at).trim()
    const resource = at === -1 ? undefined : item.slice(at + 1).trim()
    if (!/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/.test(action)) {
      throw new SettingsError(
        INPUT.requiredActions,
        `Input "${INPUT.requiredActions}" holds "${item}", which is not an IAM action such as "s3:PutObject" or "s3:PutObject@arn:aws:s3:::bucket/*".`
      )
    }
    if (resource !== undefined && !/^(arn:[^\s]+|\*)$/.test(resource)) {
      throw new SettingsError(
        INPUT.requiredActions,
        `Input "${INPUT.requiredActions}" holds "${item}", whose resource is not an ARN.`
      )
    }
    return resource === undefined || resource === '' ? { action } : { action, resource }
  })
}

function readRoleArn(env: Environment): string | undefined {
  // Any value: a role name, a path or a session ARN where a role ARN belongs is the
  // `oidc-assume-role-invalid` finding (src/oidc/role-arn.ts), with the ARN it probably meant.
  return readTrimmed(env, INPUT.roleToAssume)
}

/** The inputs that say how to report, for a run whose other inputs could not be read. */
export type ReportSettings = Pick<Settings, 'failOn' | 'annotate' | 'summary'>

/**
 * How to report when another input is invalid: each of these inputs as given where it is
 * valid, its default where it is not, so `fail-on: never` holds whatever else is wrong.
 */
export function readReportSettings(env: Environment): ReportSettings {
  const orDefault = <T>(read: () => T, fallback: T): T => {
    try {
      return read()
    } catch {
      return fallback
    }
  }
  return {
    failOn: orDefault<FailOn>(
      () => readChoice(env, INPUT.failOn, ['error', 'warning', 'never'], 'error'),
      'error'
    ),
    annotate: orDefault(() => readBoolean(env, INPUT.annotate, true), true),
    summary: orDefault(() => readBoolean(env, INPUT.summary, true), true)
  }
}

export function parseSettings(env: Environment): Settings {
  const settings: Settings = {
    accessKeyId: readRawInput(env, INPUT.accessKeyId),
    secretAccessKey: readRawInput(env, INPUT.secretAccessKey),
    sessionToken: readRawInput(env, INPUT.sessionToken),
    region: readTrimmed(env, INPUT.region),
    profile: readTrimmed(env, INPUT.profile),
    expectedAccountIds: readAccountIds(env),
    failOn: readChoice(env, INPUT.failOn, ['error', 'warning', 'never'], 'error'),
    checkIam: readBoolean(env, INPUT.checkIam, true),
    maxKeyAgeDays: readNumber(env, INPUT.maxKeyAgeDays, 90, { min: 1, max: 100000 }),
    requireTemporaryCredentials: readBoolean(env, INPUT.requireTemporaryCredentials, false),
    requiredActions: readRequiredActions(env),
    timeoutSeconds: readNumber(env, INPUT.timeoutSeconds, 10, { min: 1, max: 600 }),
    annotate: readBoolean(env, INPUT.annotate, true),
    summary: readBoolean(env, INPUT.summary, true),
    prComment: readChoice(env, INPUT.prComment, ['never', 'on-failure', 'always'], 'never'),
    githubToken: readTrimmed(env, INPUT.githubToken),
    roleToAssume: readRoleArn(env),
    audience: readTrimmed(env, INPUT.audience) ?? 'sts.amazonaws.com',
    oidcGuide: readBoolean(env, INPUT.oidcGuide, false),
    crossPartitionProbes: readBoolean(env, INPUT.crossPartitionProbes, true)
  }
  return settings
}
