/**
 * The report of last resort: what an exit writes when the normal report was not written (an
 * error while the modules load, an unhandled rejection, an exit nobody planned). It uses
 * Node's own modules only and writes synchronously, so it works when nothing else does and
 * reaches the log before the process ends. It names the error by its kind (`TypeError`,
 * `ERR_MODULE_NOT_FOUND`), never by its message: without the redactor, a message could hold a
 * secret.
 */
import { appendFileSync, writeSync } from 'node:fs'
import { errorProperty } from '../errors.js'
import { plainLine, withoutLegacyCommands } from './log-line.js'

let reported = false

/** Called by the publisher once the verdict and the summary are written. */
export function markReported(): void {
  reported = true
}

export function wasReported(): boolean {
  return reported
}

export interface LastResortTarget {
  readonly onRunner: boolean
  /** `GITHUB_STEP_SUMMARY`, where set. */
  readonly summaryPath?: string
}

/** An error's kind, without its message. */
export function kindOf(error: unknown): string {
  const name = errorProperty(error, 'name') ?? (error instanceof Error ? 'Error' : typeof error)
  const code = errorProperty(error, 'code')
  return code === undefined ? name : `${name} (${code})`
}

/** Workflow-command data, escaped as the runner expects (`%`, CR and LF). */
function commandData(text: string): string {
  return withoutLegacyCommands(text)
    .replace(/%/gu, '%25')
    .replace(/\r/gu, '%0D')
    .replace(/\n/gu, '%0A')
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8')
  for (let offset = 0; offset < bytes.length;)
    offset += writeSync(fd, bytes, offset, bytes.length - offset)
}

/**
 * Writes the verdict line, an error annotation and a summary saying the action failed and why,
 * once; nothing when the normal report was already written.
 */
export function writeLastResort(target: LastResortTarget, what: string): void {
  if (reported) return
  reported = true
  const title = 'The action failed unexpectedly'
  const message = `The action stopped before its report was written: ${what}. This is a bug in aws-credentials-doctor, not in your credentials: please report it with this log. Re-running may help.`
  const lines = [
    plainLine('AWS credentials fail: internal-error'),
    plainLine(`  [error] internal-error: ${title}`),
    target.onRunner ? `::error title=internal-error::${commandData(message)}` : plainLine(message)
  ]
  try {
    writeAll(1, `${lines.join('\n')}\n`)
  } catch {
    // Standard output is gone: standard error is the runner's log too.
    try {
      writeAll(2, `${lines.join('\n')}\n`)
    } catch {
      // Nowhere left to write.
    }
  }
  if (target.summaryPath === undefined || target.summaryPath === '') return
  try {
    appendFileSync(
      target.summaryPath,
      `## ❌ AWS credentials fail: ${title}\n\n**Cause:** \`internal-error\`: ${message}\n`
    )
  } catch {
    // The log above holds the same words.
  }
}
