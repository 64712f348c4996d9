/**
 * Two ways a pasted key pair arrives damaged: both halves joined into one value, and a secret
 * whose `+` signs URL (form) decoding turned into spaces. Each is named for what it is, and the
 * secret half is masked wherever it sits.
 */
import { describe, expect, test } from '@jest/globals'
import { accessKeyIdMalformed } from '../../src/checks/access-key-id-malformed.js'
import { invisibleCharacters } from '../../src/checks/invisible-characters.js'
import { secretAccessKeyMalformed } from '../../src/checks/secret-access-key-malformed.js'
import {
  envKeys,
  findingsOf,
  keyIdProblemText,
  longTermKey,
  scenario,
  secretProblemText
} from './scenario.js'

/** A generated secret with a `+` at a few places, as about two in three real secrets have. */
function secretWithPlus(): string {
  const secret = longTermKey().secret
  return `${secret.slice(0, 5)}+${secret.slice(6, 20)}+${secret.slice(21)}`
}

describe('a whole key pair in one value', () => {
  test.each([
    ['key ID, colon, secret', (id: string, secret: string) => `${id}:${secret}`],
    ['key ID, space, secret', (id: string, secret: string) => `${id} ${secret}`],
    ['secret then key ID', (id: string, secret: string) => `${secret}${id}`]
  ])('in the key ID variable: %s', (_, join) => {
    const key = longTermKey()
    const [item] = findingsOf(accessKeyIdMalformed, {
      env: envKeys({ id: join(key.id, key.secret), secret: key.secret })
    })
    expect(item?.message).toContain('holds a whole key pair')
    expect(JSON.stringify(item)).not.toContain(key.secret)
  })

  test('in the secret variable', () => {
    const key = longTermKey()
    const [item] = findingsOf(secretAccessKeyMalformed, {
      env: envKeys({ id: key.id, secret: `${key.id}:${key.secret}` })
    })
    expect(item?.message).toContain('holds a whole key pair')
    expect(item?.message).toContain('SignatureDoesNotMatch')
  })

  test('a comma is still the CSV line, and a lone key ID or secret is not a pair', () => {
    const key = longTermKey()
    expect(keyIdProblemText(`${key.id},${key.secret}`)).toContain('downloaded CSV')
    expect(keyIdProblemText(key.id)).toBeUndefined()
    expect(secretProblemText(key.secret)).toBeUndefined()
    expect(keyIdProblemText(`${key.id}${key.id}`)).not.toContain('whole key pair')
  })

  test('the secret half in the key ID variable is masked, whole and alone', () => {
    const key = longTermKey()
    const joined = `${key.id}: ${key.secret}`
    const discovery = scenario({ env: envKeys({ id: joined, secret: key.secret }) })
    expect(discovery.secrets).toContain(joined)
    expect(discovery.secrets).toContain(key.secret)
    expect(discovery.secrets).not.toContain(key.id)
  })
})

describe('a secret whose + signs became spaces', () => {
  test.each([
    ['inside', secretWithPlus()],
    ['at both ends', `+${secretWithPlus().slice(1, 39)}+`]
  ])('is named as URL decoding, not as a wrong length: a + %s', (_, secret) => {
    const decoded = secret.replaceAll('+', ' ')
    const key = longTermKey()
    const [malformed] = findingsOf(secretAccessKeyMalformed, {
      env: envKeys({ id: key.id, secret: decoded })
    })
    expect(malformed?.message).toContain('a space wherever the secret has a `+`')
    expect(malformed?.message).not.toContain('characters long instead of 40')
    const [invisible] = findingsOf(invisibleCharacters, {
      env: envKeys({ id: key.id, secret: decoded })
    })
    expect(invisible?.remediation).toContain('`%2B`')
    expect(JSON.stringify([malformed, invisible])).not.toContain(decoded)
  })

  test('quoted, it is still recognised; other spaces are not called URL decoding', () => {
    const secret = secretWithPlus()
    expect(secretProblemText('x', `"${secret.replaceAll('+', ' ')}"`)).toContain('`+`')
    const key = longTermKey()
    const [item] = findingsOf(invisibleCharacters, {
      env: envKeys({ id: key.id, secret: `${key.secret.slice(0, 20)} x${key.secret.slice(20)}` })
    })
    expect(item?.remediation).not.toContain('`%2B`')
    const [malformed] = findingsOf(secretAccessKeyMalformed, {
      env: envKeys({ id: key.id, secret: `${key.secret.slice(0, 20)} x${key.secret.slice(20)}` })
    })
    expect(malformed?.message).not.toContain('`+`')
  })
})
