/**
 * Role profiles with the real tools: the AWS SDK for JavaScript's chain (`defaultProvider`) and
 * the AWS CLI (`aws sts get-caller-identity`, skipped where `aws` is not on PATH), on the
 * loopback STS emulator. What the report says about role chains rests on these facts:
 *
 * - Depth: neither tool limits how deep a `source_profile` chain goes. The JS SDK recurses
 *   through `resolveProfileData` with only a `visitedProfiles` set
 *   (@aws-sdk/credential-provider-ini, dist-cjs/index.js); botocore's AssumeRoleProvider keeps
 *   a `_visited_profiles` list (botocore/credentials.py). Both assume every role of a
 *   four-role chain, innermost first.
 * - A loop back to a profile with keys: the JS SDK stops at the first visited profile with
 *   static keys and uses them (`isStaticCredsProfile` wins once `visitedProfiles` is not
 *   empty); the AWS CLI refuses with InfiniteLoopConfigError (only a profile naming itself may
 *   be visited twice, and only with keys).
 * - `credential_source` that names no provider, and `credential_source = EcsContainer` without
 *   the container variables: the AWS CLI stops with its own sentence (quoted below); the JS
 *   SDK's profile provider throws too, but as an error that lets the chain try its next
 *   provider, so what the JS SDK says in the end is "Could not load credentials from any
 *   providers". Neither sends a request.
 * - On a self-hosted EC2 runner (IMDS answering), that same chain-going-on makes the JS SDK
 *   quietly use the instance role: for a `credential_source` with nothing to read or no tool
 *   knows, a `source_profile` missing, empty or looping, a chain ending at such a source, and
 *   an `AWS_PROFILE` neither file defines, it asks IMDS and signs with the instance role's
 *   credentials, without any AssumeRole; the AWS CLI stops with its error and asks IMDS
 *   nothing. A profile with `mfa_serial` stops the JS SDK at its MFA check instead (that error
 *   has `tryNextLink: false`).
 * - `role_session_name` of one character: the JS SDK sends it and STS refuses it
 *   (ValidationError); the AWS CLI refuses it before sending (botocore validates the model's
 *   `min: 2`).
 *
 * Discovery's view of each tool (`tools`) must say the same where it has one.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { credentialSourceGap } from '../../src/aws/credential-source.js'
import { runChecks } from '../../src/checks/index.js'
import { discover } from '../../src/discover/index.js'
import { parseSettings } from '../../src/settings.js'
import { startEmulator, type AccessKeyPair, type Emulator } from '../emulator/emulator.js'
import { startImds, type FakeImds } from '../fakes/imds.js'
import { CHECK_SETTINGS } from '../checks/scenario.js'
import { awsCli, awsCliPath, jsChain, prepare, type Prepared, type Setup } from './real-tools.js'

const ACCOUNT = '123456789012'
const root = mkdtempSync(join(tmpdir(), 'role-profiles-'))
let emulator: Emulator
let base: AccessKeyPair

const roleArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`

function keyLines(key: AccessKeyPair): string {
  return `aws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`
}

interface Case {
  readonly name: string
  readonly config: () => string
  readonly credentials?: () => string
  /** The roles each tool assumes, innermost first, where it gets credentials. */
  readonly js: { readonly roles?: readonly string[]; readonly failure?: string }
  readonly cli: { readonly roles?: readonly string[]; readonly failure?: string }
}

