/**
 * The shape of a check: a pure function from what discovery found (and the settings that
 * tune it) to findings. No SDK, no `@actions/core`, no I/O.
 */
import type { CredentialPart, CredentialSource, Discovery, Finding, RawValue } from '../model.js'
import type { FindingId } from '../findings.js'
import type { Settings } from '../settings.js'
import type { CheckFact, CheckFactsId } from './facts.js'
import { worded } from '../report/words/index.js'
import { PART_NAMES, describeOrigin, nameOfValue } from '../report/words/origin.js'

// The words helpers of the checks not yet returning facts: they move with the last of them.
export { PART_NAMES, describeOrigin }

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

/** A check that returns facts: `detect` finds, src/report/words/ writes each finding's words. */
export interface FactCheck<Id extends CheckFactsId = CheckFactsId> extends Check<Id> {
  readonly detect: (discovery: Discovery, settings: CheckSettings) => readonly CheckFact<Id>[]
}

/**
 * A check whose `detect` can only return facts with the IDs in its `ids` (as `defineCheck`
 * constrains findings), worded by the one words function of each ID. Its `run` returns the same
 * findings a `defineCheck` check would, so the registry, ordering and supersession are unchanged.
 */
export function defineFactCheck<const Id extends CheckFactsId>(check: {
  readonly ids: readonly Id[]
  // NoInfer around the whole fact: the IDs come from `ids` alone, so another ID's fact is an error.
  readonly detect: (
    discovery: Discovery,
    settings: CheckSettings
  ) => readonly NoInfer<CheckFact<Id>>[]
}): FactCheck<Id> {
  return {
    ids: check.ids,
    detect: check.detect,
    run: (discovery, settings) => check.detect(discovery, settings).map(fact => worded(fact))
  }
}

export interface CredentialValue {
  readonly source: CredentialSource
  readonly part: CredentialPart
  readonly value: RawValue
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
  return nameOfValue(value.value.origin, value.part)
}
