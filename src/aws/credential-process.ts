/**
 * Runs a profile's `credential_process` the way the AWS SDKs do (through the shell, with the
 * job's environment) and keeps what it answered: its exit status, how much it wrote to stdout
 * and stderr, what is wrong with the JSON, how long it took. The SDK collapses all of this into
 * "Could not load credentials from any providers"; the report names the cause instead.
 *
 * The process runs in a process group of its own, and the whole group is killed when the
 * budget runs out, so nothing it started is left running after the step. Neither its stdout
 * (credentials) nor its stderr (which may echo tokens) is ever put into a result: only sizes,
 * the exit status, and the names of the JSON fields that are missing or wrong.
 */
import type { spawn as Spawn } from 'node:child_process'
import type { Deadline } from './deadline.js'
import type { AwsCredentials } from './sts.js'
import { code } from '../report/markdown.js'

/** More than any credential JSON; a process that writes beyond it is cut off there. */
const STDOUT_LIMIT = 64 * 1024

export type ProcessProblem =
  | 'spawn-failed'
  | 'exit-status'
  | 'killed'
  | 'timeout'
  | 'no-output'
  | 'not-json'
  | 'wrong-version'
  | 'missing-fields'
  | 'bad-expiration'
  | 'expired'

export interface ProcessRun {
  /** Milliseconds from start to exit (or to the kill). */
  readonly elapsedMs: number
  readonly exitCode?: number
  readonly signal?: string
  readonly stdoutBytes: number
  readonly stderrBytes: number
}

export type ProcessOutcome =
  | { readonly ok: true; readonly credentials: AwsCredentials; readonly run: ProcessRun }
  | {
      readonly ok: false
      readonly problem: ProcessProblem
      /** What was wrong, in words that hold no output of the process. */
      readonly detail: string
      readonly run: ProcessRun
    }

interface Exit {
  readonly run: ProcessRun
  readonly stdout: string
  readonly timedOut: boolean
  readonly spawnError?: string
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    // The negative PID names the group: the shell and everything it started.
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

function execute(command: string, deadline: Deadline, spawn: typeof Spawn): Promise<Exit> {
  const started = Date.now()
  return new Promise(resolve => {
    const chunks: Buffer[] = []
    let stdoutBytes = 0
    let stderrBytes = 0
    let timedOut = false
    let spawnError: string | undefined
    const child = spawn(command, {
      shell: true,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true
    })
    const timer = setTimeout(
      () => {
        timedOut = true
        killGroup(child.pid)
      },
      Math.max(1, deadline.remaining())
    )
    timer.unref()
    // The step may end first (its own timeout, an internal error): the group goes with it.
    const onExit = (): void => killGroup(child.pid)
    process.on('exit', onExit)
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length
      if (stdoutBytes <= STDOUT_LIMIT) chunks.push(chunk)
    })
    // Counted, never kept: stderr may hold secrets.
    child.stderr.on('data', (chunk: Buffer) => {
      stderrBytes += chunk.length
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error.code ?? 'error'
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      process.off('exit', onExit)
      resolve({
        run: {
          elapsedMs: Date.now() - started,
          ...(code === null ? {} : { exitCode: code }),
          ...(signal === null ? {} : { signal }),
          stdoutBytes,
          stderrBytes
        },
        stdout: Buffer.concat(chunks).toString('utf8'),
        timedOut,
        ...(spawnError === undefined ? {} : { spawnError })
      })
    })
  })
}

