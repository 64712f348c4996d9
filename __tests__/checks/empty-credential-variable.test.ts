import { describe, expect, test } from '@jest/globals'
import { emptyCredentialVariable } from '../../src/checks/empty-credential-variable.js'
import { CREDENTIALS_FILE, envKeys, findingsOf, idsOf, longTermKey } from './scenario.js'

describe('empty-credential-variable', () => {
  test('both key variables set but empty are named together', () => {
    const [item] = findingsOf(emptyCredentialVariable, {
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }
    })
    expect(item?.title).toBe('`AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` are set but empty')
    expect(item?.location?.origin).toEqual({ kind: 'env', name: 'AWS_ACCESS_KEY_ID' })
  })

  test('an empty secret beside a key ID is reported on its own', () => {
    const [item] = findingsOf(emptyCredentialVariable, {
      env: { AWS_ACCESS_KEY_ID: longTermKey().id, AWS_SECRET_ACCESS_KEY: '' }
    })
    expect(item?.title).toBe('`AWS_SECRET_ACCESS_KEY` is set but empty')
    expect(item?.severity).toBe('error')
    expect(item?.message).toContain(
      'the AWS CLI stops with "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"'
    )
  })

  test('an empty key ID beside a profile both tools use is a notice, and says what they use', () => {
    // Measured: botocore skips the variables when AWS_ACCESS_KEY_ID is empty (no "Partial"
    // error), and both tools take [default].
    const key = longTermKey()
    const [item] = findingsOf(emptyCredentialVariable, {
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: longTermKey().secret },
      files: {
        [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
      }
    })
    expect(item?.severity).toBe('notice')
    expect(item?.message).toContain('the AWS CLI uses profile "default" in ~/.aws/credentials')
    expect(item?.message).not.toContain('Partial credentials')
  })

  test('an empty session token, an unset variable or an empty input is not reported', () => {
    expect(
      idsOf(emptyCredentialVariable, { env: { ...envKeys(longTermKey()), AWS_SESSION_TOKEN: '' } })
    ).toEqual([])
    expect(idsOf(emptyCredentialVariable, {})).toEqual([])
    expect(idsOf(emptyCredentialVariable, { settings: { accessKeyId: undefined } })).toEqual([])
  })
})