const CASES: readonly Case[] = [
  {
    name: 'a chain of four role profiles',
    config: () =>
      [
        `[profile deploy]\nrole_arn = ${roleArn('chain-4')}\nsource_profile = p3`,
        `[profile p3]\nrole_arn = ${roleArn('chain-3')}\nsource_profile = p2`,
        `[profile p2]\nrole_arn = ${roleArn('chain-2')}\nsource_profile = p1`,
        `[profile p1]\nrole_arn = ${roleArn('chain-1')}\nsource_profile = base`,
        ''
      ].join('\n'),
    credentials: () => `[base]\n${keyLines(base)}`,
    js: { roles: ['chain-1', 'chain-2', 'chain-3', 'chain-4'] },
    cli: { roles: ['chain-1', 'chain-2', 'chain-3', 'chain-4'] }
  },
  {
    name: 'a loop back to a profile that has keys',
    config: () =>
      [
        `[profile deploy]\nrole_arn = ${roleArn('loop-a')}\nsource_profile = b\n${keyLines(base)}`,
        `[profile b]\nrole_arn = ${roleArn('loop-b')}\nsource_profile = deploy`,
        ''
      ].join('\n'),
    js: { roles: ['loop-b', 'loop-a'] },
    cli: {
      failure:
        "Infinite loop in credential configuration detected. Attempting to load from profile deploy which has already been visited. Visited profiles: ['deploy', 'b']"
    }
  },
  {
    name: 'a credential_source no tool knows',
    config: () =>
      `[profile deploy]\nrole_arn = ${roleArn('chain-1')}\ncredential_source = Ec2Instance\n`,
    // fromIni throws "Unsupported credential source in profile deploy. Got Ec2Instance,
    // expected EcsContainer or Ec2InstanceMetadata or Environment." as a CredentialsProviderError
    // that lets the chain try its next provider, so the chain ends with its generic message.
    js: { failure: 'Could not load credentials from any providers' },
    cli: {
      failure: 'The credential source "Ec2Instance" referenced in profile "deploy" is not valid.'
    }
  },
  {
    name: 'credential_source = EcsContainer without the container variables',
    config: () =>
      `[profile deploy]\nrole_arn = ${roleArn('chain-1')}\ncredential_source = EcsContainer\n`,
    // fromHttp and fromContainerMetadata both refuse without the variables, and the chain goes
    // on to its next provider, as above.
    js: { failure: 'Could not load credentials from any providers' },
    cli: {
      failure:
        'Error when retrieving credentials from EcsContainer: No credentials found in credential_source referenced in profile deploy'
    }
  },
  {
    name: 'credential_source = Environment without the key variables',
    config: () =>
      `[profile deploy]\nrole_arn = ${roleArn('chain-1')}\ncredential_source = Environment\n`,
    // fromEnv refuses ("Unable to find environment variable credentials."), and the chain goes
    // on to its next provider, as above.
    js: { failure: 'Could not load credentials from any providers' },
    cli: {
      failure:
        'Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile deploy'
    }
  },
  {
    name: 'a role_session_name of one character',
    config: () =>
      `[profile deploy]\nrole_arn = ${roleArn('chain-1')}\nsource_profile = base\nrole_session_name = x\n`,
    credentials: () => `[base]\n${keyLines(base)}`,
    js: {
      failure:
        "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"
    },
    cli: {
      failure: 'Invalid length for parameter RoleSessionName, value: 1, valid min length: 2'
    }
  }
]

function setupOf(item: Case): Setup {
  return {
    env: { AWS_PROFILE: 'deploy', AWS_REGION: 'us-east-1' },
    files: {
      '.aws/config': item.config(),
      ...(item.credentials === undefined ? {} : { '.aws/credentials': item.credentials() })
    }
  }
}

let prepared: Prepared[] = []

beforeAll(async () => {
  emulator = await startEmulator()
  base = emulator.createAccessKey({ accountId: ACCOUNT, userName: 'role-profiles' })
  // Each role trusts the whole account: the user and every role session of it.
  for (const name of ['chain-1', 'chain-2', 'chain-3', 'chain-4', 'loop-a', 'loop-b'])
    emulator.addRole(ACCOUNT, name, {
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }]
      }
    })
  prepared = CASES.map((item, index) => prepare(setupOf(item), join(root, `case-${index}`)))
})

afterAll(async () => {
  await emulator.stop()
  rmSync(root, { recursive: true, force: true })
})

/** The roles assumed since `from` in the request log, innermost first (names only). */
function assumedSince(from: number): string[] {
  return emulator
    .issuedSessions()
    .slice(from)
    .filter(session => session.via === 'AssumeRole')
    .map(session => session.roleArn.split('/').at(-1) ?? '')
}

