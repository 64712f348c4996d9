/**
 * `npm run bench`: how fast and how lean the bundled action is, measured the way a runner uses
 * it. Starts the STS/IAM emulator in this process, then times repeated cold runs of
 * `node dist/index.js` (a fresh process each time, in a runner-like environment) for working
 * credentials, an unknown key and an endpoint that never answers; reports the median wall time
 * and the peak memory of each, the bundle's size, and, when the AWS CLI is on the PATH,
 * `aws sts get-caller-identity` against the same emulator with the same key, and the ratio.
 *
 *   npm run bundle && npm run bench [-- --runs 15 --hung-runs 5 --hung-timeout 2]
 *
 * Targets are printed beside the figures; missing one is reported, never an error. The exit
 * code is non-zero only when the benchmark itself fails (no bundle, a wrong verdict, a crash).
 */
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { actionDefaults, BUNDLE, parseOutputFile, ROOT } from '../__tests__/e2e/harness.js'
import { startEmulator, type Emulator } from '../__tests__/emulator/emulator.js'

interface Options {
  /** Timed runs per scenario, after one untimed warm-up run. */
  readonly runs: number
  /** Runs of the hung endpoint, which each last `hungTimeout` seconds. */
  readonly hungRuns: number
  readonly hungTimeout: number
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const index = argv.indexOf(name)
    if (index === -1) return fallback
    const parsed = Number(argv[index + 1])
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} needs a whole number ≥ 1`)
    return parsed
  }
  return {
    runs: value('--runs', 15),
    hungRuns: value('--hung-runs', 5),
    hungTimeout: value('--hung-timeout', 2)
  }
}

/** One finished process: wall time from spawn to exit, peak resident memory when known. */
interface Sample {
  readonly code: number | null
  readonly wallMs: number
  readonly maxRssKb?: number
  readonly stdout: string
}

/** GNU time, when installed: peak memory of the measured process without touching it. */
const GNU_TIME = '/usr/bin/time'

/**
 * A preload that reports the process's own peak memory on exit, for machines without GNU time
 * (the action calls `process.exit`, which still runs `exit` listeners).
 */
function writePreload(directory: string): string {
  const path = join(directory, 'report-max-rss.cjs')
  writeFileSync(
    path,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)))\n"
  )
  return path
}

interface Measurer {
  readonly method: string
  run(
    command: string,
    args: readonly string[],
    env: Record<string, string>,
    cwd: string
  ): Promise<Sample>
}

function makeMeasurer(scratch: string): Measurer {
  const useTime = existsSync(GNU_TIME)
  const preload = useTime ? undefined : writePreload(scratch)
  let counter = 0
  return {
    method: useTime ? `${GNU_TIME} (%M)` : 'process.resourceUsage().maxRSS at exit (node only)',
    run: (command, args, env, cwd) =>
      new Promise((resolve, reject) => {
        counter += 1
        const rssFile = join(scratch, `rss-${counter}`)
        const isNode = command === process.execPath
        const [file, argv, extraEnv] = useTime
          ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args], {}]
          : [
              command,
              isNode && preload !== undefined ? ['--require', preload, ...args] : [...args],
              { BENCH_RSS_FILE: rssFile }
            ]
        const started = performance.now()
        const child = spawn(file, argv, {
          env: { ...env, ...extraEnv },
          cwd,
          stdio: ['ignore', 'pipe', 'pipe']
        })
        let stdout = ''
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
        child.stderr.resume()
        child.once('error', reject)
        child.once('exit', code => {
          const wallMs = performance.now() - started
          let maxRssKb: number | undefined
          try {
            const text = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1) ?? ''
            const parsed = Number(text)
            if (Number.isFinite(parsed) && parsed > 0) maxRssKb = parsed
          } catch {
            // No figure (the AWS CLI without GNU time): the table says n/a.
          }
          resolve({ code, wallMs, stdout, ...(maxRssKb === undefined ? {} : { maxRssKb }) })
        })
      })
  }
}

/** A runner-like environment: every input at its default, fresh output and summary files. */
function runnerEnvironment(
  scratch: string,
  endpoint: string,
  extra: Record<string, string>,
  inputs: Record<string, string>
): { env: Record<string, string>; summaryFile: string; outputFile: string; cwd: string } {
  const base = mkdtempSync(join(scratch, 'run-'))
  const home = join(base, 'home')
  const workspace = join(base, 'workspace')
  mkdirSync(home)
  mkdirSync(workspace)
  const outputFile = join(base, 'output')
  const summaryFile = join(base, 'summary.md')
  const envFile = join(base, 'env')
  const eventFile = join(base, 'event.json')
  for (const file of [outputFile, summaryFile, envFile]) writeFileSync(file, '')
  writeFileSync(eventFile, '{}')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_ENV: envFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: workspace,
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
    GITHUB_RUN_ID: '1',
    GITHUB_ACTOR: 'octocat',
    RUNNER_TEMP: base,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_STS: endpoint,
    AWS_ENDPOINT_URL_IAM: endpoint,
    AWS_REGION: 'us-east-1'
  }
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs })) {
    env[`INPUT_${name.toUpperCase()}`] =
      value === '${{ github.token }}' ? 'ghs_benchbenchbench' : value
  }
  return { env: { ...env, ...extra }, summaryFile, outputFile, cwd: workspace }
}

interface Scenario {
  readonly name: string
  readonly runs: number
  readonly extra: Record<string, string>
  readonly inputs: Record<string, string>
  /** The exit code and `cause` output every run must end with. */
  readonly expectCode: number
  readonly expectCause: string
  readonly before?: () => void
  readonly after?: () => void
}

interface Measured {
  readonly name: string
  readonly samples: readonly Sample[]
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
}

async function measureAction(
  measurer: Measurer,
  scratch: string,
  endpoint: string,
  scenario: Scenario,
  errors: string[]
): Promise<Measured> {
  const samples: Sample[] = []
  scenario.before?.()
  try {
    // One untimed run first: the first read of the bundle from disk is not what a runner's
    // cached image sees on every job.
    for (let index = 0; index <= scenario.runs; index += 1) {
      const runner = runnerEnvironment(scratch, endpoint, scenario.extra, scenario.inputs)
      const sample = await measurer.run(process.execPath, [BUNDLE], runner.env, runner.cwd)
      const cause = parseOutputFile(readFileSync(runner.outputFile, 'utf8')).cause ?? ''
      if (sample.code !== scenario.expectCode || cause !== scenario.expectCause) {
        errors.push(
          `${scenario.name}: exit ${String(sample.code)}, cause "${cause}" (expected exit ${scenario.expectCode}, cause "${scenario.expectCause}")`
        )
      }
      if (readFileSync(runner.summaryFile, 'utf8') === '')
        errors.push(`${scenario.name}: no summary written`)
      if (index > 0) samples.push(sample)
    }
  } finally {
    scenario.after?.()
  }
  return { name: scenario.name, samples }
}

/** The AWS CLI, if on the PATH: `aws` as the shell would find it. */
function findAwsCli(): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(directory, 'aws')
    if (directory !== '' && existsSync(candidate)) return candidate
  }
  return undefined
}

async function measureAwsCli(
  measurer: Measurer,
  scratch: string,
  aws: string,
  endpoint: string,
  key: { accessKeyId: string; secretAccessKey: string },
  runs: number,
  errors: string[]
): Promise<Measured> {
  const home = mkdtempSync(join(scratch, 'aws-home-'))
  const env: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('AWS_')
      )
    ),
    HOME: home,
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials')
  }
  const args = [
    'sts',
    'get-caller-identity',
    '--endpoint-url',
    endpoint,
    '--region',
    'us-east-1',
    '--output',
    'json'
  ]
  const samples: Sample[] = []
  for (let index = 0; index <= runs; index += 1) {
    const sample = await measurer.run(aws, args, env, home)
    if (sample.code !== 0 || !sample.stdout.includes('"Account"'))
      errors.push(`aws sts get-caller-identity: exit ${String(sample.code)}`)
    if (index > 0) samples.push(sample)
  }
  return { name: 'aws sts get-caller-identity (AWS CLI)', samples }
}

function bundleSizes(): { main: number; all: number; chunks: number } {
  const dist = join(ROOT, 'dist')
  const scripts = readdirSync(dist).filter(name => name.endsWith('.js'))
  const all = scripts.reduce((sum, name) => sum + statSync(join(dist, name)).size, 0)
  return { main: statSync(BUNDLE).size, all, chunks: scripts.length - 1 }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`
}

