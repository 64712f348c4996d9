/**
 * Builds a discovery for check tests from a plain environment object and in-memory files, so
 * that no test reads the machine's own variables or home directory.
 */
import type { Check, CheckSettings } from '../../src/checks/check.js'
import { discover } from '../../src/discover/index.js'
import { discoverWorkflow } from '../../src/discover/workflow.js'
import type { FileRead, ReadFile } from '../../src/discover/files.js'
import type { Discovery, Finding } from '../../src/model.js'
import { parseSettings, type Settings } from '../../src/settings.js'
import { keyIdProblem, secretProblem } from '../../src/checks/key-shapes.js'
import { keyIdProblemWords, secretProblemWords } from '../../src/report/words/key-shapes.js'
import { encodeKeyId, generateSecretAccessKey, generateSessionToken } from '../emulator/keys.js'

export const HOME = '/home/runner'
export const CREDENTIALS_FILE = `${HOME}/.aws/credentials`
export const CONFIG_FILE = `${HOME}/.aws/config`
export const NOW = new Date('2026-03-01T12:00:00Z')
/** The step's working directory, which relative paths open from (the runner's workspace). */
export const WORKSPACE = '/home/runner/work/octo-repo/octo-repo'

export interface Scenario {
  readonly env?: Readonly<Record<string, string>>
  /** Files by absolute path; use CREDENTIALS_FILE / CONFIG_FILE for the defaults. */
  readonly files?: Readonly<Record<string, string | FileRead>>
  /** Settings fields, as parseSettings would give them (inputs). */
  readonly settings?: Partial<Settings>
  /** The event payload, written to GITHUB_EVENT_PATH. */
  readonly event?: unknown
}

export function readFileFrom(files: Readonly<Record<string, string | FileRead>>): ReadFile {
  return path => {
    const entry = files[path]
    if (entry === undefined) return { state: 'missing' }
    return typeof entry === 'string' ? { state: 'read', text: entry } : entry
  }
}

export function scenario(input: Scenario = {}): Discovery {
  const files: Record<string, string | FileRead> = { ...(input.files ?? {}) }
  const env: Record<string, string> = {
    HOME,
    // A job on a runner, unless a test says otherwise.
    GITHUB_ACTIONS: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(input.event === undefined ? {} : { GITHUB_EVENT_PATH: '/runner/event.json' }),
    ...(input.env ?? {})
  }
  if (input.event !== undefined) files['/runner/event.json'] = JSON.stringify(input.event)
  const settings: Settings = { ...parseSettings({}), ...(input.settings ?? {}) }
  return discover(settings, env, {
    readFile: readFileFrom(files),
    homedir: () => HOME,
    now: () => NOW,
    cwd: () => WORKSPACE,
    readWorkflow: discoverWorkflow
  })
}

export const CHECK_SETTINGS: CheckSettings = {
  requireTemporaryCredentials: false,
  maxKeyAgeDays: 90,
  expectedAccountIds: [],
  roleToAssume: undefined
}

export function findingsOf(check: Check, input: Scenario = {}): Finding[] {
  return [...check.run(scenario(input), CHECK_SETTINGS)]
}

export function idsOf(check: Check, input: Scenario = {}): string[] {
  return findingsOf(check, input).map(item => item.id)
}

/** Every text of a finding, for "never contains" assertions. */
export function textOf(findings: readonly Finding[]): string {
  return JSON.stringify(findings)
}

/** A fresh long-term key pair in account 111122223333 (never a real key). */
export function longTermKey(account = '111122223333'): { id: string; secret: string } {
  return { id: encodeKeyId('AKIA', account), secret: generateSecretAccessKey() }
}

export function temporaryKey(account = '111122223333'): {
  id: string
  secret: string
  token: string
} {
  return {
    id: encodeKeyId('ASIA', account),
    secret: generateSecretAccessKey(),
    token: generateSessionToken()
  }
}

export function envKeys(key: {
  id: string
  secret: string
  token?: string
}): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: key.id,
    AWS_SECRET_ACCESS_KEY: key.secret,
    ...(key.token === undefined ? {} : { AWS_SESSION_TOKEN: key.token })
  }
}

/** Why a value is not an access key ID, as the finding words it; undefined when it is one. */
export function keyIdProblemText(value: string): string | undefined {
  const problem = keyIdProblem(value)
  return problem === undefined ? undefined : keyIdProblemWords(problem)
}

/** Why a value is not a secret access key, as the finding words it; undefined when it is one. */
export function secretProblemText(value: string, raw: string = value): string | undefined {
  const problem = secretProblem(value, raw)
  return problem === undefined ? undefined : secretProblemWords(problem)
}
