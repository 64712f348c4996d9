import { describe, expect, test } from '@jest/globals'
import { secretAccessKeyMalformed } from '../../src/checks/secret-access-key-malformed.js'
import { envKeys, findingsOf, idsOf, longTermKey, secretProblemText } from './scenario.js'

describe('secret-access-key-malformed', () => {
  test('a secret cut short at a slash', () => {
    const key = longTermKey()
    const cut = `${key.secret.slice(0, 17)}`
    const [item] = findingsOf(secretAccessKeyMalformed, {
      env: envKeys({ id: key.id, secret: cut })
    })
    expect(item?.message).toContain('it is 17 characters long instead of 40')
    expect(item?.message).toContain('SignatureDoesNotMatch')
    expect(JSON.stringify(item)).not.toContain(cut)
  })

  test.each([
    [(s: string) => encodeURIComponent(`${s.slice(0, 30)}/+${s.slice(32)}`), 'URL-encoded'],
    [(s: string) => Buffer.from(s).toString('base64'), 'base64 encoding of a 40-character secret'],
    [(s: string) => `${s.slice(0, 39)}=`, 'contains `=`'],
    [(s: string) => `AKIA2E3MQ5ZU4EK4SBFU,${s}`, 'whole line of the downloaded CSV'],
    [(s: string) => s.repeat(10), 'shape of a session token'],
    [(s: string) => `${s.slice(0, 39)}-`, 'characters outside letters, digits']
  ])('%#: %s', (transform, problem) => {
    expect(secretProblemText(transform(longTermKey().secret))).toContain(problem)
  })

  test('a key ID in the secret place alone is named as such', () => {
    expect(secretProblemText('AKIA2E3MQ5ZU4EK4SBFU')).toContain('shape of an access key ID')
  })

  test('a well-formed secret, or one whose only fault is a newline, is not reported here', () => {
    const key = longTermKey()
    expect(idsOf(secretAccessKeyMalformed, { env: envKeys(key) })).toEqual([])
    expect(
      idsOf(secretAccessKeyMalformed, { env: envKeys({ id: key.id, secret: `${key.secret}\r\n` }) })
    ).toEqual([])
    expect(
      idsOf(secretAccessKeyMalformed, {
        env: envKeys({ id: key.id, secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })
      })
    ).toEqual([])
  })
})