describe('role profiles, as the real tools follow them', () => {
  test.each(CASES.map((item, index) => [item.name, index] as const))(
    'the JS SDK: %s',
    async (_name, index) => {
      const item = CASES[index]
      const setup = prepared[index]
      if (item === undefined || setup === undefined) throw new Error('no such case')
      const from = emulator.issuedSessions().length
      const [outcome] = await jsChain([
        { ...setup, env: { ...setup.env, AWS_ENDPOINT_URL_STS: emulator.url } }
      ])
      if (item.js.failure !== undefined) {
        expect(outcome?.failure).toBe(item.js.failure)
        return
      }
      expect(outcome?.failure).toBeUndefined()
      expect(assumedSince(from)).toEqual(item.js.roles)
      const last = emulator.issuedSessions().at(-1)
      expect(outcome?.accessKeyId).toBe(last?.accessKeyId)
    }
  )

  const cli = awsCliPath()
  const cliTest = cli === undefined ? test.skip : test
  cliTest.each(CASES.map((item, index) => [item.name, index] as const))(
    'the AWS CLI: %s',
    async (_name, index) => {
      const item = CASES[index]
      const setup = prepared[index]
      if (item === undefined || setup === undefined) throw new Error('no such case')
      const from = emulator.issuedSessions().length
      const run = await awsCli(cli ?? 'aws', setup, emulator.url)
      if (item.cli.failure !== undefined) {
        expect(run.code).not.toBe(0)
        expect(run.message).toBe(item.cli.failure)
        expect(assumedSince(from)).toEqual([])
        return
      }
      expect(run.code).toBe(0)
      expect(assumedSince(from)).toEqual(item.cli.roles)
    }
  )

  test("discovery's view of each tool says the same", () => {
    const cases = CASES.map((item, index) => {
      const setup = prepared[index]
      if (setup === undefined) throw new Error('no such case')
      return { item, tools: discover(parseSettings({}), setup.env).tools }
    })
    for (const { item, tools } of cases) {
      if (tools === undefined) continue
      if (item.cli.failure !== undefined && tools.awsCli.failure !== undefined)
        expect(tools.awsCli.failure).toBe(item.cli.failure)
    }
    // The loop back to keys is where the tools part: the CLI fails, the JS SDK does not.
    const loop = cases.find(({ item }) => item.name.startsWith('a loop back'))?.tools
    expect(loop?.awsCli.failure).toMatch(/^Infinite loop in credential configuration detected/u)
    expect(loop?.jsSdk.failure).toBeUndefined()
  })

  test('the report quotes what each tool says where a credential_source has nothing to read', () => {
    const gaps = CASES.flatMap((item, index) => {
      const setup = prepared[index]
      if (setup === undefined || !/without the/u.test(item.name)) return []
      return [{ item, gap: credentialSourceGap(discover(parseSettings({}), setup.env)) }]
    })
    expect(gaps).toHaveLength(2)
    for (const { item, gap } of gaps) {
      expect(gap?.message).toContain(item.cli.failure)
      expect(gap?.message).toContain(`"${item.js.failure ?? ''}"`)
    }
  })
})

/** A role profile on a self-hosted EC2 runner whose IMDS serves the instance role. */
interface ImdsCase {
  readonly name: string
  readonly config: string
  /** `AWS_PROFILE`, `deploy` unless given; `null` leaves it unset (the `default` profile). */
  readonly profile?: string | null
  /** The JS SDK: the instance role, or the message it stops with. */
  readonly js: 'instance role' | { readonly failure: string }
  readonly cli: string
  /** The title of the precedence-conflict finding the report gives, where it gives one. */
  readonly title?: string
}

const ROLE = `[profile deploy]\nrole_arn = ${roleArn('chain-1')}\n`
const FELL_THROUGH =
  'Profile "deploy" cannot assume its role: the JS SDK uses EC2 instance metadata (IMDS) instead, the AWS CLI stops'

const IMDS_CASES: readonly ImdsCase[] = [
  {
    name: 'credential_source = EcsContainer without the container variables',
    config: `${ROLE}credential_source = EcsContainer\n`,
    js: 'instance role',
    cli: 'Error when retrieving credentials from EcsContainer: No credentials found in credential_source referenced in profile deploy',
    title: FELL_THROUGH
  },
  {
    name: 'credential_source = Environment without the key variables',
    config: `${ROLE}credential_source = Environment\n`,
    js: 'instance role',
    cli: 'Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile deploy',
    title: FELL_THROUGH
  },
  {
    name: 'a credential_source no tool knows',
    config: `${ROLE}credential_source = Ec2Instance\n`,
    js: 'instance role',
    cli: 'The credential source "Ec2Instance" referenced in profile "deploy" is not valid.',
    title: FELL_THROUGH
  },
  {
    name: 'a source_profile that does not exist',
    config: `${ROLE}source_profile = nowhere\n`,
    js: 'instance role',
    cli: 'The source_profile "nowhere" referenced in the profile "deploy" does not exist.',
    title: FELL_THROUGH
  },
  {
    name: 'a source_profile without credentials',
    config: `${ROLE}source_profile = empty\n[profile empty]\nregion = us-east-1\n`,
    js: 'instance role',
    cli: 'The source profile "empty" must have credentials.',
    title: FELL_THROUGH
  },
  {
    name: 'a source_profile loop without keys',
    config: `${ROLE}source_profile = b\n[profile b]\nrole_arn = ${roleArn('chain-2')}\nsource_profile = deploy\n`,
    js: 'instance role',
    cli: "Infinite loop in credential configuration detected. Attempting to load from profile deploy which has already been visited. Visited profiles: ['deploy', 'b']",
    title: FELL_THROUGH
  },
  {
    name: 'a chain that ends at credential_source = EcsContainer without the variables',
    config: `${ROLE}source_profile = mid\n[profile mid]\nrole_arn = ${roleArn('chain-2')}\ncredential_source = EcsContainer\n`,
    js: 'instance role',
    cli: 'Error when retrieving credentials from EcsContainer: No credentials found in credential_source referenced in profile mid',
    title: FELL_THROUGH
  },
  {
    name: 'a [default] role profile, no AWS_PROFILE, credential_source = EcsContainer without the variables',
    config: `[default]\nrole_arn = ${roleArn('chain-1')}\ncredential_source = EcsContainer\n`,
    profile: null,
    js: 'instance role',
    cli: 'Error when retrieving credentials from EcsContainer: No credentials found in credential_source referenced in profile default',
    title:
      'Profile "default" cannot assume its role: the JS SDK uses EC2 instance metadata (IMDS) instead, the AWS CLI stops'
  },
  {
    name: 'an AWS_PROFILE that neither file defines',
    config: `${ROLE}credential_source = Environment\n`,
    profile: 'elsewhere',
    js: 'instance role',
    cli: 'The config profile (elsewhere) could not be found'
  },
  {
    name: 'mfa_serial beside an empty credential_source (the MFA check stops the JS SDK first)',
    config: `${ROLE}credential_source = EcsContainer\nmfa_serial = arn:aws:iam::${ACCOUNT}:mfa/ci\n`,
    js: {
      failure:
        'Profile deploy requires multi-factor authentication, but no MFA code callback was provided.'
    },
    cli: 'Error when retrieving credentials from EcsContainer: No credentials found in credential_source referenced in profile deploy'
  }
]

