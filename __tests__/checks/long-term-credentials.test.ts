import { describe, expect, test } from '@jest/globals'
import { longTermCredentials } from '../../src/checks/long-term-credentials.js'
import {
  CHECK_SETTINGS,
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey,
  scenario,
  temporaryKey
} from './scenario.js'

describe('long-term-credentials', () => {
  test('a long-term key in use is a notice, pointing at where it came from', () => {
    const [item] = findingsOf(longTermCredentials, { env: envKeys(longTermKey()) })
    expect(item?.severity).toBe('notice')
    expect(item?.location?.origin).toEqual({ kind: 'env', name: 'AWS_ACCESS_KEY_ID' })
  })

  test('require-temporary-credentials makes it an error', () => {
    const discovery = scenario({ env: envKeys(longTermKey()) })
    const findings = longTermCredentials.run(discovery, {
      ...CHECK_SETTINGS,
      requireTemporaryCredentials: true
    })
    expect(findings.map(item => item.severity)).toEqual(['error'])
  })

  test('a long-term key in the profile in use counts too', () => {
    const key = longTermKey()
    const [item] = findingsOf(longTermCredentials, {
      files: {
        [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
      }
    })
    expect(item?.source).toBe('profile "default" in ~/.aws/credentials')
  })

  test('temporary keys, and a long-term key shadowed by another source, are not reported', () => {
    expect(idsOf(longTermCredentials, { env: envKeys(temporaryKey()) })).toEqual([])
    const shadowed = longTermKey()
    expect(
      idsOf(longTermCredentials, {
        env: { ...envKeys(shadowed), AWS_PROFILE: 'ci' },
        files: {
          [CREDENTIALS_FILE]: `[ci]\naws_access_key_id = ${temporaryKey().id}\naws_secret_access_key = x\naws_session_token = y\n`
        }
      })
    ).toEqual([])
  })

  test('outside a runner a long-term key is the usual setup: reported only when temporary keys are demanded', () => {
    const laptop = { env: { ...envKeys(longTermKey()), GITHUB_ACTIONS: '' } }
    expect(idsOf(longTermCredentials, laptop)).toEqual([])
    const demanded = longTermCredentials.run(scenario(laptop), {
      ...CHECK_SETTINGS,
      requireTemporaryCredentials: true
    })
    expect(demanded.map(item => item.severity)).toEqual(['error'])
  })
})
