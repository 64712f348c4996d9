/**
 * The fault suite: the bundled action against every way the network can fail (refused, reset
 * before and during the answer, silence, a byte a second, broken XML, 500 and throttling
 * storms, an unreachable proxy, DNS failure), and against a silent OIDC token service and a
 * silent GitHub API; and an unknown key, which must not be retried. Each run must end on its
 * own within `timeout-seconds` plus two seconds (the harness kills it at exactly that bound,
 * and a killed run has no exit code), with the finding that names the fault, and without
 * leaking the secret.
 *
 * Durations are printed at the end for the record; they are never asserted.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator, type Fault } from '../emulator/emulator.js'
import {
  cleanUp,
  expectNoLeak,
  FAKE_GITHUB_TOKEN,
  runAction,
  type RunOptions,
  type RunResult
} from './harness.js'

/** Small, so that the silent cases stay quick; the bound under test is this plus two. */
const TIMEOUT_SECONDS = 3
const BOUND_MS = (TIMEOUT_SECONDS + 2) * 1000

let emulator: Emulator
let accountSeed = 300000000000
const durations: string[] = []

/** A server that sends the status line, headers and half the body, then drops the connection. */
let cutServer: http.Server
let cutUrl = ''
const cutSockets = new Set<Socket>()

beforeAll(async () => {
  emulator = await startEmulator()
  cutServer = http.createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const body =
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/x</Arn>'
      response.writeHead(200, {
        'Content-Type': 'text/xml',
        'Content-Length': String(body.length * 2)
      })
      response.write(body, () => response.socket?.destroy())
    })
  })
  cutServer.on('connection', socket => {
    cutSockets.add(socket)
    socket.on('close', () => cutSockets.delete(socket))
  })
  await new Promise<void>(resolve => cutServer.listen(0, '127.0.0.1', resolve))
  cutUrl = `http://127.0.0.1:${(cutServer.address() as AddressInfo).port}`
})

afterAll(async () => {
  await emulator.stop()
  for (const socket of cutSockets) socket.destroy()
  await new Promise<void>(resolve => cutServer.close(() => resolve()))
  cleanUp()
  process.stdout.write(`fault suite durations (printed, not asserted):\n${durations.join('\n')}\n`)
})

function newKey(): { accessKeyId: string; secretAccessKey: string } {
  accountSeed += 1
  return emulator.createAccessKey({ accountId: String(accountSeed), userName: 'ci' })
}

function envKeys(key: { accessKeyId: string; secretAccessKey: string }): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    AWS_REGION: 'us-east-1'
  }
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

