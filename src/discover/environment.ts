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
  /** Legacy alias of AWS_SESSION_TOKEN that botocore still reads. */
  securityToken: 'AWS_SECURITY_TOKEN'
} as const

function fromEnv(env: Environment, name: string): RawValue | undefined {
  const raw = env[name]
  return raw === undefined ? undefined : { raw, origin: { kind: 'env', name } }
}

function fromInput(value: string | undefined, name: string): RawValue | undefined {
  return value === undefined ? undefined : { raw: value, origin: { kind: 'input', name } }
}

function hasAny(credentials: StaticCredentials): boolean {
  return (
    credentials.accessKeyId !== undefined ||
    credentials.secretAccessKey !== undefined ||
    credentials.sessionToken !== undefined
  )
}

function compact(credentials: StaticCredentials): StaticCredentials {
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
  if (
    !hasAny(credentials) ||
    (credentials.sessionToken !== undefined &&
      credentials.accessKeyId === undefined &&
      credentials.secretAccessKey === undefined)
  ) {
    // A session token input alone does not make a source: it only completes the others.
    return undefined
  }
  return {
    kind: 'input',
    label: `inputs ${INPUT.accessKeyId} / ${INPUT.secretAccessKey}`,
    credentials,
    details: {}
  }
}

/**
 * The key variables, present even when set to empty strings: an empty `AWS_ACCESS_KEY_ID`
 * is the usual sign of a secret that did not reach the job. An empty session token means
 * "no token" (other tools clear it that way), so it is dropped.
 */
export function environmentSource(env: Environment): CredentialSource | undefined {
  const sessionToken = fromEnv(env, ENV.sessionToken) ?? fromEnv(env, ENV.securityToken)
  const credentials = compact({
    accessKeyId: fromEnv(env, ENV.accessKeyId),
    secretAccessKey: fromEnv(env, ENV.secretAccessKey),
    sessionToken: sessionToken?.raw === '' ? undefined : sessionToken
  })
  if (credentials.accessKeyId === undefined && credentials.secretAccessKey === undefined) {
    return undefined
  }
  return {
    kind: 'environment',
    label: `environment ${ENV.accessKeyId} / ${ENV.secretAccessKey}`,
    credentials,
    details: {}
  }
}

/** True when the JS SDK's fromEnv would accept these: key and secret both non-empty. */
export function isUsableStatic(credentials: StaticCredentials | undefined): boolean {
  return (
    credentials?.accessKeyId !== undefined &&
    credentials.accessKeyId.raw !== '' &&
    credentials.secretAccessKey !== undefined &&
    credentials.secretAccessKey.raw !== ''
  )
}
