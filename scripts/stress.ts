/**
 * `npm run stress [-- --runs N --concurrency C --bundle PATH]`: N cold runs of the bundled
 * action (`dist/index.js`, or another build's `index.js`; default 2,000 runs) against the loopback STS emulator, C at a time (default: one
 * per core), asserting that every run ended with its verdict line in the log and its job
 * summary written, and that none exited without output. Not part of `npm test`: it takes
 * minutes. Exits 1 if any run broke the rule, with the first few broken runs described.
 */
import { cpus } from 'node:os'
import { cleanUp, runAction, type RunOptions, type RunResult } from '../__tests__/e2e/harness.js'
import { startEmulator } from '../__tests__/emulator/emulator.js'

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  const raw = at === -1 ? process.env[`STRESS_${name.toUpperCase()}`] : process.argv[at + 1]
  const value = Number(raw ?? fallback)
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number`)
  return value
}

const RUNS = option('runs', 2000)
const bundleAt = process.argv.indexOf('--bundle')
/** Another build to run (an older one, to compare); the committed dist/ by default. */
const BUNDLE_PATH = bundleAt === -1 ? undefined : process.argv[bundleAt + 1]
const CONCURRENCY = option('concurrency', cpus().length)

/** What every exit must show, whatever the outcome. */
const VERDICT = /^AWS credentials (work|fail)/mu

interface Broken {
  readonly scenario: string
  readonly why: string
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

function judge(scenario: string, result: RunResult): Broken | undefined {
  const why =
    result.stdout === ''
      ? 'silent exit: nothing on stdout'
      : !VERDICT.test(result.stdout)
        ? 'no verdict line'
        : !result.summary.startsWith('## ')
          ? 'no job summary'
          : result.code !== 0 && result.code !== 1
            ? `exit code ${String(result.code)}`
            : undefined
  return why === undefined
    ? undefined
    : {
        scenario,
        why,
        code: result.code,
        stdout: result.stdout.slice(0, 400),
        stderr: result.stderr.slice(0, 400)
      }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0
}

async function main(): Promise<void> {
  const emulator = await startEmulator()
  const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'stress' })
  const keys = { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_REGION: 'us-east-1' }
  // The outcomes a run can have: a pass, an STS refusal, nothing to check, a bad input.
  const scenarios: Record<string, RunOptions> = {
    pass: {
      endpoint: emulator.url,
      env: { ...keys, AWS_SECRET_ACCESS_KEY: key.secretAccessKey },
      inputs: { 'check-iam': 'false' }
    },
    'signature-mismatch': {
      endpoint: emulator.url,
      env: { ...keys, AWS_SECRET_ACCESS_KEY: `${key.secretAccessKey.slice(0, -4)}AAAA` }
    },
    'no-credentials': { endpoint: emulator.url },
    'settings-invalid': { endpoint: emulator.url, inputs: { 'fail-on': 'sometimes' } }
  }
  const names = Object.keys(scenarios)
  const broken: Broken[] = []
  const durations: number[] = []
  const codes = new Map<string, number>()
  let next = 0
  const started = performance.now()
  async function worker(): Promise<void> {
    for (let index = next++; index < RUNS; index = next++) {
      const scenario = names[index % names.length] ?? 'pass'
      const result = await runAction({
        ...scenarios[scenario],
        ...(BUNDLE_PATH === undefined ? {} : { bundle: BUNDLE_PATH })
      })
      durations.push(result.durationMs)
      codes.set(String(result.code), (codes.get(String(result.code)) ?? 0) + 1)
      const verdict = judge(scenario, result)
      if (verdict !== undefined) broken.push(verdict)
      if ((index + 1) % 100 === 0) process.stderr.write(`${index + 1}/${RUNS}\n`)
    }
  }
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()))
  } finally {
    await emulator.stop()
    cleanUp()
  }
  durations.sort((a, b) => a - b)
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(
    [
      `${RUNS} cold runs of ${BUNDLE_PATH ?? 'dist/index.js'}, ${CONCURRENCY} at a time, in ${seconds.toFixed(0)} s`,
      `exit codes: ${[...codes].map(([code, count]) => `${code} × ${count}`).join(', ')}`,
      `duration ms: p50 ${percentile(durations, 50).toFixed(0)}, p99 ${percentile(durations, 99).toFixed(0)}, max ${(durations.at(-1) ?? 0).toFixed(0)}`,
      `without verdict or summary (silent exits included): ${broken.length}`,
      ...broken.slice(0, 5).map(item => JSON.stringify(item))
    ].join('\n') + '\n'
  )
  process.exitCode = broken.length === 0 ? 0 : 1
}

await main()
