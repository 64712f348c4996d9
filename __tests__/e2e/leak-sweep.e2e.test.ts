/**
 * The leak canary across every finding path the bundled action can reach: for each scenario,
 * with debug logging off and on (`ACTIONS_STEP_DEBUG=true`, which makes the runner set
 * `RUNNER_DEBUG=1`), no secret access key, session token, web identity or OIDC token, request
 * token or GitHub token, nor any 8-character part of one, appears in stdout (annotations
 * included), stderr, the summary, `GITHUB_OUTPUT`, `GITHUB_ENV` or the PR comment. Secrets of
 * other profiles and credentials obtained on the way (a credential process, an assumed role)
 * count too. Each scenario also proves it reached its finding and did not crash.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import {
  GITHUB_ISSUER,
  makeWebIdentityToken,
  startEmulator,
  type Emulator,
  type TrustPolicy
} from '../emulator/emulator.js'
import { startContainerEndpoint } from '../fakes/container-endpoint.js'
import { startImds, type ImdsMode } from '../fakes/imds.js'
import { startSsoPortal, type PortalMode } from '../fakes/sso-portal.js'
import { startGitHubApi, type FakeGitHubApi } from '../fakes/github-api.js'
import { startRecordingProxy, type RecordingProxy } from '../fakes/recording-proxy.js'
import { startTokenService, type TokenService } from '../fakes/token-service.js'
import {
  cleanUp,
  expectNoLeak,
  leakForms,
  runAction,
  type RunOptions,
  type RunResult
} from './harness.js'

const REPO = 'octo-org/octo-repo'
const OIDC_ACCOUNT = '222233334444'
const EKS_HOST = 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'
const KEY_PREFIX = 'token.actions.githubusercontent.com'
/**
 * The job's GitHub token, random like a real one: the harness's readable fake shares runs of
 * digits with the run ID, which would read as a leak wherever the summary links the run.
 */
const GITHUB_TOKEN = `ghs_${randomBytes(27).toString('base64url')}`

let emulator: Emulator
/** Stands for the regional endpoint of us-east-1 only: other regions' signatures are refused. */
let regional: Emulator
/** In front of the emulator: learns the credentials STS hands out, so they can be checked. */
let proxy: RecordingProxy
let tokens: TokenService
let github: FakeGitHubApi
let accountSeed = 500000000000

beforeAll(async () => {
  emulator = await startEmulator()
  regional = await startEmulator({ stsRegion: 'us-east-1' })
  proxy = await startRecordingProxy(emulator.url)
  tokens = await startTokenService()
  github = await startGitHubApi({ token: GITHUB_TOKEN })
  emulator.addOidcProvider(OIDC_ACCOUNT, { url: GITHUB_ISSUER, clientIds: ['sts.amazonaws.com'] })
  emulator.addOidcProvider(OIDC_ACCOUNT, {
    url: `https://${EKS_HOST}`,
    clientIds: ['sts.amazonaws.com']
  })
})

afterAll(async () => {
  await github.stop()
  await tokens.stop()
  await proxy.stop()
  await emulator.stop()
  await regional.stop()
  cleanUp()
})

type Pair = { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

function newAccount(): string {
  accountSeed += 1
  return String(accountSeed)
}

function newKey(options: { ageDays?: number } = {}): Pair {
  return emulator.createAccessKey({ accountId: newAccount(), userName: 'ci', ...options })
}

function newSession(expiresInSeconds = 3600): Required<Pair> {
  return emulator.createSessionCredentials({
    accountId: newAccount(),
    roleName: 'deploy',
    sessionName: 'GitHubActions',
    expiresInSeconds
  })
}

function envKeys(pair: Partial<Pair>, region = 'us-east-1'): Record<string, string> {
  return {
    ...(pair.accessKeyId === undefined ? {} : { AWS_ACCESS_KEY_ID: pair.accessKeyId }),
    ...(pair.secretAccessKey === undefined ? {} : { AWS_SECRET_ACCESS_KEY: pair.secretAccessKey }),
    ...(pair.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: pair.sessionToken }),
    AWS_REGION: region
  }
}

function trust(sub: string): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::${OIDC_ACCOUNT}:oidc-provider/${KEY_PREFIX}`
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${KEY_PREFIX}:aud`]: 'sts.amazonaws.com', [`${KEY_PREFIX}:sub`]: sub }
        }
      }
    ]
  }
}

async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

