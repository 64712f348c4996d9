import { describe, expect, test } from '@jest/globals'
import { accessKeyIdMalformed } from '../../src/checks/access-key-id-malformed.js'
import { encodeKeyId, generateSecretAccessKey } from '../emulator/keys.js'
import {
  envKeys,
  findingsOf,
  idsOf,
  keyIdProblemText,
  longTermKey,
  temporaryKey
} from './scenario.js'

describe('access-key-id-malformed', () => {
  test('an IAM user ID pasted as the key: says what it is, and its account', () => {
    const userId = encodeKeyId('AIDA', '123456789012', { length: 17 })
    const [item] = findingsOf(accessKeyIdMalformed, {
      env: envKeys({ id: userId, secret: generateSecretAccessKey() })
    })
    expect(item?.message).toContain('it starts with AIDA: it is the unique ID of an IAM user')
    expect(item?.message).toContain('in account 123456789012')
  })

  test.each([
    ['AROADBQP57FF2AEXAMPLE:GitHubActions', 'the unique ID of an IAM role'],
    ['arn:aws:iam::111122223333:user/ci', 'it is an ARN'],
    ['ci-user@example.com', 'e-mail address'],
    ['akia2e3mq5zu4ek4sbfu', 'lower-case letters'],
    ['AKIA2E3MQ5ZU4EK4SBF', '19 characters long instead of 20'],
    ['AKIA2E3MQ5ZU4EK4SBF0', 'contains 0, 1, 8 or 9'],
    ['AKIA2E3MQ5ZU4EK4SB-U', 'characters other than upper-case letters and digits'],
    ['XKIA2E3MQ5ZU4EK4SBFU', 'does not start with AKIA']
  ])('%s: %s', (value, problem) => {
    expect(keyIdProblemText(value)).toContain(problem)
  })

  test('a secret in the key ID place, with a non-key in the secret place', () => {
    const [item] = findingsOf(accessKeyIdMalformed, {
      env: {
        AWS_ACCESS_KEY_ID: generateSecretAccessKey(),
        AWS_SECRET_ACCESS_KEY: generateSecretAccessKey()
      }
    })
    expect(item?.message).toContain('shape of a secret access key')
  })

  test('judged without the quotes and invisible characters other checks report', () => {
    const key = longTermKey()
    expect(
      idsOf(accessKeyIdMalformed, { env: envKeys({ id: `"${key.id}"\n`, secret: key.secret }) })
    ).toEqual([])
  })

  test('real key IDs, examples, placeholders and empty values are left to other checks', () => {
    expect(idsOf(accessKeyIdMalformed, { env: envKeys(longTermKey()) })).toEqual([])
    expect(idsOf(accessKeyIdMalformed, { env: envKeys(temporaryKey()) })).toEqual([])
    expect(
      idsOf(accessKeyIdMalformed, {
        env: { AWS_ACCESS_KEY_ID: 'ASIACQRSTUVWRAOEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' }
      })
    ).toEqual([])
    expect(
      idsOf(accessKeyIdMalformed, {
        env: { AWS_ACCESS_KEY_ID: '${{ secrets.KEY }}', AWS_SECRET_ACCESS_KEY: 'x' }
      })
    ).toEqual([])
    expect(
      idsOf(accessKeyIdMalformed, { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: 'x' } })
    ).toEqual([])
  })
})
