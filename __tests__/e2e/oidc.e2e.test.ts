/**
 * The OIDC doctor end to end: the bundled action with a fake of the runner's token service and
 * the STS/IAM emulator (behind a recording proxy, so the temporary credentials STS handed out
 * are known and can be proved never to leak). Every test checks that the OIDC token, the
 * request token and any assumed credentials appear nowhere.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  GITHUB_ISSUER,
  makeWebIdentityToken,
  startEmulator,
  type Emulator,
  type TrustPolicy
} from '../emulator/emulator.js'
import { evaluateTrustPolicy } from '../../src/oidc/evaluate.js'
import { startRecordingProxy, type RecordingProxy } from '../fakes/recording-proxy.js'
import { startTokenService, type TokenService } from '../fakes/token-service.js'
import { cleanUp, expectNoLeak, runAction, type RunOptions, type RunResult } from './harness.js'

const ACCOUNT = '111122223333'
const REPO = 'octo-org/octo-repo'
const KEY_PREFIX = 'token.actions.githubusercontent.com'

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
  cleanUp()
})

beforeEach(() => {
  tokens.setMode('ok')
  tokens.setClaims({})
  emulator.setFault(undefined)
})

function trust(
  sub: string | string[],
  operator: 'StringEquals' | 'StringLike' = 'StringEquals'
): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubActions',
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${KEY_PREFIX}:aud`]: 'sts.amazonaws.com' },
          [operator]: { [`${KEY_PREFIX}:sub`]: sub }
        }
      }
    ]
  }
}

function role(name: string, policy: TrustPolicy, account = ACCOUNT): string {
  return emulator.addRole(account, name, { trustPolicy: policy }).arn
}

/** A run with `role-to-assume`, the token service reachable, and no other credentials. */
async function runOidc(roleArn: string, options: RunOptions = {}): Promise<RunResult> {
  return runAction({
    endpoint: proxy.url,
    ...options,
    inputs: { 'role-to-assume': roleArn, 'check-iam': 'false', ...(options.inputs ?? {}) },
    env: { AWS_REGION: 'us-east-1', ...tokens.env(), ...(options.env ?? {}) }
  })
}

/** A run whose job also has access keys of `userName`, which may read the role (iam:GetRole). */
async function runWithReader(
  roleArn: string,
  account: string,
  userName: string
): Promise<{ key: { secretAccessKey: string }; result: RunResult }> {
  const key = emulator.createAccessKey({ accountId: account, userName })
  const result = await runOidc(roleArn, {
    inputs: { 'check-iam': 'true' },
    env: { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey }
  })
  return { key, result }
}

/** Nothing secret the run could have seen appears anywhere it wrote. */
function expectNothingLeaked(result: RunResult, extra: readonly string[] = []): void {
  expectNoLeak(result, [...tokens.issued, tokens.requestToken, ...proxy.secrets(), ...extra])
}

describe('a region the SDK refuses', () => {
  test('is region-invalid, and AssumeRoleWithWebIdentity is not sent', async () => {
    const arn = role('deploy-bad-region', trust(`repo:${REPO}:ref:refs/heads/main`))
    const before = emulator.requestLog().length
    const result = await runOidc(arn, { env: { AWS_REGION: 'us east-1' } })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('region-invalid')
    expect(result.ids).not.toContain('sts-service-error')
    expect(result.summary).toContain('not called: the region is not a valid region name')
    expect(emulator.requestLog().length).toBe(before)
    expectNothingLeaked(result)
  })
})

/** The policies the OIDC section offers for this role (the migration guide's, for a new role, comes later). */
function offeredPolicies(summary: string): string[] {
  const start = summary.indexOf('#### A trust policy that accepts this workflow')
  const end = summary.indexOf('\n### ', start)
  const section = summary.slice(start, end === -1 ? undefined : end)
  return [...section.matchAll(/```json\n([\s\S]*?)\n```/gu)].map(match => match[1] ?? '')
}

describe('a trust policy that accepts the job', () => {
  test('proves the OIDC path: assumed-role identity, oidc-sub, claims, nothing exported', async () => {
    const arn = role('deploy-ok', trust(`repo:${REPO}:ref:refs/heads/main`))
    const result = await runOidc(arn)
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expect(result.outputs.status).toBe('pass')
    expect(result.outputs['oidc-sub']).toBe(`repo:${REPO}:ref:refs/heads/main`)
    expect(result.outputs['principal-type']).toBe('assumed-role')
    // The session name carries the run ID.
    expect(result.outputs.arn).toContain(
      `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-ok/aws-credentials-doctor-`
    )
    expect(result.outputs['account-id']).toBe(ACCOUNT)
    expect(result.outputs['credential-source']).toBe('web-identity')
    expect(result.ids).toContain('oidc-token-claims')
    expect(result.summary).toContain(`### OIDC: \`${arn}\``)
    expect(result.summary).toContain('STS accepted the token')
    expect(result.summary).toContain(`| \`sub\` | \`repo:${REPO}:ref:refs/heads/main\` |`)
    expect(tokens.requests.at(-1)?.audience).toBe('sts.amazonaws.com')
    // Temporary credentials were issued, masked first, and never exported.
    expect(proxy.secrets().length).toBeGreaterThan(0)
    for (const secret of proxy.secrets()) expect(result.masks).toContain(secret)
    expect(result.envFile).toBe('')
    expectNothingLeaked(result)
  })

  test('a Dependabot pull request that uses OIDC and no keys passes: it needs no secrets', async () => {
    const arn = role('deploy-dependabot', trust(`repo:${REPO}:*`, 'StringLike'))
    const result = await runOidc(arn, {
      eventName: 'pull_request',
      event: {
        number: 12,
        pull_request: {
          number: 12,
          user: { login: 'dependabot[bot]' },
          head: { repo: { full_name: REPO } },
          base: { repo: { full_name: REPO } }
        }
      },
      env: {
        GITHUB_ACTOR: 'dependabot[bot]',
        GITHUB_TRIGGERING_ACTOR: 'dependabot[bot]',
        GITHUB_REF: 'refs/pull/12/merge'
      }
    })
    expect(result.ids).not.toContain('dependabot-secrets-unavailable')
    expect(result.findings.filter(item => item.severity === 'error')).toEqual([])
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('pass')
    expect(result.outputs['principal-type']).toBe('assumed-role')
    expectNothingLeaked(result)
  })

  test('the account gate applies to the assumed role', async () => {
    const arn = role('deploy-gated', trust(`repo:${REPO}:*`, 'StringLike'))
    const result = await runOidc(arn, { inputs: { 'expected-account-id': '444455556666' } })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('account-mismatch')
    expect(result.findings.find(item => item.id === 'account-mismatch')?.message).toContain(ACCOUNT)
    expectNothingLeaked(result)
  })

  test('without role-to-assume, a job with id-token: write still reports its sub', async () => {
    const result = await runAction({
      endpoint: proxy.url,
      env: { AWS_REGION: 'us-east-1', ...tokens.env() },
      inputs: { 'check-iam': 'false' }
    })
    expect(result.outputs['oidc-sub']).toBe(`repo:${REPO}:ref:refs/heads/main`)
    expect(result.ids).toContain('oidc-token-claims')
    expect(result.ids.filter(id => id.startsWith('oidc-') && id !== 'oidc-token-claims')).toEqual(
      []
    )
    expectNothingLeaked(result)
  })
})