function megabytes(kb: number | undefined): string {
  return kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`
}

function verdict(ok: boolean | undefined): string {
  return ok === undefined ? '' : ok ? 'met' : 'MISSED'
}

function printTable(rows: readonly (readonly string[])[]): void {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map(row => (row[column] ?? '').length))) ?? []
  for (const [index, row] of rows.entries()) {
    process.stdout.write(
      `${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}\n`
    )
    if (index === 0) process.stdout.write(`${widths.map(width => '-'.repeat(width)).join('  ')}\n`)
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2))
  if (!existsSync(BUNDLE)) {
    process.stderr.write(`No bundle at ${BUNDLE}: run \`npm run bundle\` first.\n`)
    return 1
  }
  const scratch = mkdtempSync(join(tmpdir(), 'acd-bench-'))
  const measurer = makeMeasurer(scratch)
  const emulator: Emulator = await startEmulator()
  const errors: string[] = []
  try {
    const valid = emulator.createAccessKey({ accountId: '111122223333', userName: 'bench' })
    const gone = emulator.createAccessKey({ accountId: '111122223333', userName: 'bench-gone' })
    emulator.deleteAccessKey(gone.accessKeyId)
    const keys = (key: { accessKeyId: string; secretAccessKey: string }) => ({
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey
    })
    const scenarios: Scenario[] = [
      {
        name: 'valid key, default inputs (STS + IAM look-ups)',
        runs: options.runs,
        extra: keys(valid),
        inputs: {},
        expectCode: 0,
        expectCause: ''
      },
      {
        name: 'valid key, check-iam: false (STS only)',
        runs: options.runs,
        extra: keys(valid),
        inputs: { 'check-iam': 'false' },
        expectCode: 0,
        expectCause: ''
      },
      {
        name: 'unknown key (deleted)',
        runs: options.runs,
        extra: keys(gone),
        inputs: {},
        expectCode: 1,
        expectCause: 'invalid-client-token-id'
      },
      {
        name: `endpoint that never answers (timeout-seconds: ${options.hungTimeout})`,
        runs: options.hungRuns,
        extra: keys(valid),
        inputs: { 'timeout-seconds': String(options.hungTimeout) },
        expectCode: 1,
        expectCause: 'sts-timeout',
        before: () => emulator.setFault({ mode: 'hang' }),
        after: () => emulator.setFault(undefined)
      }
    ]
    process.stdout.write(
      `aws-credentials-doctor benchmark: ${options.runs} cold runs per scenario (${options.hungRuns} for the hung endpoint), each after one untimed warm-up run\n` +
        `node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, memory by ${measurer.method}\n\n`
    )
    const measured: Measured[] = []
    for (const scenario of scenarios) {
      process.stdout.write(`measuring: ${scenario.name}\n`)
      measured.push(await measureAction(measurer, scratch, emulator.url, scenario, errors))
    }
    const aws = findAwsCli()
    let cli: Measured | undefined
    if (aws === undefined) process.stdout.write('AWS CLI not on the PATH: no comparison\n')
    else {
      process.stdout.write('measuring: aws sts get-caller-identity\n')
      cli = await measureAwsCli(measurer, scratch, aws, emulator.url, valid, options.runs, errors)
    }

    const wall = (item: Measured | undefined): number =>
      item === undefined ? NaN : median(item.samples.map(sample => sample.wallMs))
    const peak = (item: Measured | undefined): number | undefined => {
      const values = item?.samples.flatMap(sample =>
        sample.maxRssKb === undefined ? [] : [sample.maxRssKb]
      )
      return values === undefined || values.length === 0 ? undefined : Math.max(...values)
    }
    const [defaults, stsOnly, invalid, hung] = measured
    const cliWall = wall(cli)
    const targets: Record<string, { wall?: (ms: number) => boolean; text: string }> = {
      [defaults?.name ?? '']: { wall: ms => ms < 250, text: '< 0.25 s, ≤ 0.35 × AWS CLI' },
      [stsOnly?.name ?? '']: { wall: ms => ms < 250, text: '< 0.25 s, ≤ 0.35 × AWS CLI' },
      [invalid?.name ?? '']: { wall: ms => ms < 500, text: '< 0.5 s' },
      [hung?.name ?? '']: {
        wall: ms => ms < (options.hungTimeout + 2) * 1000,
        text: `< ${options.hungTimeout + 2} s (timeout + 2)`
      }
    }
    const rows: string[][] = [
      [
        'scenario',
        'median wall',
        'min',
        'max',
        'peak RSS',
        'vs AWS CLI',
        'target',
        'wall',
        'memory'
      ]
    ]
    for (const item of [...measured, ...(cli === undefined ? [] : [cli])]) {
      const walls = item.samples.map(sample => sample.wallMs)
      const target = targets[item.name]
      // Only working credentials compare with `aws sts get-caller-identity`, which succeeds.
      const compared = item === defaults || item === stsOnly
      const ratio =
        !compared || Number.isNaN(cliWall) ? '' : `${(wall(item) / cliWall).toFixed(3)} ×`
      const ratioOk = compared
        ? Number.isNaN(cliWall)
          ? true
          : wall(item) / cliWall <= 0.35
        : true
      const rss = peak(item)
      rows.push([
        item.name,
        seconds(wall(item)),
        seconds(Math.min(...walls)),
        seconds(Math.max(...walls)),
        megabytes(rss),
        ratio,
        target?.text ?? '',
        target?.wall === undefined ? '' : verdict(target.wall(wall(item)) && ratioOk),
        item === cli ? '' : verdict(rss === undefined ? undefined : rss < 80 * 1024)
      ])
    }
    process.stdout.write('\n')
    printTable(rows)
    const sizes = bundleSizes()
    process.stdout.write(
      `\nbundle: dist/index.js ${(sizes.main / 1024 / 1024).toFixed(2)} MB (target < 1.5 MB: ${verdict(sizes.main < 1.5 * 1024 * 1024)}); ` +
        `with ${sizes.chunks} lazily loaded chunk(s) ${(sizes.all / 1024 / 1024).toFixed(2)} MB\n` +
        'peak RSS target: < 80 MB for every run of the action\n'
    )
    if (errors.length > 0) {
      process.stderr.write(
        `\nThe benchmark itself failed:\n${[...new Set(errors)].map(line => `  ${line}`).join('\n')}\n`
      )
      return 1
    }
    return 0
  } finally {
    await emulator.stop()
    rmSync(scratch, { recursive: true, force: true })
  }
}

main().then(
  code => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    )
    process.exit(1)
  }
)
