import { describe, expect, test } from '@jest/globals'
import { runChecks } from '../../src/checks/index.js'
import { keysSwapped } from '../../src/checks/keys-swapped.js'
import { orderFindings } from '../../src/report/verdict.js'
import {
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey,
  scenario,
  CHECK_SETTINGS
} from './scenario.js'

describe('keys-swapped', () => {
  test('the key ID variable holds the secret and the secret variable the key ID', () => {
    const key = longTermKey()
    const findings = findingsOf(keysSwapped, {
      env: { AWS_ACCESS_KEY_ID: key.secret, AWS_SECRET_ACCESS_KEY: key.id }
    })
    expect(findings.map(item => item.id)).toEqual(['keys-swapped'])
    expect(findings[0]?.evidence).toEqual([
      'environment variable `AWS_ACCESS_KEY_ID`: shaped like a secret access key',
      'environment variable `AWS_SECRET_ACCESS_KEY`: shaped like an access key ID'
    ])
    expect(JSON.stringify(findings)).not.toContain(key.secret.slice(0, 8))
  })

  test('swapped lines in a credentials file, with a newline left on one', () => {
    const key = longTermKey()
    expect(
      idsOf(keysSwapped, {
        files: {
          [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.secret}\naws_secret_access_key = ${key.id}\n`
        }
      })
    ).toEqual(['keys-swapped'])
    expect(
      idsOf(keysSwapped, {
        env: { AWS_ACCESS_KEY_ID: `${key.secret}\n`, AWS_SECRET_ACCESS_KEY: key.id }
      })
    ).toEqual(['keys-swapped'])
  })

  test('a swap is one finding: the format checks stay silent', () => {
    const key = longTermKey()
    const discovery = scenario({
      env: { AWS_ACCESS_KEY_ID: key.secret, AWS_SECRET_ACCESS_KEY: key.id }
    })
    const reported = orderFindings(runChecks(discovery, CHECK_SETTINGS)).map(item => item.id)
    expect(reported).toContain('keys-swapped')
    expect(reported).not.toContain('access-key-id-malformed')
    expect(reported).not.toContain('secret-access-key-malformed')
  })

  test('a pair in its right places is not swapped', () => {
    expect(idsOf(keysSwapped, { env: envKeys(longTermKey()) })).toEqual([])
  })
})
