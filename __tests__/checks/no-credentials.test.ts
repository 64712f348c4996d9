import { describe, expect, test } from '@jest/globals'
import { noCredentials } from '../../src/checks/no-credentials.js'
import {
  CONFIG_FILE,
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey
} from './scenario.js'

describe('no-credentials', () => {
  test('a runner with nothing configured has no credentials, with every place listed', () => {
    const [item] = findingsOf(noCredentials)
    expect(item?.id).toBe('no-credentials')
    expect(item?.evidence).toEqual(
      expect.arrayContaining([
        'inputs `aws-access-key-id` / `aws-secret-access-key`: not given',
        '`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`: not set',
        'profile "default": not defined',
        'EC2 instance metadata: not asked: AWS_EC2_METADATA_DISABLED is set'
      ])
    )
  })

  test('a file this action did not read: no claim about what the tools find in it', () => {
    const [item] = findingsOf(noCredentials, {
      files: { [CREDENTIALS_FILE]: { state: 'too-large', detail: '20971520 bytes' } }
    })
    expect(item?.message).toContain('No source that this action could read provides credentials')
    expect(item?.message).toContain(
      'which this action did not read: they may find credentials there'
    )
    expect(item?.message).not.toContain('Could not load credentials')
    expect(item?.message).not.toContain('Unable to locate credentials')
    expect(item?.evidence?.join('\n')).toContain(
      'was not read by this action (it reads at most 16 MiB'
    )
    expect(item?.evidence?.join('\n')).not.toContain('too large to be a credentials file')
  })

  test('empty key variables leave no source, and it says why', () => {
    const [item] = findingsOf(noCredentials, {
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }
    })
    expect(item?.evidence).toContain(
      'key variables: AWS_ACCESS_KEY_ID is empty and AWS_SECRET_ACCESS_KEY is empty'
    )
  })

  test('a key pair skipped because AWS_PROFILE names a missing profile is explained', () => {
    const [item] = findingsOf(noCredentials, {
      env: { ...envKeys(longTermKey()), AWS_PROFILE: 'ci' }
    })
    expect(item?.evidence?.join('\n')).toContain('names a profile, so the JS SDK skips them')
    expect(item?.evidence?.join('\n')).toContain(
      'profile "ci" (environment variable `AWS_PROFILE`): in neither file'
    )
  })

  test('key variables, a profile with keys or a web identity file each count as a source', () => {
    expect(idsOf(noCredentials, { env: envKeys(longTermKey()) })).toEqual([])
    const key = longTermKey()
    expect(
      idsOf(noCredentials, {
        files: {
          [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
        }
      })
    ).toEqual([])
    expect(
      idsOf(noCredentials, {
        env: { AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/r', AWS_WEB_IDENTITY_TOKEN_FILE: '/t' }
      })
    ).toEqual([])
  })

  test('a self-hosted runner may have an instance role: that is for the SDK to find, not an offline error', () => {
    expect(idsOf(noCredentials, { env: { AWS_EC2_METADATA_DISABLED: '' } })).toEqual([])
    expect(
      idsOf(noCredentials, {
        env: { AWS_EC2_METADATA_DISABLED: '', RUNNER_ENVIRONMENT: 'github-hosted' }
      })
    ).toEqual(['no-credentials'])
  })
  test('a role profile whose credential_source has nothing to read, and nothing after it: which variables, in both tools’ words', () => {
    const [item] = findingsOf(noCredentials, {
      env: { AWS_PROFILE: 'deploy' },
      files: {
        [CONFIG_FILE]:
          '[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\ncredential_source = Environment\n'
      }
    })
    expect(item?.title).toBe(
      'Profile "deploy" has no credentials to assume its role with (credential_source = Environment)'
    )
    expect(item?.source).toBe('profile "deploy" in ~/.aws/config')
    expect(item?.message).toContain('"Could not load credentials from any providers"')
    expect(item?.message).toContain(
      'Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile deploy'
    )
    expect(item?.evidence).toContain(
      'profile "deploy": its credential_source Environment has nothing to read: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set'
    )
  })
})