describe('the trust policy refuses the token', () => {
  test('a branch the policy does not cover names the actual sub and prints a policy for it', async () => {
    const arn = role('deploy-main-only', trust(`repo:${REPO}:ref:refs/heads/main`))
    tokens.setClaims({
      sub: `repo:${REPO}:ref:refs/heads/feature/login`,
      ref: 'refs/heads/feature/login',
      job_workflow_ref: `${REPO}/.github/workflows/ci.yml@refs/heads/feature/login`
    })
    const result = await runOidc(arn, {
      env: { GITHUB_REF: 'refs/heads/feature/login', GITHUB_REF_NAME: 'feature/login' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('oidc-trust-policy-mismatch')
    expect(result.outputs['oidc-sub']).toBe(`repo:${REPO}:ref:refs/heads/feature/login`)
    const mismatch = result.findings.find(item => item.id === 'oidc-trust-policy-mismatch')
    expect(mismatch?.message).toContain('AccessDenied')
    expect(mismatch?.message).toContain(`repo:${REPO}:ref:refs/heads/feature/login`)
    expect(mismatch?.message).toContain('sts.amazonaws.com')
    expect(mismatch?.remediation).toContain('adding this subject to its `sub` condition')
    // The policy could not be read: the fix says to merge, not to replace it.
    expect(mismatch?.remediation).toContain('rather than replacing it')
    // The summary's first line names the cause, and it prints a policy that accepts this job.
    expect(result.summary.split('\n')[0]).toContain(
      'repo:octo-org/octo-repo:ref:refs/heads/feature/login'
    )
    expect(result.summary).toContain('#### A trust policy that accepts this workflow')
    expect(result.summary).toContain(
      `"${KEY_PREFIX}:sub": "repo:${REPO}:ref:refs/heads/feature/login"`
    )
    expect(result.summary).toContain('Narrower: this job and this workflow file')
    expect(result.summary).toContain('Wider: every branch')
    expect(result.summary).toContain(`repo:${REPO}:ref:refs/heads/*`)
    expect(result.summary).toContain('**Another branch or tag.**')
    expect(
      result.annotations.some(a => a.properties.title?.startsWith('oidc-trust-policy-mismatch'))
    ).toBe(true)
    expectNothingLeaked(result)
  })

  test('an environment job: the environment is the first reason', async () => {
    const arn = role('deploy-env', trust(`repo:${REPO}:ref:refs/heads/main`))
    tokens.setClaims({ sub: `repo:${REPO}:environment:production`, environment: 'production' })
    const result = await runOidc(arn)
    expect(result.outputs.cause).toBe('oidc-trust-policy-mismatch')
    const reasons = result.summary.slice(result.summary.indexOf('#### Why the trust policy'))
    expect(reasons).toMatch(/\n1\. \*\*An environment replaces the branch\.\*\*/u)
    expect(result.summary).toContain(`repo:${REPO}:environment:production`)
    expect(result.summary).toContain('Wider: every environment')
    expectNothingLeaked(result)
  })

  test('with other credentials that may read the role, the failing statement and condition are named', async () => {
    const arn = role(
      'deploy-wildcard',
      trust(`repo:${REPO}:*`) // StringEquals with a wildcard: taken literally
    )
    const { key, result } = await runWithReader(arn, ACCOUNT, 'reader')
    const mismatch = result.findings.find(item => item.id === 'oidc-trust-policy-mismatch')
    expect(mismatch?.message).toContain('statement "GitHubActions"')
    expect(mismatch?.message).toContain(`${KEY_PREFIX}:sub`)
    expect(mismatch?.message).toContain('StringLike')
    expect(result.summary).toContain('evaluated against this token (decision: **implicit-deny**)')
    const reasons = result.summary.slice(result.summary.indexOf('#### Why the trust policy'))
    expect(reasons).toMatch(/\n1\. \*\*`StringEquals` with a wildcard\.\*\*/u)
    expectNothingLeaked(result, [key.secretAccessKey])
  })

  test('a pull request refused by a policy for main is offered a merge that keeps main', async () => {
    const arn = role('deploy-main-merge', trust(`repo:${REPO}:ref:refs/heads/main`))
    tokens.setClaims({ sub: `repo:${REPO}:pull_request`, event_name: 'pull_request' })
    const { key, result } = await runWithReader(arn, ACCOUNT, 'merge-reader')
    expect(result.outputs.cause).toBe('oidc-trust-policy-mismatch')
    expect(result.summary).toContain('**This job, added to what the policy admits.**')
    const offered = offeredPolicies(result.summary)
    expect(offered.length).toBeGreaterThan(0)
    for (const policy of offered) {
      for (const sub of [`repo:${REPO}:pull_request`, `repo:${REPO}:ref:refs/heads/main`]) {
        const decision = evaluateTrustPolicy({
          policy,
          roleArn: arn,
          claims: { sub, aud: 'sts.amazonaws.com', iss: GITHUB_ISSUER }
        })?.decision
        expect({ sub, decision }).toEqual({ sub, decision: 'allow' })
      }
    }
    expectNothingLeaked(result, [key.secretAccessKey])
  })

  test('credentials from a credential_process are obtained once, for STS and the trust policy alike', async () => {
    const arn = role('deploy-process', trust(`repo:${REPO}:*`))
    const key = emulator.createAccessKey({ accountId: ACCOUNT, userName: 'process-reader' })
    const directory = mkdtempSync(join(tmpdir(), 'acd-process-'))
    const counter = join(directory, 'runs')
    const output = JSON.stringify({
      Version: 1,
      AccessKeyId: key.accessKeyId,
      SecretAccessKey: key.secretAccessKey
    })
    // Each run of the process leaves one line in `counter`, then prints the credentials.
    const script = `require('fs').appendFileSync(process.argv[1], 'run\\n'); process.stdout.write(process.argv[2])`
    try {
      const result = await runOidc(arn, {
        inputs: { 'check-iam': 'true' },
        env: { AWS_PROFILE: 'proc' },
        homeFiles: {
          '.aws/config': `[profile proc]\ncredential_process = ${process.execPath} -e "${script}" '${counter}' '${output}'\n`
        }
      })
      expect(result.ids).toContain('oidc-trust-policy-mismatch')
      expect(result.summary).toContain('evaluated against this token')
      expect(readFileSync(counter, 'utf8')).toBe('run\n')
      expectNothingLeaked(result, [key.secretAccessKey])
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  test('where iam:GetRole is denied, the explanation stays generic and says so', async () => {
    const arn = role('deploy-denied', trust(`repo:${REPO}:ref:refs/heads/release`))
    const key = emulator.createAccessKey({ accountId: ACCOUNT, userName: 'no-iam' })
    emulator.denyIam(`arn:aws:iam::${ACCOUNT}:user/no-iam`, ['GetRole'])
    const result = await runOidc(arn, {
      inputs: { 'check-iam': 'true' },
      env: { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey }
    })
    expect(result.ids).toContain('oidc-trust-policy-mismatch')
    expect(result.summary).toContain('iam:GetRole is denied')
    expectNothingLeaked(result, [key.secretAccessKey])
  })
})

describe('a reusable workflow pinned to another ref', () => {
  // GitHub docs (oidc.md, claims table): `job_workflow_ref` names the called reusable workflow and
  // the ref the caller used; the caller's own branch stays in `sub` and `workflow_ref`.
  const shared = 'octo-org/shared/.github/workflows/deploy.yml'
  const pinned = (): TrustPolicy => {
    const policy = trust(`repo:${REPO}:ref:refs/heads/main`)
    const [statement] = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]
    if (statement?.Condition !== undefined)
      statement.Condition.StringLike = {
        [`${KEY_PREFIX}:job_workflow_ref`]: `${shared}@refs/heads/main`
      }
    return policy
  }
  const calledAtV2 = {
    workflow_ref: `${REPO}/.github/workflows/release.yml@refs/heads/main`,
    job_workflow_ref: `${shared}@refs/tags/v2`
  }

  test('with the policy read, job_workflow_ref is named as the refusing claim', async () => {
    const arn = role('deploy-reusable', pinned())
    tokens.setClaims(calledAtV2)
    const { key, result } = await runWithReader(arn, ACCOUNT, 'reusable-reader')
    expect(result.outputs.cause).toBe('oidc-trust-policy-mismatch')
    const mismatch = result.findings.find(item => item.id === 'oidc-trust-policy-mismatch')
    expect(mismatch?.title).toBe(
      `The role's trust policy does not accept \`job_workflow_ref\` = \`${shared}@refs/tags/v2\``
    )
    expect(mismatch?.message).toContain(
      "the called workflow's ref refuses, not the caller's branch"
    )
    const reasons = result.summary.slice(result.summary.indexOf('#### Why the trust policy'))
    expect(reasons).toMatch(/\n1\. \*\*The reusable workflow's ref \(`job_workflow_ref`\)\.\*\*/u)
    expect(reasons.split('<details>')[0]).not.toContain('Another branch or tag')
    // Every offered policy admits this job and the calls the pin admitted, and keeps the pin.
    const offered = offeredPolicies(result.summary)
    expect(offered.length).toBeGreaterThan(0)
    const base = {
      sub: `repo:${REPO}:ref:refs/heads/main`,
      aud: 'sts.amazonaws.com',
      iss: GITHUB_ISSUER
    }
    for (const policy of offered) {
      for (const ref of [`${shared}@refs/tags/v2`, `${shared}@refs/heads/main`]) {
        const decision = evaluateTrustPolicy({
          policy,
          roleArn: arn,
          claims: { ...base, job_workflow_ref: ref }
        })?.decision
        expect({ ref, decision }).toEqual({ ref, decision: 'allow' })
      }
      expect(policy).toContain(`${KEY_PREFIX}:job_workflow_ref`)
    }
    expectNothingLeaked(result, [key.secretAccessKey])
  })

  test('without the policy, the called workflow is the first reason, not the caller branch', async () => {
    const arn = role('deploy-reusable-unread', pinned())
    tokens.setClaims(calledAtV2)
    const result = await runOidc(arn)
    expect(result.outputs.cause).toBe('oidc-trust-policy-mismatch')
    const reasons = result.summary.slice(result.summary.indexOf('#### Why the trust policy'))
    expect(reasons).toMatch(/\n1\. \*\*The reusable workflow's ref \(`job_workflow_ref`\)\.\*\*/u)
    expect(reasons).toContain(`called from \`${REPO}/.github/workflows/release.yml\``)
    expectNothingLeaked(result)
  })
})

describe('other issuers: the condition keys follow the issuer', () => {
  // GitHub docs (oidc.md): GHES issues `https://HOST/_services/token`; an enterprise may choose
  // `https://token.actions.githubusercontent.com/<enterpriseSlug>`. IAM names the provider and the
  // condition keys after the issuer's host and path (`<host/path>:sub`).
  const issuers = [
    ['an enterprise issuer', 'https://token.actions.githubusercontent.com/octo-ent'],
    ['GitHub Enterprise Server', 'https://ghes.example.com/_services/token']
  ] as const

  for (const [label, issuer] of issuers) {
    test(`${label}: a policy with github.com's keys is refused and named, the offered policy uses the issuer's`, async () => {
      const account = label === 'GitHub Enterprise Server' ? '333344445555' : '444455556666'
      emulator.addOidcProvider(account, { url: issuer, clientIds: ['sts.amazonaws.com'] })
      const host = issuer.slice('https://'.length)
      const provider = `arn:aws:iam::${account}:oidc-provider/${host}`
      const policy = (prefix: string): TrustPolicy => ({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'GitHubActions',
            Effect: 'Allow',
            Principal: { Federated: provider },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                [`${prefix}:aud`]: 'sts.amazonaws.com',
                [`${prefix}:sub`]: `repo:${REPO}:ref:refs/heads/main`
              }
            }
          }
        ]
      })
      tokens.setClaims({ iss: issuer })
      const good = role('deploy-issuer-ok', policy(host), account)
      const passed = await runOidc(good)
      expect(passed.outputs.status).toBe('pass')
      expect(passed.outputs['principal-type']).toBe('assumed-role')
      expectNothingLeaked(passed)

      const wrong = role('deploy-issuer-keys', policy(KEY_PREFIX), account)
      const { key, result } = await runWithReader(wrong, account, 'issuer-reader')
      expect(result.outputs.cause).toBe('oidc-trust-policy-mismatch')
      const mismatch = result.findings.find(item => item.id === 'oidc-trust-policy-mismatch')
      expect(mismatch?.message).toContain(`another issuer's key`)
      expect(mismatch?.remediation).toContain(
        `its condition keys \`${host}:sub\` and \`${host}:aud\``
      )
      const reasons = result.summary.slice(result.summary.indexOf('#### Why the trust policy'))
      expect(reasons).toMatch(/\n1\. \*\*The issuer's condition keys\.\*\*/u)
      const offered = offeredPolicies(result.summary)
      expect(offered.length).toBeGreaterThan(0)
      for (const document of offered) {
        expect(document).toContain(`"${host}:sub"`)
        expect(document).not.toContain(`"${KEY_PREFIX}:sub"`)
        const decision = evaluateTrustPolicy({
          policy: document,
          roleArn: wrong,
          claims: { iss: issuer, aud: 'sts.amazonaws.com', sub: `repo:${REPO}:ref:refs/heads/main` }
        })?.decision
        expect(decision).toBe('allow')
      }
      expectNothingLeaked(result, [key.secretAccessKey])
    })
  }
})

describe('the immutable sub form', () => {
  // GitHub changelog 2026-04-23 and configure-aws-credentials README: repositories created on or
  // after 2026-07-15, opted-in ones and renamed or transferred ones present
  // `repo:OWNER@OWNER_ID/REPO@REPO_ID:…`; a policy written with names only refuses them.
  test('a policy with names refuses an immutable token: the reason says so and gives both forms', async () => {
    const arn = role('deploy-names-only', trust(`repo:${REPO}:ref:refs/heads/main`))
    const immutable = 'repo:octo-org@11/octo-repo@22:ref:refs/heads/main'
    tokens.setClaims({ sub: immutable, repository_owner_id: '11', repository_id: '22' })
    const result = await runOidc(arn)
    expect(result.outputs.cause).toBe('oidc-trust-policy-mismatch')
    expect(result.outputs['oidc-sub']).toBe(immutable)
    const reasons = result.summary.slice(result.summary.indexOf('#### Why the trust policy'))
    expect(reasons).toMatch(/\n1\. \*\*The immutable `sub` with IDs\.\*\*/u)
    expect(reasons).toContain('created on or after 2026-07-15')
    const condition = /`"StringLike": (\{[^`]*\})`/u.exec(reasons)?.[1] ?? '{}'
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${KEY_PREFIX}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: JSON.parse(condition) as Record<string, string[]> }
        }
      ]
    })
    for (const sub of [immutable, `repo:${REPO}:ref:refs/heads/main`])
      expect(
        evaluateTrustPolicy({ policy, roleArn: arn, claims: { sub, iss: GITHUB_ISSUER } })?.decision
      ).toBe('allow')
    expectNothingLeaked(result)
  })
})

describe('the trust-policy lint, on a working path', () => {
  // oidc-facts 2026-12-02: no sub condition, `repo:*`, an owner wildcard, `ForAllValues:` on sub,
  // no aud condition let other repositories in; IAM's guardrail checks only a list's first value.
  test('a policy that admits repo:* in its second value is a warning; the job still passes', async () => {
    const arn = role(
      'deploy-permissive',
      trust([`repo:${REPO}:ref:refs/heads/main`, 'repo:*'], 'StringLike')
    )
    const { key, result } = await runWithReader(arn, ACCOUNT, 'lint-reader')
    expect(result.code).toBe(0)
    expect(result.summary).toContain('STS accepted the token')
    const warning = result.findings.find(item => item.id === 'oidc-trust-policy-permissive')
    expect(warning?.severity).toBe('warning')
    expect(warning?.message).toContain('admits `repo:*`')
    expect(warning?.remediation).toContain(
      `"StringLike": { "${KEY_PREFIX}:sub": "repo:${REPO}:*" }`
    )
    expect(result.findings.filter(item => item.severity === 'error')).toEqual([])
    expectNothingLeaked(result, [key.secretAccessKey])
  })

  test('a well-scoped policy read on a working path gets no warning', async () => {
    // StringEquals on aud, StringLike on sub (trust() with StringEquals would put both in one block).
    const arn = role('deploy-scoped', trust(`repo:${REPO}:ref:refs/heads/main`, 'StringLike'))
    const { key, result } = await runWithReader(arn, ACCOUNT, 'lint-reader-2')
    expect(result.code).toBe(0)
    expect(result.summary).toContain('IAM GetRole (trust policy)')
    expect(result.ids).not.toContain('oidc-trust-policy-permissive')
    expectNothingLeaked(result, [key.secretAccessKey])
  })
})

describe("session lifetime and role chaining in the job's later steps", () => {
  // The facts: DurationSeconds above the role's MaxSessionDuration is a ValidationError, role
  // chaining caps a session at 3600 s (AWS STS API reference, IAM user guide; aws-facts
  // 2026-12-02 additions), and configure-aws-credentials' default is 3600 s on every path
  // (DEFAULT_ROLE_DURATION in its src/index.ts, v6.2.3, commit bcd4089).
  const FILE = '.github/workflows/ci.yml'
  // v6.2.3, as the docs pin it.
  const CAWSC_SHA = 'e6de054238d6b7531b4efff3b6587d9aade6a06c'
  const roleArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`
  const workflow = `name: Deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: actions/checkout@v4
      - uses: octo-org/aws-credentials-doctor@v1
      - name: Deploy role
        uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${roleArn('session-deploy')}
          role-duration-seconds: 7200
          aws-region: us-east-1
      - name: Invalidate
        uses: aws-actions/configure-aws-credentials@${CAWSC_SHA}
        with:
          role-to-assume: ${roleArn('session-chained')}
          role-chaining: true
          role-duration-seconds: 7200
          role-skip-session-tagging: true
          aws-region: us-east-1
      - name: Reports
        uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${roleArn('session-short')}
          role-duration-seconds: 7200
          aws-region: us-east-1
      - name: Parameterised
        uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${roleArn('session-short')}
          role-duration-seconds: \${{ inputs.duration }}
          aws-region: us-east-1
`
  const lineOf = (fragment: string): number =>
    workflow.split('\n').findIndex(line => line.includes(fragment)) + 1
  const chainedLine = lineOf(`configure-aws-credentials@${CAWSC_SHA}`)
  const shortLine = lineOf('name: Reports') + 1

  beforeAll(() => {
    const policy = trust(`repo:${REPO}:ref:refs/heads/main`)
    emulator.addRole(ACCOUNT, 'session-deploy', { trustPolicy: policy, maxSessionDuration: 43200 })
    emulator.addRole(ACCOUNT, 'session-chained', { trustPolicy: policy, maxSessionDuration: 43200 })
    emulator.addRole(ACCOUNT, 'session-short', { trustPolicy: policy, maxSessionDuration: 3600 })
  })

  /** A run of this action with a user's keys, and the workflow above in the checkout. */
  async function runSteps(
    userName: string,
    file = workflow
  ): Promise<{ secret: string; result: RunResult }> {
    const key = emulator.createAccessKey({ accountId: ACCOUNT, userName })
    const result = await runAction({
      endpoint: proxy.url,
      inputs: { 'check-iam': 'true' },
      env: {
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey
      },
      workspaceFiles: { [FILE]: file }
    })
    return { secret: key.secretAccessKey, result }
  }

  test('the chained 7200 s and the one above MaxSessionDuration are warnings at their lines', async () => {
    const { secret, result } = await runSteps('session-reader')
    expect(result.code).toBe(0)
    const found = result.findings.filter(item => item.id === 'role-session-duration-exceeded')
    expect(found.map(item => item.severity)).toEqual(['warning', 'warning'])
    const chained = found.find(item => item.message.includes('session-chained'))
    expect(chained?.message).toContain(`a later step \`Invalidate\` at line ${chainedLine}`)
    expect(chained?.message).toContain('asks for 7200 seconds')
    expect(chained?.message).toContain(`(\`aws-actions/configure-aws-credentials@${CAWSC_SHA}\`)`)
    expect(chained?.message).toContain(
      '3600-second (1 hour) cap on sessions assumed by role chaining'
    )
    const short = found.find(item => item.message.includes('session-short'))
    expect(short?.message).toContain(`at line ${shortLine}`)
    expect(short?.message).toContain('7200 seconds')
    expect(short?.message).toContain('`MaxSessionDuration` of 3600 seconds')
    // The step within its role's 43200 s, and the one whose duration is an expression: nothing.
    expect(found.some(item => item.message.includes('session-deploy'))).toBe(false)
    expect(found.some(item => item.message.includes(`line ${lineOf('Parameterised') + 1}`))).toBe(
      false
    )
    const annotations = result.annotations.filter(item =>
      item.properties.title?.startsWith('role-session-duration-exceeded')
    )
    expect(
      annotations.map(item => [item.severity, item.properties.file, item.properties.line])
    ).toEqual(
      expect.arrayContaining([
        ['warning', FILE, String(chainedLine)],
        ['warning', FILE, String(shortLine)]
      ])
    )
    expect(annotations).toHaveLength(2)
    expect(result.summary).toContain('IAM GetRole (session limits)')
    expectNothingLeaked(result, [secret])
  })

  test('a chained step that sends session tags to a role whose trust policy lacks sts:TagSession', async () => {
    // configure-aws-credentials sends session tags on its AssumeRole path unless
    // role-skip-session-tagging is true; the chained role must allow sts:TagSession (aws-facts §2).
    emulator.addRole(ACCOUNT, 'session-untagged', {
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: roleArn('session-deploy') },
            Action: 'sts:AssumeRole'
          }
        ]
      }
    })
    const tagged = `jobs:
  deploy:
    steps:
      - uses: octo-org/aws-credentials-doctor@v1
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${roleArn('session-deploy')}
          aws-region: us-east-1
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${roleArn('session-untagged')}
          role-chaining: true
          aws-region: us-east-1
`
    const { secret, result } = await runSteps('session-tag-reader', tagged)
    expect(result.code).toBe(0)
    const found = result.findings.filter(item => item.id === 'role-session-duration-exceeded')
    expect(found).toHaveLength(1)
    expect(found[0]?.message).toContain('a later step at line 9')
    expect(found[0]?.message).toContain('allows `sts:TagSession`')
    // The default duration (3600 s) is within the chaining cap: only the tags are refused.
    expect(found[0]?.message).not.toContain('cap on sessions')
    expect(found[0]?.remediation).toContain('role-skip-session-tagging: true')
    const annotation = result.annotations.find(item =>
      item.properties.title?.startsWith('role-session-duration-exceeded')
    )
    expect([annotation?.properties.file, annotation?.properties.line]).toEqual([FILE, '9'])
    expectNothingLeaked(result, [secret])
  })

  test('without iam:GetRole only the chaining cap is certain, and the summary says how to grant the read', async () => {
    emulator.denyIam(`arn:aws:iam::${ACCOUNT}:user/session-no-reader`, ['GetRole'])
    const { secret, result } = await runSteps('session-no-reader')
    expect(result.code).toBe(0)
    const found = result.findings.filter(item => item.id === 'role-session-duration-exceeded')
    expect(found).toHaveLength(1)
    expect(found[0]?.message).toContain('session-chained')
    expect(found[0]?.message).toContain('7200 seconds')
    expect(result.summary).toContain("iam:GetRole is denied to this step's credentials")
    expect(result.summary).toContain('allow `iam:GetRole` on `' + roleArn('session-short') + '`')
    expectNothingLeaked(result, [secret])
  })
})

