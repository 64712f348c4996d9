/**
 * discover() against the files a runner can really hold where credentials, config, web
 * identity tokens and event payloads should be: 10 MB files, directories, unreadable files,
 * symlink loops, invalid UTF-8, random INI text. Discovery always returns a model that the
 * checks and the report can use; a bad file is at most a finding, never an exception.
 *
 * FIFOs and devices are tested end to end instead (__tests__/e2e/faults.e2e.test.ts): a
 * regression there would block this process for good, where the harness can kill a run.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runChecks } from '../../src/checks/index.js'
import { discover } from '../../src/discover/index.js'
import type { RemoteResult } from '../../src/model.js'
import { buildReport } from '../../src/report/build.js'
import { renderSummary } from '../../src/report/summary.js'
import { parseSettings } from '../../src/settings.js'
import { hostileString } from './arbitraries.js'

const NO_REMOTE: RemoteResult = { checks: [], findings: [] }
const TEN_MB = 10 * 1024 * 1024

let base = ''
const paths: Record<string, string> = {}

/** A 10 MB credentials file of many well-formed profiles: what a parser must get through. */
function largeCredentialsFile(): string {
  const profile = (index: number): string =>
    `[profile-${index}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n`
  const parts: string[] = ['[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n']
  let size = parts[0]?.length ?? 0
  for (let index = 0; size < TEN_MB; index += 1) {
    const text = profile(index)
    parts.push(text)
    size += text.length
  }
  return parts.join('')
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'acd-discovery-'))
  paths.large = join(base, 'large-credentials')
  writeFileSync(paths.large, largeCredentialsFile())
  paths.largeOneLine = join(base, 'large-one-line')
  writeFileSync(paths.largeOneLine, `[default]\naws_access_key_id = ${'A'.repeat(TEN_MB)}\n`)
  paths.largeBinary = join(base, 'large-binary')
  writeFileSync(paths.largeBinary, Buffer.alloc(TEN_MB, 0xff))
  paths.directory = join(base, 'a-directory')
  mkdirSync(paths.directory)
  paths.unreadable = join(base, 'unreadable')
  writeFileSync(paths.unreadable, '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n')
  // As root this stays readable; the case then proves only that nothing else goes wrong.
  chmodSync(paths.unreadable, 0o000)
  paths.loopA = join(base, 'loop-a')
  paths.loopB = join(base, 'loop-b')
  symlinkSync(paths.loopB, paths.loopA)
  symlinkSync(paths.loopA, paths.loopB)
  paths.dangling = join(base, 'dangling')
  symlinkSync(join(base, 'nowhere'), paths.dangling)
  paths.invalidUtf8 = join(base, 'invalid-utf8')
  writeFileSync(
    paths.invalidUtf8,
    Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('[default]\r\naws_access_key_id = AKIA'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x00, 0xed, 0xa0, 0x80]),
      Buffer.from('\r\naws_secret_access_key = \x00\x01\x02\n[prof\xffile x]\n')
    ])
  )
  paths.empty = join(base, 'empty')
  writeFileSync(paths.empty, '')
  paths.missing = join(base, 'does-not-exist')
  paths.longName = join(base, 'x'.repeat(5000))
  paths.nulByte = join(base, 'nul\u0000byte')
  // A HOME whose .aws/credentials and .aws/config are directories.
  paths.home = join(base, 'home')
  mkdirSync(join(paths.home, '.aws', 'credentials'), { recursive: true })
  mkdirSync(join(paths.home, '.aws', 'config'), { recursive: true })
})

afterAll(() => {
  rmSync(base, { recursive: true, force: true })
})

const FILE_CASES = [
  'large',
  'largeOneLine',
  'largeBinary',
  'directory',
  'unreadable',
  'loopA',
  'dangling',
  'invalidUtf8',
  'empty',
  'missing',
  'longName',
  'nulByte'
] as const

/** The variables through which discovery reads files. */
const FILE_VARIABLES = [
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'GITHUB_EVENT_PATH'
] as const

