import { describe, expect, test } from '@jest/globals'
import { configVariableInvalid } from '../../src/checks/config-variable-invalid.js'
import { CONFIG_FACTS } from '../differential/config-settings.facts.js'
import {
  CHECK_SETTINGS,
  CONFIG_FILE,
  envKeys,
  findingsOf,
  longTermKey,
  scenario,
  WORKSPACE
} from './scenario.js'

const keys = envKeys(longTermKey())

describe('config-variable-invalid', () => {
  test.each(CONFIG_FACTS.filter(row => row.where === 'env'))(
    '$variable=$value quotes what each tool measurably does',
    row => {
      const [item] = findingsOf(configVariableInvalid, {
        env: { ...keys, [row.variable]: row.value }
      })
      expect(item?.id).toBe('config-variable-invalid')
      expect(item?.message).toContain(`environment variable \`${row.variable}\``)
      for (const result of [row.jsSdk, row.awsCli])
        if ('fails' in result) expect(item?.message).toContain(result.fails)
      expect(item?.location?.origin).toEqual({ kind: 'env', name: row.variable })
    }
  )

  test('both tools refusing is an error; one, a warning; neither, a notice', () => {
    const severity = (variable: string, value: string) =>
      findingsOf(configVariableInvalid, { env: { ...keys, [variable]: value } })[0]?.severity
    expect(severity('AWS_DEFAULTS_MODE', 'bogus')).toBe('error')
    expect(severity('AWS_RETRY_MODE', 'Standard')).toBe('warning')
    expect(severity('AWS_USE_FIPS_ENDPOINT', 'yes')).toBe('notice')
  })

  test('a profile key is named by its file line, and the variable wins over it', () => {
    const files = { [CONFIG_FILE]: '[default]\nregion = us-east-1\nretry_mode = bogus\n' }
    const [item] = findingsOf(configVariableInvalid, { env: keys, files })
    expect(item?.message).toContain('`retry_mode` in `~/.aws/config` line 3')
    expect(item?.remediation).toContain('delete the line')
    expect(
      findingsOf(configVariableInvalid, { env: { ...keys, AWS_RETRY_MODE: 'standard' }, files })
    ).toEqual([])
  })

  test("the examined profile's key counts, not another profile's", () => {
    const files = { [CONFIG_FILE]: '[profile other]\nretry_mode = bogus\n[default]\n' }
    expect(findingsOf(configVariableInvalid, { env: keys, files })).toEqual([])
    expect(
      findingsOf(configVariableInvalid, { env: { ...keys, AWS_PROFILE: 'other' }, files })
    ).toHaveLength(1)
  })

  test('TRUE turns FIPS on for the AWS CLI only: a notice that says so', () => {
    const [item] = findingsOf(configVariableInvalid, {
      env: { ...keys, AWS_USE_FIPS_ENDPOINT: 'TRUE' }
    })
    expect(item?.severity).toBe('notice')
    expect(item?.message).toContain('the AWS CLI reads it as true and uses the FIPS endpoint')
    expect(item?.message).toContain('The AWS SDK for JavaScript ignores it')
  })

  test('an AWS_CA_BUNDLE naming no file stops the AWS CLI only; a readable one is silent', () => {
    const missing = findingsOf(configVariableInvalid, {
      env: { ...keys, AWS_CA_BUNDLE: '/etc/corp/ca.pem' }
    })
    expect(missing[0]?.severity).toBe('warning')
    expect(missing[0]?.message).toContain('[Errno 2] No such file or directory')
    expect(missing[0]?.message).toContain('does not read the setting')
    const directory = findingsOf(configVariableInvalid, {
      env: { ...keys, AWS_CA_BUNDLE: '/etc/corp' },
      files: { '/etc/corp': { state: 'not-a-file', detail: 'a directory' } }
    })
    expect(directory[0]?.message).toContain('[Errno 21] Is a directory')
    expect(
      findingsOf(configVariableInvalid, {
        env: { ...keys, AWS_CA_BUNDLE: '/etc/corp/ca.pem' },
        files: { '/etc/corp/ca.pem': '-----BEGIN CERTIFICATE-----\n' }
      })
    ).toEqual([])
  })

  test('an endpoint mode in lower case stops the JS SDK only where its chain asks instance metadata', () => {
    const withKeys = findingsOf(configVariableInvalid, {
      env: { ...keys, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' }
    })
    expect(withKeys[0]?.severity).toBe('notice')
    const metadata = findingsOf(configVariableInvalid, {
      env: { AWS_EC2_METADATA_DISABLED: 'false', AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' }
    })
    expect(scenario({ env: { AWS_EC2_METADATA_DISABLED: 'false' } }).selected?.kind).toBe(
      'instance-metadata'
    )
    expect(metadata[0]?.severity).toBe('warning')
    expect(metadata[0]?.message).toContain('Unsupported endpoint mode: ipv6. Select from IPv4,IPv6')
  })

  test('a secret pasted as a value is never quoted, and is masked', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    const input = { env: { ...keys, AWS_DEFAULTS_MODE: secret } }
    const [item] = findingsOf(configVariableInvalid, input)
    expect(item?.severity).toBe('error')
    expect(JSON.stringify(item)).not.toContain(secret.slice(0, 8))
    expect(scenario(input).secrets).toContain(secret)
  })

  test('a newline in a value is shown escaped, never as a line break', () => {
    const [item] = findingsOf(configVariableInvalid, {
      env: { ...keys, AWS_RETRY_MODE: 'standard\n' }
    })
    expect(item?.message).toContain('standard\\n')
    expect(item?.message).not.toContain('\n')
  })

  test('detection returns what each tool does as data, and never a secret as a value', () => {
    const facts = (env: Record<string, string>) =>
      configVariableInvalid.detect(scenario({ env: { ...keys, ...env } }), CHECK_SETTINGS)
    const [attempts] = facts({ AWS_MAX_ATTEMPTS: '0' })
    expect(attempts).toMatchObject({
      variable: 'AWS_MAX_ATTEMPTS',
      shown: '0',
      severity: 'warning',
      problem: { kind: 'not-a-value' },
      jsSdk: { goesOn: { kind: 'one-attempt' } },
      awsCli: { refuses: { kind: 'attempts-below-one', attempts: 0 } },
      accepted: { kind: 'attempts' }
    })
    const [secret] = facts({ AWS_DEFAULTS_MODE: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })
    expect(secret?.shown).toBeUndefined()
    expect(secret?.length).toBe(40)
  })

  test('empty variables and accepted values are silent', () => {
    expect(
      findingsOf(configVariableInvalid, {
        env: {
          ...keys,
          AWS_MAX_ATTEMPTS: '',
          AWS_RETRY_MODE: 'adaptive',
          AWS_DEFAULTS_MODE: 'auto'
        }
      })
    ).toEqual([])
  })
})

describe('config-variable-invalid: file-path variables', () => {
  const pair = `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`
  const one = (env: Record<string, string>, files: Record<string, string> = {}) =>
    findingsOf(configVariableInvalid, { env, files })

  test('a trailing space: both tools miss the file that is there, a warning naming it', () => {
    const [item] = one(
      { AWS_SHARED_CREDENTIALS_FILE: '/home/runner/ci/credentials ' },
      { '/home/runner/ci/credentials': pair }
    )
    expect(item?.severity).toBe('warning')
    expect(item?.title).toBe('`AWS_SHARED_CREDENTIALS_FILE` has white space around its path')
    expect(item?.message).toContain('both tools keep as part of the name')
    expect(item?.message).toContain(
      // A code span keeps the trailing space (Markdown drops one padding space on each side).
      'The AWS SDK for JavaScript finds no file at ` /home/runner/ci/credentials  `, and reads none'
    )
    expect(item?.message).toContain('`/home/runner/ci/credentials`, which is there')
    expect(item?.remediation).toContain('(`/home/runner/ci/credentials`)')
  })

  test('a leading space makes the path relative to the working directory', () => {
    const [item] = one({ AWS_CONFIG_FILE: ' /home/runner/ci/config' })
    expect(item?.severity).toBe('notice')
    expect(item?.message).toContain(`\`${WORKSPACE}/ /home/runner/ci/config\``)
  })

  test('a relative path that works from this step is a notice naming the working directory', () => {
    const [item] = one(
      { AWS_SHARED_CREDENTIALS_FILE: 'ci/credentials' },
      { [`${WORKSPACE}/ci/credentials`]: pair }
    )
    expect(item?.severity).toBe('notice')
    expect(item?.title).toBe('`AWS_SHARED_CREDENTIALS_FILE` is a relative path')
    expect(item?.message).toContain(`here \`${WORKSPACE}\``)
    expect(item?.message).toContain(`reads \`${WORKSPACE}/ci/credentials\``)
  })

  test('a variable that is not set stays as written for both tools', () => {
    const [item] = one(
      { AWS_SHARED_CREDENTIALS_FILE: '$RUNNER_CREDS/credentials' },
      { [`${WORKSPACE}/$RUNNER_CREDS/credentials`]: pair }
    )
    expect(item?.title).toBe(
      '`AWS_SHARED_CREDENTIALS_FILE` holds a variable the AWS tools do not expand'
    )
  })

  test('where the tools open different files, precedence-conflict speaks instead', () => {
    expect(
      one(
        { AWS_SHARED_CREDENTIALS_FILE: '$HOME/ci/credentials' },
        { '/home/runner/ci/credentials': pair }
      )
    ).toEqual([])
  })

  test('~ alone names no file for either tool: the home directory for one, ./~ for the other', () => {
    const [item] = one(
      { AWS_SHARED_CREDENTIALS_FILE: '~' },
      { '/home/runner/.aws/credentials': pair }
    )
    expect(item?.severity).toBe('notice')
    expect(item?.title).toBe('`AWS_SHARED_CREDENTIALS_FILE` names no file for either AWS tool')
    expect(item?.message).toContain(`finds no file at \`${WORKSPACE}/~\``)
    expect(item?.message).toContain('the AWS CLI finds no file at `/home/runner`')
  })

  test('an absolute path, or ~/ (which both expand), is nothing', () => {
    const files = { '/home/runner/ci/credentials': pair }
    expect(one({ AWS_SHARED_CREDENTIALS_FILE: '/home/runner/ci/credentials' }, files)).toEqual([])
    expect(one({ AWS_SHARED_CREDENTIALS_FILE: '~/ci/credentials' }, files)).toEqual([])
  })

  test('a token file under ~/: neither tool expands it, a warning with the file meant', () => {
    const [item] = one(
      { AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/ci', AWS_WEB_IDENTITY_TOKEN_FILE: '~/token' },
      { '/home/runner/token': 'a.b.c' }
    )
    expect(item?.severity).toBe('warning')
    expect(item?.title).toBe(
      '`AWS_WEB_IDENTITY_TOKEN_FILE` starts with `~`, which the AWS tools do not expand there'
    )
    expect(item?.message).toContain(`no such file or directory: \`${WORKSPACE}/~/token\``)
    expect(item?.message).toContain('`/home/runner/token`, which is there')
    expect(item?.message).not.toContain('a.b.c')
  })
})
