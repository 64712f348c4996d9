/**
 * The bundled action against the STS/IAM emulator for every remote finding: the clock, regions
 * and partitions, the network (closed port, a server that never answers, 500s, throttling,
 * a proxy), IAM (inactive, old and root keys, denied look-ups) and the gates (wrong account,
 * long-term keys, a denied required action). Every test proves that no secret leaks.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { startConnectProxy } from './connect-proxy.js'
import { cleanUp, expectNoLeak, runAction, type RunResult } from './harness.js'

let emulator: Emulator
let accountSeed = 100000000000

beforeAll(async () => {
  emulator = await startEmulator()
})

afterAll(async () => {
  await emulator.stop()
  cleanUp()
})

/** A fresh account per test, so no test's setup (partition, regions, denials) leaks into another. */
function newAccount(): string {
  accountSeed += 1
  return String(accountSeed)
}

function envKeys(
  pair: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  region = 'us-east-1'
): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: pair.accessKeyId,
    AWS_SECRET_ACCESS_KEY: pair.secretAccessKey,
    ...(pair.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: pair.sessionToken }),
    AWS_REGION: region
  }
}

function findingOf(result: RunResult, id: string): RunResult['findings'][number] | undefined {
  return result.findings.find(item => item.id === id)
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

async function withFault<T>(fault: Parameters<Emulator['setFault']>[0], run: () => Promise<T>) {
  emulator.setFault(fault)
  try {
    return await run()
  } finally {
    emulator.setFault(undefined)
  }
}

describe('the clock', () => {
  test('ten minutes behind AWS is a clock-skew warning on a call that succeeded', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await withFault({ mode: 'clockSkew', clockSkewSeconds: 600 }, () =>
      runAction({ endpoint: emulator.url, env: envKeys(key), inputs: { 'check-iam': 'false' } })
    )
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expect(result.outputs.status).toBe('warn')
    expect(result.outputs.cause).toBe('clock-skew')
    expect(findingOf(result, 'clock-skew')?.severity).toBe('warning')
    expect(findingOf(result, 'clock-skew')?.message).toContain('10 minutes behind')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('twenty minutes ahead is a clock-skew error, and the identity is still learned', async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const result = await withFault({ mode: 'clockSkew', clockSkewSeconds: -1200 }, () =>
      runAction({ endpoint: emulator.url, env: envKeys(key), inputs: { 'check-iam': 'false' } })
    )
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('clock-skew')
    expect(findingOf(result, 'clock-skew')?.severity).toBe('error')
    expect(findingOf(result, 'clock-skew')?.message).toContain('20 minutes ahead of')
    expect(result.outputs.arn).toBe(`arn:aws:iam::${account}:user/ci`)
    expect(result.outputs.valid).toBe('false')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a wrong secret behind a skewed clock is reported too, once the clock is accounted for', async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const other = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const result = await withFault({ mode: 'clockSkew', clockSkewSeconds: 1200 }, () =>
      runAction({
        endpoint: emulator.url,
        env: envKeys({ accessKeyId: key.accessKeyId, secretAccessKey: other.secretAccessKey }),
        inputs: { 'check-iam': 'false' }
      })
    )
    expect(result.outputs.cause).toBe('clock-skew')
    expect(result.ids).toContain('signature-mismatch')
    expectNoLeak(result, [key.secretAccessKey, other.secretAccessKey])
  })
})

