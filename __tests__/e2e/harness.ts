/**
 * Runs the committed bundle `dist/index.js` (a copy of dist/ alone, with its chunks) exactly as a runner does: `INPUT_*` variables
 * (hyphens kept, every declared input set to its default), `GITHUB_OUTPUT`,
 * `GITHUB_STEP_SUMMARY`, `GITHUB_EVENT_PATH`, a temporary `HOME`, no inherited AWS variables,
 * and AWS endpoints pointed at the loopback emulator.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BUNDLE = join(ROOT, 'dist', 'index.js')

/** The value the runner gives `${{ github.token }}` in these tests. */
/**
 * The Node.js binary the runs use: this one, or the one `ACD_E2E_NODE` names (`npm run
 * test:node24` sets it to a Node 24 from the npm registry, the runtime action.yml declares).
 */
export const NODE = process.env.ACD_E2E_NODE || process.execPath

export const FAKE_GITHUB_TOKEN = 'ghs_e2eFakeGithubToken0123456789abcdef'

export interface RunOptions {
  /** Emulator URL for `AWS_ENDPOINT_URL_STS` and `_IAM`; omitted to leave them unset. */
  readonly endpoint?: string
  /** Inputs by their action.yml name (`aws-access-key-id`); others keep their defaults. */
  readonly inputs?: Readonly<Record<string, string>>
  /** Extra environment variables (AWS_*, GITHUB_* overrides). */
  readonly env?: Readonly<Record<string, string>>
  /** Files to create under the temporary HOME, by relative path (`.aws/credentials`). */
  readonly homeFiles?: Readonly<Record<string, string>>
  /** Files to create under the temporary workspace (`.github/workflows/ci.yml`). */
  readonly workspaceFiles?: Readonly<Record<string, string>>
  /** The event payload written to `GITHUB_EVENT_PATH`. */
  readonly event?: unknown
  readonly eventName?: string
  /** Kill the process after this long (a safety net, not an assertion). */
  readonly killAfterMs?: number
  /** Another copy of the bundle to run (a damaged one, say); the committed dist/ otherwise. */
  readonly bundle?: string
}

export interface Annotation {
  readonly severity: 'error' | 'warning' | 'notice'
  readonly properties: Readonly<Record<string, string>>
  readonly message: string
}

export interface FindingOutput {
  readonly id: string
  readonly severity: string
  readonly title: string
  readonly message: string
  readonly remediation: string
  readonly source: string
}

export interface RunResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly outputs: Readonly<Record<string, string>>
  readonly outputFile: string
  readonly envFile: string
  readonly summary: string
  readonly findings: readonly FindingOutput[]
  readonly ids: readonly string[]
  readonly annotations: readonly Annotation[]
  readonly masks: readonly string[]
  readonly durationMs: number
  readonly home: string
  readonly workspace: string
}

/** Every input of action.yml with its default, read the simple way its layout allows. */
/** The event of pull request 9, opened from a branch of the repository itself (not a fork). */
export const SAME_REPOSITORY_PULL_REQUEST = {
  number: 9,
  pull_request: {
    number: 9,
    head: { repo: { full_name: 'octo-org/octo-repo' } },
    base: { repo: { full_name: 'octo-org/octo-repo' } }
  }
}

export function actionDefaults(): Record<string, string> {
  const text = readFileSync(join(ROOT, 'action.yml'), 'utf8')
  const inputs = text.slice(text.indexOf('\ninputs:'), text.indexOf('\noutputs:'))
  const defaults: Record<string, string> = {}
  let current: string | undefined
  for (const line of inputs.split('\n')) {
    const name = /^ {2}([a-z0-9-]+):\s*$/u.exec(line)
    if (name?.[1] !== undefined) {
      current = name[1]
      defaults[current] = ''
      continue
    }
    const value = /^ {4}default:\s*(.*)$/u.exec(line)
    if (value?.[1] !== undefined && current !== undefined) {
      defaults[current] = value[1].replace(/^'(.*)'$/u, '$1').replace(/^"(.*)"$/u, '$1')
    }
  }
  return defaults
}

function unescapeData(text: string): string {
  return text.replace(/%0D/gu, '\r').replace(/%0A/gu, '\n').replace(/%25/gu, '%')
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/gu, ':').replace(/%2C/gu, ',')
}

/** Parses the `name<<DELIMITER` blocks that the action writes to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index += 1) {
    const head = /^([^<=]+)<<(.+)$/u.exec(lines[index] ?? '')
    if (head?.[1] === undefined || head[2] === undefined) continue
    const value: string[] = []
    index += 1
    while (index < lines.length && lines[index] !== head[2]) {
      value.push(lines[index] ?? '')
      index += 1
    }
    outputs[head[1]] = value.join('\n')
  }
  return outputs
}

export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)( [^:]*)?::(.*)$/u.exec(line)
    if (match?.[1] === undefined) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').trim().split(',')) {
      const at = pair.indexOf('=')
      if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
    }
    annotations.push({
      severity: match[1] as Annotation['severity'],
      properties,
      message: unescapeData(match[3] ?? '')
    })
  }
  return annotations
}

/** A line of a step's output that the runner would act on, as its parser reads it. */
export interface RunnerCommand {
  /** `::name …::data` at the start of a trimmed line, or the legacy `##[name …]data` anywhere. */
  readonly form: 'v2' | 'legacy'
  readonly name: string
  readonly data: string
  readonly line: string
}

/**
 * Every command the runner would read in `stdout`: it splits lines on CR, LF or CRLF, trims
 * leading whitespace (.NET's set: Unicode spaces, tabs, NEL) before looking for `::`, and
 * finds the legacy `##[` form anywhere in a line.
 */