/** What a scenario runs, which secrets it holds, and the finding it must reach. */
interface Prepared {
  readonly options: RunOptions
  readonly secrets: readonly string[]
  /** A finding ID the run must report. */
  readonly expectId?: string
  /** The step's verdict, when the scenario is about a working setup. */
  readonly expectStatus?: 'pass' | 'warn' | 'fail'
  /** Secrets learned during the run (credentials STS handed out, tokens issued). */
  readonly learned?: () => readonly string[]
  /** Run after the action, to restore shared state. */
  readonly cleanup?: () => void
}

const PULL_REQUEST_EVENT = {
  number: 9,
  pull_request: {
    number: 9,
    head: { repo: { full_name: REPO } },
    base: { repo: { full_name: REPO } }
  }
}

/** A run with `role-to-assume`, this job's token from the fake service, and a role trusting `sub`. */
async function roleToAssume(roleName: string, sub: string, expectId: string): Promise<Prepared> {
  const roleArn = emulator.addRole(OIDC_ACCOUNT, roleName, { trustPolicy: trust(sub) }).arn
  tokens.setClaims({})
  return {
    options: {
      endpoint: proxy.url,
      env: { AWS_REGION: 'us-east-1', ...tokens.env() },
      inputs: { 'role-to-assume': roleArn, 'check-iam': 'false' }
    },
    secrets: [tokens.requestToken],
    learned: () => [...tokens.issued, ...proxy.secrets()],
    expectId
  }
}

/** Random, so that no 8-character run of it is an ordinary word in the report. */
const CONTAINER_TOKEN = randomBytes(18).toString('base64url')

/**
 * A runner whose credentials come from a container endpoint (loopback fake) that checks the
 * authorization token: given the right one it hands out a session, else answers 403.
 */
async function containerScenario(rightToken: boolean): Promise<Prepared> {
  const session = newSession()
  const fake = await startContainerEndpoint('ok', session, CONTAINER_TOKEN)
  return {
    options: {
      endpoint: emulator.url,
      env: {
        AWS_REGION: 'us-east-1',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: fake.url,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: rightToken ? CONTAINER_TOKEN : `${CONTAINER_TOKEN}x`,
        RUNNER_ENVIRONMENT: 'self-hosted'
      },
      inputs: { 'check-iam': 'false' }
    },
    secrets: [session.secretAccessKey, session.sessionToken, CONTAINER_TOKEN],
    ...(rightToken
      ? { expectStatus: 'pass' as const }
      : { expectId: 'container-credentials-failed' }),
    cleanup: () => void fake.stop()
  }
}

/** A self-hosted runner on EC2: the loopback metadata fake behind AWS_EC2_METADATA_SERVICE_ENDPOINT. */
async function imdsScenario(mode: ImdsMode): Promise<Prepared> {
  const session = newSession()
  const imds = await startImds(mode, session)
  return {
    options: {
      endpoint: emulator.url,
      env: {
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'false',
        AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
        RUNNER_ENVIRONMENT: 'self-hosted'
      },
      inputs: { 'check-iam': 'false', 'timeout-seconds': '4' }
    },
    secrets: [session.secretAccessKey, session.sessionToken],
    ...(mode === 'ok'
      ? { expectStatus: 'pass' as const }
      : { expectId: 'instance-metadata-failed' }),
    cleanup: () => void imds.stop()
  }
}

/**
 * A container URI with a secret in its user information and another in its query, on a host
 * neither tool calls (0.0.0.0, which would still be this machine): refused, and neither shown.
 */
function containerUriScenario(): Prepared {
  const userSecret = randomBytes(18).toString('base64url')
  const querySecret = randomBytes(18).toString('base64url')
  return {
    options: {
      env: {
        AWS_REGION: 'us-east-1',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://ci:${userSecret}@0.0.0.0:9/v1/credentials?token=${querySecret}`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: CONTAINER_TOKEN,
        RUNNER_ENVIRONMENT: 'self-hosted'
      },
      inputs: { 'check-iam': 'false' }
    },
    secrets: [userSecret, querySecret, CONTAINER_TOKEN],
    expectId: 'container-credentials-failed'
  }
}

