import { describe, expect, test } from '@jest/globals'
import { profileNotFound } from '../../src/checks/profile-not-found.js'
import {
  CONFIG_FILE,
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey
} from './scenario.js'

function staticProfile(header: string): string {
  const key = longTermKey()
  return `[${header}]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
}

describe('profile-not-found', () => {
  test('AWS_PROFILE names a profile neither file defines', () => {
    const [item] = findingsOf(profileNotFound, {
      env: { AWS_PROFILE: 'ci' },
      files: { [CREDENTIALS_FILE]: staticProfile('default') }
    })
    expect(item?.title).toBe('Profile "ci" does not exist')
    expect(item?.severity).toBe('error')
    expect(item?.message).toContain(
      'the AWS CLI stops with "The config profile (ci) could not be found"'
    )
    expect(item?.message).toContain(
      'the AWS SDK for JavaScript stops with "Could not load credentials from any providers"'
    )
    expect(item?.evidence).toContain(`~/.aws/credentials (${CREDENTIALS_FILE}): profiles "default"`)
    expect(item?.evidence).toContain(`~/.aws/config (${CONFIG_FILE}): does not exist`)
  })

  test('[profile ci] written in the credentials file is named as the reason', () => {
    const [item] = findingsOf(profileNotFound, {
      env: { AWS_PROFILE: 'ci' },
      files: { [CREDENTIALS_FILE]: staticProfile('profile ci') }
    })
    expect(item?.message).toContain('`[profile ci]` on line 1 of ~/.aws/credentials')
    expect(item?.message).toContain('in the credentials file a profile is written `[ci]`')
  })

  test('[ci] written in the config file, and a name differing in case, are named too', () => {
    const [item] = findingsOf(profileNotFound, {
      settings: { profile: 'ci' },
      files: {
        [CONFIG_FILE]: '[ci]\nregion = eu-west-1\n',
        [CREDENTIALS_FILE]: staticProfile('CI')
      }
    })
    expect(item?.message).toContain('`[ci]` on line 1 of ~/.aws/config')
    expect(item?.message).toContain('defines "CI": profile names are case-sensitive')
    expect(item?.message).toContain('The `profile` input names it')
  })

  test('a missing source_profile of the selected profile', () => {
    const [item] = findingsOf(profileNotFound, {
      env: { AWS_PROFILE: 'deploy' },
      files: {
        [CONFIG_FILE]:
          '[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = base\n'
      }
    })
    expect(item?.title).toBe('Source profile "base" does not exist')
    expect(item?.location?.origin).toMatchObject({ kind: 'file', line: 3, key: 'source_profile' })
  })

  test('AWS_DEFAULT_PROFILE alone: the AWS CLI fails, the JS SDK uses the key variables', () => {
    const [item] = findingsOf(profileNotFound, {
      env: { AWS_DEFAULT_PROFILE: 'ci', ...envKeys(longTermKey()) }
    })
    // Measured: aws-cli 1.45.11 fails although the key variables are set; the JS SDK uses them.
    expect(item?.severity).toBe('warning')
    expect(item?.message).toContain(
      'the AWS SDK for JavaScript uses environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY'
    )
    expect(item?.message).toContain(
      'the AWS CLI stops with "The config profile (ci) could not be found"'
    )
  })

  test('a stale source_profile in a profile the key variables shadow for both tools is a notice', () => {
    const [item] = findingsOf(profileNotFound, {
      env: envKeys(longTermKey()),
      files: {
        [CONFIG_FILE]:
          '[default]\nrole_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = base\n'
      }
    })
    expect(item?.severity).toBe('notice')
    expect(item?.message).toContain('Neither tool reads it in this run')
  })

  test('AWS_PROFILE with a stray character names the character', () => {
    const [item] = findingsOf(profileNotFound, {
      env: { AWS_PROFILE: 'ci\u200b' },
      files: { [CREDENTIALS_FILE]: staticProfile('ci') }
    })
    expect(item?.message).toContain('defines "ci": the name asked for has U+200B at position 3')
    const [spaced] = findingsOf(profileNotFound, {
      env: { AWS_PROFILE: 'ci ' },
      files: { [CREDENTIALS_FILE]: staticProfile('ci') }
    })
    expect(spaced?.message).toContain('a space at position 3')
    expect(spaced?.message).toContain('"The config profile (ci ) could not be found"')
  })

  test('an existing profile, or the implicit default profile being absent, is not reported', () => {
    expect(
      idsOf(profileNotFound, {
        env: { AWS_PROFILE: 'ci' },
        files: { [CREDENTIALS_FILE]: staticProfile('ci') }
      })
    ).toEqual([])
    expect(
      idsOf(profileNotFound, {
        env: { AWS_PROFILE: 'ci' },
        files: { [CONFIG_FILE]: '[profile ci]\nregion = x\n' }
      })
    ).toEqual([])
    expect(idsOf(profileNotFound, { env: envKeys(longTermKey()) })).toEqual([])
  })
  test('a missing source_profile where the JS SDK takes the instance role instead is a warning (the AWS CLI stops); with nothing after it, an error', () => {
    const files = {
      [CONFIG_FILE]:
        '[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = base\n'
    }
    const [onEc2] = findingsOf(profileNotFound, {
      env: { AWS_PROFILE: 'deploy', AWS_EC2_METADATA_DISABLED: 'false' },
      files
    })
    expect(onEc2?.severity).toBe('warning')
    expect(onEc2?.message).toContain(
      'the AWS SDK for JavaScript uses EC2 instance metadata (IMDS); the AWS CLI stops with'
    )
    const [hosted] = findingsOf(profileNotFound, {
      env: {
        AWS_PROFILE: 'deploy',
        AWS_EC2_METADATA_DISABLED: 'false',
        RUNNER_ENVIRONMENT: 'github-hosted'
      },
      files
    })
    expect(hosted?.severity).toBe('error')
    // A missing selected profile stays an error even where IMDS follows it.
    const [selected] = findingsOf(profileNotFound, {
      env: { AWS_PROFILE: 'elsewhere', AWS_EC2_METADATA_DISABLED: 'false' },
      files
    })
    expect(selected?.severity).toBe('error')
  })
})
