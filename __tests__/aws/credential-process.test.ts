import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { judgeOutput, runCredentialProcess } from '../../src/aws/credential-process.js'
import { Deadline } from '../../src/aws/deadline.js'

const SCRIPT = resolve('__tests__/fakes/credential-process.mjs')
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const command = (mode: string, pidFile?: string): string =>
  `"${process.execPath}" "${SCRIPT}" ${mode}${pidFile === undefined ? '' : ` "${pidFile}"`}`

/** Running, not a zombie waiting for a parent that does not reap it. */
function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /su, '')[0]
    if (state === 'Z' || state === 'X') return false
  } catch {
    // No /proc (macOS): ask with signal 0.
  }
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('runCredentialProcess (real child processes)', () => {
  test('valid JSON gives the credentials', async () => {
    const outcome = await runCredentialProcess(command('ok'), new Deadline(5000))
    expect(outcome.ok).toBe(true)
    if (outcome.ok) {
      expect(outcome.credentials.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE')
      expect(outcome.credentials.sessionToken).toBeUndefined()
    }
  })

  test.each([
    ['fail', 'exit-status', /exited with status 3/u],
    ['empty', 'no-output', /printed nothing/u],
    ['not-json', 'not-json', /not JSON/u],
    ['version', 'wrong-version', /"Version": 2/u],
    ['fields', 'missing-fields', /`AccessKeyId` and `SecretAccessKey`/u],
    ['expired', 'expired', /expired at 2020-01-01T00:00:00.000Z/u]
  ])('%s is reported as %s, with no output of the process', async (mode, problem, detail) => {
    const outcome = await runCredentialProcess(command(mode), new Deadline(5000))
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.problem).toBe(problem)
    expect(outcome.detail).toMatch(detail)
    expect(JSON.stringify(outcome)).not.toContain(SECRET.slice(0, 8))
  })

  test('stderr is counted, never kept', async () => {
    const outcome = await runCredentialProcess(command('fail'), new Deadline(5000))
    expect(outcome.run.stderrBytes).toBeGreaterThan(SECRET.length)
    expect(outcome.run.exitCode).toBe(3)
    expect(JSON.stringify(outcome)).not.toContain(SECRET.slice(0, 8))
  })

  test('a command that does not exist is exit status 127', async () => {
    const outcome = await runCredentialProcess('no-such-credential-helper-xyz', new Deadline(5000))
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.detail).toMatch(/127/u)
  })

  test('a process that hangs is killed at the deadline with everything it started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acd-process-'))
    const pidFile = join(dir, 'pids')
    const started = Date.now()
    const outcome = await runCredentialProcess(command('hang', pidFile), new Deadline(1500))
    expect(Date.now() - started).toBeLessThan(4000)
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.problem).toBe('timeout')
    const pids = readFileSync(pidFile, 'utf8').split('\n').map(Number)
    expect(pids).toHaveLength(2)
    await new Promise(done => setTimeout(done, 200))
    for (const pid of pids) expect([pid, alive(pid)]).toEqual([pid, false])
  })
})

describe('judgeOutput', () => {
  const now = Date.parse('2026-06-01T00:00:00Z')
  test('accepts surrounding whitespace and no Expiration', () => {
    expect(judgeOutput(' {"Version":1,"AccessKeyId":"A","SecretAccessKey":"S"}\n', now).ok).toBe(
      true
    )
  })
  test('an unreadable Expiration', () => {
    const judged = judgeOutput(
      '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"soon"}',
      now
    )
    expect(judged.ok ? undefined : judged.problem).toBe('bad-expiration')
  })
  test('a JSON array is not an object', () => {
    const judged = judgeOutput('[1]', now)
    expect(judged.ok ? undefined : judged.problem).toBe('not-json')
  })
})
