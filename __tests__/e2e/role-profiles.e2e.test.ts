/**
 * Role profiles end to end: the bundled action, a `deploy` profile with `role_arn` and
 * `source_profile`, and the STS/IAM emulator refusing its AssumeRole for each cause the report
 * tells apart (from the AssumeRole calls the SDK's chain really made and the role as
 * iam:GetRole reads it); and, on a self-hosted EC2 runner, a role profile that cannot assume its
 * role, which the SDK passes over for the instance role. Every test asserts the ID, severity and title, and that no secret leaks.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { assumeRoleTrust, startEmulator, type Emulator } from '../emulator/emulator.js'
import { startImds } from '../fakes/imds.js'
import { escapeText } from '../../src/report/markdown.js'
import { cleanUp, expectNoLeak, runAction, type RunResult } from './harness.js'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})

afterAll(async () => {
  await emulator.stop()
  cleanUp()
})

const ACCOUNT = '111122223333'
const OTHER_ACCOUNT = '444455556666'
/** The external ID the role requires: never to be printed (nor the profile's own). */
const REQUIRED_EXTERNAL_ID = 'partner-7f3c9a21'

interface Pair {
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

/** `deploy` assumes `role/<role>` with the keys of `base`; `extra` lines go into `deploy`. */
function files(base: Pair, role: string, extra = ''): Record<string, string> {
  return {
    '.aws/config': `[profile deploy]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/${role}\nsource_profile = base\n${extra}`,
    '.aws/credentials': `[base]\naws_access_key_id = ${base.accessKeyId}\naws_secret_access_key = ${base.secretAccessKey}\n`
  }
}

async function run(homeFiles: Record<string, string>, inputs: Record<string, string> = {}) {
  return runAction({
    endpoint: emulator.url,
    inputs: { 'timeout-seconds': '6', ...inputs },
    env: { AWS_PROFILE: 'deploy', AWS_REGION: 'us-east-1' },
    homeFiles
  })
}

/**
 * The run failed with the role-profile finding first, titled `Profile "deploy" could not assume
 * its role: <title>` (any title where `title` is empty); no secret leaked.
 */
function expectRefusal(result: RunResult, title: string, secrets: readonly string[]) {
  expect(result.code).toBe(1)
  expect(result.outputs.valid).toBe('false')
  expect(result.outputs.cause).toBe('no-credentials')
  const item = result.findings[0]
  expect(item?.id).toBe('no-credentials')
  expect(item?.severity).toBe('error')
  if (title !== '') expect(item?.title).toBe(`Profile "deploy" could not assume its role: ${title}`)
  expect(item?.source).toBe('profile "deploy" in ~/.aws/config')
  expectNoLeak(result, [
    ...secrets,
    ...emulator.issuedSessions().flatMap(session => [session.secretAccessKey, session.sessionToken])
  ])
  return item
}

/** A role (named like its user) that admits user `name` only with the required external ID. */
function externalIdRole(name: string): void {
  emulator.addRole(ACCOUNT, name, {
    trustPolicy: assumeRoleTrust(`arn:aws:iam::${ACCOUNT}:user/${name}`, {
      StringEquals: { 'sts:ExternalId': REQUIRED_EXTERNAL_ID }
    })
  })
}

/** The instance role's session, which the fake IMDS hands out. */
function instanceRole() {
  return emulator.createSessionCredentials({
    accountId: OTHER_ACCOUNT,
    roleName: 'ci-runner-role',
    sessionName: 'i-0123456789abcdef0',
    expiresInSeconds: 3600
  })
}

function user(name: string): Pair {
  return emulator.createAccessKey({ accountId: ACCOUNT, userName: name })
}

describe('a role profile whose AssumeRole STS refuses, by cause', () => {
  test('a role that does not trust the source user: the trust policy read, the statement to add', async () => {
    const base = user('rp-untrusted')
    emulator.addRole(ACCOUNT, 'rp-untrusted', {
      trustPolicy: assumeRoleTrust(`arn:aws:iam::${ACCOUNT}:user/someone-else`)
    })
    const result = await run(files(base, 'rp-untrusted'))
    const item = expectRefusal(
      result,
      "the role's trust policy does not admit the source identity",
      [base.secretAccessKey]
    )
    expect(item?.message).toContain(`arn:aws:iam::${ACCOUNT}:user/rp-untrusted`)
    expect(item?.remediation).toContain(
      `{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${ACCOUNT}:user/rp-untrusted"}, "Action": "sts:AssumeRole"}`
    )
    expect(result.summary).toContain('iam:GetRole: MaxSessionDuration 3600 s, trust policy read')
    // A re-run needs the role's trust policy changed, not the secrets.
    expect(result.summary).toContain(
      "**Re-run:** Re-running will not help: the role's trust policy must change first."
    )
  })

  test('a role that requires an external ID the profile does not send', async () => {
    const base = user('rp-extid-missing')
    externalIdRole('rp-extid-missing')
    const result = await run(files(base, 'rp-extid-missing'))
    const item = expectRefusal(
      result,
      'the role requires an external ID the profile does not send',
      [base.secretAccessKey, REQUIRED_EXTERNAL_ID]
    )
    expect(item?.remediation).toContain('external_id')
    expect(result.summary).toContain('ExternalId not sent')
    expect(result.summary).toContain(
      "Re-running will not help: the profile's `external_id` must change first."
    )
  })

  test('a profile whose external_id differs from the one the role requires: neither value shown', async () => {
    const base = user('rp-extid-wrong')
    externalIdRole('rp-extid-wrong')
    const result = await run(files(base, 'rp-extid-wrong', 'external_id = partner-0000wrong\n'))
    expectRefusal(result, 'its external_id is not the one the role requires', [
      base.secretAccessKey,
      REQUIRED_EXTERNAL_ID,
      'partner-0000wrong'
    ])
    expect(result.summary).toContain('ExternalId sent (not shown)')
  })

  test('a role that does not exist: iam:GetRole tells it from an untrusting one', async () => {
    const base = user('rp-missing')
    const result = await run(files(base, 'rp-no-such-role'))
    const item = expectRefusal(result, 'the role does not exist', [base.secretAccessKey])
    expect(item?.remediation).toContain(`arn:aws:iam::${ACCOUNT}:role/rp-no-such-role`)
    expect(result.summary).toContain('iam:GetRole: NoSuchEntity')
  })

  test("a duration above the role's MaxSessionDuration: requested and maximum named", async () => {
    const base = user('rp-duration')
    emulator.addRole(ACCOUNT, 'rp-duration', {
      trustPolicy: assumeRoleTrust(`arn:aws:iam::${ACCOUNT}:user/rp-duration`),
      maxSessionDuration: 3600
    })
    const result = await run(files(base, 'rp-duration', 'duration_seconds = 7200\n'))
    const item = expectRefusal(
      result,
      "duration_seconds is above the role's maximum session duration",
      [base.secretAccessKey]
    )
    expect(item?.message).toContain('MaxSessionDuration` of 3600 seconds')
    expect(item?.remediation).toContain('aws iam update-role --role-name rp-duration')
    expect(result.summary).toContain('requested 7200 s > MaxSessionDuration 3600 s')
  })

  test('a duration above one hour where the source is itself a role session (role chaining)', async () => {
    const base = user('rp-chain')
    const first = emulator.addRole(ACCOUNT, 'rp-chain-first', {
      trustPolicy: assumeRoleTrust(`arn:aws:iam::${ACCOUNT}:user/rp-chain`)
    })
    emulator.addRole(ACCOUNT, 'rp-chain-second', {
      trustPolicy: assumeRoleTrust(first.arn),
      maxSessionDuration: 43200
    })
    const result = await run({
      '.aws/config': [
        '[profile deploy]',
        `role_arn = arn:aws:iam::${ACCOUNT}:role/rp-chain-second`,
        'source_profile = first',
        'duration_seconds = 7200',
        '[profile first]',
        `role_arn = ${first.arn}`,
        'source_profile = base',
        ''
      ].join('\n'),
      '.aws/credentials': `[base]\naws_access_key_id = ${base.accessKeyId}\naws_secret_access_key = ${base.secretAccessKey}\n`
    })
    expectRefusal(result, 'duration_seconds is above the one-hour limit of role chaining', [
      base.secretAccessKey
    ])
    expect(result.summary).toContain("signed with a session's credentials")
  })

  test('a role_session_name STS does not accept', async () => {
    const base = user('rp-session-name')
    emulator.addRole(ACCOUNT, 'rp-session-name', {
      trustPolicy: assumeRoleTrust(`arn:aws:iam::${ACCOUNT}:user/rp-session-name`)
    })
    const result = await run(files(base, 'rp-session-name', 'role_session_name = deploy from ci\n'))
    const item = expectRefusal(result, 'role_session_name is not a valid session name', [
      base.secretAccessKey
    ])
    expect(item?.message).toContain('`deploy from ci` (14 characters)')
  })

  test('source keys STS does not know: the source profile is what to fix', async () => {
    const base = user('rp-deleted')
    emulator.deleteAccessKey(base.accessKeyId)
    const result = await run(files(base, 'rp-untrusted'))
    const item = expectRefusal(
      result,
      'STS refused the source credentials (InvalidClientTokenId)',
      [base.secretAccessKey]
    )
    expect(item?.remediation).toContain('aws sts get-caller-identity --profile base')
  })

  test('a source user of another account: the role is not read with it, the refusal still explained', async () => {
    const base = emulator.createAccessKey({ accountId: OTHER_ACCOUNT, userName: 'rp-foreign' })
    emulator.addRole(ACCOUNT, 'rp-foreign', {
      trustPolicy: assumeRoleTrust(`arn:aws:iam::${ACCOUNT}:user/someone-else`)
    })
    const result = await run(files(base, 'rp-foreign'))
    const item = expectRefusal(result, 'STS answered AccessDenied', [base.secretAccessKey])
    expect(item?.remediation).toContain(`arn:aws:iam::${OTHER_ACCOUNT}:user/rp-foreign`)
    expect(result.summary).toContain(
      'not read (the source credentials belong to another account than the role)'
    )
    expect(
      emulator
        .requestLog()
        .some(entry => entry.action === 'GetRole' && entry.accessKeyId === base.accessKeyId)
    ).toBe(false)
  })

  test('an iam:GetRole that hangs: the step still ends within timeout-seconds, with the refusal', async () => {
    const base = user('rp-hang')
    emulator.addRole(ACCOUNT, 'rp-hang', {
      trustPolicy: assumeRoleTrust(`arn:aws:iam::${ACCOUNT}:user/someone-else`)
    })
    emulator.setFault({ mode: 'hang', actions: ['GetRole'] })
    try {
      const result = await run(files(base, 'rp-hang'), { 'timeout-seconds': '5' })
      expect(result.durationMs).toBeLessThan(9000)
      expectRefusal(result, 'STS answered AccessDenied', [base.secretAccessKey])
      expect(result.summary).toContain('iam:GetRole: not read')
    } finally {
      emulator.setFault(undefined)
    }
  })
})

describe('a role profile whose credential_source gives nothing here', () => {
  /** The AssumeRole requests the emulator received after the first `from` of its log. */
  function assumeRolesSince(from: number) {
    return emulator
      .requestLog()
      .slice(from)
      .filter(entry => entry.action === 'AssumeRole')
  }

  function sourced(value: string): Record<string, string> {
    return {
      '.aws/config': `[profile deploy]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/rp-sourced\ncredential_source = ${value}\n`
    }
  }

  test.each([
    ['EcsContainer', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'],
    ['Environment', 'AWS_SECRET_ACCESS_KEY']
  ])(
    'credential_source = %s without its variables: which ones, in both tools’ words',
    async (value, variable) => {
      const before = emulator.requestLog().length
      const result = await run(sourced(value))
      const item = expectRefusal(result, '', [])
      expect(item?.title).toBe(
        `Profile "deploy" has no credentials to assume its role with (credential_source = ${value})`
      )
      expect(item?.message).toContain(variable)
      expect(item?.message).toContain('"Could not load credentials from any providers"')
      expect(item?.message).toContain(
        `Error when retrieving credentials from ${value}: No credentials found in credential_source referenced in profile deploy`
      )
      // Nothing was sent: there was nothing to sign with.
      expect(assumeRolesSince(before)).toEqual([])
    }
  )

  test('a credential_source no tool knows: both tools quoted, nothing sent', async () => {
    const before = emulator.requestLog().length
    const result = await run(sourced('Ec2Instance'))
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('no-credentials')
    const item = result.findings[0]
    expect(item?.severity).toBe('error')
    expect(item?.title).toBe('No credentials were found')
    expect(item?.message).toContain(
      'the AWS CLI stops with "The credential source "Ec2Instance" referenced in profile "deploy" is not valid."'
    )
    expect(result.summary).toContain(
      'credential_source "Ec2Instance" is not one of Environment, Ec2InstanceMetadata, EcsContainer'
    )
    expect(assumeRolesSince(before)).toEqual([])
    expectNoLeak(result, [])
  })
})

/**
 * The action on a self-hosted runner whose IMDS is `imdsUrl`; `line` completes `deploy`;
 * `profile` is what `AWS_PROFILE` names.
 */
function onEc2(imdsUrl: string, line: string, profile = 'deploy'): Promise<RunResult> {
  return runAction({
    endpoint: emulator.url,
    inputs: { 'timeout-seconds': '6', 'check-iam': 'false' },
    env: {
      AWS_PROFILE: profile,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'false',
      AWS_EC2_METADATA_SERVICE_ENDPOINT: imdsUrl,
      RUNNER_ENVIRONMENT: 'self-hosted'
    },
    homeFiles: {
      '.aws/config': `[profile deploy]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/rp-unreachable\n${line}\n`
    },
    killAfterMs: 15000
  })
}

describe('a role profile that cannot assume its role, on a self-hosted EC2 runner', () => {
  const TITLE =
    'Profile "deploy" cannot assume its role: the JS SDK uses EC2 instance metadata (IMDS) instead, the AWS CLI stops'

  test.each([
    [
      'credential_source = EcsContainer without the container variables',
      'credential_source = EcsContainer',
      'Error when retrieving credentials from EcsContainer: No credentials found in credential_source referenced in profile deploy'
    ],
    [
      'credential_source = Environment without the key variables',
      'credential_source = Environment',
      'Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile deploy'
    ],
    [
      'a source_profile that does not exist',
      'source_profile = nowhere',
      'The source_profile "nowhere" referenced in the profile "deploy" does not exist.'
    ]
  ])(
    '%s: the step passes with the instance role, and a warning says the CLI stops',
    async (_name, line, cliFailure) => {
      const instance = instanceRole()
      const imds = await startImds('ok', instance)
      const before = emulator.requestLog().length
      try {
        const result = await onEc2(imds.url, line)
        // The job works for the JS SDK, as the instance role: never failed for it.
        expect(result.code).toBe(0)
        expect(result.outputs.valid).toBe('true')
        expect(result.outputs['credential-source']).toBe('instance-metadata')
        expect(result.outputs['account-id']).toBe(OTHER_ACCOUNT)
        const item = result.findings.find(entry => entry.id === 'precedence-conflict')
        expect(item?.severity).toBe('warning')
        expect(item?.title).toBe(TITLE)
        expect(item?.message).toContain(`not as \`arn:aws:iam::${ACCOUNT}:role/rp-unreachable\``)
        expect(item?.message).toContain(`The AWS CLI stops with "${cliFailure}"`)
        expect(result.ids).not.toContain('no-credentials')
        // Nothing else fails the step either (a missing source_profile is a warning here).
        expect(result.findings.filter(entry => entry.severity === 'error')).toEqual([])
        // The role was never assumed; the instance role was asked for.
        expect(
          emulator
            .requestLog()
            .slice(before)
            .filter(entry => entry.action === 'AssumeRole')
        ).toEqual([])
        expect(imds.requests).toContain(
          'GET /latest/meta-data/iam/security-credentials/ci-runner-role [token]'
        )
        expectNoLeak(result, [instance.secretAccessKey, instance.sessionToken])
      } finally {
        await imds.stop()
      }
    }
  )

  test('AWS_PROFILE naming no profile: the JS SDK works as the instance role, so a warning, and the CLI quoted', async () => {
    const instance = instanceRole()
    const imds = await startImds('ok', instance)
    try {
      const result = await onEc2(imds.url, 'credential_source = Ec2InstanceMetadata', 'ghost')
      // Never failed for the JS SDK, which works here as the instance role (measured).
      expect(result.code).toBe(0)
      expect(result.outputs.valid).toBe('true')
      expect(result.outputs['credential-source']).toBe('instance-metadata')
      expect(result.outputs['account-id']).toBe(OTHER_ACCOUNT)
      expect(result.outputs.cause).toBe('profile-not-found')
      const item = result.findings.find(entry => entry.id === 'profile-not-found')
      expect(item?.severity).toBe('warning')
      expect(item?.title).toBe(
        'Profile "ghost" does not exist: the JS SDK uses EC2 instance metadata (IMDS) instead, the AWS CLI stops'
      )
      // botocore's ProfileNotFound, as AWS CLI v1 prints it (run here: aws-cli 1.45).
      expect(item?.message).toContain(
        'the AWS CLI stops with "The config profile (ghost) could not be found"'
      )
      // Said once: the offline words quote it, the outcome does not repeat it.
      expect(item?.message.split('could not be found')).toHaveLength(2)
      expect(item?.message).toContain(
        `whose credentials STS accepted as arn:aws:sts::${OTHER_ACCOUNT}:`
      )
      expect(result.findings.filter(entry => entry.severity === 'error')).toEqual([])
      expectNoLeak(result, [instance.secretAccessKey, instance.sessionToken])
    } finally {
      await imds.stop()
    }
  })
})

describe('a profile the JS SDK passes over, on a self-hosted runner where IMDS gives nothing', () => {
  const IMDS_TITLE = {
    'no-role': 'The instance has no instance profile (IAM role)',
    off: 'The instance metadata service did not answer'
  } as const
  const INSTANCE_LIKE = { accessKeyId: 'unused', secretAccessKey: 'unused', sessionToken: 'unused' }

  /** The action with IMDS answering `mode`, or nothing listening at all (`off`). */
  async function offEc2(
    mode: 'no-role' | 'off',
    line: string,
    profile = 'deploy'
  ): Promise<RunResult> {
    const imds = mode === 'off' ? undefined : await startImds(mode, INSTANCE_LIKE)
    try {
      // Port 9 (discard) on loopback: nothing listens, the connection is refused.
      return await onEc2(imds?.url ?? 'http://127.0.0.1:9', line, profile)
    } finally {
      await imds?.stop()
    }
  }

  /** The profile's error first and as `cause`; IMDS's answer after it, as a warning. */
  function expectProfileFirst(result: RunResult, id: string, title: string) {
    expect(result.code).toBe(1)
    expect(result.outputs.valid).toBe('false')
    expect(result.outputs.cause).toBe(id)
    const [first] = result.findings
    expect(first?.id).toBe(id)
    expect(first?.severity).toBe('error')
    expect(first?.title).toBe(title)
    expect(result.findings.filter(entry => entry.severity === 'error')).toHaveLength(1)
    const imds = result.findings.find(entry => entry.id === 'instance-metadata-failed')
    expect(imds?.severity).toBe('warning')
    expectNoLeak(result, [])
    return first
  }

  const CASES = [
    {
      name: 'credential_source = EcsContainer without the container variables',
      line: 'credential_source = EcsContainer',
      profile: 'deploy',
      id: 'no-credentials',
      title:
        'Profile "deploy" has no credentials to assume its role with (credential_source = EcsContainer)',
      cli: 'Error when retrieving credentials from EcsContainer: No credentials found in credential_source referenced in profile deploy',
      mentions: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'
    },
    {
      name: 'a source_profile chain that loops',
      line: `source_profile = other\n[profile other]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/rp-other\nsource_profile = deploy`,
      profile: 'deploy',
      id: 'no-credentials',
      title: 'Profile "deploy" cannot assume its role',
      // botocore's InfiniteLoopConfigError, as AWS CLI v1 prints it (run here: aws-cli 1.45).
      cli: "Infinite loop in credential configuration detected. Attempting to load from profile deploy which has already been visited. Visited profiles: ['deploy', 'other']",
      mentions: `assumes \`arn:aws:iam::${ACCOUNT}:role/rp-unreachable\``
    },
    {
      name: 'a source_profile that does not exist',
      line: 'source_profile = nowhere',
      profile: 'deploy',
      id: 'profile-not-found',
      title: 'Source profile "nowhere" does not exist',
      cli: 'The source_profile "nowhere" referenced in the profile "deploy" does not exist.',
      mentions: 'Here nothing else works either'
    },
    {
      name: 'AWS_PROFILE naming no profile',
      line: 'credential_source = Environment',
      profile: 'ghost',
      id: 'profile-not-found',
      title: 'Profile "ghost" does not exist',
      // botocore's ProfileNotFound, as AWS CLI v1 prints it (run here: aws-cli 1.45).
      cli: 'The config profile (ghost) could not be found',
      mentions: 'Here nothing else works either'
    }
  ]
  const RUNS = CASES.flatMap(item => (['no-role', 'off'] as const).map(mode => ({ ...item, mode })))

  test.each(RUNS)(
    '$name, IMDS $mode: the profile is the cause, in both tools’ words',
    async ({ line, profile, id, title, cli, mentions, mode }) => {
      const result = await offEc2(mode, line, profile)
      const item = expectProfileFirst(result, id, title)
      // Quoted as Markdown text: the CLI's words escaped, never run as Markdown.
      expect(item?.message).toContain(`the AWS CLI stops with "${escapeText(cli)}"`)
      expect(item?.message).toContain('"Could not load credentials from any providers"')
      // IMDS's answer, in the IMDS finding's words, as the profile's evidence.
      expect(item?.message).toContain(`(${IMDS_TITLE[mode]})`)
      expect(result.summary).toContain('EC2 instance metadata (IMDS): ')
      expect(item?.message).not.toContain('are not affected')
      // The missing profile explains the chain's end: no second "no credentials".
      if (id === 'profile-not-found') expect(result.ids).not.toContain('no-credentials')
      expect(item?.message).toContain(mentions)
    }
  )
})
