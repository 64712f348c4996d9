import { describe, expect, test } from '@jest/globals'
import { incompleteCredentials } from '../../src/checks/incomplete-credentials.js'
import { CREDENTIALS_FILE, envKeys, findingsOf, idsOf, longTermKey } from './scenario.js'

describe('incomplete-credentials', () => {
  test('a key ID variable without the secret variable', () => {
    const [item] = findingsOf(incompleteCredentials, {
      env: { AWS_ACCESS_KEY_ID: longTermKey().id }
    })
    expect(item?.title).toBe('The secret access key is missing')
    expect(item?.message).toContain('`AWS_SECRET_ACCESS_KEY` is not set')
  })

  test('an input secret without its key ID input', () => {
    const [item] = findingsOf(incompleteCredentials, {
      settings: { secretAccessKey: longTermKey().secret }
    })
    expect(item?.title).toBe('The access key ID is missing')
    expect(item?.source).toBe('inputs aws-access-key-id / aws-secret-access-key')
  })

  test('a profile whose secret key name is misspelled has only half a pair', () => {
    const key = longTermKey()
    const [item] = findingsOf(incompleteCredentials, {
      files: {
        [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\naws_secret_key = ${key.secret}\n`
      }
    })
    expect(item?.remediation).toContain('`aws_secret_access_key = …`')
    expect(item?.location?.origin).toMatchObject({
      kind: 'file',
      line: 2,
      key: 'aws_access_key_id'
    })
  })

  test('complete pairs, and a present-but-empty half, are not reported here', () => {
    expect(idsOf(incompleteCredentials, { env: envKeys(longTermKey()) })).toEqual([])
    expect(
      idsOf(incompleteCredentials, {
        env: { AWS_ACCESS_KEY_ID: longTermKey().id, AWS_SECRET_ACCESS_KEY: '' }
      })
    ).toEqual([])
  })
})
