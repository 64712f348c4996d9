/**
 * parseSettings against random and hostile inputs: it returns settings that keep their
 * invariants, or throws a SettingsError naming the input; never anything else.
 */
import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import {
  INPUT,
  inputVariableName,
  parseSettings,
  SettingsError,
  type Settings
} from '../../src/settings.js'
import { hostileEnvironment, hostileString, INPUT_VARIABLES } from './arbitraries.js'

const INPUT_NAMES = new Set<string>(Object.values(INPUT))

/** Values each input accepts, so that a run can reach the checks behind the first input. */
const VALID_VALUES: Readonly<Record<string, readonly string[]>> = {
  [INPUT.accessKeyId]: ['AKIAIOSFODNN7EXAMPLE', ' AKIAIOSFODNN7EXAMPLE\n'],
  [INPUT.secretAccessKey]: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  [INPUT.sessionToken]: ['IQoJb3JpZ2luX2VjEXAMPLE'],
  [INPUT.region]: ['us-east-1', ' eu-west-1 '],
  [INPUT.profile]: ['ci', 'default'],
  [INPUT.expectedAccountId]: ['123456789012', '123456789012,\n 111122223333', '1234 5678 9012'],
  [INPUT.failOn]: ['error', 'Warning', 'never'],
  [INPUT.checkIam]: ['true', 'False'],
  [INPUT.maxKeyAgeDays]: ['90', '1', '100000', '2.5'],
  [INPUT.requireTemporaryCredentials]: ['false', 'TRUE'],
  [INPUT.requiredActions]: ['s3:PutObject', 's3:Get*,\nsqs:SendMessage@arn:aws:sqs:us-east-1:1:q'],
  [INPUT.timeoutSeconds]: ['10', '1', '600', '2.5'],
  [INPUT.annotate]: ['true'],
  [INPUT.summary]: ['false'],
  [INPUT.prComment]: ['never', 'on-failure', 'ALWAYS'],
  [INPUT.githubToken]: ['ghs_exampleexampleexample'],
  [INPUT.roleToAssume]: ['arn:aws:iam::123456789012:role/deploy'],
  [INPUT.audience]: ['sts.amazonaws.com'],
  [INPUT.oidcGuide]: ['true']
}

/**
 * Every input absent or valid, except at most one, which is hostile: the parse then gets past
 * the inputs read before it, and each input is fuzzed where it matters.
 */
const settingsEnvironment = fc
  .tuple(
    fc.record(
      Object.fromEntries(
        Object.values(INPUT).map(name => [
          name,
          fc.option(fc.constantFrom(...(VALID_VALUES[name] ?? [''])), { nil: undefined })
        ])
      ) as Record<string, fc.Arbitrary<string | undefined>>
    ),
    fc.option(fc.tuple(fc.constantFrom(...Object.values(INPUT)), hostileString()), {
      nil: undefined
    })
  )
  .map(([values, hostile]) => {
    const env: Record<string, string> = {}
    for (const [name, value] of Object.entries(values)) {
      if (value !== undefined) env[inputVariableName(name)] = value
    }
    if (hostile !== undefined) env[inputVariableName(hostile[0])] = hostile[1]
    return env
  })

type Outcome = { ok: true; settings: Settings } | { ok: false; error: SettingsError }

/** Runs parseSettings; any exception other than SettingsError fails the property. */
function parse(env: Record<string, string>): Outcome {
  try {
    return { ok: true, settings: parseSettings(env) }
  } catch (error: unknown) {
    if (error instanceof SettingsError) return { ok: false, error }
    throw error
  }
}

function expectInvariants(settings: Settings, env: Record<string, string>): void {
  expect(Number.isFinite(settings.timeoutSeconds)).toBe(true)
  expect(settings.timeoutSeconds).toBeGreaterThanOrEqual(1)
  expect(settings.timeoutSeconds).toBeLessThanOrEqual(600)
  expect(settings.maxKeyAgeDays).toBeGreaterThanOrEqual(1)
  expect(settings.maxKeyAgeDays).toBeLessThanOrEqual(100000)
  for (const id of settings.expectedAccountIds) expect(id).toMatch(/^\d{12}$/u)
  expect(['error', 'warning', 'never']).toContain(settings.failOn)
  expect(['never', 'on-failure', 'always']).toContain(settings.prComment)
  for (const required of settings.requiredActions) {
    expect(required.action).toMatch(/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/u)
  }
  // role-to-assume is taken as given, trimmed: what is wrong with it is the OIDC doctor's finding.
  if (settings.roleToAssume !== undefined) {
    expect(settings.roleToAssume).not.toBe('')
    expect(settings.roleToAssume).toBe(settings.roleToAssume.trim())
  }
  // Credential inputs are never trimmed or altered: the format checks must see them as given.
  const secret = env[inputVariableName(INPUT.secretAccessKey)]
  if (secret !== undefined && secret !== '') expect(settings.secretAccessKey).toBe(secret)
  const keyId = env[inputVariableName(INPUT.accessKeyId)]
  if (keyId !== undefined && keyId !== '') expect(settings.accessKeyId).toBe(keyId)
}

describe('parseSettings under random and hostile inputs', () => {
  test('returns settings that keep their invariants, or a SettingsError naming an input', () => {
    fc.assert(
      fc.property(fc.oneof(settingsEnvironment, hostileEnvironment(INPUT_VARIABLES)), env => {
        const outcome = parse(env)
        if (outcome.ok) expectInvariants(outcome.settings, env)
        else {
          expect(INPUT_NAMES.has(outcome.error.input)).toBe(true)
          expect(outcome.error.message).toContain(outcome.error.input)
        }
      }),
      { numRuns: 400 }
    )
  })

  test('a SettingsError never quotes the secret or session token inputs', () => {
    const secretInputs = [INPUT.secretAccessKey, INPUT.sessionToken].map(inputVariableName)
    fc.assert(
      fc.property(
        fc.oneof(settingsEnvironment, hostileEnvironment(INPUT_VARIABLES)),
        fc.string({ minLength: 8, maxLength: 60 }),
        (env, secret) => {
          for (const name of secretInputs) env[name] = secret
          const outcome = parse(env)
          // Only meaningful where the secret is not also, by chance, part of another input.
          const elsewhere = Object.entries(env).some(
            ([name, value]) => !secretInputs.includes(name) && value.includes(secret)
          )
          if (!outcome.ok && !elsewhere) expect(outcome.error.message).not.toContain(secret)
        }
      ),
      { numRuns: 200 }
    )
  })

  test('each numeric input accepts exactly the plain decimal numbers in its range', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(INPUT.timeoutSeconds, INPUT.maxKeyAgeDays),
        hostileString(),
        (input, value) => {
          const outcome = parse({ [inputVariableName(input)]: value })
          if (outcome.ok) {
            const parsed =
              input === INPUT.timeoutSeconds
                ? outcome.settings.timeoutSeconds
                : outcome.settings.maxKeyAgeDays
            expect(Number.isFinite(parsed)).toBe(true)
            if (value.trim() !== '') expect(parsed).toBe(Number(value.trim()))
          } else expect(outcome.error.input).toBe(input)
        }
      ),
      { numRuns: 300 }
    )
  })
})
