/** Which requests go through a proxy: the variables curl and the runner read, and NO_PROXY. */
import { describe, expect, test } from '@jest/globals'
import { bypassesProxy, proxyFor as proxyForSettings } from '../../src/aws/proxy.js'
import { proxySettingsOf } from '../../src/discover/network.js'

const STS = 'https://sts.us-east-1.amazonaws.com'

/** The route for `target`, with the variables read as discovery reads them. */
function proxyFor(target: string, env: Readonly<Record<string, string>>) {
  return proxyForSettings(target, proxySettingsOf(env))
}

describe('proxyFor', () => {
  test('HTTPS_PROXY applies to https endpoints, shown without its credentials', () => {
    const route = proxyFor(STS, { HTTPS_PROXY: 'http://user:p%40ss@proxy.internal:3128' })
    expect(route?.display).toBe('http://proxy.internal:3128')
    expect(route?.variable).toBe('HTTPS_PROXY')
    expect(route?.url.password).toBe('p%40ss')
  })

  test('the lower-case variable wins, as in curl', () => {
    const route = proxyFor(STS, { https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' })
    expect(route?.display).toBe('http://a:1')
  })

  test('a proxy without a scheme is taken as http', () => {
    expect(proxyFor(STS, { HTTPS_PROXY: 'proxy.internal:3128' })?.display).toBe(
      'http://proxy.internal:3128'
    )
  })

  test('HTTP_PROXY applies only to http endpoints', () => {
    expect(proxyFor(STS, { HTTP_PROXY: 'http://proxy:3128' })).toBeUndefined()
    expect(proxyFor('http://sts.local:4566', { HTTP_PROXY: 'http://proxy:3128' })?.display).toBe(
      'http://proxy:3128'
    )
  })

  test('no variable, no proxy', () => {
    expect(proxyFor(STS, {})).toBeUndefined()
    expect(proxyFor(STS, { HTTPS_PROXY: '' })).toBeUndefined()
  })
})

describe('bypassesProxy', () => {
  const url = new URL(STS)
  test.each([
    ['*', true],
    ['amazonaws.com', true],
    ['.amazonaws.com', true],
    ['*.amazonaws.com', true],
    ['sts.us-east-1.amazonaws.com:443', true],
    ['sts.us-east-1.amazonaws.com:8443', false],
    ['example.com, amazonaws.com', true],
    ['example.com', false],
    ['zonaws.com', false]
  ])('NO_PROXY=%s bypasses: %s', (noProxy, expected) => {
    expect(bypassesProxy(url, noProxy)).toBe(expected)
  })

  test('loopback is never proxied', () => {
    expect(bypassesProxy(new URL('http://127.0.0.1:4566'), undefined)).toBe(true)
    expect(bypassesProxy(new URL('http://localhost:4566'), undefined)).toBe(true)
  })
})
