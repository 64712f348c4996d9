import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import {
  accountIdFromAccessKeyId,
  decodeAccountId,
  isNewFormatId
} from '../../src/discover/account-id.js'
import { encodeKeyId } from '../emulator/keys.js'

describe('the account encoded in a key ID (aws-facts B1–B3)', () => {
  test.each([
    ['ASIAY34FZKBOKMUTVV7A', '609629065308'],
    ['ASIAY34FZKBNKMUTVV7A', '609629065306'],
    ['ASIAY34FZKAOKMUTVV7A', '609629065244'],
    ['AIDAUH3H6EGKDO36JYJH3', '291738886548'],
    ['ASIAVJ2E6QGR2WZILJFM', '364679954851'],
    ['ASIAQNZGKIQY56JQ7WML', '029608264753'],
    ['AKIA6RVFFB77RE7OLMKI', '999999999999'],
    ['ASIAQAAAAAAAGMKEM7X5', '000000000000'],
    ['AKIARZPUZDIKGB2VALC4', '123456789012']
  ])('%s belongs to %s', (id, account) => {
    expect(decodeAccountId(id)).toBe(account)
  })

  test('old-format IDs (AKIAI…, AKIAJ…) are refused, not decoded to nonsense', () => {
    expect(isNewFormatId('AKIAIOSFODNN7EXAMPLE')).toBe(false)
    expect(decodeAccountId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined()
    expect(accountIdFromAccessKeyId('AKIAJQABLZS4A3QDU576')).toBeUndefined()
  })

  test('only access key IDs give the account of the credentials', () => {
    expect(accountIdFromAccessKeyId('AIDAUH3H6EGKDO36JYJH3')).toBeUndefined()
    expect(accountIdFromAccessKeyId('AKIARZPUZDIKGB2VALC')).toBeUndefined()
    expect(accountIdFromAccessKeyId('AKIARZPUZDIKGB2VALC4')).toBe('123456789012')
  })

  test('any account the emulator encodes decodes back', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/u),
        fc.constantFrom('AKIA', 'ASIA'),
        (account, prefix) => {
          expect(accountIdFromAccessKeyId(encodeKeyId(prefix, account))).toBe(account)
        }
      )
    )
  })

  test('any string is answered without throwing', () => {
    fc.assert(
      fc.property(fc.string(), value => {
        const account = decodeAccountId(value)
        if (account !== undefined) expect(account).toMatch(/^\d{12}$/u)
      })
    )
  })
})
