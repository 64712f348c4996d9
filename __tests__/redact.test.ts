import { describe, expect, test } from '@jest/globals'
import {
  maskAccessKeyId,
  maskForms,
  Redactor,
  userInfoSecrets,
  withoutUserInfo
} from '../src/redact.js'
import { FINDINGS } from '../src/findings.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

describe('Redactor', () => {
  test('removes a registered secret, and any prefix or suffix of 8 characters or more', () => {
    const redactor = new Redactor()
    redactor.add(`${SECRET}\n`)
    const text = `whole ${SECRET}; prefix ${SECRET.slice(0, 10)}; suffix ${SECRET.slice(-9)}`
    const redacted = redactor.redact(text)
    expect(redacted).not.toContain(SECRET.slice(0, 8))
    expect(redacted).not.toContain(SECRET.slice(-8))
    expect(redacted).toContain('whole ***')
  })

  test('does not garble text that only shares a middle run with a secret', () => {
    const redactor = new Redactor()
    redactor.add('ghs_0123456789abcdefXYZ')
    expect(redactor.redact('run 123456789 finished')).toBe('run 123456789 finished')
  })

  test('leaves text alone when no secret is in it, and ignores values too short to be secrets', () => {
    const redactor = new Redactor()
    redactor.add('abc')
    redactor.add(undefined)
    expect(redactor.redact('abc def')).toBe('abc def')
  })

  test('a placeholder is masked whole, but its ends stay readable in other words', () => {
    const redactor = new Redactor()
    redactor.add('$AWS_SECRET_ACCESS_KEY')
    expect(redactor.redact('value $AWS_SECRET_ACCESS_KEY in `AWS_SECRET_ACCESS_KEY`')).toBe(
      'value *** in `AWS_SECRET_ACCESS_KEY`'
    )
  })

  test('add returns only the forms not registered before', () => {
    const redactor = new Redactor()
    expect(redactor.add(`${SECRET}\n`)).toEqual([`${SECRET}\n`, SECRET])
    expect(redactor.add(SECRET)).toEqual([])
  })
})

describe('maskForms', () => {
  test('masks each line of a multi-line value', () => {
    expect(maskForms('first-line-v4lue\nsecond-line-v4lue')).toEqual(
      expect.arrayContaining(['first-line-v4lue', 'second-line-v4lue'])
    )
  })

  test.each([
    'credentials',
    'Credentials',
    'AWS_SECRET_ACCESS_KEY',
    'SecretAccessKey',
    'example-credentials',
    'shared-credentials-file',
    'changeme\n'
  ])('%j is a word, not a secret: nothing to mask', value => {
    expect(maskForms(value)).toEqual([])
  })

  test.each([
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'hunter22',
    '$AWS_SECRET_ACCESS_KEY',
    'ghs_e2eFakeGithubToken0123456789abcdef',
    'abcDEFghiJKL'
  ])('%j can be a secret: masked', value => {
    expect(maskForms(value)).toContain(value)
  })

  test('no finding ID, nor any part of one, can be registered as a secret', () => {
    for (const { id } of FINDINGS)
      for (let start = 0; start < id.length; start += 1)
        for (let end = start + 1; end <= id.length; end += 1)
          expect(maskForms(id.slice(start, end))).toEqual([])
  })
})

describe('maskAccessKeyId', () => {
  test('shows the first four and last four characters only', () => {
    expect(maskAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE')
    expect(maskAccessKeyId('AKIA')).toBe('****')
    expect(maskAccessKeyId('"AKIAIOSFODNN7EXAMPLE"\n')).toBe('AKIA…MPLE')
    expect(maskAccessKeyId('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('****')
    expect(maskAccessKeyId(undefined)).toBe('')
  })
})

describe('withoutUserInfo', () => {
  test.each([
    ['https://user:PASS@host/path', 'https://host/path'],
    ['see `http://a@b@127.0.0.1:9` now', 'see `http://127.0.0.1:9` now'],
    ['two: http://u:p@x and socks5://q@y:1', 'two: http://x and socks5://y:1'],
    ['no user http://host/a@b', 'no user http://host/a@b'],
    ['mail a@b.c', 'mail a@b.c'],
    ['', '']
  ])('%s', (text, expected) => {
    expect(withoutUserInfo(text)).toBe(expected)
  })

  test('the redactor drops user info from any URL', () => {
    expect(new Redactor().redact('endpoint https://me:secret@sts.example.com')).toBe(
      'endpoint https://sts.example.com'
    )
  })

  test('linear on hostile text', () => {
    const text = `${'://'.repeat(100000)}${'a'.repeat(200000)}`
    const started = performance.now()
    withoutUserInfo(text)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  test('userInfoSecrets finds the user and the password, decoded', () => {
    expect(userInfoSecrets('http://us%40er:p%3Ass@h')).toEqual([
      'us%40er',
      'us@er',
      'p%3Ass',
      'p:ss'
    ])
  })
})
