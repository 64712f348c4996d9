/**
 * The runs a person meets most often, shared by the summary's bounds test
 * (summary-bounds.e2e.test.ts) and the README's screenshots (scripts/screenshots.ts), so what
 * the README shows is what the test measures. Each runs the bundled action against the
 * loopback STS/IAM emulator and, for OIDC, a fake of the runner's token service.
 */
import {
  GITHUB_ISSUER,
  startEmulator,
  type Emulator,
  type TrustPolicy
} from '../emulator/emulator.js'
import { startTokenService, type TokenService } from '../fakes/token-service.js'
import { runAction, type RunResult } from './harness.js'

const ACCOUNT = '111122223333'
const REPO = 'octo-org/octo-repo'

/** Where the harness's `GITHUB_WORKFLOW_REF` says the workflow is. */
export const WORKFLOW_PATH = '.github/workflows/ci.yml'

/** The workflow the runs pretend to come from, so the fixes name real secrets and lines. */
export const WORKFLOW = `name: CI
on: [push, pull_request]
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: \${{ secrets.PROD_AWS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.PROD_AWS_SECRET }}
      AWS_REGION: eu-west-1
    steps:
      - uses: actions/checkout@v4
      - uses: octo-org/aws-credentials-doctor@v1
        with:
          expected-account-id: '111122223333'
`

export interface RepresentativeContext {
  readonly emulator: Emulator
  readonly tokens: TokenService
  stop(): Promise<void>
}

export async function startRepresentativeContext(): Promise<RepresentativeContext> {
  const emulator = await startEmulator()
  const tokens = await startTokenService()
  emulator.addOidcProvider(ACCOUNT, { url: GITHUB_ISSUER, clientIds: ['sts.amazonaws.com'] })
  return {
    emulator,
    tokens,
    async stop() {
      await tokens.stop()
      await emulator.stop()
    }
  }
}

export interface RepresentativeResult {
  readonly result: RunResult
  /** Everything secret the run saw, for the leak check. */
  readonly secrets: readonly string[]
}

export interface RepresentativeRun {
  readonly name:
    'pass' | 'warn' | 'fail' | 'wrong-secret' | 'empty' | 'account' | 'throttled' | 'oidc-refused'
  readonly status: 'pass' | 'warn' | 'fail'
  readonly cause: string
  readonly retryable: '' | 'true' | 'false'
  readonly run: (context: RepresentativeContext) => Promise<RepresentativeResult>
}

/** The key pair of `ci-deployer`, created `ageDays` ago, with the secret changed by `damage`. */
async function keyRun(
  context: RepresentativeContext,
  options: {
    readonly ageDays?: number
    readonly damage?: (secret: string) => string
    readonly expectedAccount?: string
  } = {}
): Promise<RepresentativeResult> {
  const key = context.emulator.createAccessKey({
    accountId: ACCOUNT,
    userName: 'ci-deployer',
    ageDays: options.ageDays ?? 12
  })
  const secret =
    options.damage === undefined ? key.secretAccessKey : options.damage(key.secretAccessKey)
  const result = await runAction({
    endpoint: context.emulator.url,
    env: {
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: secret,
      AWS_REGION: 'eu-west-1'
    },
    inputs: { 'expected-account-id': options.expectedAccount ?? ACCOUNT },
    workspaceFiles: { [WORKFLOW_PATH]: WORKFLOW }
  })
  return { result, secrets: [key.secretAccessKey, secret] }
}

function trustMainOnly(): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': `repo:${REPO}:ref:refs/heads/main`
          }
        }
      }
    ]
  }
}

export const REPRESENTATIVE_RUNS: readonly RepresentativeRun[] = [
  { name: 'pass', status: 'pass', cause: '', retryable: '', run: context => keyRun(context) },
  {
    name: 'warn',
    status: 'warn',
    cause: 'access-key-age',
    retryable: 'false',
    run: context => keyRun(context, { ageDays: 412 })
  },
  {
    name: 'fail',
    status: 'fail',
    cause: 'invisible-characters',
    retryable: 'false',
    run: context => keyRun(context, { damage: secret => `${secret}\n` })
  },
  {
    name: 'wrong-secret',
    status: 'fail',
    cause: 'signature-mismatch',
    retryable: 'false',
    run: context =>
      keyRun(context, {
        damage: secret => `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`
      })
  },
  {
    name: 'empty',
    status: 'fail',
    cause: 'empty-credential-variable',
    retryable: 'false',
    run: async context => ({
      result: await runAction({
        endpoint: context.emulator.url,
        env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_REGION: 'eu-west-1' },
        workspaceFiles: { [WORKFLOW_PATH]: WORKFLOW }
      }),
      secrets: []
    })
  },
  {
    name: 'account',
    status: 'fail',
    cause: 'account-mismatch',
    retryable: 'false',
    run: context => keyRun(context, { expectedAccount: '444455556666' })
  },
  {
    name: 'throttled',
    status: 'fail',
    cause: 'sts-service-error',
    retryable: 'true',
    run: async context => {
      context.emulator.setFault({ mode: 'throttle' })
      try {
        return await keyRun(context)
      } finally {
        context.emulator.setFault(undefined)
      }
    }
  },
  {
    name: 'oidc-refused',
    status: 'fail',
    cause: 'oidc-trust-policy-mismatch',
    retryable: 'false',
    run: async context => {
      const arn = context.emulator.addRole(ACCOUNT, 'deploy-main-only', {
        trustPolicy: trustMainOnly()
      }).arn
      context.tokens.setMode('ok')
      context.tokens.setClaims({
        sub: `repo:${REPO}:ref:refs/heads/feature/login`,
        ref: 'refs/heads/feature/login',
        job_workflow_ref: `${REPO}/.github/workflows/ci.yml@refs/heads/feature/login`
      })
      const result = await runAction({
        endpoint: context.emulator.url,
        inputs: { 'role-to-assume': arn, 'check-iam': 'false' },
        env: {
          AWS_REGION: 'us-east-1',
          GITHUB_REF: 'refs/heads/feature/login',
          GITHUB_REF_NAME: 'feature/login',
          ...context.tokens.env()
        }
      })
      return { result, secrets: [...context.tokens.issued, context.tokens.requestToken] }
    }
  }
]
