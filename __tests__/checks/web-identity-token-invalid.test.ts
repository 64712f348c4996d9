import { describe, expect, test } from '@jest/globals'
import { webIdentityTokenInvalid } from '../../src/checks/web-identity-token-invalid.js'
import { makeWebIdentityToken } from '../emulator/oidc.js'
import {
  CONFIG_FILE,
  NOW,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey,
  type Scenario
} from './scenario.js'

const ROLE = 'arn:aws:iam::111122223333:role/web'
const TOKEN_FILE = '/var/run/secrets/token'

function token(expiresInSeconds: number): string {
  const now = Math.floor(NOW.getTime() / 1000)
  return makeWebIdentityToken({}, { nowSeconds: now - 60, lifetimeSeconds: expiresInSeconds + 60 })
}

function webIdentity(content?: string): Scenario {
  const files: Record<string, string> = content === undefined ? {} : { [TOKEN_FILE]: content }
  return { env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: TOKEN_FILE }, files }
}

describe('web-identity-token-invalid', () => {
  test('the token file does not exist', () => {
    const [item] = findingsOf(webIdentityTokenInvalid, webIdentity())
    expect(item?.title).toBe('The web identity token file does not exist on this runner')
    expect(item?.message).toContain(`\`${ROLE}\``)
  })

  test('empty, the JSON answer instead of the JWT, or expired', () => {
    expect(findingsOf(webIdentityTokenInvalid, webIdentity('\n'))[0]?.title).toContain('is empty')
    const jwt = token(300)
    const json = findingsOf(webIdentityTokenInvalid, webIdentity(JSON.stringify({ value: jwt })))
    expect(json[0]?.message).toContain('({"value": …}), not the JWT alone')
    expect(JSON.stringify(json)).not.toContain(jwt.split('.')[2]?.slice(0, 16))
    const expired = findingsOf(webIdentityTokenInvalid, webIdentity(token(-600)))
    expect(expired[0]?.message).toContain('it expired 10 minutes ago')
    expect(expired[0]?.evidence).toContain('sub: `repo:octo-org/octo-repo:ref:refs/heads/main`')
  })

  test('a profile with web_identity_token_file is judged the same way', () => {
    expect(
      idsOf(webIdentityTokenInvalid, {
        env: { AWS_PROFILE: 'web' },
        files: {
          [CONFIG_FILE]: `[profile web]\nrole_arn = ${ROLE}\nweb_identity_token_file = /missing/token\n`
        }
      })
    ).toEqual(['web-identity-token-invalid'])
  })

  test('a valid token, or a web identity source shadowed by key variables, is not reported', () => {
    expect(idsOf(webIdentityTokenInvalid, webIdentity(`${token(300)}\n`))).toEqual([])
    expect(
      idsOf(webIdentityTokenInvalid, {
        ...webIdentity(),
        env: { ...webIdentity().env, ...envKeys(longTermKey()) }
      })
    ).toEqual([])
  })
})
