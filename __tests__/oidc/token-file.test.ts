import { describe, expect, test } from '@jest/globals'
import { tmpdir } from 'node:os'
import { readTokenFile } from '../../src/oidc/token-file.js'
import { makeWebIdentityToken } from '../emulator/oidc.js'

function failing(code: string) {
  return (): string => {
    const error = new Error('read failed') as Error & { code: string }
    error.code = code
    throw error
  }
}

describe('reading a web identity token file', () => {
  test('a JWT with a trailing newline is read, trimmed', () => {
    const token = makeWebIdentityToken()
    expect(readTokenFile('/t', () => `${token}\n`)).toEqual({ ok: true, token })
  })

  test.each([
    ['missing', failing('ENOENT')],
    ['unreadable', failing('EACCES')],
    ['empty', () => ' \n'],
    ['not-jwt', () => '{"value": "not a jwt"}']
  ])('%s', (problem, read) => {
    expect(readTokenFile('/t', read)).toMatchObject({ ok: false, problem })
  })

  test('a directory or a device is unreadable, never read to the end', () => {
    expect(readTokenFile(tmpdir())).toMatchObject({ ok: false, problem: 'unreadable' })
    expect(readTokenFile('/dev/zero')).toMatchObject({ ok: false, problem: 'unreadable' })
  })
})