function stringField(json: Record<string, unknown>, name: string): string | undefined {
  const value = json[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function bytes(count: number): string {
  return `${count} byte${count === 1 ? '' : 's'}`
}

/** Says what the process wrote, by size only. */
export function describeRun(run: ProcessRun): string {
  const status =
    run.exitCode !== undefined
      ? `exit status ${run.exitCode}`
      : run.signal !== undefined
        ? `ended by ${run.signal}`
        : 'no exit status'
  const stderr =
    run.stderrBytes === 0
      ? 'nothing on stderr'
      : `${bytes(run.stderrBytes)} on stderr (not shown: it may hold secrets)`
  return `${status} after ${run.elapsedMs} ms, ${bytes(run.stdoutBytes)} on stdout, ${stderr}`
}

/** Judges the JSON the SDKs expect: `Version` 1, `AccessKeyId`, `SecretAccessKey`, … */
export function judgeOutput(
  stdout: string,
  now: number
):
  | { ok: true; credentials: AwsCredentials }
  | { ok: false; problem: ProcessProblem; detail: string } {
  if (stdout.trim() === '')
    return { ok: false, problem: 'no-output', detail: 'it printed nothing on stdout' }
  let json: unknown
  try {
    json = JSON.parse(stdout)
  } catch {
    return {
      ok: false,
      problem: 'not-json',
      detail: 'what it printed on stdout is not JSON (not shown: it may hold secrets)'
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ok: false,
      problem: 'not-json',
      detail: 'what it printed on stdout is not a JSON object'
    }
  }
  const object = json as Record<string, unknown>
  if (object.Version !== 1) {
    const version = object.Version
    const shown =
      version === undefined
        ? 'has no `Version`'
        : typeof version === 'number'
          ? `has ${code(`"Version": ${version}`)}`
          : `has a \`Version\` of type ${typeof version}`
    return {
      ok: false,
      problem: 'wrong-version',
      detail: `its JSON ${shown}; the SDKs accept only \`"Version": 1\``
    }
  }
  const accessKeyId = stringField(object, 'AccessKeyId')
  const secretAccessKey = stringField(object, 'SecretAccessKey')
  const missing = [
    ...(accessKeyId === undefined ? ['AccessKeyId'] : []),
    ...(secretAccessKey === undefined ? ['SecretAccessKey'] : [])
  ]
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    return {
      ok: false,
      problem: 'missing-fields',
      detail: `its JSON has no string ${missing.map(name => code(name)).join(' and ')}`
    }
  }
  const sessionToken = stringField(object, 'SessionToken')
  const expiration = object.Expiration
  if (expiration !== undefined) {
    const at = typeof expiration === 'string' ? Date.parse(expiration) : Number.NaN
    if (Number.isNaN(at)) {
      return {
        ok: false,
        problem: 'bad-expiration',
        detail: 'its JSON has an `Expiration` that is not an ISO 8601 timestamp'
      }
    }
    if (at <= now) {
      return {
        ok: false,
        problem: 'expired',
        detail: `the credentials it printed expired at ${new Date(at).toISOString()}, ${Math.round((now - at) / 1000)} s before the run`
      }
    }
  }
  return {
    ok: true,
    credentials: {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken })
    }
  }
}

export async function runCredentialProcess(
  command: string,
  deadline: Deadline
): Promise<ProcessOutcome> {
  // Loaded here, not with the module: few runs have a credential_process, and Node's
  // child_process costs every run several milliseconds at start-up.
  const { spawn } = await import('node:child_process')
  const exit = await execute(command, deadline, spawn)
  const { run } = exit
  if (exit.spawnError !== undefined)
    return {
      ok: false,
      problem: 'spawn-failed',
      detail: `it could not be started (${exit.spawnError})`,
      run
    }
  if (exit.timedOut) {
    return {
      ok: false,
      problem: 'timeout',
      detail: `it did not finish within the time left (${run.elapsedMs} ms); it was killed with every process it started`,
      run
    }
  }
  if (run.exitCode === undefined) {
    return {
      ok: false,
      problem: 'killed',
      detail: `it was ended by ${run.signal ?? 'a signal'}`,
      run
    }
  }
  if (run.exitCode !== 0) {
    return {
      ok: false,
      problem: 'exit-status',
      detail: `it exited with status ${run.exitCode}${run.exitCode === 127 ? ' (the shell found no such command)' : ''}`,
      run
    }
  }
  const judged = judgeOutput(exit.stdout, Date.now())
  return judged.ok ? { ok: true, credentials: judged.credentials, run } : { ...judged, run }
}