describe('role profiles that cannot assume their role, on a self-hosted EC2 runner', () => {
  let imds: FakeImds
  let instanceKeyId = ''
  let cases: { item: ImdsCase; setup: Prepared }[] = []

  beforeAll(async () => {
    const instance = emulator.createSessionCredentials({
      accountId: ACCOUNT,
      roleName: 'ci-runner-role',
      sessionName: 'i-0123456789abcdef0',
      expiresInSeconds: 3600
    })
    instanceKeyId = instance.accessKeyId
    imds = await startImds('ok', instance)
    cases = IMDS_CASES.map((item, index) => ({
      item,
      setup: prepare(
        {
          env: {
            ...(item.profile === null ? {} : { AWS_PROFILE: item.profile ?? 'deploy' }),
            AWS_REGION: 'us-east-1',
            AWS_EC2_METADATA_DISABLED: 'false',
            AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
            RUNNER_ENVIRONMENT: 'self-hosted'
          },
          files: { '.aws/config': item.config }
        },
        join(root, `imds-${index}`)
      )
    }))
  })

  afterAll(async () => {
    await imds.stop()
  })

  test.each(IMDS_CASES.map(item => [item.name] as const))('the JS SDK: %s', async name => {
    const found = cases.find(({ item }) => item.name === name)
    if (found === undefined) throw new Error('no such case')
    const from = emulator.issuedSessions().length
    const asked = imds.requests.length
    const [outcome] = await jsChain([
      { ...found.setup, env: { ...found.setup.env, AWS_ENDPOINT_URL_STS: emulator.url } }
    ])
    expect(assumedSince(from)).toEqual([])
    if (found.item.js === 'instance role') {
      expect(outcome).toEqual({ accessKeyId: instanceKeyId })
      expect(imds.requests.slice(asked)).toContain(
        'GET /latest/meta-data/iam/security-credentials/ci-runner-role [token]'
      )
    } else expect(outcome?.failure).toBe(found.item.js.failure)
  })

  const cli = awsCliPath()
  const cliTest = cli === undefined ? test.skip : test
  cliTest.each(IMDS_CASES.map(item => [item.name] as const))('the AWS CLI: %s', async name => {
    const found = cases.find(({ item }) => item.name === name)
    if (found === undefined) throw new Error('no such case')
    const from = emulator.issuedSessions().length
    const asked = imds.requests.length
    const run = await awsCli(cli ?? 'aws', found.setup, emulator.url)
    expect(run.code).not.toBe(0)
    expect(run.message).toBe(found.item.cli)
    // It stops at the profile: no role assumed, the instance role not even asked for.
    expect(assumedSince(from)).toEqual([])
    expect(imds.requests.slice(asked)).toEqual([])
  })

  test("discovery's view of each tool, and the report's finding, say the same", () => {
    for (const { item, setup } of cases) {
      const discovery = discover(parseSettings({}), setup.env)
      const tools = discovery.tools
      expect([item.name, tools?.awsCli.failure]).toEqual([item.name, item.cli])
      if (item.js === 'instance role') {
        expect([item.name, tools?.jsSdk.source?.kind]).toEqual([item.name, 'instance-metadata'])
        expect(discovery.selected?.kind).toBe('instance-metadata')
      } else {
        // The MFA check stops it at the profile, which stays the source in use.
        expect(discovery.selected?.profile).toBe('deploy')
      }
      const titles = runChecks(discovery, CHECK_SETTINGS)
        .filter(finding => finding.id === 'precedence-conflict')
        .map(finding => finding.title)
      if (item.title !== undefined) expect([item.name, titles]).toEqual([item.name, [item.title]])
    }
  })
})
