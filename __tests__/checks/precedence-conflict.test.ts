import { describe, expect, test } from '@jest/globals'
import { precedenceConflict } from '../../src/checks/precedence-conflict.js'
import {
  CONFIG_FILE,
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey
} from './scenario.js'

function credentials(...profiles: [string, { id: string; secret: string }][]): string {
  return profiles
    .map(
      ([name, key]) =>
        `[${name}]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
    )
    .join('')
}

describe('precedence-conflict', () => {
  test('AWS_PROFILE and key variables: says what the AWS CLI and the JS SDK each use', () => {
    const environment = longTermKey('111122223333')
    const profile = longTermKey('444455556666')
    const [item] = findingsOf(precedenceConflict, {
      env: { ...envKeys(environment), AWS_PROFILE: 'ci' },
      files: { [CREDENTIALS_FILE]: credentials(['ci', profile]) }
    })
    expect(item?.severity).toBe('warning')
    expect(item?.evidence).toEqual([
      `AWS CLI → uses environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (access key \`${environment.id.slice(0, 4)}…${environment.id.slice(-4)}\`)`,
      `JS SDK → profile "ci" in ~/.aws/credentials, access key \`${profile.id.slice(0, 4)}…${profile.id.slice(-4)}\``
    ])
  })

  test('AWS_PROFILE naming a missing profile beside key variables: the AWS CLI fails', () => {
    const [item] = findingsOf(precedenceConflict, {
      env: { ...envKeys(longTermKey()), AWS_PROFILE: 'ci' }
    })
    expect(item?.message).toContain(
      'The AWS CLI stops with "The config profile (ci) could not be found"'
    )
  })

  test('AWS_PROFILE and AWS_DEFAULT_PROFILE disagree: CLI v1 and v2 differ', () => {
    const [item] = findingsOf(precedenceConflict, {
      env: { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' },
      files: { [CREDENTIALS_FILE]: credentials(['a', longTermKey()], ['b', longTermKey()]) }
    })
    expect(item?.evidence?.slice(0, 2)).toEqual([
      'AWS CLI v1 → profile "b"',
      'AWS CLI v2 → profile "a"'
    ])
  })

  test('only AWS_DEFAULT_PROFILE: the JS SDK reads [default] instead', () => {
    const [item] = findingsOf(precedenceConflict, {
      env: { AWS_DEFAULT_PROFILE: 'ci' },
      files: { [CREDENTIALS_FILE]: credentials(['ci', longTermKey()]) }
    })
    expect(item?.message).toContain(
      'ignores `AWS_DEFAULT_PROFILE` and uses profile "default", which does not exist'
    )
  })

  test('AWS_PROFILE set to an empty string', () => {
    const [item] = findingsOf(precedenceConflict, {
      env: { ...envKeys(longTermKey()), AWS_PROFILE: '' }
    })
    expect(item?.title).toBe('AWS_PROFILE is set to an empty string')
    expect(item?.message).toContain('The config profile () could not be found')
  })

  test('web identity variables beside a profile with static keys', () => {
    const [item] = findingsOf(precedenceConflict, {
      env: {
        AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/web',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/token'
      },
      files: { [CREDENTIALS_FILE]: credentials(['default', longTermKey()]) }
    })
    expect(item?.message).toContain('so it assumes `arn:aws:iam::111122223333:role/web`')
  })

  test("the credential inputs are the action's own: the JS SDK answer is what later steps get", () => {
    const profile = longTermKey('444455556666')
    const [item] = findingsOf(precedenceConflict, {
      env: { ...envKeys(longTermKey()), AWS_PROFILE: 'ci' },
      settings: { accessKeyId: longTermKey().id, secretAccessKey: longTermKey().secret },
      files: { [CREDENTIALS_FILE]: credentials(['ci', profile]) }
    })
    expect(item?.evidence?.[1]).toContain('JS SDK → profile "ci" in ~/.aws/credentials')
  })

  test('a profile input overrides AWS_PROFILE for this action, so its variables are not judged', () => {
    expect(
      idsOf(precedenceConflict, {
        env: { ...envKeys(longTermKey()), AWS_PROFILE: 'ci' },
        settings: { profile: 'other' },
        files: { [CREDENTIALS_FILE]: credentials(['ci', longTermKey()], ['other', longTermKey()]) }
      })
    ).toEqual([])
  })

  test('tools that read a file differently are named, each with what it uses', () => {
    // Measured: botocore takes `[ci]` from `[ci]#rotated`; the JS SDK does not see a header there,
    // so the keys below it replace those of [default].
    const first = longTermKey('111122223333')
    const second = longTermKey('444455556666')
    const [item] = findingsOf(precedenceConflict, {
      files: {
        [CREDENTIALS_FILE]: `${credentials(['default', first])}[ci]#rotated\naws_access_key_id = ${second.id}\naws_secret_access_key = ${second.secret}\n`
      }
    })
    expect(item?.title).toBe('The AWS CLI and the JS SDK would use different credentials')
    expect(item?.evidence).toEqual([
      `JS SDK → uses profile "default" in ~/.aws/credentials (access key \`${second.id.slice(0, 4)}…${second.id.slice(-4)}\`)`,
      `AWS CLI → uses profile "default" in ~/.aws/credentials (access key \`${first.id.slice(0, 4)}…${first.id.slice(-4)}\`)`
    ])
  })

  test('a file-path variable only the AWS CLI expands: both paths, and an absolute one as the fix', () => {
    // Measured: botocore applies expandvars and expanduser; the JS SDK only a leading `~/`.
    const key = longTermKey()
    const [item] = findingsOf(precedenceConflict, {
      env: { AWS_SHARED_CREDENTIALS_FILE: '$HOME/ci/credentials' },
      files: { '/home/runner/ci/credentials': credentials(['default', key]) }
    })
    expect(item?.title).toBe('AWS_SHARED_CREDENTIALS_FILE names a different file for each tool')
    expect(item?.evidence).toEqual([
      'JS SDK → `~/work/octo-repo/octo-repo/$HOME/ci/credentials` (no file is there)',
      'AWS CLI → `~/ci/credentials`'
    ])
    expect(item?.message).toContain('to an absolute path (`/home/runner/ci/credentials`)')
    // An empty variable: the JS SDK takes it as unset, AWS CLI v1 reads no file at all.
    const [empty] = findingsOf(precedenceConflict, {
      env: { AWS_CONFIG_FILE: '' },
      files: { '/home/runner/.aws/config': credentials(['default', key]) }
    })
    expect(empty?.evidence).toEqual(['JS SDK → `~/.aws/config`', 'AWS CLI → no file at all'])
    // `~/` both expand; a path neither finds a file at says nothing here.
    for (const value of ['~/ci/credentials', '$HOME/nowhere'])
      expect(
        idsOf(precedenceConflict, {
          env: { AWS_SHARED_CREDENTIALS_FILE: value },
          files: { '/home/runner/ci/credentials': credentials(['default', key]) }
        })
      ).toEqual([])
  })

  test('a key pair split across the two files: the JS SDK merges them, the AWS CLI refuses', () => {
    const key = longTermKey()
    const [item] = findingsOf(precedenceConflict, {
      files: {
        [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\n`,
        [CONFIG_FILE]: `[default]\naws_secret_access_key = ${key.secret}\n`
      }
    })
    expect(item?.title).toBe(
      'The key pair of profile "default" is split across the credentials and config files'
    )
    expect(item?.message).toContain(
      'stops with "Partial credentials found in shared-credentials-file, missing: aws_secret_access_key"'
    )
    expect(JSON.stringify(item)).not.toContain(key.secret)
    // The other way round the AWS CLI names the config file (measured).
    const [reverse] = findingsOf(precedenceConflict, {
      files: {
        [CREDENTIALS_FILE]: `[default]\naws_secret_access_key = ${key.secret}\n`,
        [CONFIG_FILE]: `[default]\naws_access_key_id = ${key.id}\n`
      }
    })
    expect(reverse?.message).toContain('Partial credentials found in config-file')
  })

  test('a profile that is its own source_profile, with its own keys: both tools assume its role', () => {
    const key = longTermKey()
    expect(
      idsOf(precedenceConflict, {
        env: { AWS_PROFILE: 'ci' },
        files: {
          [CONFIG_FILE]:
            '[profile ci]\nrole_arn = arn:aws:iam::111122223333:role/ci\nsource_profile = ci\n',
          [CREDENTIALS_FILE]: credentials(['ci', key])
        }
      })
    ).toEqual([])
  })

  test('one source, or sources every tool orders alike, give no warning', () => {
    expect(idsOf(precedenceConflict, { env: envKeys(longTermKey()) })).toEqual([])
    expect(
      idsOf(precedenceConflict, {
        env: { AWS_PROFILE: 'ci' },
        files: { [CREDENTIALS_FILE]: credentials(['ci', longTermKey()]) }
      })
    ).toEqual([])
    // AWS_DEFAULT_PROFILE beside key variables: every tool takes the key variables.
    expect(
      idsOf(precedenceConflict, {
        env: { ...envKeys(longTermKey()), AWS_DEFAULT_PROFILE: 'ci' },
        files: { [CONFIG_FILE]: '[profile ci]\nregion = x\n' }
      })
    ).toEqual([])
  })
  describe('a role profile that cannot assume its role, on a runner with an instance role', () => {
    const ON_EC2 = { AWS_PROFILE: 'deploy', AWS_EC2_METADATA_DISABLED: 'false' }
    const ROLE = '[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\n'
    const TITLE =
      'Profile "deploy" cannot assume its role: the JS SDK uses EC2 instance metadata (IMDS) instead, the AWS CLI stops'

    test('credential_source = EcsContainer without the container variables: the JS SDK takes the instance role, the CLI stops', () => {
      const [item, ...rest] = findingsOf(precedenceConflict, {
        env: ON_EC2,
        files: { [CONFIG_FILE]: `${ROLE}credential_source = EcsContainer\n` }
      })
      expect(rest).toEqual([])
      expect(item?.severity).toBe('warning')
      expect(item?.title).toBe(TITLE)
      expect(item?.message).toContain('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI')
      expect(item?.message).toContain('not as `arn:aws:iam::111122223333:role/deploy`')
      expect(item?.evidence).toEqual([
        'JS SDK → EC2 instance metadata (IMDS) (profile "deploy" passed over: its credential_source EcsContainer has nothing to read: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set)',
        'AWS CLI → stops with "Error when retrieving credentials from EcsContainer: No credentials found in credential_source referenced in profile deploy"'
      ])
      expect(item?.remediation).toContain('do not select the profile')
    })

    test('a missing source_profile: the same, in the CLI’s words', () => {
      const [item] = findingsOf(precedenceConflict, {
        env: ON_EC2,
        files: { [CONFIG_FILE]: `${ROLE}source_profile = nowhere\n` }
      })
      expect(item?.title).toBe(TITLE)
      expect(item?.message).toContain(
        'The AWS CLI stops with "The source_profile "nowhere" referenced in the profile "deploy" does not exist."'
      )
    })

    test('where the source has something to read, or IMDS is not asked, no such warning', () => {
      // With both key variables, credential_source = Environment works for both tools (the
      // other warning here is AWS_PROFILE beside the key variables).
      const key = longTermKey()
      const titles = findingsOf(precedenceConflict, {
        env: { ...ON_EC2, ...envKeys(key) },
        files: { [CONFIG_FILE]: `${ROLE}credential_source = Environment\n` }
      }).map(item => item.title)
      expect(titles).not.toContain(TITLE)
      expect(
        idsOf(precedenceConflict, {
          env: { ...ON_EC2, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' },
          files: { [CONFIG_FILE]: `${ROLE}credential_source = EcsContainer\n` }
        })
      ).toEqual([])
      // GitHub-hosted: nothing follows the profile, so both tools fail (no-credentials).
      expect(
        idsOf(precedenceConflict, {
          env: { AWS_PROFILE: 'deploy', RUNNER_ENVIRONMENT: 'github-hosted' },
          files: { [CONFIG_FILE]: `${ROLE}credential_source = EcsContainer\n` }
        })
      ).toEqual([])
    })
  })
})

describe('precedence-conflict: ~user/ in a file-path variable', () => {
  test("the AWS CLI opens the user's home directory, the JS SDK a relative path", () => {
    const key = longTermKey()
    const [item] = findingsOf(precedenceConflict, {
      env: { AWS_SHARED_CREDENTIALS_FILE: '~runner/ci/credentials' },
      files: {
        '/etc/passwd':
          'root:x:0:0:root:/root:/bin/bash\nrunner:x:1001:1001::/home/runner:/bin/bash\n',
        '/home/runner/ci/credentials': `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
      }
    })
    expect(item?.title).toBe('AWS_SHARED_CREDENTIALS_FILE names a different file for each tool')
    expect(item?.evidence).toEqual([
      'JS SDK → `~/work/octo-repo/octo-repo/~runner/ci/credentials` (no file is there)',
      'AWS CLI → `~/ci/credentials`'
    ])
    expect(item?.message).toContain('`~user/`')
  })
})
