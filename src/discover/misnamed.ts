/**
 * Variables that look like the ones the AWS tools read, under a name neither the AWS SDK for
 * JavaScript nor the AWS CLI reads: another case (`aws_secret_access_key`; variable names are
 * case-sensitive on Linux and macOS runners), another tool's or an older name
 * (`AWS_SECRET_KEY`), a misspelling (`AWS_SECERT_ACCESS_KEY`), or the name with a stray space.
 * Measured with the real tools (`aws configure list` of AWS CLI 1.45.11 and the JS SDK's
 * `fromEnv`): neither reads any of them; `__tests__/differential/misnamed.test.ts` runs them.
 */
import type { MisnamedVariable } from '../model.js'
import type { Environment } from '../settings.js'

/** The names worth a warning when mistyped: credentials, region, profile and their files. */
export const MEANT_NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE'
] as const

export type MeantName = (typeof MEANT_NAMES)[number]

/**
 * Names other tools or older SDKs used, and the usual inventions, too far from the real name for
 * a spelling distance to catch. `AWS_ACCESS_KEY` and `AWS_SECRET_KEY` are what the AWS SDK for
 * Java 1.x reads (`SDKGlobalConfiguration`: `ALTERNATE_ACCESS_KEY_ENV_VAR`, `SECRET_KEY_ENV_VAR`).
 */
const OTHER_NAMES: Readonly<Record<string, MeantName>> = {
  AWS_ACCESS_KEY: 'AWS_ACCESS_KEY_ID',
  AWS_ACCESS_ID: 'AWS_ACCESS_KEY_ID',
  AWS_KEY_ID: 'AWS_ACCESS_KEY_ID',
  AWS_SECRET_KEY: 'AWS_SECRET_ACCESS_KEY',
  AWS_SECRET: 'AWS_SECRET_ACCESS_KEY',
  AWS_SECRET_ACCESS_KEY_ID: 'AWS_SECRET_ACCESS_KEY',
  AWS_ACCESS_SECRET_KEY: 'AWS_SECRET_ACCESS_KEY',
  AWS_ACCESS_KEY_SECRET: 'AWS_SECRET_ACCESS_KEY',
  AWS_SECRET_KEY_ID: 'AWS_SECRET_ACCESS_KEY',
  AWS_SESSION_KEY: 'AWS_SESSION_TOKEN',
  AWS_SESSION: 'AWS_SESSION_TOKEN',
  AWS_TOKEN: 'AWS_SESSION_TOKEN',
  AWS_REGION_NAME: 'AWS_REGION',
  AWS_DEFAULT_REGION_NAME: 'AWS_DEFAULT_REGION',
  AWS_PROFILE_NAME: 'AWS_PROFILE',
  AWS_DEFAULT_PROFILE_NAME: 'AWS_PROFILE'
}

/**
 * Names that some AWS tool does read, and so are never called misnamed, although a few lie
 * within a spelling distance of the names above.
 */
const READ_NAMES = new Set<string>([
  ...MEANT_NAMES,
  'AWS_SECURITY_TOKEN',
  'AWS_DEFAULT_PROFILE',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_ACCOUNT_ID',
  'AWS_CA_BUNDLE',
  'AWS_DEFAULT_OUTPUT'
])

/** Only plain names: a name with other characters is not a near miss of these. */
const PLAIN_NAME = /^[A-Za-z0-9_ ]+$/u

/** One cell of the distance table: the cheapest edit that brings `a[..i]` to `b[..j]`. */
function editCost(
  a: string,
  b: string,
  i: number,
  j: number,
  rows: { readonly before: number[]; readonly previous: number[]; readonly current: number[] }
): number {
  const cost = a[i - 1] === b[j - 1] ? 0 : 1
  const edited = Math.min(
    (rows.previous[j] ?? 0) + 1,
    (rows.current[j - 1] ?? 0) + 1,
    (rows.previous[j - 1] ?? 0) + cost
  )
  const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]
  return swapped ? Math.min(edited, (rows.before[j - 2] ?? 0) + 1) : edited
}

/** Optimal string alignment distance (adjacent swaps count once), stopped once above `limit`. */
export function spellingDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let before: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current.push(editCost(a, b, i, j, { before, previous, current }))
    if (Math.min(...current) > limit) return limit + 1
    before = previous
    previous = current
  }
  return previous[b.length] ?? limit + 1
}

/** How far a name may be from the real one and still be taken for it. */
const MAX_DISTANCE = 2

function closestMeant(upper: string): MeantName | undefined {
  let closest: MeantName | undefined
  let distance = MAX_DISTANCE + 1
  for (const meant of MEANT_NAMES) {
    const found = spellingDistance(upper, meant, MAX_DISTANCE)
    if (found < distance) {
      closest = meant
      distance = found
    }
  }
  return closest
}

type Guess = Omit<MisnamedVariable, 'meantSet' | 'meant'> & { readonly meant: MeantName }

/** Either region variable gives the region. */
const STANDS_IN_FOR: Readonly<Partial<Record<MeantName, readonly MeantName[]>>> = {
  AWS_REGION: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
  AWS_DEFAULT_REGION: ['AWS_REGION', 'AWS_DEFAULT_REGION']
}

function isMeant(name: string): name is MeantName {
  return (MEANT_NAMES as readonly string[]).includes(name)
}

/** A real name with a stray space, or in another case. */
function byForm(name: string, trimmed: string, upper: string): Guess | undefined {
  if (trimmed !== name)
    return isMeant(trimmed) ? { name, meant: trimmed, kind: 'whitespace' } : undefined
  return upper !== trimmed && isMeant(upper) ? { name, meant: upper, kind: 'case' } : undefined
}

/** Another tool's name, or one misspelt. */
function byName(name: string, upper: string): Guess | undefined {
  const other = OTHER_NAMES[upper]
  if (other !== undefined) return { name, meant: other, kind: 'other-name' }
  if (READ_NAMES.has(upper)) return undefined
  const meant = closestMeant(upper)
  return meant === undefined ? undefined : { name, meant, kind: 'misspelt' }
}

/** What `name` was probably meant to be, and how it went wrong; undefined for other names. */
export function misnamed(name: string): Guess | undefined {
  if (READ_NAMES.has(name) || !PLAIN_NAME.test(name)) return undefined
  const trimmed = name.trim()
  const upper = trimmed.toUpperCase()
  if (!upper.startsWith('AWS_')) return undefined
  return byForm(name, trimmed, upper) ?? (trimmed === name ? byName(name, upper) : undefined)
}

/** Every set variable with a misnamed credential, region, profile or file name. */
export function misnamedVariables(env: Environment): MisnamedVariable[] {
  const isSet = (name: string) => (env[name] ?? '') !== ''
  return Object.keys(env)
    .filter(isSet)
    .flatMap(name => misnamed(name) ?? [])
    .map(guess => ({
      ...guess,
      meantSet: (STANDS_IN_FOR[guess.meant] ?? [guess.meant]).some(isSet)
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