export function runnerCommands(stdout: string): RunnerCommand[] {
  const commands: RunnerCommand[] = []
  for (const line of stdout.split(/\r\n|\r|\n/u)) {
    const trimmed = line.replace(/^[\s\u0085]+/u, '')
    const v2 = /^::([^\s:]*)[^:]*::(.*)$/su.exec(trimmed)
    if (v2?.[1] !== undefined) {
      commands.push({ form: 'v2', name: v2[1], data: v2[2] ?? '', line })
      continue
    }
    const legacy = line.indexOf('##[')
    const end = legacy === -1 ? -1 : line.indexOf(']', legacy)
    if (end !== -1) {
      const name = line.slice(legacy + 3, end).split(' ')[0] ?? ''
      commands.push({ form: 'legacy', name, data: line.slice(end + 1), line })
    }
  }
  return commands
}

function writeFiles(base: string, files: Readonly<Record<string, string>> | undefined): void {
  for (const [path, content] of Object.entries(files ?? {})) {
    const full = join(base, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, content)
  }
}

const temporaryDirectories: string[] = []

/**
 * The runs use a copy of dist/ alone in a temporary directory, as a runner has it: a bundle or
 * a chunk that needed a file outside dist/ (node_modules, src/) fails here as it would there.
 */
let isolatedBundle: string | undefined

function bundleCopy(): string {
  if (isolatedBundle === undefined) {
    const base = mkdtempSync(join(tmpdir(), 'acd-dist-'))
    temporaryDirectories.push(base)
    cpSync(dirname(BUNDLE), join(base, 'dist'), { recursive: true })
    isolatedBundle = join(base, 'dist', 'index.js')
  }
  return isolatedBundle
}

/** Removes every temporary directory the runs made; call from `afterAll`. */
export function cleanUp(): void {
  isolatedBundle = undefined
  for (const directory of temporaryDirectories.splice(0))
    rmSync(directory, { recursive: true, force: true })
}

export async function runAction(options: RunOptions = {}): Promise<RunResult> {
  const base = mkdtempSync(join(tmpdir(), 'acd-e2e-'))
  temporaryDirectories.push(base)
  const home = join(base, 'home')
  const workspace = join(base, 'workspace')
  const runnerTemp = join(base, 'runner-temp')
  for (const directory of [home, workspace, runnerTemp]) mkdirSync(directory, { recursive: true })
  writeFiles(home, options.homeFiles)
  writeFiles(workspace, options.workspaceFiles)
  const outputFile = join(runnerTemp, 'output')
  const envFile = join(runnerTemp, 'env')
  const summaryFile = join(runnerTemp, 'summary.md')
  const eventFile = join(runnerTemp, 'event.json')
  for (const file of [outputFile, envFile, summaryFile]) writeFileSync(file, '')
  writeFileSync(eventFile, JSON.stringify(options.event ?? {}))

  const inputs = { ...actionDefaults(), ...(options.inputs ?? {}) }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_ENV: envFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_WORKSPACE: workspace,
    GITHUB_WORKFLOW: 'CI',
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
    GITHUB_JOB: 'deploy',
    GITHUB_RUN_ID: '1234567890',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(options.endpoint === undefined
      ? {}
      : { AWS_ENDPOINT_URL_STS: options.endpoint, AWS_ENDPOINT_URL_IAM: options.endpoint })
  }
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = value === '${{ github.token }}' ? FAKE_GITHUB_TOKEN : value
  }
  Object.assign(env, options.env ?? {})

  const started = performance.now()
  const child = spawn(NODE, [options.bundle ?? bundleCopy()], {
    env,
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 20000)
  const code = await new Promise<number | null>(resolveExit =>
    child.on('close', exitCode => resolveExit(exitCode))
  )
  clearTimeout(killer)
  const durationMs = performance.now() - started

  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'))
  let findings: FindingOutput[] = []
  try {
    findings = JSON.parse(outputs.findings ?? '[]') as FindingOutput[]
  } catch {
    findings = []
  }
  return {
    code,
    stdout,
    stderr,
    outputs,
    outputFile: readFileSync(outputFile, 'utf8'),
    envFile: readFileSync(envFile, 'utf8'),
    summary: readFileSync(summaryFile, 'utf8'),
    findings,
    ids: findings.map(item => item.id),
    annotations: parseAnnotations(stdout),
    masks: stdout
      .split('\n')
      .filter(line => line.startsWith('::add-mask::'))
      .map(line => unescapeData(line.slice('::add-mask::'.length))),
    durationMs,
    home,
    workspace
  }
}

/** Fragments of a secret that must never appear: the whole, and every 8-character run. */
export function leakForms(secret: string): string[] {
  const forms = new Set<string>()
  const trimmed = secret.trim()
  if (trimmed.length >= 6) forms.add(trimmed)
  for (let start = 0; start + 8 <= trimmed.length; start += 1)
    forms.add(trimmed.slice(start, start + 8))
  return [...forms]
}

/**
 * Asserts that no secret, nor any 8-character part of one, appears anywhere the action writes,
 * except on the `::add-mask::` lines that register them.
 */
export function expectNoLeak(result: RunResult, secrets: readonly (string | undefined)[]): void {
  const stdout = result.stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  const places: Record<string, string> = {
    stdout,
    stderr: result.stderr,
    summary: result.summary,
    outputs: result.outputFile,
    env: result.envFile
  }
  for (const secret of secrets) {
    if (secret === undefined || secret.trim().length < 6) continue
    for (const form of leakForms(secret)) {
      for (const [place, text] of Object.entries(places)) {
        if (text.includes(form)) {
          throw new Error(
            `A secret leaked into ${place}: a fragment of ${secret.length} characters was found`
          )
        }
      }
    }
  }
}
