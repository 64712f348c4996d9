import { describe, expect, test } from '@jest/globals'
import { roleProfileMfaRequired } from '../../src/checks/role-profile-mfa-required.js'
import {
  CONFIG_FILE,
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey
} from './scenario.js'

const KEY = longTermKey()
const CREDENTIALS = `[default]\naws_access_key_id = ${KEY.id}\naws_secret_access_key = ${KEY.secret}\n`
const SERIAL = 'arn:aws:iam::111122223333:mfa/jane'

function config(mfaOn: 'admin' | 'middle' | 'none'): string {
  return [
    '[profile admin]',
    'role_arn = arn:aws:iam::111122223333:role/admin',
    'source_profile = middle',
    ...(mfaOn === 'admin' ? [`mfa_serial = ${SERIAL}`] : []),
    '[profile middle]',
    'role_arn = arn:aws:iam::111122223333:role/middle',
    'source_profile = default',
    ...(mfaOn === 'middle' ? [`mfa_serial = ${SERIAL}`] : []),
    ''
  ].join('\n')
}

describe('role-profile-mfa-required', () => {
  test('the selected role profile names an MFA device: an error with the line', () => {
    const [item] = findingsOf(roleProfileMfaRequired, {
      env: { AWS_PROFILE: 'admin' },
      files: { [CONFIG_FILE]: config('admin'), [CREDENTIALS_FILE]: CREDENTIALS }
    })
    expect(item?.severity).toBe('error')
    expect(item?.message).toContain('no MFA code callback was provided')
    expect(item?.evidence).toEqual([`mfa_serial: ${SERIAL}`])
    expect(item?.location?.origin).toMatchObject({ kind: 'file', line: 4, key: 'mfa_serial' })
  })

  test('a profile in the source_profile chain with mfa_serial is found too', () => {
    expect(
      idsOf(roleProfileMfaRequired, {
        env: { AWS_PROFILE: 'admin' },
        files: { [CONFIG_FILE]: config('middle'), [CREDENTIALS_FILE]: CREDENTIALS }
      })
    ).toEqual(['role-profile-mfa-required'])
  })

  test('no mfa_serial: nothing; a profile the run does not use: a notice', () => {
    expect(
      idsOf(roleProfileMfaRequired, {
        env: { AWS_PROFILE: 'admin' },
        files: { [CONFIG_FILE]: config('none'), [CREDENTIALS_FILE]: CREDENTIALS }
      })
    ).toEqual([])
    const shadowed = findingsOf(roleProfileMfaRequired, {
      // AWS_DEFAULT_PROFILE leaves the key variables first, unlike AWS_PROFILE.
      env: { ...envKeys(longTermKey()), AWS_DEFAULT_PROFILE: 'admin' },
      files: { [CONFIG_FILE]: config('admin'), [CREDENTIALS_FILE]: CREDENTIALS }
    })
    expect(shadowed.map(item => item.severity)).toEqual(['notice'])
  })
})
