import { describe, expect, test } from '@jest/globals'
import { credentialVariableMisnamed } from '../../src/checks/credential-variable-misnamed.js'
import { misnamed, spellingDistance } from '../../src/discover/misnamed.js'
import {
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  longTermKey,
  scenario,
  temporaryKey
} from './scenario.js'

describe('misnamed: which names are taken for which', () => {
  test.each([
    ['aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'case'],
    ['Aws_Region', 'AWS_REGION', 'case'],
    ['AWS_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'other-name'],
    ['AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'other-name'],
    ['AWS_SECRET_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'other-name'],
    ['AWS_SESSION_KEY', 'AWS_SESSION_TOKEN', 'other-name'],
    ['AWS_SECERT_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY', 'misspelt'],
    ['AWS_ACCES_KEY_ID', 'AWS_ACCESS_KEY_ID', 'misspelt'],
    ['AWS_REGOIN', 'AWS_REGION', 'misspelt'],
    ['AWS_DEFUALT_REGION', 'AWS_DEFAULT_REGION', 'misspelt'],
    ['AWS_ACCESS_KEY_ID ', 'AWS_ACCESS_KEY_ID', 'whitespace']
  ])('%s is taken for %s (%s)', (name, meant, kind) => {
    expect(misnamed(name)).toEqual({ name, meant, kind })
  })

  test.each([
    // Read by one of the tools.
    'AWS_ACCESS_KEY_ID',
    'AWS_SECURITY_TOKEN',
    'AWS_DEFAULT_PROFILE',
    'AWS_ROLE_SESSION_NAME',
    'AWS_ACCOUNT_ID',
    'AWS_CA_BUNDLE',
    // A team's own names, too far from any of them.
    'AWS_S3_BUCKET',
    'AWS_DEV_REGION',
    'AWS_ROLE',
    'AWS_ROLE_NAME',
    'AWS_ACCOUNT',
    'TF_VAR_aws_region',
    'MY_AWS_REGION',
    // Characters no near miss has.
    'AWS_REGIO`',
    'AWS_REGION\n'
  ])('%s is not', name => {
    expect(misnamed(name)).toBeUndefined()
  })

  test('the spelling distance counts a swap of neighbours once, and stops past its limit', () => {
    expect(spellingDistance('AWS_REGOIN', 'AWS_REGION', 2)).toBe(1)
    expect(spellingDistance('AWS_REGION', 'AWS_REGION', 2)).toBe(0)
    expect(spellingDistance('AWS_ACCES_KEY', 'AWS_ACCESS_KEY_ID', 2)).toBe(3)
    expect(spellingDistance('X', 'AWS_SECRET_ACCESS_KEY', 2)).toBe(3)
  })
})

describe('credential-variable-misnamed', () => {
  test('a secret under another name, with no other credentials, is the error to fix', () => {
    const key = longTermKey()
    const [item, ...rest] = findingsOf(credentialVariableMisnamed, {
      env: { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_KEY: key.secret }
    })
    expect(rest).toEqual([])
    expect(item?.severity).toBe('error')
    expect(item?.title).toBe(
      '`AWS_SECRET_KEY` is not read by the AWS tools: the name they read is `AWS_SECRET_ACCESS_KEY`'
    )
    expect(item?.message).toContain('neither the AWS SDK for JavaScript nor the AWS CLI reads')
    expect(item?.remediation).toContain('Rename the variable to `AWS_SECRET_ACCESS_KEY`')
    expect(item?.location?.origin).toEqual({ kind: 'env', name: 'AWS_SECRET_KEY' })
    expect(JSON.stringify(item)).not.toContain(key.secret)
  })

  test('a lower-case pair is named twice, once per variable', () => {
    const key = longTermKey()
    const items = findingsOf(credentialVariableMisnamed, {
      env: { aws_access_key_id: key.id, aws_secret_access_key: key.secret }
    })
    expect(items.map(item => [item.severity, item.location?.origin])).toEqual([
      ['error', { kind: 'env', name: 'aws_access_key_id' }],
      ['error', { kind: 'env', name: 'aws_secret_access_key' }]
    ])
    expect(items[0]?.message).toContain('variable names are case-sensitive')
  })

  test('where the real name is set too, it is a notice', () => {
    const key = longTermKey()
    const [item] = findingsOf(credentialVariableMisnamed, {
      env: { ...envKeys(key), AWS_SECRET_KEY: key.secret }
    })
    expect(item?.severity).toBe('notice')
    expect(item?.message).toContain('costs it nothing')
  })

  test('where a profile gives the job its keys, it is a notice; where the CLI stops on the half pair, a warning', () => {
    const file = longTermKey()
    const files = {
      [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${file.id}\naws_secret_access_key = ${file.secret}\n`
    }
    const alone = findingsOf(credentialVariableMisnamed, {
      env: { AWS_SECRET_KEY: longTermKey().secret },
      files
    })
    expect(alone.map(item => item.severity)).toEqual(['notice'])
    // Measured: the AWS CLI stops with "Partial credentials found in env" on a key ID alone.
    const half = findingsOf(credentialVariableMisnamed, {
      env: { AWS_ACCESS_KEY_ID: longTermKey().id, AWS_SECRET_KEY: longTermKey().secret },
      files
    })
    expect(half.map(item => item.severity)).toEqual(['warning'])
  })

  test('a session token under another name matters only for a temporary key', () => {
    const temporary = temporaryKey()
    const [needed] = findingsOf(credentialVariableMisnamed, {
      env: {
        AWS_ACCESS_KEY_ID: temporary.id,
        AWS_SECRET_ACCESS_KEY: temporary.secret,
        AWS_SESSION_KEY: temporary.token
      }
    })
    expect(needed?.severity).toBe('error')
    const [unneeded] = findingsOf(credentialVariableMisnamed, {
      env: { ...envKeys(longTermKey()), AWS_SESSION_KEY: temporary.token }
    })
    expect(unneeded?.severity).toBe('notice')
  })

  test('a misspelt region is a warning unless either region variable is set', () => {
    const keys = envKeys(longTermKey())
    const [alone] = findingsOf(credentialVariableMisnamed, {
      env: { ...keys, AWS_REGOIN: 'eu-west-1' }
    })
    expect(alone?.severity).toBe('warning')
    expect(alone?.message).toContain('Nothing else sets `AWS_REGION`')
    const [covered] = findingsOf(credentialVariableMisnamed, {
      env: { ...keys, AWS_REGOIN: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' }
    })
    expect(covered?.severity).toBe('notice')
  })

  test('a name with a stray space is shown quoted, so the space can be seen', () => {
    const key = longTermKey()
    const [item] = findingsOf(credentialVariableMisnamed, {
      env: { 'AWS_ACCESS_KEY_ID ': key.id, AWS_SECRET_ACCESS_KEY: key.secret }
    })
    expect(item?.title).toBe(
      '`"AWS_ACCESS_KEY_ID "` is not read by the AWS tools: the name they read is `AWS_ACCESS_KEY_ID`'
    )
  })

  test('the value of a secret under another name is masked, whatever it looks like', () => {
    const discovery = scenario({
      env: { AWS_SECRET_KEY: 'hunter2-not-a-real-secret', AWS_REGOIN: 'eu-west-1' }
    })
    expect(discovery.secrets).toContain('hunter2-not-a-real-secret')
    expect(discovery.secrets).not.toContain('eu-west-1')
  })

  test('no finding without such a name', () => {
    expect(findingsOf(credentialVariableMisnamed, { env: envKeys(longTermKey()) })).toEqual([])
  })
})
