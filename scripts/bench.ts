/**
 * `npm run bench`: how fast the bundled action starts and answers, measured the way a runner
 * runs it, beside the tools that do a similar job. Starts the STS/IAM emulator in this process,
 * then runs rounds in which every command runs once, cold (a fresh process each time), taking
 * turns with the order rotating, so that a busy machine slows them all alike:
 *
 * - this action's bundle (`node dist/index.js` in a runner-like environment) with default inputs,
 *   with `check-iam: false`, and with a deleted key;
 * - configure-aws-credentials' bundle with access-key inputs, when `BENCH_CAWS_DIR` names a copy
 *   of it (a yardstick only: nothing of it is in this repository);
 * - `aws sts get-caller-identity`, when the AWS CLI is on the PATH;
 * - `node -e ""`, the floor under every Node figure (on a loaded machine it moves most).
 *
 * All of them talk to the same emulator with the same key. Then it times runs against an
 * endpoint that never answers. It prints medians, ratios and targets (met or MISSED), and writes
 * them to docs/benchmark.json and the tables README.md and docs/performance.md quote from it.
 *
 *   npm run bundle && BENCH_CAWS_DIR=/path/to/configure-aws-credentials npm run bench \
 *     [-- --runs 21 --hung-runs 5 --hung-timeout 2 --no-write]
 *
 * A missed target is reported, never an error. The exit code is non-zero only when the benchmark
 * itself fails (no bundle, a wrong verdict, a command that did not do its job, a crash).
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
import { cpus, loadavg, platform, release, tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { actionDefaults, BUNDLE, parseOutputFile, ROOT } from '../__tests__/e2e/harness.js'
import { startEmulator, type Emulator } from '../__tests__/emulator/emulator.js'
import {
  BENCHMARK_JSON,
  QUOTING_DOCS,
  seconds,
  times,
  updateBenchmarkSection,
  type BenchmarkRecord,
  type BenchmarkRow,
  type BenchmarkTarget
} from './benchmark-doc.js'

interface Options {
  /** Timed rounds (each command once per round), after one untimed warm-up round. */
  readonly runs: number
  /** Runs of the hung endpoint, which each last `hungTimeout` seconds. */
  readonly hungRuns: number
  readonly hungTimeout: number
  /** Write docs/benchmark.json and the documents' tables (`--no-write` to only print). */
  readonly write: boolean
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
    hungTimeout: value('--hung-timeout', 2),
    write: !argv.includes('--no-write')
  }
}

/** One finished process: wall time from spawn to exit, peak resident memory when known. */
interface Sample {
  readonly code: number | null
  readonly wallMs: number
  readonly maxRssKb?: number
  readonly stdout: string
  readonly stderr: string
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
        let stderr = ''
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
        child.once('error', reject)
        let wallMs = NaN
        child.once('exit', () => (wallMs = performance.now() - started))
        // 'close' comes after 'exit' once every output stream has ended.
        child.once('close', code => {
          let maxRssKb: number | undefined
          try {
            const text = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1) ?? ''
            const parsed = Number(text)
            if (Number.isFinite(parsed) && parsed > 0) maxRssKb = parsed
          } catch {
            // No figure (the AWS CLI without GNU time): the table says n/a.
          }
          resolve({ code, wallMs, stdout, stderr, ...(maxRssKb === undefined ? {} : { maxRssKb }) })
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

/** One command the interleaved rounds run: how to start it and what a correct run looks like. */
interface Contender {
  readonly id: string
  readonly name: string
  /** Starts one run; resolves with its sample, or rejects with what went wrong. */
  run(): Promise<Sample>
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
}

/** A run of our bundle that must end with this exit code and `cause` output. */
function ourBundle(
  measurer: Measurer,
  scratch: string,
  endpoint: string,
  scenario: {
    id: string
    name: string
    extra: Record<string, string>
    inputs: Record<string, string>
    expectCode: number
    expectCause: string
  }
): Contender {
  return {
    id: scenario.id,
    name: scenario.name,
    run: async () => {
      const runner = runnerEnvironment(scratch, endpoint, scenario.extra, scenario.inputs)
      const sample = await measurer.run(process.execPath, [BUNDLE], runner.env, runner.cwd)
      const cause = parseOutputFile(readFileSync(runner.outputFile, 'utf8')).cause ?? ''
      if (sample.code !== scenario.expectCode || cause !== scenario.expectCause)
        throw new Error(
          `${scenario.name}: exit ${String(sample.code)}, cause "${cause}" (expected exit ${scenario.expectCode}, cause "${scenario.expectCause}")`
        )
      if (readFileSync(runner.summaryFile, 'utf8') === '')
        throw new Error(`${scenario.name}: no summary written`)
      return sample
    }
  }
}

/** The AWS CLI, if on the PATH: `aws` as the shell would find it. */
function findAwsCli(): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(directory, 'aws')
    if (directory !== '' && existsSync(candidate)) return candidate
  }
  return undefined
}