/** A server that accepts connections and requests, and never answers any. */
async function startSilentServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = http.createServer(() => {
    // Never answers: the caller must give up on its own.
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

/**
 * Runs the action with the default inputs (IAM look-ups on) and the small timeout, killed at
 * the contract's bound; `fault` is set on the emulator for the run.
 */
async function runBounded(name: string, options: RunOptions, fault?: Fault): Promise<RunResult> {
  if (fault !== undefined) emulator.setFault(fault)
  try {
    const result = await runAction({
      ...options,
      inputs: { 'timeout-seconds': String(TIMEOUT_SECONDS), ...(options.inputs ?? {}) },
      killAfterMs: BOUND_MS
    })
    durations.push(`  ${name}: ${Math.round(result.durationMs)} ms (bound ${BOUND_MS} ms)`)
    return result
  } finally {
    if (fault !== undefined) emulator.setFault(undefined)
  }
}

/** The process ended by itself (not killed at the bound), failed the step, and wrote it all. */
function expectEndedWith(result: RunResult, cause: string): void {
  expect(result.code).not.toBeNull()
  expect(result.code).toBe(1)
  expect(result.outputs.cause).toBe(cause)
  expect(result.summary).toContain(cause)
}

function messageOf(result: RunResult, id: string): string {
  return result.findings.find(item => item.id === id)?.message ?? ''
}

describe('the connection fails', () => {
  test('connection refused at the override is endpoint-override-unreachable', async () => {
    const key = newKey()
    const result = await runBounded('connection refused', {
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      env: envKeys(key)
    })
    expectEndedWith(result, 'endpoint-override-unreachable')
    expect(messageOf(result, 'endpoint-override-unreachable')).toContain('ECONNREFUSED')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a connection reset before any answer is sts-unreachable', async () => {
    const key = newKey()
    const result = await runBounded(
      'reset before the answer',
      { endpoint: emulator.url, env: envKeys(key) },
      { mode: 'reset' }
    )
    expectEndedWith(result, 'sts-unreachable')
    expect(messageOf(result, 'sts-unreachable')).toContain('ECONNRESET')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a connection reset in the middle of the answer is sts-unreachable', async () => {
    const key = newKey()
    const result = await runBounded('reset mid-answer', {
      endpoint: cutUrl,
      env: envKeys(key)
    })
    // Retried (a dropped connection may be transient), then reported as the connection failure.
    expectEndedWith(result, 'sts-unreachable')
    expect(messageOf(result, 'sts-unreachable')).toContain('ECONNRESET')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a connection reset once, then a good answer, passes', async () => {
    const key = newKey()
    const result = await runBounded(
      'one reset, then a good answer',
      { endpoint: emulator.url, env: envKeys(key), inputs: { 'check-iam': 'false' } },
      { mode: 'reset', times: 1 }
    )
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('an override whose name does not resolve is endpoint-override-unreachable naming DNS', async () => {
    const key = newKey()
    const result = await runBounded('DNS failure', {
      endpoint: 'http://does-not-exist.invalid',
      env: envKeys(key)
    })
    expectEndedWith(result, 'endpoint-override-unreachable')
    // ENOTFOUND, or EAI_AGAIN on a runner without a reachable resolver.
    expect(messageOf(result, 'endpoint-override-unreachable')).toMatch(/ENOTFOUND|EAI_AGAIN/u)
    expect(messageOf(result, 'endpoint-override-unreachable')).toContain('DNS')
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('the server does not answer', () => {
  test('silence is sts-timeout', async () => {
    const key = newKey()
    const result = await runBounded(
      'never answers',
      { endpoint: emulator.url, env: envKeys(key) },
      { mode: 'hang' }
    )
    expectEndedWith(result, 'sts-timeout')
    expect(messageOf(result, 'sts-timeout')).toContain(`(${TIMEOUT_SECONDS} s)`)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('an answer dripping a byte a second is sts-timeout, though the socket is never idle', async () => {
    const key = newKey()
    const result = await runBounded(
      'drips a byte a second',
      { endpoint: emulator.url, env: envKeys(key) },
      { mode: 'drip', dripIntervalMs: 1000 }
    )
    expectEndedWith(result, 'sts-timeout')
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('the server answers badly', () => {
  test('malformed XML is sts-service-error', async () => {
    const key = newKey()
    const result = await runBounded(
      'malformed XML',
      { endpoint: emulator.url, env: envKeys(key) },
      { mode: 'malformed' }
    )
    expectEndedWith(result, 'sts-service-error')
    expect(messageOf(result, 'sts-service-error')).toContain('could not be read')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a storm of 500s is sts-service-error', async () => {
    const key = newKey()
    const result = await runBounded(
      '500 storm',
      { endpoint: emulator.url, env: envKeys(key) },
      { mode: 'http500' }
    )
    expectEndedWith(result, 'sts-service-error')
    expect(messageOf(result, 'sts-service-error')).toContain('InternalFailure')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a throttling storm is sts-service-error saying it is throttling', async () => {
    const key = newKey()
    const result = await runBounded(
      'throttling storm',
      { endpoint: emulator.url, env: envKeys(key) },
      { mode: 'throttle' }
    )
    expectEndedWith(result, 'sts-service-error')
    expect(result.findings.find(item => item.id === 'sts-service-error')?.remediation).toMatch(
      /throttl/iu
    )
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('one 500, then a good answer, passes', async () => {
    const key = newKey()
    const result = await runBounded(
      'one 500, then a good answer',
      { endpoint: emulator.url, env: envKeys(key), inputs: { 'check-iam': 'false' } },
      { mode: 'http500', times: 1 }
    )
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('files that never end', () => {
  let directory = ''
  let fifo = ''

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'acd-fifo-'))
    fifo = join(directory, 'fifo')
    // Nobody ever writes to it: a read blocks for good, and a synchronous one blocks the process.
    execFileSync('mkfifo', [fifo])
  })

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true })
  })

  test.each([
    ['a FIFO', () => fifo],
    ['/dev/zero', () => '/dev/zero']
  ])(
    'a web identity token file that is %s is web-identity-token-invalid, in time',
    async (_name, path) => {
      const result = await runBounded(`web identity token file: ${_name}`, {
        endpoint: emulator.url,
        env: {
          AWS_REGION: 'us-east-1',
          AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/deploy',
          AWS_WEB_IDENTITY_TOKEN_FILE: path()
        }
      })
      expectEndedWith(result, 'web-identity-token-invalid')
    }
  )

  test.each([
    ['AWS_SHARED_CREDENTIALS_FILE', {}],
    ['AWS_SHARED_CREDENTIALS_FILE', { AWS_PROFILE: 'ci' }],
    ['AWS_CONFIG_FILE', {}],
    ['AWS_CONFIG_FILE', { AWS_PROFILE: 'ci' }]
  ])('%s naming a FIFO (%j) fails the step, in time', async (variable, extra) => {
    const result = await runBounded(`${variable} is a FIFO ${JSON.stringify(extra)}`, {
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', ...extra, [variable]: fifo }
    })
    expect(result.code).toBe(1)
    expect(result.summary).not.toBe('')
    expect(result.ids).not.toContain('internal-error')
  })

  test('GITHUB_EVENT_PATH naming a FIFO still gives the verdict, in time', async () => {
    const key = newKey()
    const result = await runBounded('GITHUB_EVENT_PATH is a FIFO', {
      endpoint: emulator.url,
      env: { ...envKeys(key), GITHUB_EVENT_PATH: fifo },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a credential process that never finishes is credential-process-failed, in time', async () => {
    const result = await runBounded('credential_process never finishes', {
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', AWS_PROFILE: 'stuck' },
      // Longer than the bound: only the kill at the deadline ends it in time.
      homeFiles: { '.aws/config': '[profile stuck]\ncredential_process = sleep 9\n' }
    })
    // Nothing was checked with STS: that is a failure, never "AWS credentials work".
    expectEndedWith(result, 'credential-process-failed')
    expect(result.outputs.valid).toBe('false')
  })
})

describe('authentication errors', () => {
  test('an unknown key is not retried: one attempt, said in the evidence', async () => {
    const key = newKey()
    emulator.deleteAccessKey(key.accessKeyId)
    const result = await runBounded('unknown key', { endpoint: emulator.url, env: envKeys(key) })
    expectEndedWith(result, 'invalid-client-token-id')
    expect(result.summary).toContain('attempts: 1')
    expect(result.summary).not.toMatch(/attempts: [2-9]/u)
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('proxies', () => {
  test('an unreachable HTTPS_PROXY is sts-unreachable naming the proxy', async () => {
    const key = newKey()
    const proxy = `http://127.0.0.1:${await closedPort()}`
    // An https endpoint, so HTTPS_PROXY applies; `.invalid` never resolves, so a run that
    // ignored the proxy would fail on DNS instead, and say so.
    const result = await runBounded('unreachable HTTPS_PROXY', {
      endpoint: 'https://sts.does-not-exist.invalid',
      env: { ...envKeys(key), HTTPS_PROXY: proxy }
    })
    expectEndedWith(result, 'sts-unreachable')
    expect(messageOf(result, 'sts-unreachable')).toContain(`the proxy ${proxy}`)
    expect(messageOf(result, 'sts-unreachable')).toContain('HTTPS_PROXY')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('HTTPS_PROXY does not apply to an http:// endpoint (HTTP_PROXY does, as in curl)', async () => {
    const key = newKey()
    const proxy = `http://127.0.0.1:${await closedPort()}`
    const result = await runBounded('HTTPS_PROXY beside an http:// endpoint', {
      endpoint: 'http://sts.does-not-exist.invalid',
      env: { ...envKeys(key), HTTPS_PROXY: proxy }
    })
    expectEndedWith(result, 'endpoint-override-unreachable')
    expect(messageOf(result, 'endpoint-override-unreachable')).toContain('DNS')
    expect(messageOf(result, 'endpoint-override-unreachable')).not.toContain(proxy)
    expectNoLeak(result, [key.secretAccessKey])
  })
})

describe('the other services the action talks to', () => {
  test('a silent OIDC token service ends in time with oidc-token-request-failed', async () => {
    const key = newKey()
    const silent = await startSilentServer()
    // Random, like the runner's real request token: a fragment of a readable one could match
    // ordinary words in the report and be masked there.
    const requestToken = randomBytes(32).toString('base64url')
    try {
      const result = await runBounded('OIDC token service never answers', {
        endpoint: emulator.url,
        env: {
          ...envKeys(key),
          ACTIONS_ID_TOKEN_REQUEST_URL: `${silent.url}/token?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken
        },
        inputs: { 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' }
      })
      expect(result.code).not.toBeNull()
      expect(result.ids).toContain('oidc-token-request-failed')
      expect(result.summary).toContain('oidc-token-request-failed')
      expectNoLeak(result, [key.secretAccessKey, requestToken])
    } finally {
      await silent.stop()
    }
  })

  test('a GitHub API that never answers leaves the verdict standing, and the step ends', async () => {
    const key = newKey()
    const silent = await startSilentServer()
    try {
      const result = await runBounded('GitHub API never answers', {
        endpoint: emulator.url,
        env: { ...envKeys(key), GITHUB_API_URL: silent.url },
        inputs: { 'pr-comment': 'always', 'check-iam': 'false' },
        eventName: 'pull_request',
        event: {
          number: 5,
          pull_request: {
            number: 5,
            head: { repo: { full_name: 'octo-org/octo-repo' } },
            base: { repo: { full_name: 'octo-org/octo-repo' } }
          }
        }
      })
      expect(result.code).toBe(0)
      expect(result.outputs.valid).toBe('true')
      expect(result.stdout).toContain('PR comment skipped')
      expectNoLeak(result, [key.secretAccessKey, FAKE_GITHUB_TOKEN])
    } finally {
      await silent.stop()
    }
  })
})
