/**
 * Endpoint overrides with nothing behind them, run through the real tools: a plain JS SDK STS
 * client (`@aws-sdk/client-sts` 3.1177.0) and `aws sts get-caller-identity` (aws-cli 1.45.11,
 * botocore 1.43.11), with `AWS_ENDPOINT_URL_STS` at a closed loopback port, at a `.invalid`
 * host (which never resolves), and at values that are no http(s) URL. The texts are the ones
 * src/aws/endpoint-override.ts and src/checks/endpoint-override-unreachable.ts rely on; the
 * action is required to name the override for each.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { endpointOverrideUnreachable } from '../../src/checks/endpoint-override-unreachable.js'
import { discover } from '../../src/discover/index.js'
import { parseSettings } from '../../src/settings.js'
import type { ToolResult } from './config-settings.facts.js'
import { awsCli, awsCliPath, jsRunner, prepare, type Prepared } from './real-tools.js'

const root = mkdtempSync(join(tmpdir(), 'endpoint-overrides-'))
let port = 0

beforeAll(async () => {
  const server = net.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  await new Promise<void>(resolve => server.close(() => resolve()))
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

interface Row {
  readonly url: () => string
  readonly jsSdk: () => ToolResult
  readonly awsCli: () => ToolResult
  /** Refused offline by the action (no http(s) URL), else only when STS is called. */
  readonly offline: boolean
}

const ROWS: readonly Row[] = [
  {
    url: () => `http://127.0.0.1:${port}`,
    jsSdk: () => ({ fails: `connect ECONNREFUSED 127.0.0.1:${port}` }),
    awsCli: () => ({ fails: `Could not connect to the endpoint URL: "http://127.0.0.1:${port}/"` }),
    offline: false
  },
  {
    url: () => 'http://sts.nonexistent.invalid',
    jsSdk: () => ({ fails: 'getaddrinfo ENOTFOUND sts.nonexistent.invalid' }),
    awsCli: () => ({
      fails: 'Could not connect to the endpoint URL: "http://sts.nonexistent.invalid/"'
    }),
    offline: false
  },
  {
    url: () => `127.0.0.1:${port}`,
    jsSdk: () => ({ fails: 'Invalid URL' }),
    awsCli: () => ({ fails: `Invalid endpoint: 127.0.0.1:${port}` }),
    offline: true
  },
  {
    url: () => 'not-a-url',
    jsSdk: () => ({ fails: 'Invalid URL' }),
    awsCli: () => ({ fails: 'Invalid endpoint: not-a-url' }),
    offline: true
  },
  {
    url: () => `ftp://127.0.0.1:${port}`,
    jsSdk: () => ({ fails: `connect ECONNREFUSED 127.0.0.1:${port}` }),
    awsCli: () => ({
      fails: 'An HTTP Client raised an unhandled exception: Not supported URL scheme ftp'
    }),
    offline: true
  }
]

function setup(url: string, index: number): Prepared {
  return prepare(
    {
      env: {
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_STS: url,
        NO_PROXY: '127.0.0.1'
      },
      files: {}
    },
    join(root, `setup-${index}`)
  )
}

describe('endpoint overrides that reach nothing, against the real tools', () => {
  test('the JS SDK fails as recorded', async () => {
    const outcomes = await jsRunner<ToolResult>(
      'js-sts.mjs',
      ROWS.map((row, index) => setup(row.url(), index))
    )
    expect(ROWS.map((row, index) => [row.url(), outcomes[index]])).toEqual(
      ROWS.map(row => [row.url(), row.jsSdk()])
    )
  }, 60_000)

  test('the AWS CLI fails as recorded (skipped without `aws` on PATH)', async () => {
    const cli = awsCliPath()
    if (cli === undefined) return
    const seen: [string, ToolResult][] = []
    for (const [index, row] of ROWS.entries()) {
      const run = await awsCli(cli, setup(row.url(), 100 + index), row.url())
      seen.push([row.url(), run.code === 0 ? { ok: true } : { fails: run.message }])
    }
    expect(seen).toEqual(ROWS.map(row => [row.url(), row.awsCli()]))
  }, 120_000)

  test('the action refuses offline exactly the ones that are no http(s) URL', () => {
    for (const [index, row] of ROWS.entries()) {
      const discovery = discover(parseSettings({}), setup(row.url(), 200 + index).env)
      const ids = endpointOverrideUnreachable.run(discovery, {
        requireTemporaryCredentials: false,
        maxKeyAgeDays: 90,
        expectedAccountIds: [],
        roleToAssume: undefined
      })
      expect([row.url(), ids.length]).toEqual([row.url(), row.offline ? 1 : 0])
    }
  })
})
