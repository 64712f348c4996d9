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

  test('a stale half profile that the key variables shadow for both tools is a notice', () => {
    // Measured (aws-cli 1.45.11, credential-provider-node 3.972.99): both take the key variables
    // and never read [default]; the step must not fail on it.
    const key = longTermKey()
    const [item] = findingsOf(incompleteCredentials, {
      env: envKeys(key),
      files: { [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${longTermKey().id}\n` }
    })
    expect(item?.severity).toBe('notice')
    expect(item?.message).toContain('Neither tool reads it in this run')
    expect(item?.message).not.toContain('stops')
    expect(item?.evidence).toContain(
      'AWS CLI → uses environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (access key `' +
        `${key.id.slice(0, 4)}…${key.id.slice(-4)}\`)`
    )
  })

  test('a half key pair in the variables beside a good profile: the AWS CLI stops, a warning', () => {
    const key = longTermKey()
    const [item] = findingsOf(incompleteCredentials, {
      env: { AWS_ACCESS_KEY_ID: longTermKey().id },
      files: {
        [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
      }
    })
    expect(item?.severity).toBe('warning')
    expect(item?.message).toContain(
      'the AWS CLI stops with "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"'
    )
    expect(item?.message).toContain('the AWS SDK for JavaScript uses profile "default"')
  })

  test('half a pair and nothing else is an error', () => {
    const [item] = findingsOf(incompleteCredentials, {
      env: { AWS_SECRET_ACCESS_KEY: longTermKey().secret }
    })
    expect(item?.severity).toBe('error')
    // botocore skips the variables when the key ID is absent: it does not say "Partial".
    expect(item?.message).toContain('the AWS CLI stops with "Unable to locate credentials\\.')
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
