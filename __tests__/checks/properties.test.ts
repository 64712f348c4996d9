/**
 * Properties of all the offline checks together: whatever the runner holds (any variable value,
 * any file), the checks answer with findings and never throw, and no finding carries the
 * secret or token it was given, not even an eight-character piece of it.
 */
import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { CHECKS, runChecks } from '../../src/checks/index.js'
import { CHECK_SETTINGS, CONFIG_FILE, CREDENTIALS_FILE, scenario } from './scenario.js'

const VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_EC2_METADATA_DISABLED',
  'GITHUB_ACTOR',
  'GITHUB_EVENT_NAME'
] as const

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('', ' ', '\n', '"', 'dependabot[bot]', 'pull_request', 'default', '[profile x]')
)

const secretShape = fc
  .stringMatching(/^[A-Za-z0-9/+]{40}$/u)
  .filter(value => /[a-z]/u.test(value) && /[A-Z]/u.test(value) && /[0-9]/u.test(value))
const tokenShape = fc
  .stringMatching(/^[A-Za-z0-9/+]{120,400}$/u)
  .filter(value => /[a-z]/u.test(value) && /[A-Z]/u.test(value) && /[0-9]/u.test(value))
const keyIdShape = fc.stringMatching(/^A[KS]IA[A-Z2-7]{16}$/u)

/** What people do to a value on its way into a secret. */
const damage = fc.constantFrom(
  (value: string) => value,
  (value: string) => `${value}\n`,
  (value: string) => `"${value}"`,
  (value: string) => `\ufeff${value} `,
  (value: string) => `${value.slice(0, 20)}\u200b${value.slice(20)}`,
  (value: string) => value.slice(0, 30),
  (value: string) => `${value}${value}`
)

function fragments(secret: string): string[] {
  const pieces: string[] = []
  for (let start = 0; start + 8 <= secret.length; start += 1)
    pieces.push(secret.slice(start, start + 8))
  return pieces
}

describe('every check, together', () => {
  test("any variables and any files give findings with the check's declared IDs, never an exception", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...VARIABLES), anyText),
        fc.option(fc.string({ unit: 'binary', maxLength: 300 })),
        fc.option(fc.string({ unit: 'binary', maxLength: 300 })),
        (env, credentials, config) => {
          const files: Record<string, string> = {}
          if (credentials !== null) files[CREDENTIALS_FILE] = credentials
          if (config !== null) files[CONFIG_FILE] = config
          const discovery = scenario({ env, files })
          for (const check of CHECKS) {
            for (const item of check.run(discovery, CHECK_SETTINGS)) {
              expect(typeof item.message).toBe('string')
              expect(['error', 'warning', 'notice']).toContain(item.severity)
              // A check emits only the IDs it declares (the type of `defineCheck` says so too).
              expect(check.ids).toContain(item.id)
            }
          }
        }
      ),
      { numRuns: 400 }
    )
  })

  test('no finding carries the secret or the token, from variables, inputs or files', () => {
    fc.assert(
      fc.property(
        keyIdShape,
        secretShape,
        tokenShape,
        damage,
        damage,
        fc.constantFrom('env', 'input', 'file', 'swapped', 'legacy', 'misspelled'),
        (keyId, secret, token, damageSecret, damageToken, where) => {
          const damagedSecret = damageSecret(secret)
          const damagedToken = damageToken(token)
          const fileText = (secretKey: string, tokenKey: string) =>
            `[default]\naws_access_key_id = ${keyId}\n${secretKey} = ${damagedSecret} # note\n  ${tokenKey} = ${damagedToken}\nexport AWS_SECRET_ACCESS_KEY=${damagedSecret}\n${damagedSecret}\n`
          const discovery =
            where === 'env'
              ? scenario({
                  env: {
                    AWS_ACCESS_KEY_ID: keyId,
                    AWS_SECRET_ACCESS_KEY: damagedSecret,
                    AWS_SESSION_TOKEN: damagedToken
                  }
                })
              : where === 'input'
                ? scenario({
                    settings: {
                      accessKeyId: keyId,
                      secretAccessKey: damagedSecret,
                      sessionToken: damagedToken
                    }
                  })
                : where === 'swapped'
                  ? scenario({
                      env: {
                        AWS_ACCESS_KEY_ID: damagedSecret,
                        AWS_SECRET_ACCESS_KEY: keyId,
                        AWS_SECURITY_TOKEN: damagedToken
                      }
                    })
                  : where === 'legacy'
                    ? scenario({
                        env: {
                          AWS_ACCESS_KEY_ID: keyId,
                          AWS_SECRET_ACCESS_KEY: damagedSecret,
                          AWS_SECURITY_TOKEN: damagedToken,
                          AWS_PROFILE: 'x'
                        }
                      })
                    : scenario({
                        files: {
                          [CREDENTIALS_FILE]:
                            where === 'file'
                              ? fileText('aws_secret_access_key', 'aws_session_token')
                              : fileText('AWS_Secret_Key', 'token')
                        }
                      })
          const text = JSON.stringify(runChecks(discovery, CHECK_SETTINGS))
          for (const piece of [...fragments(secret), ...fragments(token)])
            expect(text).not.toContain(piece)
          // And everything secret that discovery read is registered for masking.
          expect(discovery.secrets.some(value => value.includes(secret.slice(0, 20)))).toBe(true)
        }
      ),
      { numRuns: 300 }
    )
  })

  test('an arbitrary string as the secret or token never appears whole in a finding', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 12, maxLength: 60 })
          .filter(
            value => value.trim().length >= 10 && /\d/u.test(value) && /[A-Za-z]/u.test(value)
          ),
        fc
          .string({ minLength: 12, maxLength: 60 })
          .filter(
            value => value.trim().length >= 10 && /\d/u.test(value) && /[A-Za-z]/u.test(value)
          ),
        fc.string({ maxLength: 30 }),
        (secret, token, keyId) => {
          const findings = runChecks(
            scenario({
              env: {
                AWS_ACCESS_KEY_ID: keyId,
                AWS_SECRET_ACCESS_KEY: secret,
                AWS_SESSION_TOKEN: token
              }
            }),
            CHECK_SETTINGS
          )
          const text = findings
            .map(item =>
              [item.title, item.message, item.remediation, ...(item.evidence ?? [])].join('\n')
            )
            .join('\n')
          expect(text).not.toContain(secret.trim())
          expect(text).not.toContain(token.trim())
        }
      ),
      { numRuns: 300 }
    )
  })
})
