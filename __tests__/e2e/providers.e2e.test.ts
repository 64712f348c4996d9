/**
 * The bundled action on a self-hosted runner whose credentials come from a provider rather than
 * from secrets: each failure is reported by its own cause, with what was asked and what
 * answered, within `timeout-seconds`, with nothing left running and no secret leaked.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../emulator/emulator.js'
import { startImds, type ImdsMode } from '../fakes/imds.js'
import { startSsoPortal, type PortalMode } from '../fakes/sso-portal.js'
import { cleanUp, expectNoLeak, NODE, ROOT, runAction, type RunResult } from './harness.js'

const SCRIPT = join(ROOT, '__tests__', 'fakes', 'credential-process.mjs')

let emulator: Emulator
let accountSeed = 700000000000

beforeAll(async () => {
  emulator = await startEmulator()
})

afterAll(async () => {
  await emulator.stop()
  cleanUp()
})

/** Whether the emulator saw a request signed with this access key ID. */
function emulatorCalledWith(accessKeyId: string): boolean {
  return emulator.requestLog().some(entry => entry.accessKeyId === accessKeyId)
}

function newKey(): { accessKeyId: string; secretAccessKey: string } {
  accountSeed += 1
  return emulator.createAccessKey({ accountId: String(accountSeed), userName: 'ci' })
}

/** Running, not a zombie waiting for a parent that does not reap it. */
function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /su, '')[0]
    if (state === 'Z' || state === 'X') return false
  } catch {
    // No /proc: ask with signal 0.
  }
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function runProcess(
  mode: string,
  pidFile?: string
): Promise<{ result: RunResult; key: ReturnType<typeof newKey> }> {
  const key = newKey()
  const result = await runAction({
    endpoint: emulator.url,
    env: {
      AWS_REGION: 'us-east-1',
      AWS_PROFILE: 'proc',
      FAKE_PROCESS_SECRET: key.secretAccessKey,
      FAKE_PROCESS_KEY_ID: key.accessKeyId
    },
    inputs: { 'check-iam': 'false', 'timeout-seconds': '3' },
    homeFiles: {
      '.aws/config': `[profile proc]\ncredential_process = "${NODE}" "${SCRIPT}" ${mode}${pidFile === undefined ? '' : ` "${pidFile}"`}\n`
    },
    killAfterMs: 15000
  })
  return { result, key }
}

describe('credential_process', () => {
  test('a process that prints valid credentials passes', async () => {
    const { result, key } = await runProcess('ok')
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expectNoLeak(result, [key.secretAccessKey])
  })

  test.each([
    [
      'fail',
      'The credential_process failed',
      /exit status 3 after \d+ ms, 0 bytes on stdout, \d+ bytes on stderr \(not shown/u
    ],
    ['empty', 'The credential_process printed nothing', /exit status 0/u],
    ['not-json', 'The credential_process did not print JSON', /\d+ bytes on stdout/u],
    ['version', 'The credential_process printed JSON without "Version": 1', /exit status 0/u],
    ['fields', 'The credential_process printed JSON without a key pair', /exit status 0/u],
    ['expired', 'The credential_process printed expired credentials', /exit status 0/u]
  ])('%s: credential-process-failed, "%s"', async (mode, title, answered) => {
    const { result, key } = await runProcess(mode)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('credential-process-failed')
    expect(result.outputs.valid).toBe('false')
    const item = result.findings.find(entry => entry.id === 'credential-process-failed')
    expect(item?.title).toBe(title)
    expect(result.ids).not.toContain('no-credentials')
    expect(result.summary).toMatch(answered)
    expect(result.summary).toContain('with 2 arguments (not shown)')
    // The sources table gives what the process answered, on the profile's row.
    const row = result.summary.split('\n').find(line => line.startsWith('| profile "proc"'))
    expect(row).toMatch(/answered: (exit status|ended by)/u)
    expectNoLeak(result, [key.secretAccessKey])
  })

  test('a process that never finishes is killed with its children, within timeout-seconds', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'acd-e2e-process-')), 'pids')
    const { result, key } = await runProcess('hang', pidFile)
    expect(result.durationMs).toBeLessThan(8000)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('credential-process-failed')
    expect(result.findings.find(entry => entry.id === 'credential-process-failed')?.title).toBe(
      'The credential_process did not finish in time'
    )
    expect(result.summary).toContain('killed with every process it started')
    expectNoLeak(result, [key.secretAccessKey])
    expect(existsSync(pidFile)).toBe(true)
    const pids = readFileSync(pidFile, 'utf8').split('\n').map(Number)
    expect(pids).toHaveLength(2)
    await new Promise(done => setTimeout(done, 300))
    for (const pid of pids) expect([pid, alive(pid)]).toEqual([pid, false])
  })
})

