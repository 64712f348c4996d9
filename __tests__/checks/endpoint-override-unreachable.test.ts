import { describe, expect, test } from '@jest/globals'
import { endpointOverrideUnreachable } from '../../src/checks/endpoint-override-unreachable.js'
import { CONFIG_FILE, envKeys, findingsOf, longTermKey } from './scenario.js'

const keys = envKeys(longTermKey())

describe('endpoint-override-unreachable (offline: no http(s) URL)', () => {
  test.each([
    ['127.0.0.1:9', 'TypeError: Invalid URL', 'Invalid endpoint: 127.0.0.1:9'],
    ['not-a-url', 'TypeError: Invalid URL', 'Invalid endpoint: not-a-url'],
    ['localhost:4566', 'does not refuse it', 'Invalid endpoint: localhost:4566'],
    [
      'ftp://127.0.0.1:9',
      'does not refuse it',
      'An HTTP Client raised an unhandled exception: Not supported URL scheme ftp'
    ]
  ])('AWS_ENDPOINT_URL_STS=%s is an error quoting both tools', (url, js, cli) => {
    const [item] = findingsOf(endpointOverrideUnreachable, {
      env: { ...keys, AWS_ENDPOINT_URL_STS: url }
    })
    expect(item?.id).toBe('endpoint-override-unreachable')
    expect(item?.severity).toBe('error')
    expect(item?.title).toBe('`AWS_ENDPOINT_URL_STS` is not an endpoint URL')
    expect(item?.message).toContain(js)
    expect(item?.message).toContain(cli)
    expect(item?.message).toContain('The action did not call STS.')
    expect(item?.remediation).toContain('Unset `AWS_ENDPOINT_URL_STS`')
  })

  test('AWS_ENDPOINT_URL sets both services: reported once, as STS', () => {
    const items = findingsOf(endpointOverrideUnreachable, {
      env: { ...keys, AWS_ENDPOINT_URL: 'localhost:4566' }
    })
    expect(items.map(item => item.severity)).toEqual(['error'])
  })

  test('an IAM-only override that is no URL is a notice', () => {
    const items = findingsOf(endpointOverrideUnreachable, {
      env: { ...keys, AWS_ENDPOINT_URL_IAM: 'iam.local' }
    })
    expect(items.map(item => [item.severity, item.title])).toEqual([
      ['notice', '`AWS_ENDPOINT_URL_IAM` is not an endpoint URL']
    ])
  })

  test("a profile's endpoint_url is named by its line, and the fix deletes it", () => {
    const [item] = findingsOf(endpointOverrideUnreachable, {
      env: keys,
      files: { [CONFIG_FILE]: '[default]\nendpoint_url = localhost:4566\n' }
    })
    expect(item?.message).toContain('`endpoint_url` in `~/.aws/config` line 2')
    expect(item?.remediation).toContain('Delete')
  })

  test('URLs, and overrides that AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns off, are silent', () => {
    const envs: Record<string, string>[] = [
      { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4566' },
      { AWS_ENDPOINT_URL_STS: 'https://sts.eu-west-1.amazonaws.com' },
      { AWS_ENDPOINT_URL_STS: 'not-a-url', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }
    ]
    for (const env of envs)
      expect(findingsOf(endpointOverrideUnreachable, { env: { ...keys, ...env } })).toEqual([])
  })
})