/** An SSO profile with a valid cached login and the loopback portal answering `mode`. */
async function ssoPortalScenario(mode: PortalMode): Promise<Prepared> {
  const session = newSession()
  const accessToken = `aoa${randomBytes(24).toString('hex')}`
  const startUrl = 'https://my-sso-portal.awsapps.com/start'
  const portal = await startSsoPortal(accessToken, session, mode)
  return {
    options: {
      endpoint: emulator.url,
      env: { AWS_PROFILE: 'dev', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_SSO: portal.url },
      inputs: { 'check-iam': 'false' },
      homeFiles: {
        '.aws/config': `[profile dev]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Deploy\n`,
        // A legacy profile's cache file: the SHA-1 of its start URL (getSSOTokenFilepath).
        [`.aws/sso/cache/${createHash('sha1').update(startUrl).digest('hex')}.json`]:
          JSON.stringify({
            startUrl,
            region: 'us-east-1',
            accessToken,
            expiresAt: new Date(Date.now() + 3600_000).toISOString()
          })
      }
    },
    secrets: [accessToken, session.secretAccessKey, session.sessionToken],
    ...(mode === 'ok' ? { expectStatus: 'pass' as const } : { expectId: 'sso-portal-refused' }),
    cleanup: () => void portal.stop()
  }
}

