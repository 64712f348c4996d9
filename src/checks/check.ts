/**
 * The shape of a check: a pure function from what discovery found (and the settings that
 * tune it) to findings. No SDK, no `@actions/core`, no I/O.
 */
import type {
  CredentialPart,
  CredentialSource,
  Discovery,
  Finding,
  Origin,
  RawValue
} from '../model.js'
import type { FindingId } from '../findings.js'
import type { Settings } from '../settings.js'
import { code } from '../report/markdown.js'

export type CheckSettings = Pick<
  Settings,
  'requireTemporaryCredentials' | 'maxKeyAgeDays' | 'expectedAccountIds' | 'roleToAssume'
>

export interface Check<Id extends FindingId = FindingId> {
  /** The finding IDs this check can emit. */
  readonly ids: readonly Id[]
  readonly run: (discovery: Discovery, settings: CheckSettings) => readonly Finding<Id>[]
}

/**
 * A check whose `run` can only return findings with the IDs in its `ids`: emitting any other
 * fails the type check (and the registry test runs every check to be sure).
 */
export function defineCheck<const Id extends FindingId>(check: {
  readonly ids: readonly Id[]
  // NoInfer: the IDs come from `ids` alone, so a finding `run` returns with another ID is an error.
  readonly run: (discovery: Discovery, settings: CheckSettings) => readonly Finding<NoInfer<Id>>[]
}): Check<Id> {
  return check
}

export interface CredentialValue {
  readonly source: CredentialSource
  readonly part: CredentialPart
  readonly value: RawValue
}

export const PART_NAMES: Readonly<Record<CredentialPart, string>> = {
  accessKeyId: 'access key ID',
  secretAccessKey: 'secret access key',
  sessionToken: 'session token'
}

/**
 * Every credential value of every source that holds static keys, in source order. The legacy
 * `AWS_SECURITY_TOKEN` counts as a session token: the AWS CLI sends it.
 */
export function credentialValues(discovery: Discovery): CredentialValue[] {
  const values: CredentialValue[] = []
  for (const source of discovery.sources) {
    const credentials = source.credentials
    if (credentials === undefined) continue
    for (const part of ['accessKeyId', 'secretAccessKey', 'sessionToken'] as const) {
      const value = credentials[part]
      if (value !== undefined) values.push({ source, part, value })
    }
    const legacy = credentials.legacySessionToken
    if (legacy !== undefined) values.push({ source, part: 'sessionToken', value: legacy })
  }
  return values
}

/** Names where a value came from, for messages: `AWS_SECRET_ACCESS_KEY`, `~/.aws/credentials line 3`. */
export function describeOrigin(origin: Origin): string {
  switch (origin.kind) {
    case 'env':
      return `environment variable ${code(origin.name)}`
    case 'input':
      return `input ${code(origin.name)}`
    case 'file':
      return `${code(origin.key)} in ${code(origin.path)} line ${origin.line} (section ${code(`[${origin.section}]`)})`
    case 'default':
      return origin.name
  }
}

/**
 * The value with the damage that other checks report removed (surrounding quotes and any
 * whitespace or invisible character), so that a format check judges what is left and does
 * not repeat a more specific finding.
 */
export function cleaned(raw: string): string {
  return raw.replace(/[^\x21-\x7e]/gu, '').replace(/^["'`]+|["'`]+$/gu, '')
}

/** The name of a value for messages: `AWS_SECRET_ACCESS_KEY`, or `the secret access key`. */
export function nameOf(value: CredentialValue): string {
  const origin = value.value.origin
  if (origin.kind === 'env') return code(origin.name)
  if (origin.kind === 'input') return `input ${code(origin.name)}`
  if (origin.kind === 'file') return `${code(origin.key)} (${origin.path} line ${origin.line})`
  return `the ${PART_NAMES[value.part]}`
}