/** The environment of this process without any AWS_ variable, and a home of its own. */
function cleanEnvironment(home: string): Record<string, string> {
  return {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          entry[1] !== undefined &&
          !entry[0].startsWith('AWS_') &&
          !entry[0].startsWith('INPUT_') &&
          !entry[0].startsWith('GITHUB_')
      )
    ),
    HOME: home,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials')
  }
}

function awsCli(
  measurer: Measurer,
  scratch: string,
  aws: string,
  endpoint: string,
  key: { accessKeyId: string; secretAccessKey: string }
): Contender {
  const home = mkdtempSync(join(scratch, 'aws-home-'))
  const env = {
    ...cleanEnvironment(home),
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey
  }
  const args = ['sts', 'get-caller-identity', '--endpoint-url', endpoint]
  return {
    id: 'awsCli',
    name: '`aws sts get-caller-identity` (AWS CLI)',
    run: async () => {
      const sample = await measurer.run(
        aws,
        [...args, '--region', 'us-east-1', '--output', 'json'],
        env,
        home
      )
      if (sample.code !== 0 || !sample.stdout.includes('"Account"'))
        throw new Error(`aws sts get-caller-identity: exit ${String(sample.code)}`)
      return sample
    }
  }
}

/**
 * configure-aws-credentials' bundle, run as the runner runs it (`node dist/index.js` with its
 * inputs as `INPUT_` variables): access-key inputs, so its one call is GetCallerIdentity, sent
 * to the emulator through `AWS_ENDPOINT_URL_STS`. Each run must have made that call with the
 * key, had it answered 200, and set the `aws-account-id` output.
 */
function configureAwsCredentials(
  measurer: Measurer,
  scratch: string,
  emulator: Emulator,
  script: string,
  key: { accessKeyId: string; secretAccessKey: string }
): Contender {
  return {
    id: 'caws',
    name: 'configure-aws-credentials, access-key inputs',
    run: async () => {
      const base = mkdtempSync(join(scratch, 'caws-'))
      const files = Object.fromEntries(
        ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE'].map(name => {
          const path = join(base, name.toLowerCase())
          writeFileSync(path, '')
          return [name, path]
        })
      )
      const env = {
        ...cleanEnvironment(base),
        ...files,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        RUNNER_TEMP: base,
        AWS_ENDPOINT_URL_STS: emulator.url,
        'INPUT_AWS-ACCESS-KEY-ID': key.accessKeyId,
        'INPUT_AWS-SECRET-ACCESS-KEY': key.secretAccessKey,
        'INPUT_AWS-REGION': 'us-east-1'
      }
      const before = emulator.requestLog().length
      const sample = await measurer.run(process.execPath, [script], env, base)
      const calls = emulator.requestLog().slice(before)
      const answered = calls.some(
        entry =>
          entry.action === 'GetCallerIdentity' &&
          entry.accessKeyId === key.accessKeyId &&
          entry.status === 200
      )
      const account = parseOutputFile(readFileSync(files.GITHUB_OUTPUT ?? '', 'utf8'))[
        'aws-account-id'
      ]
      if (sample.code !== 0 || !answered || account !== '111122223333')
        throw new Error(
          `configure-aws-credentials: exit ${String(sample.code)}, GetCallerIdentity answered by the emulator: ${String(answered)}, aws-account-id "${account ?? ''}"`
        )
      return sample
    }
  }
}