describe('regions and partitions', () => {
  test('an opt-in region the account has not enabled is region-not-enabled, not a bad key', async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(key, 'ap-east-1'),
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('region-not-enabled')
    expect(result.ids).not.toContain('invalid-client-token-id')
    expect(result.outputs['account-id']).toBe(account)
    expect(result.summary).toContain('ap-east-1')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('the same key passes once the region is enabled', async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    emulator.enableRegion(account, 'ap-east-1')
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(key, 'ap-east-1'),
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('pass')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a China key checked in a commercial region names the partition', async () => {
    const account = newAccount()
    emulator.configureAccount(account, { partition: 'aws-cn' })
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key, 'eu-west-1') })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('invalid-client-token-id')
    expect(findingOf(result, 'invalid-client-token-id')?.title).toContain('AWS China (aws-cn)')
    expect(findingOf(result, 'invalid-client-token-id')?.remediation).toContain('cn-north-1')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a commercial key checked in a China region names the partition as its first cause', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key, 'cn-north-1') })
    expect(result.outputs.cause).toBe('invalid-client-token-id')
    const item = findingOf(result, 'invalid-client-token-id')
    expect(item?.title).toContain('commercial partition')
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('the network', () => {
  test('an override at a closed port is endpoint-override-unreachable: the variable, the URL, refused, how long', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const endpoint = `http://127.0.0.1:${await closedPort()}`
    const result = await runAction({ endpoint, env: envKeys(key) })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('endpoint-override-unreachable')
    expect(result.ids).not.toContain('sts-unreachable')
    const item = findingOf(result, 'endpoint-override-unreachable')
    expect(item?.title).toContain('`AWS_ENDPOINT_URL_STS` sends STS requests to')
    expect(item?.message).toContain('environment variable `AWS_ENDPOINT_URL_STS`')
    expect(item?.message).toContain('the connection was refused')
    expect(item?.message).toContain(endpoint)
    expect(item?.message).toMatch(/ECONNREFUSED`, \d+ attempts?, after \d/u)
    expect(item?.remediation).toContain('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('an IAM override at a closed port is endpoint-override-unreachable as a notice: the step passes', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const endpoint = `http://127.0.0.1:${await closedPort()}`
    const result = await runAction({
      env: { ...envKeys(key), AWS_ENDPOINT_URL_STS: emulator.url, AWS_ENDPOINT_URL_IAM: endpoint },
      // A notice: not even a step that fails on warnings fails on it.
      inputs: { 'fail-on': 'warning' }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    const item = findingOf(result, 'endpoint-override-unreachable')
    expect(item?.severity).toBe('notice')
    expect(item?.title).toBe(
      `\`AWS_ENDPOINT_URL_IAM\` sends IAM requests to \`${endpoint}\`, where nothing answers`
    )
    expect(item?.message).toContain('environment variable `AWS_ENDPOINT_URL_IAM`')
    expect(item?.message).toContain('this does not fail the step')
    // The override is the reason for the look-ups that failed: no second notice repeats it.
    expect(findingOf(result, 'iam-check-skipped')?.message ?? '').not.toContain(
      'could not reach IAM'
    )
    expectNoLeak(result, [key.secretAccessKey])
  })

  test("an override at another region's STS endpoint: region-invalid, not the secret", async () => {
    const regional = await startEmulator({ stsRegion: 'us-east-1' })
    try {
      const key = regional.createAccessKey({ accountId: newAccount(), userName: 'ci' })
      const result = await runAction({
        env: { ...envKeys(key, 'eu-west-1'), AWS_ENDPOINT_URL_STS: regional.url },
        inputs: { 'check-iam': 'false' }
      })
      expect(result.code).toBe(1)
      expect(result.outputs.cause).toBe('region-invalid')
      expect(result.ids).not.toContain('signature-mismatch')
      const item = findingOf(result, 'region-invalid')
      expect(item?.title).toBe('STS refused the region eu-west-1 the request was signed for')
      expect(item?.message).toContain('Credential should be scoped to a valid region')
      expect(item?.message).toContain('environment variable `AWS_ENDPOINT_URL_STS`')
      expectNoLeak(result, [key.secretAccessKey])
    } finally {
      await regional.stop()
    }
  })

  test("a profile's sts endpoint_url that resolves nowhere names its file line, within the budget", async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await runAction({
      env: envKeys(key),
      homeFiles: {
        '.aws/config':
          '[default]\nservices = local\n\n[services local]\nsts =\n  endpoint_url = http://sts.nonexistent.invalid\n'
      },
      inputs: { 'check-iam': 'false', 'timeout-seconds': '5' }
    })
    expect(result.outputs.cause).toBe('endpoint-override-unreachable')
    const item = findingOf(result, 'endpoint-override-unreachable')
    expect(item?.message).toContain('`sts.endpoint_url` in `~/.aws/config` line 6')
    expect(item?.message).toContain('does not resolve (DNS)')
    expect(item?.remediation).toContain('Delete')
    // `.invalid` never resolves: the answer comes at once, not at the deadline.
    expect(result.durationMs).toBeLessThan(5000)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('an override that is no URL is reported offline, and STS is not called', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const before = emulator.requestLog().length
    const result = await runAction({
      env: { ...envKeys(key), AWS_ENDPOINT_URL_STS: '127.0.0.1:9' },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('endpoint-override-unreachable')
    expect(findingOf(result, 'endpoint-override-unreachable')?.message).toContain(
      '`Invalid endpoint: 127.0.0.1:9`'
    )
    expect(result.summary).toContain('not called: the endpoint override is not an http(s) URL')
    expect(emulator.requestLog().length).toBe(before)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true silences a dead override, and a working one is silent', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const dead = await runAction({
      env: {
        ...envKeys(key),
        AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${await closedPort()}`,
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
        // Without the override the request goes to STS itself; a closed proxy keeps it on loopback.
        HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}`
      },
      inputs: { 'check-iam': 'false', 'timeout-seconds': '3' }
    })
    expect(dead.ids).not.toContain('endpoint-override-unreachable')
    expect(dead.outputs.cause).toBe('sts-unreachable')
    const working = await runAction({
      endpoint: emulator.url,
      env: envKeys(key),
      inputs: { 'check-iam': 'false' }
    })
    expect(working.outputs.valid).toBe('true')
    expect(working.ids).not.toContain('endpoint-override-unreachable')
  })

  test('a server that never answers ends in sts-timeout within timeout-seconds', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await withFault({ mode: 'hang' }, () =>
      runAction({
        endpoint: emulator.url,
        env: envKeys(key),
        inputs: { 'timeout-seconds': '2' },
        // The contract's bound (timeout-seconds plus two seconds): a run still going is killed
        // and has no exit code.
        killAfterMs: 4000
      })
    )
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('sts-timeout')
    expect(findingOf(result, 'sts-timeout')?.message).toContain('(2 s)')
    expect(result.summary).toContain('sts-timeout')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('IAM that never answers leaves the STS verdict standing, with one notice', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await withFault(
      { mode: 'hang', actions: ['GetUser', 'ListAccessKeys', 'GetAccessKeyLastUsed'] },
      () =>
        runAction({
          endpoint: emulator.url,
          env: envKeys(key),
          inputs: { 'timeout-seconds': '2' },
          killAfterMs: 4000
        })
    )
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expect(result.ids.filter(id => id === 'iam-check-skipped')).toHaveLength(1)
    expect(findingOf(result, 'iam-check-skipped')?.message).toContain('no answer in time')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('500s on every attempt are sts-service-error', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await withFault({ mode: 'http500' }, () =>
      runAction({ endpoint: emulator.url, env: envKeys(key) })
    )
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('sts-service-error')
    expect(findingOf(result, 'sts-service-error')?.message).toContain('InternalFailure')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('throttling that does not stop is sts-service-error telling to spread the jobs', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await withFault({ mode: 'throttle' }, () =>
      runAction({ endpoint: emulator.url, env: envKeys(key) })
    )
    expect(result.outputs.cause).toBe('sts-service-error')
    expect(findingOf(result, 'sts-service-error')?.remediation).toContain('throttling')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('throttling that stops is retried through to a pass', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await withFault({ mode: 'throttle', times: 2 }, () =>
      runAction({ endpoint: emulator.url, env: envKeys(key), inputs: { 'check-iam': 'false' } })
    )
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a cut-off answer is sts-service-error saying it could not be read', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await withFault({ mode: 'malformed' }, () =>
      runAction({ endpoint: emulator.url, env: envKeys(key) })
    )
    expect(result.outputs.cause).toBe('sts-service-error')
    expect(findingOf(result, 'sts-service-error')?.message).toContain('could not be read')
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('configuration settings', () => {
  test('an invalid AWS_DEFAULTS_MODE fails the step as config-variable-invalid, the keys still checked', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: { ...envKeys(key), AWS_DEFAULTS_MODE: 'bogus' },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('config-variable-invalid')
    // The action's own client is not thrown by the value: STS answered, and said who this is.
    expect(result.ids).not.toContain('sts-service-error')
    expect(result.outputs['account-id']).toBe(String(accountSeed))
    const item = findingOf(result, 'config-variable-invalid')
    expect(item?.severity).toBe('error')
    expect(item?.message).toContain('Client configured with invalid defaults mode: bogus.')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a retry mode only the AWS CLI refuses is a warning, and the step passes', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: { ...envKeys(key), AWS_RETRY_MODE: 'Standard' },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expect(result.outputs.status).toBe('warn')
    expect(result.outputs.cause).toBe('config-variable-invalid')
    expect(findingOf(result, 'config-variable-invalid')?.message).toContain(
      `Invalid value provided to "mode": "Standard" must be one of: ('legacy', 'standard', 'adaptive')`
    )
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a 10,000-character value is shortened wherever it is written', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const long = 'x'.repeat(10_000)
    const result = await runAction({
      endpoint: emulator.url,
      env: { ...envKeys(key), AWS_RETRY_MODE: long },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.ids).toContain('config-variable-invalid')
    for (const text of [result.stdout, result.summary, result.outputFile])
      expect(text).not.toContain('x'.repeat(300))
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('whose credentials are validated', () => {
  function profiles(ci: { accessKeyId: string; secretAccessKey: string }, other: typeof ci) {
    return {
      '.aws/credentials': `[ci]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = ${ci.secretAccessKey}\n\n[default]\naws_access_key_id = ${other.accessKeyId}\naws_secret_access_key = ${other.secretAccessKey}\n`
    }
  }

  test("AWS_DEFAULT_PROFILE alone: the AWS CLI's profile is validated, and the summary says the JS SDK's was not", async () => {
    const account = newAccount()
    const ci = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const other = emulator.createAccessKey({ accountId: account, userName: 'node-steps' })
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', AWS_DEFAULT_PROFILE: 'ci' },
      homeFiles: profiles(ci, other),
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expect(result.outputs.arn).toBe(`arn:aws:iam::${account}:user/ci`)
    // The summary's Markdown escapes the quotes; the words are what matter.
    const summary = result.summary.replace(/\\(["'])/gu, '$1')
    expect(summary).toContain(
      `Credentials validated | the AWS CLI's: profile "ci", which \`AWS_DEFAULT_PROFILE\` names. Not the AWS SDK for JavaScript's: it ignores \`AWS_DEFAULT_PROFILE\` and uses profile "default" in ~/.aws/credentials`
    )
    const conflict = findingOf(result, 'precedence-conflict')
    expect(conflict?.message).toContain("so does this step's STS check")
    expectNoLeak(result, [ci.secretAccessKey, other.secretAccessKey])
  })

  test('AWS_PROFILE names the same profile for both tools: nothing to say', async () => {
    const account = newAccount()
    const ci = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const other = emulator.createAccessKey({ accountId: account, userName: 'node-steps' })
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', AWS_PROFILE: 'ci', AWS_DEFAULT_PROFILE: 'ci' },
      homeFiles: profiles(ci, other),
      inputs: { 'check-iam': 'false' }
    })
    expect(result.outputs.arn).toBe(`arn:aws:iam::${account}:user/ci`)
    expect(result.summary).not.toContain('Credentials validated')
    expectNoLeak(result, [ci.secretAccessKey, other.secretAccessKey])
  })
})

describe('proxies', () => {
  const port = (): number => Number(new URL(emulator.url).port)

  test('HTTP_PROXY is honoured: the request reaches STS through the tunnel', async () => {
    const proxy = await startConnectProxy({ targetPort: port() })
    try {
      const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
      const endpoint = `http://sts.proxied.test:${port()}`
      const result = await runAction({
        endpoint,
        env: { ...envKeys(key), HTTP_PROXY: proxy.url },
        inputs: { 'check-iam': 'false' }
      })
      expect(result.code).toBe(0)
      expect(result.outputs.valid).toBe('true')
      expect(proxy.requested).toContain(`sts.proxied.test:${port()}`)
      expectNoLeak(result, [key.secretAccessKey])
    } finally {
      await proxy.stop()
    }
  })

  test('HTTPS_PROXY carries https endpoints; TLS failing inside the tunnel is sts-unreachable', async () => {
    // The tunnel leads to the emulator, which speaks plain HTTP: the TLS handshake fails there.
    const proxy = await startConnectProxy({ targetPort: port() })
    try {
      const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
      const result = await runAction({
        endpoint: `https://sts.proxied.test:${port()}`,
        env: { ...envKeys(key), HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com' }
      })
      expect(proxy.requested).toContain(`sts.proxied.test:${port()}`)
      expect(result.outputs.cause).toBe('sts-unreachable')
      expect(findingOf(result, 'sts-unreachable')?.message).toContain('TLS handshake failed')
      expectNoLeak(result, [key.secretAccessKey])
    } finally {
      await proxy.stop()
    }
  })

  test('a proxy that wants authentication is sts-unreachable saying so', async () => {
    const proxy = await startConnectProxy({ targetPort: port(), refuseWith: 407 })
    try {
      const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
      const result = await runAction({
        endpoint: `http://sts.proxied.test:${port()}`,
        env: { ...envKeys(key), HTTP_PROXY: proxy.url }
      })
      expect(result.outputs.cause).toBe('sts-unreachable')
      const item = findingOf(result, 'sts-unreachable')
      expect(item?.message).toContain(`the proxy ${proxy.url} refused`)
      expect(item?.message).toContain('requires authentication')
      expectNoLeak(result, [key.secretAccessKey])
    } finally {
      await proxy.stop()
    }
  })

  test('a proxy nobody listens on is named as the hop that failed', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const proxyUrl = `http://127.0.0.1:${await closedPort()}`
    const result = await runAction({
      endpoint: `http://sts.proxied.test:${port()}`,
      env: { ...envKeys(key), HTTP_PROXY: proxyUrl }
    })
    expect(result.outputs.cause).toBe('sts-unreachable')
    expect(findingOf(result, 'sts-unreachable')?.message).toContain(
      `the proxy ${proxyUrl} (from \`HTTP_PROXY\`) could not be reached`
    )
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('IAM', () => {
  test('a key older than max-key-age-days is access-key-age, with key-age-days', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci', ageDays: 200 })
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key) })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('warn')
    expect(result.outputs.cause).toBe('access-key-age')
    expect(result.outputs['key-age-days']).toBe('200')
    expect(result.summary).toContain('200 days')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a young key passes with its age and its last use in the summary', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci', ageDays: 3 })
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key) })
    expect(result.code).toBe(0)
    expect(result.outputs['key-age-days']).toBe('3')
    expect(result.summary).toContain('IAM GetAccessKeyLastUsed')
    expect(result.summary).toMatch(/last used \S+ by (sts|iam) in us-east-1/u)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a key IAM reports Inactive is access-key-inactive', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    emulator.deactivateKeyLagging(key.accessKeyId)
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key) })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('access-key-inactive')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a deactivated key STS already refuses is invalid-client-token-id naming deactivation', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    emulator.setKeyStatus(key.accessKeyId, 'Inactive')
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key) })
    expect(result.outputs.cause).toBe('invalid-client-token-id')
    expect(findingOf(result, 'invalid-client-token-id')?.message).toContain(
      'deleted or deactivated'
    )
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('two active keys are a notice', async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const other = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key) })
    expect(result.code).toBe(0)
    expect(result.ids).toContain('multiple-active-keys')
    expectNoLeak(result, [key.secretAccessKey, other.secretAccessKey])
  })

  test('root keys are root-credentials, from the ARN', async () => {
    const account = newAccount()
    const key = emulator.createRootKey(account)
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key) })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('root-credentials')
    expect(result.outputs['principal-type']).toBe('root')
    expect(result.outputs.arn).toBe(`arn:aws:iam::${account}:root`)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('denied IAM look-ups are one iam-check-skipped notice, and the step passes', async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    emulator.denyIam(`arn:aws:iam::${account}:user/ci`)
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key) })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('pass')
    expect(result.ids.filter(id => id === 'iam-check-skipped')).toHaveLength(1)
    expect(findingOf(result, 'iam-check-skipped')?.severity).toBe('notice')
    expect(findingOf(result, 'iam-check-skipped')?.message).toContain('was denied')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a role session skips the user look-ups with one notice', async () => {
    const session = emulator.createSessionCredentials({
      accountId: newAccount(),
      roleName: 'deploy',
      sessionName: 'GitHubActions',
      expiresInSeconds: 3600
    })
    const result = await runAction({ endpoint: emulator.url, env: envKeys(session) })
    expect(result.code).toBe(0)
    expect(result.ids).toEqual(['iam-check-skipped'])
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })
})

