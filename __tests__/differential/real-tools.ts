/**
 * Runs the real tools on a runner setup written to a temporary HOME: the AWS SDK for JavaScript's
 * credential chain (in one child process for many setups, each with exactly its own environment)
 * and the AWS CLI (`aws sts get-caller-identity`, one process per setup, pointed at the loopback
 * emulator with `AWS_ENDPOINT_URL_STS`). Nothing leaves 127.0.0.1.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))

/** A runner setup: variables, and files by path under HOME (`.aws/credentials`). */
export interface Setup {
  readonly env: Readonly<Record<string, string>>
  readonly files: Readonly<Record<string, string | Buffer>>
}

/** What a tool did: the access key ID it used, or the message it stopped with. */
export interface ToolOutcome {
  readonly accessKeyId?: string
  readonly failure?: string
}

export interface Prepared {
  readonly home: string
  /** The setup's variables with HOME; no variable of this machine leaks in. */
  readonly env: Record<string, string>
  /** The working directory the tools run in (a relative path opens from it); else this one. */
  cwd?: string
}

/** Writes the setup's files under `root` and returns its isolated environment. */
export function prepare(setup: Setup, root: string): Prepared {
  mkdirSync(root, { recursive: true })
  for (const [path, content] of Object.entries(setup.files)) {
    const full = join(root, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, content)
  }
  return {
    home: root,
    env: { HOME: root, AWS_EC2_METADATA_DISABLED: 'true', ...setup.env }
  }
}

function collect(
  child: ReturnType<typeof spawn>
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', code => resolve({ code, stdout, stderr }))
  })
}

/** The name under which a setup's working directory reaches the runner script (never the tools). */
export const CWD = 'DIFFERENTIAL_WORKING_DIRECTORY'

/** The real JS SDK chain over many setups, in one child process. */
export async function jsChain(prepared: readonly Prepared[]): Promise<ToolOutcome[]> {
  return jsRunner<ToolOutcome>('js-chain.mjs', prepared)
}

/**
 * A runner script of this folder over many setups, in one child process that reads their
 * environments on stdin and prints one JSON result per setup.
 */
export async function jsRunner<T>(script: string, prepared: readonly Prepared[]): Promise<T[]> {
  const child = spawn(process.execPath, [join(HERE, script)], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['pipe', 'pipe', 'pipe']
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  // A setup's working directory travels beside its variables: the runner changes to it.
  child.stdin.end(
    JSON.stringify(
      prepared.map(item => (item.cwd === undefined ? item.env : { ...item.env, [CWD]: item.cwd }))
    )
  )
  const { stdout, stderr } = await collect(child)
  clearTimeout(timer)
  if (stdout === '') throw new Error(`${script} printed nothing: ${stderr}`)
  return JSON.parse(stdout) as T[]
}

/** The `aws` executable on PATH, or undefined (the CLI part of the test then skips). */
export function awsCliPath(): string | undefined {
  try {
    const path = execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim()
    return path === '' ? undefined : path
  } catch {
    return undefined
  }
}

/** The line the AWS CLI ends on when it fails: its own message, or a traceback's last line. */
export function cliMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '')
  const last = lines.at(-1) ?? ''
  return last.replace(/^botocore\.exceptions\.\w+: /u, '')
}

export interface CliRun {
  readonly code: number | null
  readonly message: string
}

/**
 * `aws sts get-caller-identity` in the setup's environment, against the emulator. The region
 * is the setup's, else us-east-1; `NO_PROXY` keeps a proxy of this machine off loopback.
 */
export async function awsCli(
  cli: string,
  prepared: Prepared,
  endpoint: string,
  options: { readonly retries?: 'one attempt' | 'as configured' } = {}
): Promise<CliRun> {
  // One attempt, unless the setup's own `max_attempts` in ~/.aws/config is what is tested (the
  // variable would win over it).
  const attempts = options.retries === 'as configured' ? {} : { AWS_MAX_ATTEMPTS: '1' }
  const child = spawn(cli, ['sts', 'get-caller-identity', '--output', 'json'], {
    env: {
      PATH: process.env.PATH ?? '',
      AWS_DEFAULT_REGION: 'us-east-1',
      NO_PROXY: '127.0.0.1',
      ...attempts,
      ...prepared.env,
      AWS_ENDPOINT_URL_STS: endpoint
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(prepared.cwd === undefined ? {} : { cwd: prepared.cwd })
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  const { code, stderr } = await collect(child)
  clearTimeout(timer)
  return { code, message: cliMessage(stderr) }
}
