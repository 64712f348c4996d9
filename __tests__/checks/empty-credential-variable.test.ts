import { describe, expect, test } from '@jest/globals'
import { emptyCredentialVariable } from '../../src/checks/empty-credential-variable.js'
import { envKeys, findingsOf, idsOf, longTermKey } from './scenario.js'

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
    expect(item?.message).toContain('Partial credentials found')
  })

  test('an empty session token, an unset variable or an empty input is not reported', () => {
    expect(
      idsOf(emptyCredentialVariable, { env: { ...envKeys(longTermKey()), AWS_SESSION_TOKEN: '' } })
    ).toEqual([])
    expect(idsOf(emptyCredentialVariable, {})).toEqual([])
    expect(idsOf(emptyCredentialVariable, { settings: { accessKeyId: undefined } })).toEqual([])
  })
})
