/**
 * The JWT reader against random and hostile tokens: it never throws, reads back exactly the
 * claims a well-formed token holds, and its claim helpers only ever return usable values.
 */
import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { audiences, dateClaim, decodeJwt, stringClaim } from '../../src/jwt.js'
import { hostileString, jsonPayload } from './arbitraries.js'

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** Claims objects with the registered claims in any type, plus arbitrary others. */
const claimsArbitrary = fc
  .tuple(
    fc.record(
      {
        sub: fc.oneof(hostileString(), jsonPayload),
        aud: fc.oneof(
          hostileString(),
          fc.array(fc.oneof(hostileString(), jsonPayload)),
          jsonPayload
        ),
        iss: fc.oneof(hostileString(), jsonPayload),
        exp: fc.oneof(fc.double(), fc.integer(), fc.constant(8.64e12 + 1), hostileString()),
        iat: fc.oneof(fc.double(), fc.integer(), jsonPayload),
        nbf: fc.oneof(fc.double({ noNaN: true }), fc.constant(-1e20))
      },
      { requiredKeys: [] }
    ),
    fc.dictionary(
      fc.string().filter(key => key !== '__proto__'),
      jsonPayload,
      { maxKeys: 5 }
    )
  )
  .map(([registered, extra]) => ({ ...extra, ...registered }))

/** Tokens that are almost JWTs: wrong part counts, bad base64, JSON that is not an object. */
const hostileToken = fc.oneof(
  hostileString(200),
  fc.array(hostileString(40), { maxLength: 5 }).map(parts => parts.join('.')),
  fc
    .tuple(jsonPayload, jsonPayload, hostileString(20))
    .map(([header, claims, signature]) => `${encode(header)}.${encode(claims)}.${signature}`),
  fc
    .tuple(claimsArbitrary, fc.nat(400))
    .map(([claims, cut]) => `${encode({ alg: 'RS256' })}.${encode(claims)}.sig`.slice(0, cut)),
  fc.uint8Array({ maxLength: 300 }).map(bytes => Buffer.from(bytes).toString('latin1'))
)

function expectHelpersSafe(token: string): void {
  const decoded = decodeJwt(token)
  if (decoded === undefined) return
  expect(typeof decoded.claims).toBe('object')
  expect(Array.isArray(decoded.claims)).toBe(false)
  for (const name of ['sub', 'iss', 'aud', 'exp', 'anything']) {
    const value = stringClaim(decoded, name)
    if (value !== undefined) expect(typeof value).toBe('string')
  }
  for (const value of audiences(decoded)) expect(typeof value).toBe('string')
  for (const name of ['exp', 'iat', 'nbf']) {
    const date = dateClaim(decoded, name)
    // A Date that cannot be printed would throw later, in whichever report shows it.
    if (date !== undefined) expect(() => date.toISOString()).not.toThrow()
  }
}

describe('decodeJwt under hostile tokens', () => {
  test('never throws, and its claim helpers return only usable values', () => {
    fc.assert(
      fc.property(hostileToken, token => expectHelpersSafe(token)),
      { numRuns: 500 }
    )
  })

  test('reads back exactly the claims of a well-formed token, with or without padding', () => {
    fc.assert(
      fc.property(
        claimsArbitrary,
        fc.dictionary(fc.string(), jsonPayload, { maxKeys: 3 }),
        fc.constantFrom('', '\n', ' '),
        (claims, header, around) => {
          const token = `${around}${encode(header)}.${encode(claims)}.c2lnbmF0dXJl${around}`
          const decoded = decodeJwt(token)
          expect(decoded?.claims).toEqual(JSON.parse(JSON.stringify(claims)))
          expectHelpersSafe(token)
        }
      ),
      { numRuns: 300 }
    )
  })
})
