import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFileFromDisk } from '../../src/discover/files.js'
import { inspectTokenFile, webIdentitySource } from '../../src/discover/web-identity.js'
import { makeWebIdentityToken } from '../emulator/oidc.js'

const directory = mkdtempSync(join(tmpdir(), 'acd-token-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const NOW = new Date('2026-03-01T12:00:00Z')
const ORIGIN = { kind: 'env', name: 'AWS_WEB_IDENTITY_TOKEN_FILE' } as const

function file(name: string, content: string): string {
  const path = join(directory, name)
  writeFileSync(path, content)
  return path
}

function inspect(path: string) {
  return inspectTokenFile(path, ORIGIN, readFileFromDisk, NOW)
}

const nowSeconds = Math.floor(NOW.getTime() / 1000)

describe('a web identity token file, judged offline', () => {
  test('a JWT that has not expired is valid; its claims are kept, the token is a secret', () => {
    const jwt = makeWebIdentityToken({}, { nowSeconds: nowSeconds - 60 })
    const result = inspect(file('valid', `${jwt}\n`))
    expect(result.status).toMatchObject({
      state: 'valid',
      claims: { iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com' },
      expiresAt: new Date((nowSeconds + 240) * 1000).toISOString()
    })
    expect(result.secrets).toContain(jwt)
  })

  test.each([
    ['empty', '  \n', 'empty', undefined],
    ['http', 'HTTP/1.1 200 OK\r\n\r\n{}', 'not-jwt', 'an HTTP response'],
    ['two-parts', 'abc.def', 'not-jwt', '2 dot-separated parts'],
    ['garbage-parts', 'a.b.c', 'not-jwt', 'not base64url-encoded JSON']
  ])('%s', (name, content, state, detail) => {
    const status = inspect(file(name, content)).status
    expect(status.state).toBe(state)
    if (detail !== undefined) expect(status.detail).toContain(detail)
  })

  test('expired, missing, and a directory', () => {
    const expired = inspect(
      file(
        'expired',
        makeWebIdentityToken({}, { nowSeconds: nowSeconds - 7200, lifetimeSeconds: 300 })
      )
    )
    expect(expired.status).toMatchObject({ state: 'expired', detail: 'it expired 115 minutes ago' })
    expect(inspect(join(directory, 'nope')).status.state).toBe('missing')
    expect(inspect(directory).status).toMatchObject({
      state: 'unreadable',
      detail: 'not-a-file: a directory'
    })
  })

  test('the variables: both are needed, one alone is a skipped source', () => {
    const only = webIdentitySource({ AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' }, readFileFromDisk, NOW)
    expect(only.source?.skipped).toContain('AWS_WEB_IDENTITY_TOKEN_FILE is not set')
    expect(webIdentitySource({}, readFileFromDisk, NOW).source).toBeUndefined()
  })
})
