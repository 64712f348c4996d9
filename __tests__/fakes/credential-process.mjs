// A credential_process for the tests, run as a real child process: `node credential-process.mjs MODE [PIDFILE]`.
// It writes its own PID (and that of a child it starts, in `hang`) to PIDFILE, so a test can
// check that nothing is left running.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { setInterval } from 'node:timers'

const [mode, pidFile] = process.argv.slice(2)
const secret = process.env.FAKE_PROCESS_SECRET ?? 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const keyId = process.env.FAKE_PROCESS_KEY_ID ?? 'AKIAIOSFODNN7EXAMPLE'
const pids = [process.pid]
const out = value => process.stdout.write(typeof value === 'string' ? value : JSON.stringify(value))
const later = new Date(Date.now() + 3600_000).toISOString()
switch (mode) {
  case 'ok':
    out({ Version: 1, AccessKeyId: keyId, SecretAccessKey: secret, Expiration: later })
    break
  case 'fail':
    process.stderr.write(`cannot refresh: secret ${secret}\n`)
    process.exitCode = 3
    break
  case 'empty':
    break
  case 'not-json':
    out(`Logging in...\n${secret}\n`)
    break
  case 'version':
    out({ Version: 2, AccessKeyId: keyId, SecretAccessKey: secret })
    break
  case 'fields':
    out({ Version: 1, accessKeyId: keyId, secretAccessKey: secret })
    break
  case 'expired':
    out({ Version: 1, AccessKeyId: keyId, SecretAccessKey: secret, Expiration: '2020-01-01T00:00:00Z' })
    break
  case 'hang': {
    // A grandchild that would outlive its parent unless the whole group is killed.
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' })
    pids.push(child.pid)
    process.stderr.write(`waiting for ${secret}\n`)
    setInterval(() => {}, 1000)
    break
  }
}
if (pidFile !== undefined) writeFileSync(pidFile, pids.join('\n'))
