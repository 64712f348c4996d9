/**
 * Credential sources held in the step's inputs and in environment variables. Values are kept
 * exactly as found: the format checks must see a trailing newline to report it.
 */
import type { Settings, Environment } from '../settings.js'
import { INPUT } from '../settings.js'
import type { CredentialSource, RawValue, StaticCredentials } from '../model.js'

export const ENV = {
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN',
  /** Legacy alias of AWS_SESSION_TOKEN that botocore still reads and the JS SDK does not. */
  securityToken: 'AWS_SECURITY_TOKEN',
  profile: 'AWS_PROFILE',
  defaultProfile: 'AWS_DEFAULT_PROFILE'
} as const

export const ENVIRONMENT_LABEL = `environment ${ENV.accessKeyId} / ${ENV.secretAccessKey}`
export const INPUT_LABEL = `inputs ${INPUT.accessKeyId} / ${INPUT.secretAccessKey}`

function fromEnv(env: Environment, name: string): RawValue | undefined {
  const raw = env[name]
  return raw === undefined ? undefined : { raw, origin: { kind: 'env', name } }
}

function fromInput(value: string | undefined, name: string): RawValue | undefined {
  return value === undefined ? undefined : { raw: value, origin: { kind: 'input', name } }
}

/** Drops the parts that are absent, so `Object.values` lists only what was found. */
export function compact(credentials: StaticCredentials): StaticCredentials {
  return Object.fromEntries(
    Object.entries(credentials).filter(([, value]) => value !== undefined)
  ) as StaticCredentials
}

/** The credential inputs; the runner sets every input, so an empty one was not given. */
export function inputSource(settings: Settings): CredentialSource | undefined {
  const credentials = compact({
    accessKeyId: fromInput(settings.accessKeyId, INPUT.accessKeyId),
    secretAccessKey: fromInput(settings.secretAccessKey, INPUT.secretAccessKey),
    sessionToken: fromInput(settings.sessionToken, INPUT.sessionToken)
  })
  // A session token input alone does not make a source: it only completes the others.
  if (credentials.accessKeyId === undefined && credentials.secretAccessKey === undefined)
    return undefined
  return { kind: 'input', label: INPUT_LABEL, credentials, details: {} }
}

/** Why the JS SDK's fromEnv passes over the key variables: it needs both, non-empty. */
function skipReason(credentials: StaticCredentials): string | undefined {
  const missing = (
    [
      [ENV.accessKeyId, credentials.accessKeyId],
      [ENV.secretAccessKey, credentials.secretAccessKey]
    ] as const
  )
    .filter(([, value]) => value === undefined || value.raw === '')
    .map(([name, value]) => `${name} is ${value === undefined ? 'not set' : 'empty'}`)
  return missing.length === 0 ? undefined : `${missing.join(' and ')}`
}

/**
 * The key variables, present even when set to empty strings: an empty `AWS_ACCESS_KEY_ID`
 * is the usual sign of a secret that did not reach the job. An empty session token means
 * "no token" (other tools clear it that way), so it is dropped. `AWS_SECURITY_TOKEN` is kept
 * apart: the AWS CLI would send it, the JS SDK would not.
 */
export function environmentSource(env: Environment): CredentialSource | undefined {
  const nonEmpty = (value: RawValue | undefined): RawValue | undefined =>
    value?.raw === '' ? undefined : value
  const credentials = compact({
    accessKeyId: fromEnv(env, ENV.accessKeyId),
    secretAccessKey: fromEnv(env, ENV.secretAccessKey),
    sessionToken: nonEmpty(fromEnv(env, ENV.sessionToken)),
    legacySessionToken: nonEmpty(fromEnv(env, ENV.securityToken))
  })
  if (credentials.accessKeyId === undefined && credentials.secretAccessKey === undefined) {
    return undefined
  }
  const skipped = skipReason(credentials)
  const details: Record<string, string> = {}
  if (credentials.legacySessionToken !== undefined && credentials.sessionToken === undefined) {
    details.legacyToken = `${ENV.securityToken} is set: the AWS CLI sends it as the session token, the JS SDK ignores it`
  }
  return {
    kind: 'environment',
    label: ENVIRONMENT_LABEL,
    credentials,
    details,
    ...(skipped === undefined ? {} : { skipped })
  }
}
