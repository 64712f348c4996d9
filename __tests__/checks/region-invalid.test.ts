import { describe, expect, test } from '@jest/globals'
import { regionInvalid } from '../../src/checks/region-invalid.js'
import { CONFIG_FILE, envKeys, findingsOf, idsOf, longTermKey } from './scenario.js'

describe('region-invalid', () => {
  test.each(['us-east-1/x', 'us east-1', 'us_east_1', 'us-east-1.', 'us-east-1\n', '-us'])(
    'AWS_REGION=%j is refused before anything is sent',
    region => {
      const [item] = findingsOf(regionInvalid, {
        env: { ...envKeys(longTermKey()), AWS_REGION: region }
      })
      expect(item?.id).toBe('region-invalid')
      expect(item?.message).toContain('environment variable `AWS_REGION`')
      expect(item?.message).toContain('Nothing was sent to AWS')
      // Escaped: a newline in the value is shown as `\n`, never as a line break.
      expect(item?.message).not.toContain('\n')
    }
  )

  test("a profile's region is judged too", () => {
    const [item] = findingsOf(regionInvalid, {
      files: { [CONFIG_FILE]: '[default]\nregion = eu west 1\n' }
    })
    expect(item?.id).toBe('region-invalid')
  })

  test('a secret pasted as the region is not quoted', () => {
    // The AWS documentation's example secret: its slashes make it no host label.
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    const [item] = findingsOf(regionInvalid, { env: { AWS_REGION: secret } })
    expect(item?.message).toContain('(not shown)')
    expect(JSON.stringify(item)).not.toContain(secret.slice(0, 8))
  })

  test.each(['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-north-1', 'US-EAST-1'])(
    '%s is a region name the SDK accepts',
    region => {
      expect(idsOf(regionInvalid, { env: { AWS_REGION: region } })).toEqual([])
    }
  )
})