/** Runs discovery and everything offline after it, as run() does. */
function runOffline(env: Record<string, string>) {
  const settings = parseSettings(env)
  const discovery = discover(settings, env)
  const offline = runChecks(discovery, settings)
  const report = buildReport(discovery, NO_REMOTE, offline, settings)
  return { discovery, report, summary: renderSummary(report) }
}

describe('discover() against hostile files', () => {
  test.each(FILE_CASES.flatMap(name => FILE_VARIABLES.map(variable => [name, variable] as const)))(
    'the %s case behind %s gives a report, not an exception',
    (name, variable) => {
      const env: Record<string, string> = {
        HOME: paths.home ?? '',
        AWS_PROFILE: 'default',
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/deploy',
        GITHUB_EVENT_NAME: 'pull_request',
        [variable]: paths[name] ?? ''
      }
      const { discovery, report, summary } = runOffline(env)
      expect(Array.isArray(discovery.sources)).toBe(true)
      expect(['pass', 'warn', 'fail']).toContain(report.status)
      expect(summary).toContain('Credential sources')
    }
  )

  test('every file variable hostile at once, under a HOME whose .aws files are directories', () => {
    const env: Record<string, string> = {
      HOME: paths.home ?? '',
      AWS_SHARED_CREDENTIALS_FILE: paths.loopA ?? '',
      AWS_CONFIG_FILE: paths.large ?? '',
      AWS_WEB_IDENTITY_TOKEN_FILE: paths.largeBinary ?? '',
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/deploy',
      GITHUB_EVENT_PATH: paths.invalidUtf8 ?? ''
    }
    const { report } = runOffline(env)
    expect(report.outputs.findings).toBeDefined()
  })

  test('the default files are looked for under HOME, which may be missing or a file', () => {
    for (const home of [paths.missing, paths.empty, paths.home]) {
      const { report } = runOffline({ HOME: home ?? '' })
      expect(['pass', 'warn', 'fail']).toContain(report.status)
    }
  })
})

/** INI-like text: sections (well-formed or not), key lines, comments, junk and hostile values. */
const iniText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '[default]',
        '[profile ci]',
        '[ci]',
        '[ profile  spaced ]',
        '[sso-session x]',
        '[unterminated',
        ']',
        '[]',
        '# comment',
        '; comment',
        '',
        '   ',
        '\t',
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'aws_session_token =',
        'region = us-east-1',
        'role_arn = arn:aws:iam::123456789012:role/x',
        'source_profile = ci',
        'source_profile = default',
        'credential_process = /bin/false',
        'web_identity_token_file = /dev/null',
        's3 =',
        '  max_concurrent_requests = 10',
        'aws_acces_key_id = typo',
        'key without equals',
        '= value without key'
      ),
      fc
        .tuple(
          fc.constantFrom('aws_access_key_id', 'aws_secret_access_key', 'region', 'x'),
          hostileString(40, 200)
        )
        .map(([key, value]) => `${key} = ${value}`),
      hostileString(60, 200).map(name => `[${name}]`),
      hostileString(60, 200)
    ),
    { maxLength: 40 }
  )
  .chain(lines => fc.constantFrom('\n', '\r\n', '\r').map(separator => lines.join(separator)))

describe('discover() against random INI files', () => {
  test('any credentials and config text gives a report, not an exception', () => {
    const credentials = join(base, 'fuzz-credentials')
    const config = join(base, 'fuzz-config')
    fc.assert(
      fc.property(
        iniText,
        iniText,
        fc.constantFrom('default', 'ci', 'spaced', 'x', '__proto__'),
        (credentialsText, configText, profile) => {
          writeFileSync(credentials, credentialsText)
          writeFileSync(config, configText)
          const { report } = runOffline({
            HOME: paths.home ?? '',
            AWS_SHARED_CREDENTIALS_FILE: credentials,
            AWS_CONFIG_FILE: config,
            AWS_PROFILE: profile
          })
          expect(['pass', 'warn', 'fail']).toContain(report.status)
        }
      ),
      { numRuns: 200 }
    )
  })
})
