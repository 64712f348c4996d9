/**
 * A typed, in-memory stand-in for the parts of `@actions/core` the publisher uses, for tests
 * that run the publisher (or run()) inside Jest. The real module writes to `process.stdout`
 * and to the files named by `process.env`, which inside a CI job are that job's own outputs
 * and summary; this one records what the action told the runner instead.
 *
 *   jest.unstable_mockModule('@actions/core', () => core)
 *   const { run } = await import('../src/main.js')
 *
 * The real protocol is tested end to end, over `dist/index.js` in a child process.
 */
import type * as Core from '@actions/core'

export interface RecordedAnnotation {
  readonly severity: 'error' | 'warning' | 'notice'
  readonly message: string
  readonly properties: Core.AnnotationProperties
}

/** What the action told the runner, in order. */
export const runner = {
  secrets: [] as string[],
  outputs: {} as Record<string, string>,
  annotations: [] as RecordedAnnotation[],
  /** Plain log lines (`core.info`). */
  lines: [] as string[],
  debugLines: [] as string[],
  summary: '',
  /** Where the summary cannot be written, the error the real `write()` would throw. */
  summaryError: undefined as Error | undefined,
  failed: undefined as string | undefined
}

export function resetRunner(): void {
  runner.secrets = []
  runner.outputs = {}
  runner.annotations = []
  runner.lines = []
  runner.debugLines = []
  runner.summary = ''
  runner.summaryError = undefined
  runner.failed = undefined
}

const annotate =
  (severity: RecordedAnnotation['severity']) =>
  (message: string | Error, properties: Core.AnnotationProperties = {}): void => {
    runner.annotations.push({ severity, message: String(message), properties })
  }

export const setSecret: typeof Core.setSecret = secret => void runner.secrets.push(secret)
export const setOutput: typeof Core.setOutput = (name: string, value: unknown) => {
  runner.outputs[name] = String(value)
}
export const info: typeof Core.info = message => void runner.lines.push(message)
export const debug: typeof Core.debug = message => void runner.debugLines.push(message)
export const error: typeof Core.error = annotate('error')
export const warning: typeof Core.warning = annotate('warning')
export const notice: typeof Core.notice = annotate('notice')
export const setFailed: typeof Core.setFailed = message => {
  runner.failed = String(message)
  error(message)
}

/** The summary's builder, as far as the publisher uses it. */
interface SummaryStub {
  addRaw(text: string, addEOL?: boolean): SummaryStub
  emptyBuffer(): SummaryStub
  write(): Promise<SummaryStub>
}

let buffer = ''
export const summary: SummaryStub = {
  addRaw(text, addEOL = false) {
    buffer += addEOL ? `${text}\n` : text
    return summary
  },
  emptyBuffer() {
    buffer = ''
    return summary
  },
  write() {
    if (runner.summaryError !== undefined) return Promise.reject(runner.summaryError)
    runner.summary += buffer
    buffer = ''
    return Promise.resolve(summary)
  }
}
