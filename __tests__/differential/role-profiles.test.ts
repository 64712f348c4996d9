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
import { discover } from '../../src/discover/index.js'
import { parseSettings } from '../../src/settings.js'
import { startEmulator, type AccessKeyPair, type Emulator } from '../emulator/emulator.js'
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