describe('EC2 instance metadata', () => {
  async function runImds(
    mode: ImdsMode,
    env: Record<string, string> = {},
    homeFiles: Record<string, string> = {}
  ) {
    accountSeed += 1
    const session = emulator.createSessionCredentials({
      accountId: String(accountSeed),
      roleName: 'ci-runner-role',
      sessionName: 'i-0123456789abcdef0',
      expiresInSeconds: 3600
    })
    const imds = await startImds(mode, session)
    try {
      const result = await runAction({
        endpoint: emulator.url,
        env: {
          AWS_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'false',
          AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
          RUNNER_ENVIRONMENT: 'self-hosted',
          ...env
        },
        inputs: { 'check-iam': 'false', 'timeout-seconds': '4' },
        homeFiles,
        killAfterMs: 15000
      })
      return { result, session, requests: [...imds.requests] }
    } finally {
      await imds.stop()
    }
  }

  test('an instance role over IMDSv2 passes, each request in the summary', async () => {
    const { result, session } = await runImds('ok')
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expect(result.outputs['credential-source']).toBe('instance-metadata')
    expect(result.summary).toMatch(/PUT \/latest\/api\/token: HTTP 200 after \d+ ms/u)
    // The sources table gives each request on the instance metadata row.
    const row = result.summary.split('\n').find(line => line.startsWith('| EC2 instance metadata'))
    expect(row).toMatch(/answered: PUT \/latest\/api\/token: HTTP 200 after \d+ ms/u)
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('the hop-limit trap: instance-metadata-failed with the hop-limit fix', async () => {
    const { result, session } = await runImds('hop-limit')
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('instance-metadata-failed')
    expect(result.ids).not.toContain('no-credentials')
    const item = result.findings.find(entry => entry.id === 'instance-metadata-failed')
    expect(item?.title).toBe("IMDSv2's token answer never reached the job (hop limit 1)")
    expect(item?.remediation).toContain('--http-put-response-hop-limit 2')
    expect(result.summary).toMatch(/PUT \/latest\/api\/token: no answer in time after \d+ ms/u)
    expect(result.summary).toMatch(/security-credentials\/: HTTP 401/u)
    expect(result.durationMs).toBeLessThan(8000)
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('IMDSv1 only: the step passes, with a notice', async () => {
    const { result, session } = await runImds('hop-limit-v1')
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    const item = result.findings.find(entry => entry.id === 'instance-metadata-failed')
    expect(item?.severity).toBe('notice')
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('IMDSv1 only (the token PUT answered 405): the step passes, with a notice naming the 405', async () => {
    const { result, session, requests } = await runImds('v1-only')
    expect(requests).toEqual([
      'PUT /latest/api/token',
      'GET /latest/meta-data/iam/security-credentials/',
      'GET /latest/meta-data/iam/security-credentials/ci-runner-role'
    ])
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    const item = result.findings.find(entry => entry.id === 'instance-metadata-failed')
    expect(item?.severity).toBe('notice')
    expect(item?.title).toBe(
      'The instance metadata service gives no IMDSv2 token: credentials came over IMDSv1'
    )
    expect(result.summary).toMatch(/PUT \/latest\/api\/token: HTTP 405 after \d+ ms/u)
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('the token answer lost and AWS_EC2_METADATA_V1_DISABLED set: v1-blocked, with the hop-limit fix', async () => {
    const { result, session, requests } = await runImds('hop-limit-v1', {
      AWS_EC2_METADATA_V1_DISABLED: 'true'
    })
    // No tokenless GET follows the lost PUT: the SDK may not fall back.
    expect(requests).toEqual(['PUT /latest/api/token'])
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('instance-metadata-failed')
    const item = result.findings.find(entry => entry.id === 'instance-metadata-failed')
    expect(item?.title).toBe('IMDSv2 gave no token and the fallback to IMDSv1 is disabled')
    expect(item?.remediation).toContain('--http-put-response-hop-limit 2')
    expect(result.durationMs).toBeLessThan(8000)
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('expired instance role credentials: said, and STS is not called with them', async () => {
    const { result, session } = await runImds('expired')
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('instance-metadata-failed')
    expect(result.outputs['credential-source']).toBe('instance-metadata')
    expect(result.findings[0]?.title).toBe(
      'The instance metadata service answered expired credentials'
    )
    expect(emulatorCalledWith(session.accessKeyId)).toBe(false)
    expect(result.findings[0]?.message).toContain('STS answers `ExpiredToken`')
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('a metadata address where nothing ever answers: each request’s wait in the sources table, within timeout-seconds', async () => {
    const { result, session } = await runImds('silent')
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('instance-metadata-failed')
    expect(result.findings[0]?.title).toBe('The instance metadata service did not answer')
    const row = result.summary.split('\n').find(line => line.startsWith('| EC2 instance metadata'))
    expect(row).toMatch(/answered: PUT \/latest\/api\/token: no answer in time after \d+ ms/u)
    expect(row).toMatch(/security-credentials\/: no answer in time after \d+ ms/u)
    expect(result.durationMs).toBeLessThan(8000)
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('no instance profile: 404 on the role list', async () => {
    const { result, session } = await runImds('no-role')
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('instance-metadata-failed')
    expect(result.findings.find(entry => entry.id === 'instance-metadata-failed')?.title).toBe(
      'The instance has no instance profile (IAM role)'
    )
    expect(result.summary).toMatch(/security-credentials\/: HTTP 404/u)
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test.each([
    [
      'AWS_EC2_METADATA_DISABLED',
      { AWS_EC2_METADATA_DISABLED: 'true' },
      'AWS_EC2_METADATA_DISABLED is set'
    ],
    [
      'a GitHub-hosted runner',
      { RUNNER_ENVIRONMENT: 'github-hosted' },
      'GitHub-hosted runners have no EC2 instance role'
    ]
  ])('%s: IMDS is never asked, and the summary says so', async (_name, env, reason) => {
    const { result, requests, session } = await runImds('ok', env)
    expect(requests).toEqual([])
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('no-credentials')
    expect(result.summary).toContain(`EC2 instance metadata: not asked: ${reason}`)
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('a GitHub-hosted runner: a credential_source = Ec2InstanceMetadata profile does not ask IMDS either', async () => {
    const { result, requests, session } = await runImds(
      'ok',
      { RUNNER_ENVIRONMENT: 'github-hosted', AWS_PROFILE: 'ec2' },
      {
        '.aws/config':
          '[profile ec2]\nrole_arn = arn:aws:iam::123456789012:role/ci\ncredential_source = Ec2InstanceMetadata\n'
      }
    )
    expect(requests).toEqual([])
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('no-credentials')
    expect(result.summary).toContain('which is not asked on GitHub-hosted runners')
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })
})

describe('SSO profiles', () => {
  const config = [
    '[profile dev]',
    'sso_session = corp',
    'sso_account_id = 111122223333',
    'sso_role_name = Deploy',
    '[sso-session corp]',
    'sso_start_url = https://my-sso-portal.awsapps.com/start',
    'sso_region = us-east-1',
    ''
  ].join('\n')
  // The cache file the SDK reads: the SHA-1 of the sso_session name (getSSOTokenFilepath).
  const cacheFile = `.aws/sso/cache/${createHash('sha1').update('corp').digest('hex')}.json`

  async function runSso(cache: Record<string, string>): Promise<RunResult> {
    return runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', AWS_PROFILE: 'dev' },
      inputs: { 'check-iam': 'false', 'timeout-seconds': '3' },
      homeFiles: { '.aws/config': config, ...cache },
      killAfterMs: 15000
    })
  }

  test('never signed in on this runner: sso-login-required with the unattended alternatives', async () => {
    const result = await runSso({})
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('sso-login-required')
    expect(result.summary).toContain('has no cached SSO login on this runner')
    expect(result.summary).toContain('role-to-assume')
  })

  test('an expired login with a refresh token: said, and neither token leaks', async () => {
    const accessToken = `aoa${randomBytes(24).toString('hex')}`
    const refreshToken = `aor${randomBytes(24).toString('hex')}`
    const result = await runSso({
      [cacheFile]: JSON.stringify({
        accessToken,
        refreshToken,
        clientId: 'client',
        clientSecret: 'client-secret',
        expiresAt: new Date(Date.now() - 3600_000).toISOString()
      })
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('sso-login-required')
    expect(result.summary).toContain('has an expired SSO login')
    expect(result.summary).toContain('holds a refresh token')
    expectNoLeak(result, [accessToken, refreshToken])
  })
})

describe('SSO profiles with a valid login: what the portal answered', () => {
  const config = [
    '[profile dev]',
    'sso_start_url = https://my-sso-portal.awsapps.com/start',
    'sso_region = us-east-1',
    'sso_account_id = 111122223333',
    'sso_role_name = Deploy',
    ''
  ].join('\n')
  // A legacy profile's cache file: the SHA-1 of its sso_start_url (getSSOTokenFilepath).
  const cacheFile = `.aws/sso/cache/${createHash('sha1').update('https://my-sso-portal.awsapps.com/start').digest('hex')}.json`

  async function runPortal(
    mode: PortalMode,
    profile = config,
    env: Record<string, string> = {}
  ): Promise<{ result: RunResult; secrets: string[]; requests: number }> {
    const accessToken = `aoa${randomBytes(24).toString('hex')}`
    const session = emulator.createSessionCredentials({
      accountId: '111122223333',
      roleName: 'AWSReservedSSO_Deploy',
      sessionName: 'jane',
      expiresInSeconds: 3600
    })
    const portal = await startSsoPortal(accessToken, session, mode)
    try {
      const result = await runAction({
        endpoint: emulator.url,
        env: {
          AWS_REGION: 'us-east-1',
          AWS_PROFILE: 'dev',
          AWS_ENDPOINT_URL_SSO: portal.url,
          ...env
        },
        inputs: { 'check-iam': 'false', 'timeout-seconds': '5' },
        homeFiles: {
          '.aws/config': profile,
          [cacheFile]: JSON.stringify({
            startUrl: 'https://my-sso-portal.awsapps.com/start',
            region: 'us-east-1',
            accessToken,
            expiresAt: new Date(Date.now() + 3600_000).toISOString()
          })
        },
        killAfterMs: 20000
      })
      const secrets = [accessToken, session.secretAccessKey, session.sessionToken]
      return { result, secrets, requests: portal.requests.length }
    } finally {
      await portal.stop()
    }
  }

  test.each([
    ['401', 'The SSO portal refused the cached login: it was revoked or ended on the server'],
    ['403', 'The SSO user has no access to role Deploy in account 111122223333'],
    ['404', 'The SSO portal knows no role Deploy in account 111122223333'],
    ['429', 'The SSO portal throttled GetRoleCredentials']
  ] as const)('HTTP %s: sso-portal-refused titled by its cause', async (mode, title) => {
    const { result, secrets, requests } = await runPortal(mode)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('sso-portal-refused')
    expect(result.findings[0]?.title).toBe(title)
    expect(result.findings[0]?.message).toContain(`HTTP ${mode}`)
    // The sources table says what the portal answered, on the SSO profile's row.
    const row = result.summary.split('\n').find(line => line.startsWith('| profile "dev"'))
    expect(row).toMatch(
      new RegExp(
        `answered: GetRoleCredentials for role Deploy in account 111122223333: HTTP ${mode} \\w+Exception`,
        'u'
      )
    )
    expect(result.ids).not.toContain('no-credentials')
    expect(result.ids).not.toContain('sso-login-required')
    expect(requests).toBeGreaterThan(0)
    expectNoLeak(result, secrets)
  })

  test('HTTP 400 InvalidRequestException: an sso_account_id that is not 12 digits', async () => {
    const { result, secrets, requests } = await runPortal(
      'ok',
      config.replace('sso_account_id = 111122223333', 'sso_account_id = 11112222333')
    )
    expect(requests).toBe(1)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('sso-portal-refused')
    const item = result.findings[0]
    expect(item?.title).toBe('The SSO portal rejected the GetRoleCredentials request')
    expect(item?.message).toContain('HTTP 400 `InvalidRequestException: The request is not valid`')
    expect(item?.message).toContain('account `11112222333`')
    expect(item?.remediation).toContain('`sso_account_id`')
    expect(result.ids).not.toContain('no-credentials')
    expectNoLeak(result, secrets)
  })

  test('an SSO profile reached through source_profile: the report names its account and role', async () => {
    const chained = `[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = dev\n${config}`
    const { result, secrets } = await runPortal('403', chained, { AWS_PROFILE: 'deploy' })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('sso-portal-refused')
    const item = result.findings[0]
    expect(item?.title).toBe('The SSO user has no access to role Deploy in account 111122223333')
    expect(item?.message).toContain('role `Deploy` in account `111122223333`')
    expect(item?.message).toContain('profile "dev"')
    expect(result.summary).not.toContain('(unknown)')
    expectNoLeak(result, secrets)
  })

  test('a portal that answers: the role credentials pass STS, and nothing leaks', async () => {
    const { result, secrets } = await runPortal('ok')
    expect(result.outputs.valid).toBe('true')
    const row = result.summary.split('\n').find(line => line.startsWith('| profile "dev"'))
    expect(row).toContain(
      'answered: GetRoleCredentials for role Deploy in account 111122223333: role credentials'
    )
    expect(result.ids).not.toContain('sso-portal-refused')
    expect(result.outputs['account-id']).toBe('111122223333')
    expectNoLeak(result, secrets)
  })
})

describe('role profiles', () => {
  test('mfa_serial: role-profile-mfa-required, and the source key does not leak', async () => {
    const key = newKey()
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_REGION: 'us-east-1', AWS_PROFILE: 'admin' },
      inputs: { 'check-iam': 'false', 'timeout-seconds': '3' },
      homeFiles: {
        '.aws/credentials': `[default]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`,
        '.aws/config':
          '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\nmfa_serial = arn:aws:iam::123456789012:mfa/jane\n'
      },
      killAfterMs: 15000
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('role-profile-mfa-required')
    expect(result.summary).toContain('no MFA code callback was provided')
    expectNoLeak(result, [key.secretAccessKey])
  })
})
