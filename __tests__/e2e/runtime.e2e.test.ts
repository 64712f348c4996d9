/**
 * The runtime: the bundle as the runner starts it, on the Node.js the suite runs with (or the
 * one `ACD_E2E_NODE` names, see `npm run test:node24`). Under Node 20 the AWS SDK would print a
 * seven-line NodeVersionSupportWarning to stderr on every run; the action keeps that one warning
 * out of the user's log.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { NODE, ROOT, cleanUp, expectNoLeak, runAction } from './harness.js'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})

afterAll(async () => {
  await emulator.stop()
  cleanUp()
})

describe('the runtime', () => {
  test('action.yml declares node24, and the runs use a supported Node', () => {
    expect(readFileSync(join(ROOT, 'action.yml'), 'utf8')).toMatch(/^\s+using: node24$/mu)
    const version = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim()
    expect(Number(/^v(\d+)\./u.exec(version)?.[1])).toBeGreaterThanOrEqual(20)
  })

  test('a run with STS and IAM writes nothing to stderr: no SDK warning about the Node version', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci-deployer' })
    const result = await runAction({
      endpoint: emulator.url,
      env: {
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
        AWS_REGION: 'us-east-1'
      }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.status).not.toBe('fail')
    expect(result.stderr).not.toContain('NodeVersionSupportWarning')
    expect(result.stderr).toBe('')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('credentials from the SDK chain (a profile that assumes a role) warn of nothing either', async () => {
    const key = emulator.createAccessKey({ accountId: '111122223333', userName: 'ci-deployer' })
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_PROFILE: 'deploy', AWS_REGION: 'us-east-1' },
      inputs: { 'check-iam': 'false' },
      homeFiles: {
        '.aws/config': `[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = base\n\n[profile base]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`
      }
    })
    expect(result.stdout).toContain('AWS credentials')
    expect(result.stderr).not.toContain('NodeVersionSupportWarning')
    expect(result.stderr).toBe('')
    expectNoLeak(result, [key.secretAccessKey])
  })
})
