import { describe, expect, test } from '@jest/globals'
import { sessionTokenUnexpected } from '../../src/checks/session-token-unexpected.js'
import {
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey,
  temporaryKey
} from './scenario.js'

describe('session-token-unexpected', () => {
  test('a leftover AWS_SESSION_TOKEN beside a long-term key', () => {
    const key = longTermKey()
    const token = temporaryKey().token
    const [item] = findingsOf(sessionTokenUnexpected, { env: envKeys({ ...key, token }) })
    expect(item?.location?.origin).toEqual({ kind: 'env', name: 'AWS_SESSION_TOKEN' })
    expect(item?.remediation).toContain('`AWS_SESSION_TOKEN: ""`')
    expect(JSON.stringify(item)).not.toContain(token.slice(0, 20))
  })

  test('an aws_session_token line left in the profile by aws configure', () => {
    const key = longTermKey()
    const [item] = findingsOf(sessionTokenUnexpected, {
      files: {
        [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\naws_session_token = ${temporaryKey().token}\n`
      }
    })
    expect(item?.remediation).toContain(
      'Delete the `aws_session_token` line from ~/.aws/credentials'
    )
  })

  test('the legacy AWS_SECURITY_TOKEN: only the AWS CLI sends it', () => {
    const [item] = findingsOf(sessionTokenUnexpected, {
      env: { ...envKeys(longTermKey()), AWS_SECURITY_TOKEN: temporaryKey().token }
    })
    expect(item?.message).toContain('ignored by the JS SDK, but the AWS CLI sends it')
  })

  test('an empty token clears it; temporary keys need one', () => {
    expect(
      idsOf(sessionTokenUnexpected, { env: { ...envKeys(longTermKey()), AWS_SESSION_TOKEN: '' } })
    ).toEqual([])
    expect(idsOf(sessionTokenUnexpected, { env: envKeys(temporaryKey()) })).toEqual([])
  })
})
