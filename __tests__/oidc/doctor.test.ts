/**
 * The OIDC phase in-process, against the emulator and the fake token service: what it records
 * in the remote result, what it masks, and the summary section it leads to.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { Deadline } from '../../src/aws/deadline.js'
import { finding } from '../../src/findings.js'
import { networkSettingsOf } from '../../src/discover/network.js'
import type { CredentialSource, Discovery, RemoteResult } from '../../src/model.js'
import { runOidcDoctor, type OidcSettings } from '../../src/oidc/doctor.js'
import { renderOidcPhase as written } from '../../src/report/oidc-findings.js'
import { accountMismatch } from '../../src/gates.js'
import { gateWorded } from '../../src/report/words/gates.js'
import { evaluateTrustPolicy } from '../../src/oidc/evaluate.js'
import { supersededByOidc, withOidc } from '../../src/oidc/merge.js'
import { buildReport } from '../../src/report/build.js'
import { renderOidcDoctor } from '../../src/report/oidc-doctor.js'
import { GITHUB_ISSUER, startEmulator, type Emulator } from '../emulator/emulator.js'
import { startRecordingProxy, type RecordingProxy } from '../fakes/recording-proxy.js'
import { startTokenService, type TokenService } from '../fakes/token-service.js'

const ACCOUNT = '111122223333'
const REPO = 'octo-org/octo-repo'
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`

let emulator: Emulator
let proxy: RecordingProxy
let tokens: TokenService

beforeAll(async () => {
  emulator = await startEmulator()
  proxy = await startRecordingProxy(emulator.url)
  tokens = await startTokenService()
  emulator.addOidcProvider(ACCOUNT, { url: GITHUB_ISSUER, clientIds: ['sts.amazonaws.com'] })
})

afterAll(async () => {
  await tokens.stop()
  await proxy.stop()
  await emulator.stop()
})

beforeEach(() => {
  tokens.setMode('ok')
  tokens.setClaims({})
})

/** The token service's request URL and token, as discovery reads them from the runner. */
function tokenRequest(): { url: string; token: string } {
  const env = tokens.env()
  return {
    url: env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '',
    token: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''
  }
}

function discovery(
  selected?: CredentialSource,
  oidc = true,
  endpoints: Record<string, string> = {
    AWS_ENDPOINT_URL_STS: proxy.url,
    AWS_ENDPOINT_URL_IAM: proxy.url
  }
): Discovery {
  return {
    sources: selected === undefined ? [] : [selected],
    ...(selected === undefined ? {} : { selected }),
    secrets: [],
    region: { value: 'us-east-1', origin: { kind: 'default', name: 'us-east-1' } },
    profile: {
      name: 'default',
      origin: { kind: 'default', name: 'default profile' },
      skipsKeyVariables: false,
      variables: {}
    },
    github: {
      repository: REPO,
      eventName: 'push',
      runId: '4242',
      isForkPullRequest: false,
      isDependabot: false,
      onRunner: true,
      oidcRequestAvailable: oidc
    },
    ...(oidc ? { oidcTokenRequest: tokenRequest() } : {}),
    network: networkSettingsOf(endpoints, [], 'default'),
    instanceMetadata: { considered: true }
  }
}

function keySource(accessKeyId: string, secretAccessKey: string): CredentialSource {
  return {
    kind: 'environment',
    label: 'environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
    credentials: {
      accessKeyId: { raw: accessKeyId, origin: { kind: 'env', name: 'AWS_ACCESS_KEY_ID' } },
      secretAccessKey: {
        raw: secretAccessKey,
        origin: { kind: 'env', name: 'AWS_SECRET_ACCESS_KEY' }
      }
    },
    details: {}
  }
}

function settings(roleToAssume?: string): OidcSettings {
  return {
    ...(roleToAssume === undefined ? {} : { roleToAssume }),
    audience: 'sts.amazonaws.com',
    expectedAccountIds: [],
    checkIam: true,
    timeoutSeconds: 5
  }
}

