import { describe, expect, test } from '@jest/globals'
import { quotedValue, quotesOf } from '../../src/checks/quoted-value.js'
import { CREDENTIALS_FILE, envKeys, findingsOf, idsOf, longTermKey } from './scenario.js'

describe('quoted-value', () => {
  test('a secret wrapped in double quotes', () => {
    const key = longTermKey()
    const [item] = findingsOf(quotedValue, {
      env: { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: `"${key.secret}"` }
    })
    expect(item?.title).toBe('`AWS_SECRET_ACCESS_KEY` is wrapped in quotes')
    expect(item?.message).toContain('is wrapped in double quotes')
    expect(item?.message).toContain('SignatureDoesNotMatch')
    expect(JSON.stringify(item)).not.toContain(key.secret)
  })

  test('a quoted value in a credentials file, and a token that is only a pair of quotes', () => {
    const key = longTermKey()
    const findings = findingsOf(quotedValue, {
      files: {
        [CREDENTIALS_FILE]: `[default]\naws_access_key_id = '${key.id}'\naws_secret_access_key = ${key.secret}\naws_session_token = ""\n`
      }
    })
    expect(findings.map(item => item.title)).toEqual([
      `\`aws_access_key_id\` (~/.aws/credentials line 2) is wrapped in quotes`,
      `\`aws_session_token\` (~/.aws/credentials line 4) holds only quotes`
    ])
  })

  test('one quote at one end is reported too', () => {
    expect(quotesOf("'AKIA")).toEqual({ start: 'single quote' })
    expect(quotesOf('abc”')).toEqual({ end: 'typographic double quote' })
  })

  test('values without quotes are not reported', () => {
    expect(idsOf(quotedValue, { env: envKeys(longTermKey()) })).toEqual([])
  })
})
