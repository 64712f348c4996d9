import { describe, expect, test } from '@jest/globals'
import { sessionTokenMissing } from '../../src/checks/session-token-missing.js'
import {
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey,
  temporaryKey
} from './scenario.js'

describe('session-token-missing', () => {
  test('an ASIA key without a token', () => {
    const key = temporaryKey()
    const [item] = findingsOf(sessionTokenMissing, {
      env: envKeys({ id: key.id, secret: key.secret })
    })
    expect(item?.message).toContain('starts with ASIA')
    expect(item?.message).toContain('InvalidClientTokenId')
  })

  test('an ASIA key whose token is only in the legacy AWS_SECURITY_TOKEN', () => {
    const key = temporaryKey()
    const [item] = findingsOf(sessionTokenMissing, {
      env: { ...envKeys({ id: key.id, secret: key.secret }), AWS_SECURITY_TOKEN: key.token }
    })
    expect(item?.message).toContain('the AWS SDK for JavaScript ignores')
    expect(JSON.stringify(item)).not.toContain(key.token.slice(0, 20))
  })

  test('an ASIA profile in the credentials file without aws_session_token', () => {
    const key = temporaryKey()
    expect(
      idsOf(sessionTokenMissing, {
        files: {
          [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
        }
      })
    ).toEqual(['session-token-missing'])
  })

  test('temporary keys with their token, and long-term keys, are fine', () => {
    expect(idsOf(sessionTokenMissing, { env: envKeys(temporaryKey()) })).toEqual([])
    expect(idsOf(sessionTokenMissing, { env: envKeys(longTermKey()) })).toEqual([])
  })
})