const SCENARIOS: Readonly<Record<string, () => Promise<Prepared>>> = {
  'a working long-term key, IAM look-ups on': async () => {
    const key = newKey()
    return {
      options: { endpoint: emulator.url, env: envKeys(key) },
      secrets: [key.secretAccessKey],
      expectId: 'long-term-credentials'
    }
  },
  'working temporary credentials': async () => {
    const session = newSession()
    return {
      options: { endpoint: emulator.url, env: envKeys(session) },
      secrets: [session.secretAccessKey, session.sessionToken],
      expectStatus: 'pass'
    }
  },
  'credentials given as inputs': async () => {
    const session = newSession()
    return {
      options: {
        endpoint: emulator.url,
        env: { AWS_REGION: 'us-east-1' },
        inputs: {
          'aws-access-key-id': session.accessKeyId,
          'aws-secret-access-key': session.secretAccessKey,
          'aws-session-token': session.sessionToken
        }
      },
      secrets: [session.secretAccessKey, session.sessionToken],
      expectStatus: 'pass'
    }
  },
  'a secret and a session token under names no tool reads': async () => {
    const session = newSession()
    return {
      options: {
        endpoint: emulator.url,
        env: {
          AWS_ACCESS_KEY_ID: session.accessKeyId,
          AWS_SECRET_KEY: session.secretAccessKey,
          aws_session_token: session.sessionToken
        }
      },
      secrets: [session.secretAccessKey, session.sessionToken],
      expectId: 'credential-variable-misnamed'
    }
  },
  'a whole key pair pasted into the key ID variable': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        // The secret's own variable is unset: only the new mask keeps its half of the pair.
        env: {
          AWS_ACCESS_KEY_ID: `${key.accessKeyId} ${key.secretAccessKey}`,
          AWS_REGION: 'us-east-1'
        }
      },
      secrets: [key.secretAccessKey],
      expectId: 'access-key-id-malformed'
    }
  },
  'a deleted key': async () => {
    const key = newKey()
    emulator.deleteAccessKey(key.accessKeyId)
    return {
      options: { endpoint: emulator.url, env: envKeys(key) },
      secrets: [key.secretAccessKey],
      expectId: 'invalid-client-token-id'
    }
  },
  'a wrong secret': async () => {
    const key = newKey()
    const other = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys({ accessKeyId: key.accessKeyId, secretAccessKey: other.secretAccessKey })
      },
      secrets: [key.secretAccessKey, other.secretAccessKey],
      expectId: 'signature-mismatch'
    }
  },
  'a secret with a trailing newline': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys({ ...key, secretAccessKey: `${key.secretAccessKey}\n` })
      },
      secrets: [key.secretAccessKey],
      expectId: 'invisible-characters'
    }
  },
  'a quoted secret': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys({ ...key, secretAccessKey: `"${key.secretAccessKey}"` })
      },
      secrets: [key.secretAccessKey],
      expectId: 'quoted-value'
    }
  },
  'a secret cut one character short': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys({ ...key, secretAccessKey: key.secretAccessKey.slice(0, 39) })
      },
      secrets: [key.secretAccessKey],
      expectId: 'secret-access-key-malformed'
    }
  },
  'the key ID and the secret swapped': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys({ accessKeyId: key.secretAccessKey, secretAccessKey: key.accessKeyId })
      },
      secrets: [key.secretAccessKey],
      expectId: 'keys-swapped'
    }
  },
  'a secret without its key ID': async () => {
    const key = newKey()
    return {
      options: { endpoint: emulator.url, env: envKeys({ secretAccessKey: key.secretAccessKey }) },
      secrets: [key.secretAccessKey],
      expectId: 'incomplete-credentials'
    }
  },
  'an empty key ID beside a session token': async () => {
    const session = newSession()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys({ ...session, accessKeyId: '' })
      },
      secrets: [session.secretAccessKey, session.sessionToken],
      expectId: 'empty-credential-variable'
    }
  },
  'a temporary key without its token': async () => {
    const session = newSession()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys({ accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey })
      },
      secrets: [session.secretAccessKey, session.sessionToken],
      expectId: 'session-token-missing'
    }
  },
  'a long-term key with a leftover session token': async () => {
    const key = newKey()
    const session = newSession()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys({ ...key, sessionToken: session.sessionToken })
      },
      secrets: [key.secretAccessKey, session.sessionToken],
      expectId: 'session-token-unexpected'
    }
  },
  'an expired session': async () => {
    const session = newSession(-60)
    return {
      options: { endpoint: emulator.url, env: envKeys(session) },
      secrets: [session.secretAccessKey, session.sessionToken],
      expectId: 'expired-token'
    }
  },
  'a fork pull request without secrets, a token still set': async () => {
    const session = newSession()
    return {
      options: {
        endpoint: emulator.url,
        env: {
          ...envKeys({ accessKeyId: '', secretAccessKey: '' }),
          AWS_SESSION_TOKEN: session.sessionToken
        },
        eventName: 'pull_request',
        event: {
          ...PULL_REQUEST_EVENT,
          pull_request: {
            ...PULL_REQUEST_EVENT.pull_request,
            head: { repo: { full_name: 'someone/fork' } }
          }
        }
      },
      secrets: [session.sessionToken],
      expectId: 'fork-pr-secrets-unavailable'
    }
  },
  'a clock twenty minutes off': async () => {
    const key = newKey()
    emulator.setClockSkew(-20 * 60)
    return {
      options: { endpoint: emulator.url, env: envKeys(key) },
      secrets: [key.secretAccessKey],
      expectId: 'clock-skew',
      cleanup: () => emulator.setClockSkew(0)
    }
  },
  'an opt-in region not enabled': async () => {
    const key = newKey()
    return {
      options: { endpoint: emulator.url, env: envKeys(key, 'af-south-1') },
      secrets: [key.secretAccessKey],
      expectId: 'region-not-enabled'
    }
  },
  'STS never answers': async () => {
    const key = newKey()
    emulator.setFault({ mode: 'hang' })
    return {
      options: { endpoint: emulator.url, env: envKeys(key), inputs: { 'timeout-seconds': '2' } },
      secrets: [key.secretAccessKey],
      expectId: 'sts-timeout',
      cleanup: () => emulator.setFault(undefined)
    }
  },
  'an invalid AWS_DEFAULTS_MODE, and a secret pasted as AWS_RETRY_MODE': async () => {
    const key = newKey()
    const other = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: {
          ...envKeys(key),
          AWS_DEFAULTS_MODE: 'bogus',
          AWS_RETRY_MODE: other.secretAccessKey,
          AWS_CA_BUNDLE: '/nonexistent/ca.pem'
        }
      },
      secrets: [key.secretAccessKey, other.secretAccessKey],
      expectId: 'config-variable-invalid'
    }
  },
  'an endpoint override that is no URL, with user info': async () => {
    const key = newKey()
    return {
      options: {
        env: {
          ...envKeys(key),
          AWS_ENDPOINT_URL_STS: `ftp://ci:${key.secretAccessKey}@127.0.0.1:9`
        }
      },
      secrets: [key.secretAccessKey],
      expectId: 'endpoint-override-unreachable'
    }
  },
  'AWS_DEFAULT_PROFILE names a profile the JS SDK does not read': async () => {
    const ci = newKey()
    const other = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: { AWS_REGION: 'us-east-1', AWS_DEFAULT_PROFILE: 'ci' },
        homeFiles: {
          '.aws/credentials': `[ci]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = ${ci.secretAccessKey}\n[default]\naws_access_key_id = ${other.accessKeyId}\naws_secret_access_key = ${other.secretAccessKey}\n`
        }
      },
      secrets: [ci.secretAccessKey, other.secretAccessKey],
      expectId: 'precedence-conflict'
    }
  },
  'STS refuses connections': async () => {
    const key = newKey()
    return {
      options: { endpoint: `http://127.0.0.1:${await closedPort()}`, env: envKeys(key) },
      secrets: [key.secretAccessKey],
      expectId: 'endpoint-override-unreachable'
    }
  },
  'a credentials file path with a trailing space, the file holding a pair': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: { AWS_REGION: 'us-east-1', AWS_SHARED_CREDENTIALS_FILE: '~/ci/credentials ' },
        homeFiles: {
          'ci/credentials': `[default]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`
        }
      },
      secrets: [key.secretAccessKey],
      expectId: 'config-variable-invalid'
    }
  },
  'a web identity token file path under ~/, the token there in HOME': async () => {
    const token = makeWebIdentityToken({}, { lifetimeSeconds: 600 })
    return {
      options: {
        endpoint: emulator.url,
        env: {
          AWS_REGION: 'us-east-1',
          AWS_ROLE_ARN: `arn:aws:iam::${OIDC_ACCOUNT}:role/leak-relative-token`,
          AWS_WEB_IDENTITY_TOKEN_FILE: '~/token'
        },
        homeFiles: { token }
      },
      secrets: [token],
      expectId: 'config-variable-invalid'
    }
  },
  'STS refuses the region the request was signed for': async () => {
    const key = regional.createAccessKey({ accountId: newAccount(), userName: 'ci' })
    return {
      options: {
        env: { ...envKeys(key), AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: regional.url }
      },
      secrets: [key.secretAccessKey],
      expectId: 'region-invalid'
    }
  },
  'IAM refuses connections at its override': async () => {
    const key = newKey()
    return {
      options: {
        env: {
          ...envKeys(key),
          AWS_ENDPOINT_URL_STS: emulator.url,
          AWS_ENDPOINT_URL_IAM: `http://127.0.0.1:${await closedPort()}`
        }
      },
      secrets: [key.secretAccessKey],
      expectId: 'endpoint-override-unreachable'
    }
  },
  "the OIDC doctor's STS override refuses connections": async () => {
    const prepared = await roleToAssume(
      'leak-dead-override',
      `repo:${REPO}:ref:refs/heads/main`,
      'endpoint-override-unreachable'
    )
    return {
      ...prepared,
      options: { ...prepared.options, endpoint: `http://127.0.0.1:${await closedPort()}` }
    }
  },
  'STS answers 500': async () => {
    const key = newKey()
    emulator.setFault({ mode: 'http500' })
    return {
      options: { endpoint: emulator.url, env: envKeys(key) },
      secrets: [key.secretAccessKey],
      expectId: 'sts-service-error',
      cleanup: () => emulator.setFault(undefined)
    }
  },
  'another account than expected': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys(key),
        inputs: { 'expected-account-id': '999988887777' }
      },
      secrets: [key.secretAccessKey],
      expectId: 'account-mismatch'
    }
  },
  'root credentials': async () => {
    const key = emulator.createRootKey(newAccount())
    return {
      options: { endpoint: emulator.url, env: envKeys(key) },
      secrets: [key.secretAccessKey],
      expectId: 'root-credentials'
    }
  },
  'an old key': async () => {
    const key = newKey({ ageDays: 400 })
    return {
      options: { endpoint: emulator.url, env: envKeys(key) },
      secrets: [key.secretAccessKey],
      expectId: 'access-key-age'
    }
  },
  'IAM look-ups denied': async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    emulator.denyIam(`arn:aws:iam::${account}:user/ci`)
    return {
      options: { endpoint: emulator.url, env: envKeys(key) },
      secrets: [key.secretAccessKey],
      expectId: 'iam-check-skipped'
    }
  },
  'a required action denied': async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    emulator.setPolicy(`arn:aws:iam::${account}:user/ci`, [
      { effect: 'Allow', actions: ['s3:GetObject'] }
    ])
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys(key),
        inputs: { 'required-actions': 's3:PutObject' }
      },
      secrets: [key.secretAccessKey],
      expectId: 'missing-permissions'
    }
  },
  'a required-actions gate IAM will not simulate': async () => {
    const account = newAccount()
    const key = emulator.createAccessKey({ accountId: account, userName: 'ci' })
    emulator.denyIam(`arn:aws:iam::${account}:user/ci`, ['SimulatePrincipalPolicy'])
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys(key),
        inputs: { 'required-actions': 's3:PutObject' }
      },
      secrets: [key.secretAccessKey],
      expectId: 'permissions-unverified'
    }
  },
  'long-term keys where temporary ones are required': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys(key),
        inputs: { 'require-temporary-credentials': 'true' }
      },
      secrets: [key.secretAccessKey],
      expectId: 'long-term-credentials',
      expectStatus: 'fail'
    }
  },
  'a profile among others in ~/.aws/credentials': async () => {
    const used = newKey()
    const other = newKey()
    const spare = newSession()
    return {
      options: {
        endpoint: emulator.url,
        env: { AWS_PROFILE: 'ci', AWS_REGION: 'us-east-1' },
        homeFiles: {
          '.aws/credentials': [
            '[default]',
            `aws_access_key_id = ${other.accessKeyId}`,
            `aws_secret_access_key = ${other.secretAccessKey}`,
            '[ci]',
            `aws_access_key_id = ${used.accessKeyId}`,
            `aws_secret_access_key = ${used.secretAccessKey}`,
            '[spare]',
            `aws_access_key_id = ${spare.accessKeyId}`,
            `aws_secret_access_key = ${spare.secretAccessKey}`,
            `aws_session_token = ${spare.sessionToken}`,
            ''
          ].join('\n')
        }
      },
      secrets: [
        used.secretAccessKey,
        other.secretAccessKey,
        spare.secretAccessKey,
        spare.sessionToken
      ],
      expectStatus: 'pass'
    }
  },
  'a profile that does not exist': async () => {
    const other = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: { AWS_PROFILE: 'missing', AWS_REGION: 'us-east-1' },
        homeFiles: {
          '.aws/credentials': `[default]\naws_access_key_id = ${other.accessKeyId}\naws_secret_access_key = ${other.secretAccessKey}\n`
        }
      },
      secrets: [other.secretAccessKey],
      expectId: 'profile-not-found'
    }
  },
  'secrets on malformed lines of the credentials file': async () => {
    const key = newKey()
    const outside = newKey()
    const typo = newKey()
    const session = newSession()
    return {
      options: {
        endpoint: emulator.url,
        env: { AWS_REGION: 'us-east-1' },
        homeFiles: {
          '.aws/credentials': [
            `aws_secret_access_key = ${outside.secretAccessKey}`,
            '[default]',
            `aws_access_key_id = ${key.accessKeyId}`,
            `aws_secret_access_key = ${key.secretAccessKey}`,
            `aws_secret_acces_key = ${typo.secretAccessKey}`,
            `aws_sesion_token=${session.sessionToken}`,
            '[profile ci]',
            `aws_secret_access_key=${typo.secretAccessKey}`,
            `${session.secretAccessKey}`,
            ''
          ].join('\n')
        }
      },
      secrets: [
        key.secretAccessKey,
        outside.secretAccessKey,
        typo.secretAccessKey,
        session.secretAccessKey,
        session.sessionToken
      ],
      expectId: 'credentials-file-malformed'
    }
  },
  'a credential process in the config file': async () => {
    const key = newKey()
    const output = JSON.stringify({
      Version: 1,
      AccessKeyId: key.accessKeyId,
      SecretAccessKey: key.secretAccessKey
    })
    return {
      options: {
        endpoint: emulator.url,
        env: { AWS_PROFILE: 'proc', AWS_REGION: 'us-east-1' },
        inputs: { 'check-iam': 'false' },
        homeFiles: {
          '.aws/config': `[profile proc]\ncredential_process = ${process.execPath} -e "process.stdout.write(process.argv[1])" '${output}'\n`
        }
      },
      secrets: [key.secretAccessKey],
      expectStatus: 'pass'
    }
  },
  'a credential process that fails with the secret on stderr': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: { AWS_PROFILE: 'proc', AWS_REGION: 'us-east-1' },
        inputs: { 'check-iam': 'false' },
        homeFiles: {
          '.aws/config': `[profile proc]\ncredential_process = ${process.execPath} -e "process.stderr.write(process.argv[1]); process.stdout.write(process.argv[1]); process.exit(2)" '${key.secretAccessKey}'\n`
        }
      },
      secrets: [key.secretAccessKey],
      expectId: 'credential-process-failed'
    }
  },
  'a container endpoint that answers credentials': async () => containerScenario(true),
  'a container endpoint that refuses its authorization token': async () => containerScenario(false),
  'an instance role over IMDSv2': async () => imdsScenario('ok'),
  'an instance role whose credentials expired': async () => imdsScenario('expired'),
  'a container URI with secrets in its user info and query, on a refused host': async () =>
    containerUriScenario(),
  'an SSO profile whose portal rejects the request (400)': async () => ssoPortalScenario('400'),
  'an SSO profile whose cached login expired': async () => {
    const accessToken = `aoa${randomBytes(24).toString('hex')}`
    const refreshToken = `aor${randomBytes(24).toString('hex')}`
    // getSSOTokenFilepath: ~/.aws/sso/cache/<sha1 of the sso_session name>.json
    const cacheFile = `.aws/sso/cache/${createHash('sha1').update('corp').digest('hex')}.json`
    return {
      options: {
        endpoint: emulator.url,
        env: { AWS_PROFILE: 'dev', AWS_REGION: 'us-east-1' },
        inputs: { 'check-iam': 'false' },
        homeFiles: {
          '.aws/config': [
            '[profile dev]',
            'sso_session = corp',
            'sso_account_id = 111122223333',
            'sso_role_name = Deploy',
            '[sso-session corp]',
            'sso_start_url = https://my-sso-portal.awsapps.com/start',
            'sso_region = us-east-1',
            ''
          ].join('\n'),
          [cacheFile]: JSON.stringify({
            accessToken,
            refreshToken,
            expiresAt: new Date(Date.now() - 60_000).toISOString()
          })
        }
      },
      secrets: [accessToken, refreshToken],
      expectId: 'sso-login-required'
    }
  },
  'an SSO profile whose valid login the portal refuses': async () => ssoPortalScenario('403'),
  'an SSO profile whose portal answers credentials': async () => ssoPortalScenario('ok'),
  'a role profile with mfa_serial': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: { AWS_PROFILE: 'admin', AWS_REGION: 'us-east-1' },
        inputs: { 'check-iam': 'false' },
        homeFiles: {
          '.aws/credentials': `[default]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`,
          '.aws/config':
            '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\nmfa_serial = arn:aws:iam::123456789012:mfa/jane\n'
        }
      },
      secrets: [key.secretAccessKey],
      expectId: 'role-profile-mfa-required'
    }
  },
  'a web identity token file and role': async () => {
    const roleArn = emulator.addRole(OIDC_ACCOUNT, 'leak-web-identity', {
      trustPolicy: trust(`repo:${REPO}:ref:refs/heads/main`)
    }).arn
    const token = makeWebIdentityToken({}, { lifetimeSeconds: 600 })
    return {
      options: {
        endpoint: proxy.url,
        env: {
          AWS_REGION: 'us-east-1',
          AWS_ROLE_ARN: roleArn,
          AWS_WEB_IDENTITY_TOKEN_FILE: 'token'
        },
        inputs: { 'check-iam': 'false' },
        workspaceFiles: { token }
      },
      secrets: [token],
      learned: () => proxy.secrets(),
      expectStatus: 'pass'
    }
  },
  'an expired web identity token file': async () => {
    const roleArn = emulator.addRole(OIDC_ACCOUNT, 'leak-web-identity-expired', {
      trustPolicy: trust(`repo:${REPO}:ref:refs/heads/main`)
    }).arn
    const token = makeWebIdentityToken(
      {},
      { lifetimeSeconds: 300, nowSeconds: Math.floor(Date.now() / 1000) - 3600 }
    )
    return {
      options: {
        endpoint: proxy.url,
        env: {
          AWS_REGION: 'us-east-1',
          AWS_ROLE_ARN: roleArn,
          AWS_WEB_IDENTITY_TOKEN_FILE: 'token'
        },
        workspaceFiles: { token }
      },
      secrets: [token],
      expectId: 'web-identity-token-invalid'
    }
  },
  'an IRSA service account token the trust policy refuses': async () => {
    const roleArn = emulator.addRole(OIDC_ACCOUNT, 'leak-irsa', {
      trustPolicy: {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${OIDC_ACCOUNT}:oidc-provider/${EKS_HOST}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${EKS_HOST}:sub`]: 'system:serviceaccount:ci:runner' } }
        }
      }
    }).arn
    const token = makeWebIdentityToken(
      { iss: `https://${EKS_HOST}`, sub: 'system:serviceaccount:ci:default' },
      { lifetimeSeconds: 86400 }
    )
    return {
      options: {
        endpoint: proxy.url,
        env: {
          AWS_REGION: 'us-west-2',
          AWS_ROLE_ARN: roleArn,
          AWS_WEB_IDENTITY_TOKEN_FILE: 'token'
        },
        workspaceFiles: { token }
      },
      secrets: [token],
      expectId: 'oidc-trust-policy-mismatch'
    }
  },
  'role-to-assume accepted by the trust policy': () =>
    roleToAssume('leak-oidc-ok', `repo:${REPO}:ref:refs/heads/main`, 'oidc-token-claims'),
  'role-to-assume refused by the trust policy': () =>
    roleToAssume(
      'leak-oidc-refused',
      `repo:${REPO}:environment:production`,
      'oidc-trust-policy-mismatch'
    ),
  'role-to-assume without id-token: write, keys set': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys(key),
        inputs: { 'role-to-assume': `arn:aws:iam::${OIDC_ACCOUNT}:role/deploy` }
      },
      secrets: [key.secretAccessKey],
      expectId: 'oidc-permission-missing'
    }
  },
  'a failing run that comments on its pull request': async () => {
    const key = newKey()
    return {
      options: {
        endpoint: emulator.url,
        env: {
          ...envKeys({ ...key, secretAccessKey: ` ${key.secretAccessKey}` }),
          GITHUB_API_URL: github.url,
          GITHUB_REF: 'refs/pull/9/merge'
        },
        inputs: { 'pr-comment': 'always' },
        eventName: 'pull_request',
        event: PULL_REQUEST_EVENT
      },
      secrets: [key.secretAccessKey],
      expectId: 'invisible-characters'
    }
  },
  'an invalid input beside real secrets': async () => {
    const session = newSession()
    return {
      options: {
        endpoint: emulator.url,
        env: envKeys(session),
        inputs: { 'timeout-seconds': 'soon' }
      },
      secrets: [session.secretAccessKey, session.sessionToken],
      expectId: 'settings-invalid'
    }
  },
  'no credentials at all': async () => ({
    options: { endpoint: emulator.url },
    secrets: [],
    expectId: 'no-credentials'
  })
}

