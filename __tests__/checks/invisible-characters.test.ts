import { describe, expect, test } from '@jest/globals'
import { invisibleCharacters } from '../../src/checks/invisible-characters.js'
import { describeCharacter } from '../../src/report/words/invisible-characters.js'
import {
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey,
  temporaryKey
} from './scenario.js'

describe('invisible-characters', () => {
  test('a trailing newline in the secret: which value, which character, where', () => {
    const key = longTermKey()
    const [item] = findingsOf(invisibleCharacters, {
      env: envKeys({ id: key.id, secret: `${key.secret}\n` })
    })
    expect(item?.title).toBe(
      '`AWS_SECRET_ACCESS_KEY` contains U+000A LINE FEED (newline) at the end'
    )
    expect(item?.message).toContain('(41 characters)')
    expect(item?.message).toContain('SignatureDoesNotMatch')
    expect(item?.remediation).toContain('printf')
    expect(JSON.stringify(item)).not.toContain(key.secret)
  })

  test('a zero-width space inside the key ID, a BOM at the start of the token', () => {
    const session = temporaryKey()
    const findings = findingsOf(invisibleCharacters, {
      env: envKeys({
        id: `${session.id.slice(0, 10)}\u200b${session.id.slice(10)}`,
        secret: session.secret,
        token: `\ufeff${session.token}`
      })
    })
    expect(findings.map(item => item.evidence?.[0])).toEqual([
      'U+200B ZERO WIDTH SPACE at position 11 of 21',
      'U+FEFF BYTE ORDER MARK (zero width no-break space) at the start'
    ])
    expect(findings[0]?.message).toContain('no request is even sent')
  })

  test('the legacy AWS_SECURITY_TOKEN and values from files are checked too', () => {
    const key = temporaryKey()
    expect(
      idsOf(invisibleCharacters, {
        env: {
          ...envKeys({ id: key.id, secret: key.secret }),
          AWS_SECURITY_TOKEN: `${key.token}\r`
        }
      })
    ).toEqual(['invisible-characters'])
    expect(
      idsOf(invisibleCharacters, {
        files: {
          [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret.slice(0, 20)}\u00a0${key.secret.slice(20)}\n`
        }
      })
    ).toEqual(['invisible-characters'])
  })

  test('names every kind of character, by code point', () => {
    expect(describeCharacter(0x2003)).toBe('U+2003 EM SPACE')
    expect(describeCharacter(0x1f)).toBe('U+001F control character')
    expect(describeCharacter(0xe9)).toContain('U+00E9 non-ASCII character')
    expect(describeCharacter(0xe000)).toContain('private-use')
  })

  test('the spaces of an unexpanded expression are left to placeholder-credentials', () => {
    const key = longTermKey()
    expect(
      idsOf(invisibleCharacters, {
        env: envKeys({ id: '${{ secrets.AWS_ACCESS_KEY_ID }}', secret: key.secret })
      })
    ).toEqual([])
  })

  test('clean values are not reported', () => {
    expect(idsOf(invisibleCharacters, { env: envKeys(temporaryKey()) })).toEqual([])
  })
})