/** The version its copy's README names (`configure-aws-credentials@v6.2.3`), or "unknown version". */
function cawsVersion(directory: string): string {
  const readme = join(directory, 'README.md')
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : ''
  return (
    /configure-aws-credentials(?:@|\s+(?:at\s+)?)(v\d+\.\d+\.\d+)/u.exec(text)?.[1] ??
    'unknown version'
  )
}

/** `aws --version`'s first words, e.g. "aws-cli/1.45.11 Python/3.11.7". */
async function awsCliVersion(measurer: Measurer, aws: string, scratch: string): Promise<string> {
  const home = mkdtempSync(join(scratch, 'aws-version-'))
  const sample = await measurer.run(aws, ['--version'], cleanEnvironment(home), home)
  const words = `${sample.stdout} ${sample.stderr}`.trim().split(/\s+/u)
  return words.slice(0, 2).join(' ')
}

function bundleSizes(): { mainBytes: number; allBytes: number; chunks: number } {
  const dist = join(ROOT, 'dist')
  const scripts = readdirSync(dist).filter(name => name.endsWith('.js'))
  const all = scripts.reduce((sum, name) => sum + statSync(join(dist, name)).size, 0)
  return { mainBytes: statSync(BUNDLE).size, allBytes: all, chunks: scripts.length - 1 }
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

function toRow(contender: { id: string; name: string }, samples: readonly Sample[]): BenchmarkRow {
  const walls = samples.map(sample => sample.wallMs)
  const rss = samples.flatMap(sample => (sample.maxRssKb === undefined ? [] : [sample.maxRssKb]))
  return {
    id: contender.id,
    name: contender.name,
    runs: samples.length,
    medianMs: Math.round(median(walls) * 10) / 10,
    minMs: Math.round(Math.min(...walls) * 10) / 10,
    maxMs: Math.round(Math.max(...walls) * 10) / 10,
    ...(rss.length === 0 ? {} : { peakRssKb: Math.max(...rss) })
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
  const startLoad = loadavg()[0] ?? 0
  const notes: string[] = []
  try {
    const valid = emulator.createAccessKey({ accountId: '111122223333', userName: 'bench' })
    const gone = emulator.createAccessKey({ accountId: '111122223333', userName: 'bench-gone' })
    emulator.deleteAccessKey(gone.accessKeyId)
    const keys = (key: { accessKeyId: string; secretAccessKey: string }) => ({
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey
    })
    const contenders: Contender[] = [
      ourBundle(measurer, scratch, emulator.url, {
        id: 'default',
        name: 'this action, default inputs (STS + IAM look-ups)',
        extra: keys(valid),
        inputs: {},
        expectCode: 0,
        expectCause: ''
      }),
      ourBundle(measurer, scratch, emulator.url, {
        id: 'stsOnly',
        name: 'this action, `check-iam: false` (STS only)',
        extra: keys(valid),
        inputs: { 'check-iam': 'false' },
        expectCode: 0,
        expectCause: ''
      }),
      ourBundle(measurer, scratch, emulator.url, {
        id: 'badKey',
        name: 'this action, deleted key (`invalid-client-token-id`)',
        extra: keys(gone),
        inputs: {},
        expectCode: 1,
        expectCause: 'invalid-client-token-id'
      })
    ]
    // The floor under every Node figure: Node starting and ending with nothing to do.
    const emptyHome = mkdtempSync(join(scratch, 'node-empty-'))
    contenders.push({
      id: 'nodeEmpty',
      name: '`node -e ""` (Node starting, for scale)',
      run: async () => {
        const sample = await measurer.run(
          process.execPath,
          ['-e', ''],
          cleanEnvironment(emptyHome),
          emptyHome
        )
        if (sample.code !== 0) throw new Error(`node -e "": exit ${String(sample.code)}`)
        return sample
      }
    })
    const cawsDirectory = process.env.BENCH_CAWS_DIR
    const cawsScript =
      cawsDirectory === undefined || cawsDirectory === ''
        ? undefined
        : join(cawsDirectory, 'dist', 'index.js')
    let cawsLabel: string | undefined
    if (cawsScript === undefined || !existsSync(cawsScript)) {
      const note =
        cawsScript === undefined
          ? 'BENCH_CAWS_DIR is not set: no comparison with configure-aws-credentials.'
          : `No ${cawsScript}: no comparison with configure-aws-credentials.`
      process.stdout.write(`${note}\n`)
      notes.push(note)
    } else {
      cawsLabel = cawsVersion(cawsDirectory ?? '')
      contenders.push(configureAwsCredentials(measurer, scratch, emulator, cawsScript, valid))
    }
    const aws = findAwsCli()
    let cliLabel: string | undefined
    if (aws === undefined) {
      const note = 'The AWS CLI is not on the PATH: no comparison with it.'
      process.stdout.write(`${note}\n`)
      notes.push(note)
    } else {
      cliLabel = await awsCliVersion(measurer, aws, scratch)
      contenders.push(awsCli(measurer, scratch, aws, emulator.url, valid))
    }

    process.stdout.write(
      `aws-credentials-doctor benchmark: ${options.runs} rounds, each running every command once, ` +
        `in turn (the order rotating), after one untimed warm-up round; ` +
        `then ${options.hungRuns} runs against an endpoint that never answers\n` +
        `node ${process.version}, ${cpus().length} CPUs, load average ${startLoad.toFixed(2)}, memory by ${measurer.method}\n\n`
    )
    const samples = new Map<string, Sample[]>(contenders.map(item => [item.id, []]))
    for (let round = 0; round <= options.runs; round += 1) {
      process.stdout.write(round === 0 ? 'warm-up' : ` ${round}`)
      for (let turn = 0; turn < contenders.length; turn += 1) {
        const contender = contenders[(round + turn) % contenders.length]
        if (contender === undefined) continue
        const sample = await contender.run()
        if (round > 0) samples.get(contender.id)?.push(sample)
      }
    }
    process.stdout.write('\n')

    const hungTimeout = options.hungTimeout
    const hung = ourBundle(measurer, scratch, emulator.url, {
      id: 'hung',
      name: `this action, endpoint that never answers (\`timeout-seconds: ${hungTimeout}\`)`,
      extra: keys(valid),
      inputs: { 'timeout-seconds': String(hungTimeout) },
      expectCode: 1,
      expectCause: 'sts-timeout'
    })
    const hungSamples: Sample[] = []
    emulator.setFault({ mode: 'hang' })
    try {
      for (let index = 0; index < options.hungRuns; index += 1) hungSamples.push(await hung.run())
    } finally {
      emulator.setFault(undefined)
    }

    const rows = [
      ...contenders.map(item => toRow(item, samples.get(item.id) ?? [])),
      toRow(hung, hungSamples)
    ]
    const medianOf = (id: string): number | undefined => rows.find(row => row.id === id)?.medianMs
    const ratio = (ours: string, theirs: string): number | undefined => {
      const a = medianOf(ours)
      const b = medianOf(theirs)
      return a === undefined || b === undefined ? undefined : Math.round((a / b) * 1000) / 1000
    }
    const ratios: Record<string, number> = {}
    const ratioTarget = (
      name: string,
      ours: string,
      theirs: string,
      bound: number,
      label: string
    ): BenchmarkTarget => {
      const value = ratio(ours, theirs)
      if (value !== undefined) ratios[`${ours}/${theirs}`] = value
      return {
        name,
        target: `≤ ${bound.toFixed(2)} × ${label}`,
        ...(value === undefined ? {} : { seen: times(value), met: value <= bound })
      }
    }
    const timeTarget = (name: string, id: string, boundMs: number, text: string) => {
      const value = medianOf(id) ?? NaN
      const worst = rows.find(row => row.id === id)?.maxMs ?? NaN
      return {
        name,
        target: text,
        seen: id === 'hung' ? `${seconds(worst)} (slowest run)` : seconds(value),
        met: (id === 'hung' ? worst : value) < boundMs
      }
    }
    const targets: BenchmarkTarget[] = [
      ratioTarget('default inputs', 'default', 'caws', 1.0, 'configure-aws-credentials'),
      ratioTarget('`check-iam: false`', 'stsOnly', 'caws', 0.75, 'configure-aws-credentials'),
      ratioTarget('default inputs', 'default', 'awsCli', 0.4, 'the AWS CLI'),
      timeTarget('deleted key', 'badKey', 300, '< 0.300 s'),
      timeTarget(
        'endpoint that never answers',
        'hung',
        (hungTimeout + 1) * 1000,
        `every run < ${hungTimeout + 1} s (\`timeout-seconds\` + 1)`
      )
    ]
    const endLoad = loadavg()[0] ?? 0
    const record: BenchmarkRecord = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
        os: `${platform()} ${release()}`,
        loadAverage: [Math.round(startLoad * 100) / 100, Math.round(endLoad * 100) / 100]
      },
      node: process.version,
      ...(cliLabel === undefined ? {} : { awsCli: cliLabel }),
      ...(cawsLabel === undefined ? {} : { configureAwsCredentials: cawsLabel }),
      method:
        `${options.runs} interleaved rounds after a warm-up round, medians of wall time from ` +
        `spawn to exit; peak memory by ${measurer.method}`,
      rows,
      ratios,
      targets,
      bundle: bundleSizes(),
      notes
    }

    process.stdout.write('\n')
    printTable([
      ['command', 'runs', 'median', 'min', 'max', 'peak RSS'],
      ...rows.map(row => [
        row.name,
        String(row.runs),
        seconds(row.medianMs),
        seconds(row.minMs),
        seconds(row.maxMs),
        row.peakRssKb === undefined ? 'n/a' : `${(row.peakRssKb / 1024).toFixed(1)} MB`
      ])
    ])
    process.stdout.write('\n')
    printTable([
      ['target', 'seen', ''],
      ...targets.map(item => [
        `${item.name}: ${item.target}`,
        item.seen ?? 'n/a',
        item.met === undefined ? 'skipped' : item.met ? 'met' : 'MISSED'
      ])
    ])
    process.stdout.write(
      `\nbundle: dist/index.js ${(record.bundle.mainBytes / 1024 / 1024).toFixed(2)} MB, ` +
        `with ${record.bundle.chunks} lazily loaded chunk(s) ${(record.bundle.allBytes / 1024 / 1024).toFixed(2)} MB; ` +
        `load average ${startLoad.toFixed(2)} → ${endLoad.toFixed(2)}\n`
    )
    if (options.write) {
      writeFileSync(BENCHMARK_JSON, `${JSON.stringify(record, null, 2)}\n`)
      for (const path of QUOTING_DOCS)
        writeFileSync(path, updateBenchmarkSection(readFileSync(path, 'utf8'), record))
      process.stdout.write(
        'wrote docs/benchmark.json and its tables in README.md and docs/performance.md\n'
      )
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
      `The benchmark itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    )
    process.exit(1)
  }
)