describe('gates', () => {
  test('an identity of another account than expected is account-mismatch', async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(key),
      inputs: { 'expected-account-id': '444455556666', 'check-iam': 'false' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('account-mismatch')
    expect(result.outputs['account-id']).toBe(account)
    expect(findingOf(result, 'account-mismatch')?.message).toContain('444455556666')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('the expected account passes the gate', async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(key),
      inputs: { 'expected-account-id': `444455556666,\n${account}`, 'check-iam': 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.ids).not.toContain('account-mismatch')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('long-term keys under require-temporary-credentials fail the step', async () => {
    const key = emulator.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(key),
      inputs: { 'require-temporary-credentials': 'true', 'check-iam': 'false' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('long-term-credentials')
    expect(findingOf(result, 'long-term-credentials')?.severity).toBe('error')
    expect(result.outputs.valid).toBe('false')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a denied required action is missing-permissions naming it and the deciding statement', async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    emulator.setPolicy(`arn:aws:iam::${account}:user/ci`, [
      { effect: 'Allow', actions: ['s3:*'], policyId: 'deploy-s3' },
      { effect: 'Deny', actions: ['s3:DeleteBucket'], policyId: 'no-deletes' }
    ])
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(key),
      inputs: {
        'required-actions': 's3:PutObject@arn:aws:s3:::site/*\ns3:DeleteBucket, ec2:RunInstances',
        'check-iam': 'false'
      }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('missing-permissions')
    const message = findingOf(result, 'missing-permissions')?.message ?? ''
    expect(message).toContain('`s3:DeleteBucket`: explicitly denied by')
    expect(message).toContain('`no-deletes`')
    expect(message).toContain('`ec2:RunInstances`: no policy allows it')
    expect(message).not.toContain('`s3:PutObject`')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a role session is simulated as its role', async () => {
    const account = newAccount()
    const session = emulator.createSessionCredentials({
      accountId: account,
      roleName: 'deploy',
      sessionName: 'GitHubActions',
      expiresInSeconds: 3600
    })
    emulator.setPolicy(`arn:aws:iam::${account}:role/deploy`, [
      { effect: 'Allow', actions: ['s3:PutObject'] }
    ])
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys(session),
      inputs: { 'required-actions': 's3:PutObject', 'check-iam': 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.summary).toContain(`allowed for arn:aws:iam::${account}:role/deploy`)
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('a simulation that is itself denied is a permissions-unverified warning, not a pass', async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    emulator.denyIam(`arn:aws:iam::${account}:user/ci`, ['SimulatePrincipalPolicy'])
    const inputs = { 'required-actions': 's3:PutObject', 'check-iam': 'false' }
    const result = await runAction({ endpoint: emulator.url, env: envKeys(key), inputs })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('warn')
    expect(result.outputs.cause).toBe('permissions-unverified')
    expect(result.ids).toEqual(['permissions-unverified', 'long-term-credentials'])
    expect(findingOf(result, 'permissions-unverified')?.message).toContain('`s3:PutObject`')
    expect(result.annotations.map(item => item.severity)).toEqual(['warning'])
    // A workflow that wants an unverifiable gate to stop the deployment says so with fail-on.
    const strict = await runAction({
      endpoint: emulator.url,
      env: envKeys(key),
      inputs: { ...inputs, 'fail-on': 'warning' }
    })
    expect(strict.code).toBe(1)
    expectNoLeak(result, [key.secretAccessKey])
    expectNoLeak(strict, [key.secretAccessKey])
  })
})
