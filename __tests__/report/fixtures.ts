/**
 * Reports built the way run() builds them (settings → discovery → checks → report), from a
 * plain environment, an optional workflow file and an optional remote result.
 */
import { runChecks } from '../../src/checks/index.js'
import { discover } from '../../src/discover/index.js'
import { discoverWorkflow } from '../../src/discover/workflow.js'
import type { CallerIdentity, Finding, RemoteResult, Report } from '../../src/model.js'
import { buildReport } from '../../src/report/build.js'
import { parseSettings } from '../../src/settings.js'
import { encodeKeyId, generateSecretAccessKey } from '../emulator/keys.js'

export const WORKSPACE = '/runner/work/octo-repo/octo-repo'
export const WORKFLOW_PATH = '.github/workflows/deploy.yml'

/** The variables a runner sets for a push to main of octo-org/octo-repo. */
export const GITHUB_ENV: Readonly<Record<string, string>> = {
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_WORKSPACE: WORKSPACE,
  GITHUB_WORKFLOW: 'Deploy',
  GITHUB_WORKFLOW_REF: `octo-org/octo-repo/${WORKFLOW_PATH}@refs/heads/main`,
  GITHUB_JOB: 'deploy',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_RUN_ID: '4242',
  GITHUB_SERVER_URL: 'https://github.com'
}

/** The AWS documentation's example pair; never a real key. */
export const EXAMPLE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
export const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

/** A generated key ID of account 111122223333 (not the documentation's: that one is a finding). */
export const KEY_ID = encodeKeyId('AKIA', '111122223333')
/** A generated secret of the right shape. */
export const SECRET = generateSecretAccessKey()

export const WORKFLOW = `name: Deploy
on: [push, pull_request]

env:
  AWS_REGION: eu-west-1

jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: \${{ secrets.PROD_AWS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.PROD_AWS_SECRET }}
    steps:
      - uses: actions/checkout@v4
      - name: Check AWS credentials
        uses: octo-org/aws-credentials-doctor@v1
        with:
          expected-account-id: '111122223333'
`

export interface ReportOptions {
  readonly env?: Readonly<Record<string, string>>
  /** The workflow file's text; undefined for a job without a checkout. */
  readonly workflow?: string
  readonly remote?: Partial<RemoteResult>
  readonly extraFindings?: readonly Finding[]
  /**
   * Files the runner holds, by absolute path (shared files under `HOME`, token files); every
   * other path is missing. Without it, discovery reads the real disk.
   */
  readonly files?: Readonly<Record<string, string>>
}

export function identity(arn: string, account = '111122223333'): CallerIdentity {
  return {
    account,
    arn,
    userId: 'AIDAEXAMPLEUSERID0001',
    principalType: arn.includes(':assumed-role/') ? 'assumed-role' : 'iam-user'
  }
}

export function makeReport(options: ReportOptions = {}): Report {
  const env = { ...GITHUB_ENV, ...(options.env ?? {}) }
  const settings = parseSettings(env)
  const files = options.files
  const discovery = discover(settings, env, {
    readText: path => (path === `${WORKSPACE}/${WORKFLOW_PATH}` ? options.workflow : undefined),
    readWorkflow: discoverWorkflow,
    ...(files === undefined
      ? {}
      : {
          readFile: path => {
            const text = files[path]
            return text === undefined ? { state: 'missing' } : { state: 'read', text }
          }
        })
  })
  const offline = runChecks(discovery, settings)
  const remote: RemoteResult = { checks: [], findings: [], ...(options.remote ?? {}) }
  return buildReport(
    discovery,
    { ...remote, findings: [...remote.findings, ...(options.extraFindings ?? [])] },
    offline,
    settings
  )
}