function trustPolicy(sub: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Deploy',
        Effect: 'Allow' as const,
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:sub': sub }
        }
      }
    ]
  }
}

const GATE_DEFAULTS = { requireTemporaryCredentials: false, requiredActions: [] }

describe('the OIDC phase', () => {
  test('masks the token and the temporary credentials, and records the assumed identity', async () => {
    const arn = emulator.addRole(ACCOUNT, 'ok', {
      trustPolicy: trustPolicy(`repo:${REPO}:ref:refs/heads/main`)
    }).arn
    const masked: string[] = []
    const phase = written(
      await runOidcDoctor(discovery(), settings(arn), {
        deadline: new Deadline(5000),
        onSecret: value => masked.push(value),
        offline: []
      })
    )
    expect(phase.oidcSub).toBe(`repo:${REPO}:ref:refs/heads/main`)
    expect(phase.oidc?.subShape).toBe('ref')
    expect(phase.oidc?.assumedIdentity?.arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/ok/aws-credentials-doctor-4242`
    )
    expect(masked).toContain(tokens.requestToken)
    expect(masked).toContain(tokens.issued.at(-1))
    const issued = proxy.secrets()
    expect(issued.length).toBeGreaterThan(0)
    for (const secret of issued) expect(masked).toContain(secret)
    expect(phase.findings.map(item => item.id)).toEqual(['oidc-token-claims'])
  })

  test('records the immutable sub shape', async () => {
    tokens.setClaims({ sub: 'repo:octo-org@5/octo-repo@9:ref:refs/heads/main' })
    const phase = written(
      await runOidcDoctor(discovery(), settings(), {
        deadline: new Deadline(5000),
        onSecret: () => undefined,
        offline: []
      })
    )
    expect(phase.oidc).toBeUndefined()
    expect(phase.oidcSub).toBe('repo:octo-org@5/octo-repo@9:ref:refs/heads/main')
    expect(phase.findings[0]?.message).toContain('immutable form with owner ID 5')
  })

  test('reads the trust policy with the job keys and names the failing condition', async () => {
    const arn = emulator.addRole(ACCOUNT, 'strict', {
      trustPolicy: trustPolicy(`repo:${REPO}:environment:production`)
    }).arn
    const key = emulator.createAccessKey({ accountId: ACCOUNT, userName: 'reader-2' })
    const phase = written(
      await runOidcDoctor(
        discovery(keySource(key.accessKeyId, key.secretAccessKey)),
        settings(arn),
        { deadline: new Deadline(5000), onSecret: () => undefined, offline: [] }
      )
    )
    expect(phase.oidc?.stsError?.code).toBe('AccessDenied')
    expect(phase.oidc?.trustPolicy?.decision).toBe('implicit-deny')
    const failing = phase.oidc?.trustPolicy?.statements[0]?.conditions.find(
      item => item.result === 'fails'
    )
    expect(failing?.key).toBe('token.actions.githubusercontent.com:sub')
    expect(failing?.actual).toEqual([`repo:${REPO}:ref:refs/heads/main`])

    const remote = withOidc({ checks: [], findings: [] }, phase, settings(arn))
    const report = buildReport(discovery(), remote, [], { failOn: 'error' })
    const section = renderOidcDoctor(report).join('\n')
    expect(section).toContain('#### Why the trust policy refuses this token')
    expect(section).toContain('| statement "Deploy" (Allow) | `StringEquals`')
    expect(section).toContain('**This job, added to what the policy admits.**')
    expect(section).toContain(`It keeps the subject the current policy admits`)
    // Every policy offered is a merge: the project's own evaluator admits both the refused job
    // and the environment the current policy admits, and a sub neither names stays refused.
    const offered = [...section.matchAll(/```json\n([\s\S]*?)\n```/gu)].map(match => match[1] ?? '')
    expect(offered.length).toBeGreaterThan(1)
    const decide = (policy: string, sub: string) =>
      evaluateTrustPolicy({
        policy,
        roleArn: arn,
        claims: { sub, aud: 'sts.amazonaws.com', iss: GITHUB_ISSUER }
      })?.decision
    for (const policy of offered) {
      expect(decide(policy, `repo:${REPO}:ref:refs/heads/main`)).toBe('allow')
      expect(decide(policy, `repo:${REPO}:environment:production`)).toBe('allow')
      expect(decide(policy, 'repo:someone-else/octo-repo:ref:refs/heads/main')).toBe(
        'implicit-deny'
      )
    }
    expect(section).not.toContain(tokens.issued.at(-1) ?? 'no token')
  })

  test('an STS override that is no URL is not sent to (the offline check names it)', async () => {
    const phase = written(
      await runOidcDoctor(
        discovery(undefined, true, { AWS_ENDPOINT_URL_STS: 'localhost:4566' }),
        settings(`arn:aws:iam::${ACCOUNT}:role/ok`),
        { deadline: new Deadline(5000), onSecret: () => undefined, offline: [] }
      )
    )
    expect(phase.checks.find(check => check.name === 'STS AssumeRoleWithWebIdentity')).toEqual({
      name: 'STS AssumeRoleWithWebIdentity',
      outcome: 'skip',
      detail: 'not called: the endpoint override is not an http(s) URL'
    })
  })

  test('without id-token: write and without role-to-assume it does nothing', async () => {
    const phase = written(
      await runOidcDoctor(discovery(undefined, false), settings(), {
        deadline: new Deadline(5000),
        onSecret: () => undefined,
        offline: []
      })
    )
    expect(phase).toEqual({ checks: [], findings: [] })
  })
})

describe('folding the phase into the result', () => {
  const noCredentials = finding('no-credentials', { message: 'm', remediation: 'r' })
  const identity = {
    account: ACCOUNT,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ok/s`,
    userId: 'AROAX:s',
    principalType: 'assumed-role' as const
  }
  const phase = {
    oidc: { tokenSource: 'github-oidc' as const, claims: {}, assumedIdentity: identity },
    checks: [],
    findings: []
  }

  test('with role-to-assume and no other identity, OIDC replaces no-credentials', () => {
    const validated: RemoteResult = { checks: [], findings: [noCredentials] }
    const role = { roleToAssume: 'arn:aws:iam::111122223333:role/ok', expectedAccountIds: [] }
    const remote = withOidc(validated, phase, role)
    expect(remote.findings).toEqual([])
    expect(remote.identity).toEqual(identity)
    expect(remote.credentialSource).toBe('web-identity')
    expect(supersededByOidc([noCredentials], validated, role)).toEqual([])
  })

  test('without role-to-assume, no-credentials stays', () => {
    const validated: RemoteResult = { checks: [], findings: [noCredentials] }
    expect(supersededByOidc([noCredentials], validated, {})).toEqual([noCredentials])
  })

  test("where the job's own credentials work, the assumed role's account is gated too", () => {
    const validated: RemoteResult = {
      checks: [],
      findings: [],
      identity: { ...identity, account: '444455556666', arn: 'arn:aws:iam::444455556666:user/ci' }
    }
    const gated = {
      roleToAssume: 'arn:aws:iam::111122223333:role/ok',
      expectedAccountIds: ['444455556666']
    }
    const remote = withOidc(validated, phase, gated)
    expect(remote.identity?.account).toBe('444455556666')
    const found = accountMismatch(discovery(), remote, { ...gated, ...GATE_DEFAULTS }).map(fact =>
      gateWorded(fact)
    )
    expect(found.map(item => item.id)).toEqual(['account-mismatch'])
    expect(found[0]?.message).toContain('The role assumed with the web identity token')
    expect(found[0]?.source).toBe('role-to-assume')
  })
})
