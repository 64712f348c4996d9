/**
 * The figures of `npm run bench`, as docs/benchmark.json keeps them, and the tables README.md
 * and docs/performance.md quote from it. The bench writes the JSON and rewrites the marked
 * sections of both documents; `__tests__/benchmark-doc.test.ts` checks they still agree.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const BENCHMARK_JSON = join(ROOT, 'docs', 'benchmark.json')
export const QUOTING_DOCS = [join(ROOT, 'README.md'), join(ROOT, 'docs', 'performance.md')]

/** One measured command: medians over the timed runs, in milliseconds and kilobytes. */
export interface BenchmarkRow {
  readonly id: string
  readonly name: string
  readonly runs: number
  readonly medianMs: number
  readonly minMs: number
  readonly maxMs: number
  /** Peak resident memory over the runs, when it could be measured. */
  readonly peakRssKb?: number
}

export interface BenchmarkTarget {
  readonly name: string
  /** What must hold, e.g. "≤ 1.0 × configure-aws-credentials". */
  readonly target: string
  /** The figure seen, e.g. "0.912 ×" or "0.154 s"; absent when it could not be measured. */
  readonly seen?: string
  /** Undefined when the comparison was skipped (its tool missing). */
  readonly met?: boolean
}

export interface BenchmarkRecord {
  readonly date: string
  readonly machine: {
    readonly cpus: number
    readonly cpuModel: string
    readonly os: string
    /** 1-minute load average when the bench started and ended: the machine may be shared. */
    readonly loadAverage: readonly [number, number]
  }
  readonly node: string
  readonly awsCli?: string
  readonly configureAwsCredentials?: string
  readonly method: string
  readonly rows: readonly BenchmarkRow[]
  /** Median of ours divided by the median of the other tool, from the same interleaved run. */
  readonly ratios: Readonly<Record<string, number>>
  readonly targets: readonly BenchmarkTarget[]
  readonly bundle: {
    readonly mainBytes: number
    readonly allBytes: number
    readonly chunks: number
  }
  readonly notes: readonly string[]
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`
}

export function times(ratio: number): string {
  return `${ratio.toFixed(3)} ×`
}

function megabytes(kb: number | undefined): string {
  return kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`
}

function verdict(met: boolean | undefined): string {
  return met === undefined ? 'skipped' : met ? 'met' : 'MISSED'
}

/** The Markdown both documents quote between their benchmark markers. */
export function renderBenchmark(record: BenchmarkRecord): string {
  const lines = [
    `Measured ${record.date.slice(0, 10)} on ${record.machine.cpus} CPUs (${record.machine.cpuModel}), ` +
      `Node ${record.node}${record.awsCli === undefined ? '' : `, ${record.awsCli}`}` +
      `${record.configureAwsCredentials === undefined ? '' : `, configure-aws-credentials ${record.configureAwsCredentials}`}; ` +
      `load average ${record.machine.loadAverage[0].toFixed(2)} at the start, ` +
      `${record.machine.loadAverage[1].toFixed(2)} at the end. Medians of cold runs, ` +
      'the tools taking turns run by run (from `docs/benchmark.json`, written by `npm run bench`).',
    '',
    '| command | runs | median | min | max | peak memory |',
    '|---|---|---|---|---|---|',
    ...record.rows.map(
      row =>
        `| ${row.name} | ${row.runs} | ${seconds(row.medianMs)} | ${seconds(row.minMs)} | ` +
        `${seconds(row.maxMs)} | ${megabytes(row.peakRssKb)} |`
    ),
    '',
    '| target | seen | |',
    '|---|---|---|',
    ...record.targets.map(
      item => `| ${item.name}: ${item.target} | ${item.seen ?? 'n/a'} | ${verdict(item.met)} |`
    )
  ]
  for (const note of record.notes) lines.push('', note)
  return lines.join('\n')
}

const START = '<!-- benchmark:start (npm run bench writes this from docs/benchmark.json) -->'
const END = '<!-- benchmark:end -->'

/** The text with its benchmark section replaced; an error when the markers are missing. */
export function updateBenchmarkSection(text: string, record: BenchmarkRecord): string {
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  if (start === -1 || end < start) throw new Error(`no ${START} … ${END} section`)
  return `${text.slice(0, start + START.length)}\n${renderBenchmark(record)}\n${text.slice(end)}`
}

export function readBenchmark(): BenchmarkRecord {
  return JSON.parse(readFileSync(BENCHMARK_JSON, 'utf8')) as BenchmarkRecord
}