describe('each cause named', () => {
  test('no id-token: write says so in the first line', async () => {
    const result = await runAction({
      endpoint: proxy.url,
      inputs: { 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/deploy` },
      env: { AWS_REGION: 'us-east-1' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('oidc-permission-missing')
    expect(result.summary.split('\n')[0]).toContain('id-token: write')
    expect(result.ids).not.toContain('no-credentials')
    expect(result.findings[0]?.remediation).toContain('id-token: write')
    expect(result.outputs['oidc-sub']).toBe('')
  })

  test('a fork pull request gets the fork variant', async () => {
    const result = await runAction({
      endpoint: proxy.url,
      eventName: 'pull_request',
      event: {
        number: 7,
        pull_request: {
          number: 7,
          head: { repo: { full_name: 'someone/octo-repo' } },
          base: { repo: { full_name: REPO } }
        }
      },
      inputs: { 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/deploy` },
      env: { AWS_REGION: 'us-east-1', GITHUB_REF: 'refs/pull/7/merge' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('oidc-permission-missing')
    expect(result.summary.split('\n')[0]).toContain('forks')
    expect(result.findings[0]?.message).toContain('fork')
  })

  test('a refused token request is oidc-token-request-failed with the status', async () => {
    tokens.setMode('refuse')
    const result = await runOidc(`arn:aws:iam::${ACCOUNT}:role/deploy`)
    expect(result.outputs.cause).toBe('oidc-token-request-failed')
    expect(result.findings[0]?.message).toContain('HTTP 403')
    expectNothingLeaked(result)
  })

  test('a failing token service is oidc-token-request-failed too', async () => {
    tokens.setMode('fail')
    const result = await runOidc(`arn:aws:iam::${ACCOUNT}:role/deploy`)
    expect(result.outputs.cause).toBe('oidc-token-request-failed')
    expect(result.findings[0]?.message).toContain('HTTP 500')
    expectNothingLeaked(result)
  })

  test('a token service that hangs ends within timeout-seconds as oidc-token-request-failed', async () => {
    tokens.setMode('hang')
    const result = await runOidc(`arn:aws:iam::${ACCOUNT}:role/deploy`, {
      inputs: { 'timeout-seconds': '2' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('oidc-token-request-failed')
    expect(result.findings[0]?.message).toContain('timeout-seconds')
    expectNothingLeaked(result)
  })

  test('no provider in the role account is oidc-provider-missing', async () => {
    const other = '222233334444'
    const arn = role('deploy-elsewhere', trust(`repo:${REPO}:*`, 'StringLike'), other)
    const result = await runOidc(arn)
    expect(result.outputs.cause).toBe('oidc-provider-missing')
    const item = result.findings[0]
    expect(item?.message).toContain(other)
    expect(item?.message).toContain(GITHUB_ISSUER)
    expect(item?.remediation).toContain('aws iam create-open-id-connect-provider')
    expectNothingLeaked(result)
  })

  test('an audience the provider does not list is oidc-audience-mismatch', async () => {
    const arn = role('deploy-aud', trust(`repo:${REPO}:*`, 'StringLike'))
    const result = await runOidc(arn, { inputs: { audience: 'https://github.com/octo-org' } })
    expect(result.outputs.cause).toBe('oidc-audience-mismatch')
    expect(tokens.requests.at(-1)?.audience).toBe('https://github.com/octo-org')
    expect(result.findings[0]?.message).toContain('https://github.com/octo-org')
    expect(result.findings[0]?.remediation).toContain('add-client-id-to-open-id-connect-provider')
    expectNothingLeaked(result)
  })

  test('an expired token is oidc-token-expired', async () => {
    const arn = role('deploy-slow', trust(`repo:${REPO}:*`, 'StringLike'))
    tokens.setClaims({}, 300, Math.floor(Date.now() / 1000) - 900)
    const result = await runOidc(arn)
    expect(result.outputs.cause).toBe('oidc-token-expired')
    expect(result.findings[0]?.message).toContain('ExpiredTokenException')
    expectNothingLeaked(result)
  })

  test('a user ARN is oidc-assume-role-invalid, found before STS is asked', async () => {
    const result = await runOidc(`arn:aws:iam::${ACCOUNT}:user/deploy`)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('oidc-assume-role-invalid')
    expect(result.findings[0]?.message).toContain('is an IAM user ARN')
    expect(result.findings[0]?.message).toContain('The request was not sent to STS.')
    expectNothingLeaked(result)
  })

  test('a role name alone is oidc-assume-role-invalid with the full ARN it meant', async () => {
    const result = await runOidc('deploy', { inputs: { 'expected-account-id': ACCOUNT } })
    expect(result.code).toBe(1)
    expect(result.ids).not.toContain('settings-invalid')
    expect(result.outputs.cause).toBe('oidc-assume-role-invalid')
    expect(result.findings[0]?.remediation).toContain(
      `role-to-assume: arn:aws:iam::${ACCOUNT}:role/deploy`
    )
    // The token was still requested: its claims help whoever fixes the input.
    expect(result.outputs['oidc-sub']).toBe(`repo:${REPO}:ref:refs/heads/main`)
    expectNothingLeaked(result)
  })

  test('a role of another partition asks for a region of that partition', async () => {
    const result = await runOidc(`arn:aws-us-gov:iam::${ACCOUNT}:role/deploy`)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('oidc-assume-role-invalid')
    expect(result.findings[0]?.title).toBe("The role is in another partition than the job's region")
    expect(result.findings[0]?.remediation).toContain('aws-region: us-gov-west-1')
    expectNothingLeaked(result)
  })

  test('an STS override where nothing listens is endpoint-override-unreachable, not a network error', async () => {
    const arn = role('deploy-dead-override', trust(`repo:${REPO}:*`, 'StringLike'))
    const server = net.createServer()
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise<void>(resolve => server.close(() => resolve()))
    const endpoint = `http://127.0.0.1:${port}`
    const result = await runOidc(arn, { endpoint })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('endpoint-override-unreachable')
    expect(result.ids).not.toContain('sts-service-error')
    expect(result.ids).not.toContain('sts-unreachable')
    const item = result.findings.find(entry => entry.id === 'endpoint-override-unreachable')
    expect(item?.title).toBe(
      `\`AWS_ENDPOINT_URL_STS\` sends STS requests to \`${endpoint}\`, where nothing answers`
    )
    expect(item?.message).toContain('`ECONNREFUSED`')
    expect(item?.source).toBe('role-to-assume')
    expectNothingLeaked(result)
  })

  test('STS that never answers is sts-timeout, within timeout-seconds', async () => {
    const arn = role('deploy-hang', trust(`repo:${REPO}:*`, 'StringLike'))
    emulator.setFault({ mode: 'hang', actions: ['AssumeRoleWithWebIdentity'] })
    const result = await runOidc(arn, { inputs: { 'timeout-seconds': '2' } })
    expect(result.outputs.cause).toBe('sts-timeout')
    expect(result.findings[0]?.source).toBe('role-to-assume')
    expectNothingLeaked(result)
  })
})

describe('web identity token files', () => {
  let directory: string

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'acd-web-identity-'))
  })

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true })
  })

  /** A run whose job gets its credentials from a token file, as on EKS or a self-hosted runner. */
  async function runFile(
    roleArn: string,
    content: string | undefined,
    options: Pick<RunOptions, 'env' | 'inputs' | 'homeFiles'> = {}
  ): Promise<RunResult> {
    const file = join(directory, `token-${Math.random().toString(36).slice(2)}`)
    if (content !== undefined) writeFileSync(file, content)
    return runAction({
      endpoint: proxy.url,
      env: {
        AWS_REGION: 'us-east-1',
        AWS_ROLE_ARN: roleArn,
        AWS_WEB_IDENTITY_TOKEN_FILE: file,
        ...(options.env ?? {})
      },
      inputs: { 'check-iam': 'false', ...(options.inputs ?? {}) },
      ...(options.homeFiles === undefined ? {} : { homeFiles: options.homeFiles })
    })
  }

  test('a valid file and a trusting role pass, with the claims shown', async () => {
    const arn = role('eks-ok', trust(`repo:${REPO}:*`, 'StringLike'))
    const token = makeWebIdentityToken({})
    const result = await runFile(arn, `${token}\n`)
    expect(result.code).toBe(0)
    expect(result.summary).toContain('### Web identity token')
    expect(result.summary).toContain('STS accepted the token')
    expect(result.ids).toContain('oidc-token-claims')
    expect(result.outputs['oidc-sub']).toBe('')
    expectNothingLeaked(result, [token])
  })

  test('a file token the trust policy refuses is oidc-trust-policy-mismatch with its sub', async () => {
    const arn = role('eks-strict', trust(`repo:${REPO}:environment:production`))
    const token = makeWebIdentityToken({ sub: `repo:${REPO}:ref:refs/heads/main` })
    const result = await runFile(arn, token)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('oidc-trust-policy-mismatch')
    expect(result.ids).not.toContain('no-credentials')
    const mismatch = result.findings.find(item => item.id === 'oidc-trust-policy-mismatch')
    expect(mismatch?.message).toContain(`repo:${REPO}:ref:refs/heads/main`)
    expect(result.summary).toContain('#### A trust policy that accepts this workflow')
    expectNothingLeaked(result, [token])
  })

  describe('IRSA: an EKS projected service account token', () => {
    const EKS_HOST = 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'
    const EKS_ISSUER = `https://${EKS_HOST}`

    beforeAll(() => {
      emulator.addOidcProvider(ACCOUNT, { url: EKS_ISSUER, clientIds: ['sts.amazonaws.com'] })
    })

    /** The role an EKS service account is annotated with, trusting `sub` of cluster `host`. */
    function irsaRole(name: string, sub: string, host = EKS_HOST): string {
      return role(name, {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { [`${host}:sub`]: sub, [`${host}:aud`]: 'sts.amazonaws.com' }
            }
          }
        ]
      })
    }

    /** A projected token as the kubelet writes it: the cluster's issuer, a day's lifetime. */
    function serviceAccountToken(sub: string, issuer = EKS_ISSUER): string {
      return makeWebIdentityToken(
        {
          iss: issuer,
          sub,
          aud: ['sts.amazonaws.com'],
          'kubernetes.io': {
            namespace: sub.split(':')[2],
            serviceaccount: { name: sub.split(':')[3] }
          },
          repository: undefined,
          repository_owner: undefined,
          ref: undefined,
          sha: undefined,
          run_id: undefined,
          event_name: undefined,
          ref_type: undefined,
          workflow: undefined,
          actor: undefined,
          runner_environment: undefined
        },
        { lifetimeSeconds: 86400 }
      )
    }

    test('the annotated service account the policy trusts passes', async () => {
      const arn = irsaRole('irsa-ok', 'system:serviceaccount:ci:runner')
      const token = serviceAccountToken('system:serviceaccount:ci:runner')
      const result = await runFile(arn, token)
      expect(result.code).toBe(0)
      expect(result.summary).toContain('STS accepted the token')
      expectNothingLeaked(result, [token])
    })

    test('another service account: the mismatch names it, with kubectl and the trust statement', async () => {
      const arn = irsaRole('irsa-strict', 'system:serviceaccount:ci:runner')
      const token = serviceAccountToken('system:serviceaccount:ci:default')
      const result = await runFile(arn, token)
      expect(result.code).toBe(1)
      expect(result.outputs.cause).toBe('oidc-trust-policy-mismatch')
      expect(result.ids).not.toContain('no-credentials')
      const mismatch = result.findings.find(item => item.id === 'oidc-trust-policy-mismatch')
      expect(mismatch?.title).toBe(
        "The role's trust policy does not accept service account `default` in namespace `ci`"
      )
      expect(mismatch?.remediation).toContain(
        `kubectl annotate serviceaccount -n ci default eks.amazonaws.com/role-arn=`
      )
      expect(mismatch?.remediation).toContain(
        `"${EKS_HOST}:sub":"system:serviceaccount:ci:default"`
      )
      expect(result.summary).toContain('The namespace or service account.')
      expect(result.summary).not.toContain('An environment replaces the branch')
      expect(result.summary).toContain('#### A trust policy that accepts this service account')
      expect(result.summary).toContain('**Exactly this service account.**')
      expectNothingLeaked(result, [token])
    })

    test('with check-iam, the trust policy is not read: the pod has no other credentials, and the summary says so', async () => {
      // The token file is the source in use, so there are no other credentials to call
      // iam:GetRole with; a key pair beside it would shadow the file and end the diagnosis.
      const arn = irsaRole('irsa-unread', 'system:serviceaccount:ci:runner')
      const token = serviceAccountToken('system:serviceaccount:build:runner')
      emulator.clearRequestLog()
      const result = await runFile(arn, token, { inputs: { 'check-iam': 'true' } })
      expect(result.code).toBe(1)
      expect(result.outputs.cause).toBe('oidc-trust-policy-mismatch')
      const mismatch = result.findings.find(item => item.id === 'oidc-trust-policy-mismatch')
      expect(mismatch?.title).toBe(
        "The role's trust policy does not accept service account `runner` in namespace `build`"
      )
      expect(result.summary).toMatch(
        /\| IAM GetRole \(trust policy\) \| not read: the job has no other credentials to call iam:GetRole with \|/u
      )
      expect(emulator.requestLog().some(entry => entry.action === 'GetRole')).toBe(false)
      expectNothingLeaked(result, [token])
    })

    test('an audience the provider does not list: oidc-audience-mismatch with the annotation', async () => {
      const arn = irsaRole('irsa-audience', 'system:serviceaccount:ci:runner')
      const token = makeWebIdentityToken(
        { iss: EKS_ISSUER, sub: 'system:serviceaccount:ci:runner', aud: 'vault' },
        { lifetimeSeconds: 86400 }
      )
      const result = await runFile(arn, token)
      expect(result.code).toBe(1)
      expect(result.outputs.cause).toBe('oidc-audience-mismatch')
      expect(result.findings[0]?.remediation).toContain('eks.amazonaws.com/audience')
      expectNothingLeaked(result, [token])
    })

    test('a cluster whose issuer is not an IAM provider: oidc-provider-missing with eksctl', async () => {
      const other = 'oidc.eks.us-west-2.amazonaws.com/id/0THERC1USTER0000000000000000000'
      const arn = irsaRole('irsa-other-cluster', 'system:serviceaccount:ci:runner', other)
      const token = serviceAccountToken('system:serviceaccount:ci:runner', `https://${other}`)
      const result = await runFile(arn, token)
      expect(result.code).toBe(1)
      expect(result.outputs.cause).toBe('oidc-provider-missing')
      expect(result.findings[0]?.title).toBe(
        "The EKS cluster's OIDC issuer is not an IAM provider in the role's account"
      )
      expect(result.findings[0]?.remediation).toContain('eksctl utils associate-iam-oidc-provider')
      expectNothingLeaked(result, [token])
    })
  })

  test('a missing file is web-identity-token-invalid', async () => {
    const result = await runFile(`arn:aws:iam::${ACCOUNT}:role/eks`, undefined)
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('web-identity-token-invalid')
  })

  test('a file that is not a JWT is web-identity-token-invalid', async () => {
    const result = await runFile(`arn:aws:iam::${ACCOUNT}:role/eks`, 'not-a-token-at-all')
    expect(result.outputs.cause).toBe('web-identity-token-invalid')
    expectNothingLeaked(result, ['not-a-token-at-all'])
  })

  test('an expired file token is web-identity-token-invalid, reported once', async () => {
    const arn = role('eks-expired', trust(`repo:${REPO}:*`, 'StringLike'))
    const token = makeWebIdentityToken({}, { nowSeconds: Math.floor(Date.now() / 1000) - 7200 })
    const result = await runFile(arn, token)
    expect(result.outputs.cause).toBe('web-identity-token-invalid')
    expect(result.ids.filter(id => id === 'web-identity-token-invalid')).toHaveLength(1)
    expect(result.ids).not.toContain('oidc-token-expired')
    expectNothingLeaked(result, [token])
  })
})