/** No secret, nor any 8-character part of one, in the comments the run wrote. */
function expectNoLeakInComments(secrets: readonly string[]): void {
  const bodies = github.comments(REPO, PULL_REQUEST_EVENT.number).map(comment => comment.body)
  for (const secret of secrets) {
    for (const form of leakForms(secret)) {
      for (const body of bodies) {
        if (body.includes(form))
          throw new Error(`A secret leaked into the PR comment (${secret.length} characters)`)
      }
    }
  }
}

/**
 * Nor a secret shown the way a key ID is (its first and last four characters): eight
 * characters of it all the same, which the 8-character canary does not see.
 */
function expectNoMaskedSecret(result: RunResult, secrets: readonly string[]): void {
  const places = [result.stdout, result.stderr, result.summary, result.outputFile, result.envFile]
  for (const secret of secrets) {
    const trimmed = secret.trim()
    if (trimmed.length < 12) continue
    const shown = `${trimmed.slice(0, 4)}…${trimmed.slice(-4)}`
    for (const place of places) expect(place.includes(shown)).toBe(false)
  }
}

const CASES = Object.keys(SCENARIOS).flatMap(name => [
  [name, 'debug off'] as const,
  [name, 'debug on'] as const
])

describe('no secret leaks, on any finding path', () => {
  test.each(CASES)('%s (%s)', async (name, debug) => {
    const prepare = SCENARIOS[name]
    if (prepare === undefined) throw new Error(`no scenario ${name}`)
    const prepared = await prepare()
    let result: RunResult
    try {
      result = await runAction({
        ...prepared.options,
        inputs: { 'github-token': GITHUB_TOKEN, ...(prepared.options.inputs ?? {}) },
        env: {
          ...(prepared.options.env ?? {}),
          ...(debug === 'debug on' ? { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' } : {})
        }
      })
    } finally {
      prepared.cleanup?.()
    }
    const secrets = [...prepared.secrets, ...(prepared.learned?.() ?? []), GITHUB_TOKEN]
    expect(result.code).not.toBeNull()
    expect(result.summary).not.toBe('')
    expect(result.ids).not.toContain('internal-error')
    if (prepared.expectId !== undefined) expect(result.ids).toContain(prepared.expectId)
    if (prepared.expectStatus !== undefined)
      expect(result.outputs.status).toBe(prepared.expectStatus)
    expectNoLeak(result, secrets)
    expectNoMaskedSecret(result, secrets)
    expectNoLeakInComments(secrets)
  })
})

describe('the canary itself', () => {
  test('catches a prefix, a suffix and a middle of 8 characters, wherever they are', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    const clean: RunResult = {
      code: 0,
      stdout: `::add-mask::${secret}\n`,
      stderr: '',
      outputs: {},
      outputFile: '',
      envFile: '',
      summary: '',
      findings: [],
      ids: [],
      annotations: [],
      masks: [secret],
      durationMs: 0,
      home: '',
      workspace: ''
    }
    expect(() => expectNoLeak(clean, [secret])).not.toThrow()
    for (const [place, text] of [
      ['stdout', secret.slice(0, 8)],
      ['stderr', secret.slice(-8)],
      ['summary', secret.slice(13, 21)],
      ['outputFile', `x${secret.slice(20, 29)}y`],
      ['envFile', secret]
    ] as const) {
      expect(() => expectNoLeak({ ...clean, [place]: `${clean[place]}${text}` }, [secret])).toThrow(
        /leaked/u
      )
    }
  })
})
