/**
 * The redactor against random secrets and texts built from their pieces: no registered secret,
 * nor a prefix or suffix of 8 or more characters of one, survives, and text without them is
 * untouched.
 */
import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { looksLikeKeyMaterial, maskAccessKeyId, maskForms, Redactor } from '../../src/redact.js'
import { hostileString } from './arbitraries.js'

/** A small alphabet (with the replacement's own `*`) makes overlaps and collisions likely. */
const narrowString = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom('a', 'b', '*', '\n', ' '), minLength, maxLength })

const secretArbitrary = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9/+]{40}$/u),
  fc
    .stringMatching(/^[A-Za-z0-9/+]{16,40}$/u)
    .filter(value => /[0-9]/u.test(value) && /[A-Za-z]/u.test(value)),
  // Long secrets are left out: checking every part of them is quadratic in the test itself.
  hostileString(80, 40),
  narrowString(6, 24)
)

/**
 * What redaction must remove: every registered form of the secret (as given, trimmed, each
 * line), and, for forms that look like key material, the first and last 8 characters, so
 * that no prefix or suffix of 8 or more characters of a real secret survives. (Middles are left alone by design, see src/redact.ts: the
 * end-to-end leak tests prove the action never prints one.)
 */
function mustVanish(secret: string): string[] {
  return maskForms(secret).flatMap(form =>
    form.length > 8 && looksLikeKeyMaterial(form)
      ? [form, form.slice(0, 8), form.slice(-8)]
      : [form]
  )
}

/** Text made of noise and of pieces of the secret: whole, prefixes, suffixes and middles. */
function textAround(secret: string): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constant(secret),
    fc.constant(secret.trim()),
    fc
      .tuple(fc.nat(secret.length), fc.nat(secret.length))
      .map(([a, b]) => secret.slice(Math.min(a, b), Math.max(a, b))),
    narrowString(0, 6),
    hostileString(16, 40)
  )
  return fc.array(piece, { maxLength: 8 }).map(parts => parts.join(''))
}

describe('Redactor under random secrets', () => {
  test('no registered secret, nor a prefix or suffix of 8 characters of one, survives', () => {
    fc.assert(
      fc.property(
        fc
          .array(secretArbitrary, { minLength: 1, maxLength: 3 })
          .chain(secrets =>
            fc.tuple(
              fc.constant(secrets),
              fc.array(fc.constantFrom(...secrets).chain(textAround), { maxLength: 3 })
            )
          ),
        ([secrets, texts]) => {
          const redactor = new Redactor()
          for (const secret of secrets) redactor.add(secret)
          const redacted = redactor.redact(texts.join('|'))
          for (const secret of secrets) {
            for (const form of mustVanish(secret)) expect(redacted).not.toContain(form)
          }
        }
      ),
      { numRuns: 500 }
    )
  })

  test('text that holds no part of a secret comes out unchanged', () => {
    fc.assert(
      fc.property(secretArbitrary, hostileString(200), (secret, text) => {
        const redactor = new Redactor()
        redactor.add(secret)
        const touches = mustVanish(secret).some(form => text.includes(form))
        if (!touches) expect(redactor.redact(text)).toBe(text)
      }),
      { numRuns: 500 }
    )
  })
})

describe('maskAccessKeyId under random values', () => {
  test('shows at most four characters on each side, never five in a row', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileString(64, 40), fc.stringMatching(/^AKIA[A-Z2-7]{16}$/u)),
        value => {
          const masked = maskAccessKeyId(value)
          expect(
            ['', '****'].includes(masked) || /^[\x21-\x7e]{4}…[\x21-\x7e]{4}$/u.test(masked)
          ).toBe(true)
          const printable = value.replace(/[^\x21-\x7e]/gu, '')
          for (let start = 0; start + 5 <= printable.length; start += 1)
            expect(masked).not.toContain(printable.slice(start, start + 5))
        }
      ),
      { numRuns: 500 }
    )
  })
})
