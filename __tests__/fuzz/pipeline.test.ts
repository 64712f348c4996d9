/**
 * The offline half of run() (settings → discovery → checks → report → rendering) under random
 * and hostile environments: it always produces a report with consistent outputs, never an
 * exception, and its findings never carry secret material nor an unmasked key ID.
 */
import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { runChecks } from '../../src/checks/index.js'
import { discover } from '../../src/discover/index.js'
import type { Finding, RemoteResult } from '../../src/model.js'
import { annotationsOf } from '../../src/report/annotations.js'
import { buildReport } from '../../src/report/build.js'
import { renderSummary } from '../../src/report/summary.js'
import { INPUT, inputVariableName, parseSettings, type Settings } from '../../src/settings.js'
import { ENVIRONMENT_VARIABLES, hostileEnvironment, hostileString } from './arbitraries.js'

const NO_REMOTE: RemoteResult = { checks: [], findings: [] }

/** Valid settings with hostile credential inputs: settings errors are the settings fuzzer's. */
const hostileSettings: fc.Arbitrary<Settings> = fc
  .record(
    {
      accessKeyId: hostileString(),
      secretAccessKey: hostileString(),
      sessionToken: hostileString(),
      region: hostileString(),
      profile: hostileString()
    },
    { requiredKeys: [] }
  )
  .map(values => {
    const base = parseSettings({})
    // Empty values are "not given", exactly as parseSettings reads them.
    const given = Object.fromEntries(
      Object.entries(values).filter(([, value]) => value !== undefined && value !== '')
    )
    return { ...base, ...given }
  })

function runOffline(settings: Settings, env: Record<string, string>) {
  const discovery = discover(settings, env)
  const offline = runChecks(discovery, settings)
  const report = buildReport(discovery, NO_REMOTE, offline, settings)
  return { discovery, report, summary: renderSummary(report), annotations: annotationsOf(report) }
}

describe('the offline pipeline under hostile environments', () => {
  test('always yields a report whose outputs are consistent strings', () => {
    fc.assert(
      fc.property(hostileSettings, hostileEnvironment(ENVIRONMENT_VARIABLES), (settings, env) => {
        const { report, summary } = runOffline(settings, env)
        for (const value of Object.values(report.outputs)) expect(typeof value).toBe('string')
        const parsed = JSON.parse(report.outputs.findings ?? '') as unknown[]
        expect(parsed).toHaveLength(report.findings.length)
        expect(['pass', 'warn', 'fail']).toContain(report.status)
        expect(report.outputs.cause).toBe(report.cause)
        if (report.status === 'fail') expect(report.cause).not.toBe('')
        // Without an STS answer nothing is valid.
        expect(report.outputs.valid).toBe('false')
        expect(summary.length).toBeGreaterThan(0)
      }),
      { numRuns: 300 }
    )
  })
})

/** A realistic secret: 40 characters of the base64 alphabet. */
const secretShape = fc.stringMatching(/^[A-Za-z0-9/+]{40}$/u)
const tokenShape = fc.stringMatching(/^[A-Za-z0-9/+]{100,600}={0,2}$/u)
const keyIdShape = fc.stringMatching(/^(AKIA|ASIA)[A-Z2-7]{16}$/u)

/** The damage people do to a value on its way into a secret. */
const damage = fc.constantFrom(
  (value: string) => value,
  (value: string) => `${value}\n`,
  (value: string) => `${value}\r\n`,
  (value: string) => ` ${value}`,
  (value: string) => `"${value}"`,
  (value: string) => `'${value}'`,
  (value: string) => `\ufeff${value}`,
  (value: string) => `${value.slice(0, 10)}\u200b${value.slice(10)}`,
  (value: string) => `${value.slice(0, 20)}\u00a0${value.slice(20)}`,
  (value: string) => value.slice(0, 39),
  (value: string) => `${value}x`,
  (value: string) => `${value}\t# comment`
)

/** Where the pair is put: the environment or the inputs, in place or swapped. */
const placement = fc.constantFrom('env', 'input', 'env-swapped', 'input-swapped', 'both')

function windows(value: string): string[] {
  const trimmed = value.trim()
  const result: string[] = []
  for (let start = 0; start + 8 <= trimmed.length; start += 1)
    result.push(trimmed.slice(start, start + 8))
  return result
}

function findingText(item: Finding): string {
  return [item.title, item.message, item.remediation, item.source ?? '', ...(item.evidence ?? [])]
    .join('\n')
    .normalize('NFC')
}

describe('findings carry no secret material', () => {
  test('no 8-character part of a secret or token, and no unmasked key ID, in any finding', () => {
    fc.assert(
      fc.property(
        keyIdShape,
        secretShape,
        tokenShape,
        damage,
        damage,
        placement,
        fc.boolean(),
        (keyId, secret, token, damageSecret, damageToken, where, withToken) => {
          const damagedSecret = damageSecret(secret)
          const damagedToken = damageToken(token)
          const [first, second] = where.endsWith('swapped')
            ? [damagedSecret, keyId]
            : [keyId, damagedSecret]
          const env: Record<string, string> = { AWS_REGION: 'us-east-1' }
          if (where.startsWith('env') || where === 'both') {
            env.AWS_ACCESS_KEY_ID = first
            env.AWS_SECRET_ACCESS_KEY = second
            if (withToken) env.AWS_SESSION_TOKEN = damagedToken
          }
          if (where.startsWith('input') || where === 'both') {
            env[inputVariableName(INPUT.accessKeyId)] = first
            env[inputVariableName(INPUT.secretAccessKey)] = second
            if (withToken) env[inputVariableName(INPUT.sessionToken)] = damagedToken
          }
          const settings = parseSettings(env)
          const { report } = runOffline(settings, env)
          const forbidden = [...windows(secret), ...windows(token), ...windows(keyId)]
          for (const item of report.findings) {
            const text = findingText(item)
            for (const fragment of forbidden) {
              if (text.includes(fragment)) {
                throw new Error(
                  `finding ${item.id} holds an 8-character part of a secret, token or key ID (placement ${where})`
                )
              }
            }
          }
        }
      ),
      { numRuns: 300 }
    )
  })
})
