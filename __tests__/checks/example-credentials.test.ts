import { describe, expect, test } from '@jest/globals'
import { exampleCredentials, isExampleValue } from '../../src/checks/example-credentials.js'
import { envKeys, findingsOf, idsOf, longTermKey } from './scenario.js'

describe('example-credentials', () => {
  test('the IAM User Guide pair is reported once for its source', () => {
    const findings = findingsOf(exampleCredentials, {
      env: {
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
      }
    })
    expect(findings).toHaveLength(1)
    expect(findings[0]?.evidence).toEqual([
      'access key ID: environment variable `AWS_ACCESS_KEY_ID`',
      'secret access key: environment variable `AWS_SECRET_ACCESS_KEY`'
    ])
    expect(JSON.stringify(findings)).not.toContain('wJalrXUtnFEMI')
  })

  test.each([
    ['accessKeyId', 'AKIAI44QH8DHBEXAMPLE'],
    ['accessKeyId', 'ASIAIOSFODNN7EXAMPLE'],
    ['accessKeyId', 'ASIACQRSTUVWRAOEXAMPLE'],
    ['accessKeyId', 'AIDACKCEVSQ6C2EXAMPLE'],
    ['secretAccessKey', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'],
    ['sessionToken', 'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW'],
    ['sessionToken', 'AQoDYXdzEJr...']
  ] as const)('%s %s is a documented example', (part, value) => {
    expect(isExampleValue(part, value)).toBe(true)
  })

  test('an example with a trailing newline is still the example', () => {
    expect(
      idsOf(exampleCredentials, {
        env: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE\n', AWS_SECRET_ACCESS_KEY: 'x' }
      })
    ).toEqual(['example-credentials'])
  })

  test('generated keys are not examples', () => {
    expect(idsOf(exampleCredentials, { env: envKeys(longTermKey()) })).toEqual([])
  })
})
