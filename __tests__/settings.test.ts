import { describe, expect, test } from '@jest/globals'
import {
  parseSettings,
  readReportSettings,
  SettingsError,
  splitList,
  type Environment
} from '../src/settings.js'

function inputs(values: Record<string, string>): Environment {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
  )
}

function settingsError(env: Environment): SettingsError {
  try {
    parseSettings(env)
  } catch (error: unknown) {
    if (error instanceof SettingsError) return error
    throw error
  }
  throw new Error('parseSettings accepted the input')
}

describe('parseSettings', () => {
  test('defaults match the contract when nothing is given', () => {
    const settings = parseSettings({})
    expect(settings).toMatchObject({
      failOn: 'error',
      checkIam: true,
      maxKeyAgeDays: 90,
      requireTemporaryCredentials: false,
      timeoutSeconds: 10,
      annotate: true,
      summary: true,
      prComment: 'never',
      audience: 'sts.amazonaws.com',
      expectedAccountIds: [],
      requiredActions: [],
      crossPartitionProbes: true
    })
    expect(settings.accessKeyId).toBeUndefined()
  })

  test('credential inputs are read raw, never trimmed', () => {
    const settings = parseSettings(
      inputs({
        'aws-access-key-id': ' AKIAIOSFODNN7EXAMPLE\n',
        'aws-secret-access-key': 'secret\r\n'
      })
    )
    expect(settings.accessKeyId).toBe(' AKIAIOSFODNN7EXAMPLE\n')
    expect(settings.secretAccessKey).toBe('secret\r\n')
  })

  test('an empty credential input means the input was not given', () => {
    expect(parseSettings(inputs({ 'aws-access-key-id': '' })).accessKeyId).toBeUndefined()
  })

  test('account IDs are split on commas and newlines, spaces ignored', () => {
    const settings = parseSettings(
      inputs({ 'expected-account-id': '123456789012, 111122223333\n 1234 5678 9012' })
    )
    expect(settings.expectedAccountIds).toEqual(['123456789012', '111122223333'])
  })

  test.each([
    ['fail-on', 'sometimes'],
    ['timeout-seconds', 'ten'],
    ['timeout-seconds', '0'],
    ['max-key-age-days', '-3'],
    ['expected-account-id', '12345'],
    ['check-iam', 'yes please'],
    ['pr-comment', 'sometimes'],
    ['required-actions', 'not an action']
  ])('input %s = %j is refused with a message naming it', (name, value) => {
    const error = settingsError(inputs({ [name]: value }))
    expect(error.input).toBe(name)
    expect(error.message).toContain(name)
  })

  test('role-to-assume takes any value: what is wrong with it is a finding of the OIDC doctor', () => {
    expect(parseSettings(inputs({ 'role-to-assume': ' deploy-role ' })).roleToAssume).toBe(
      'deploy-role'
    )
  })

  test('required actions accept an optional resource after @', () => {
    const settings = parseSettings(
      inputs({ 'required-actions': 's3:PutObject@arn:aws:s3:::bucket/*\n sts:GetCallerIdentity' })
    )
    expect(settings.requiredActions).toEqual([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::bucket/*' },
      { action: 'sts:GetCallerIdentity' }
    ])
  })

  test('choices are case-insensitive and booleans accept the YAML spellings', () => {
    const settings = parseSettings(
      inputs({ 'fail-on': 'Warning', annotate: 'False', 'timeout-seconds': '2.5' })
    )
    expect(settings.failOn).toBe('warning')
    expect(settings.annotate).toBe(false)
    expect(settings.timeoutSeconds).toBe(2.5)
  })
})

describe('readReportSettings', () => {
  test('fail-on, annotate and summary as given, whatever else is invalid', () => {
    const env = inputs({
      'fail-on': 'never',
      annotate: 'false',
      summary: 'false',
      'timeout-seconds': 'soon'
    })
    expect(() => parseSettings(env)).toThrow(SettingsError)
    expect(readReportSettings(env)).toEqual({ failOn: 'never', annotate: false, summary: false })
  })

  test('each of them invalid itself falls back to its default alone', () => {
    const env = inputs({ 'fail-on': 'sometimes', annotate: 'maybe', summary: 'false' })
    expect(readReportSettings(env)).toEqual({ failOn: 'error', annotate: true, summary: false })
  })
})

describe('cross-partition-probes', () => {
  test('false is read as false; anything but a boolean is invalid', () => {
    expect(parseSettings(inputs({ 'cross-partition-probes': 'false' })).crossPartitionProbes).toBe(
      false
    )
    expect(settingsError(inputs({ 'cross-partition-probes': 'no' })).input).toBe(
      'cross-partition-probes'
    )
  })
})

describe('splitList', () => {
  test('drops blanks and trims items', () => {
    expect(splitList(' a ,\n\n b,,c\r\n')).toEqual(['a', 'b', 'c'])
    expect(splitList(undefined)).toEqual([])
  })
})
