/**
 * The OIDC migration guide, tailored to this run: the `sub` this job would present, the trust
 * policy that accepts it, the provider to create, the workflow change, the secrets and the key
 * to retire, as console steps, AWS CLI commands and Terraform. Pure.
 */
import type { CredentialPart, Discovery, Report, SourceKind, WorkflowReference } from '../model.js'
import { bothSubForms } from '../oidc/sub.js'
import type { ReportReferences } from './references.js'
import { cell, code, fencedBlock } from './markdown.js'
import { hclString, shellArg, yamlScalar } from './quoting.js'

/** Sources with no long-term keys to migrate away from: instance roles, containers, EKS. */
const KEYLESS_SOURCES: ReadonlySet<SourceKind> = new Set([
  'container',
  'instance-metadata',
  'web-identity',
  'sso'
])

/**
 * Whether the guide belongs in this report: with long-term keys in a workflow (the
 * `long-term-credentials` finding) or on request, but never where the credentials come from a role the runner already
 * has (an instance profile, a container or EKS): there is nothing to migrate there.
 */
export function showsOidcGuide(report: Report, requested: boolean): boolean {
  const kind = report.remote.credentialSource ?? report.discovery.selected?.kind
  if (kind !== undefined && KEYLESS_SOURCES.has(kind)) return false
  if (requested) return true
  // Outside a repository's workflow (a laptop) there is no workflow to migrate.
  return (
    report.discovery.github.repository !== undefined &&
    report.findings.some(item => item.id === 'long-term-credentials')
  )
}

/** A claim value as GitHub writes it into `sub`: a colon inside a value becomes `%3A`. */
function claimValue(value: string): string {
  return value.replace(/:/gu, '%3A')
}

/**
 * The default `sub` claim GitHub puts in this job's token: the environment when the job names
 * one, else `pull_request` for pull request events, else the ref (branch or tag).
 */
export function expectedSub(github: Discovery['github'], environment?: string): string | undefined {
  if (github.repository === undefined) return undefined
  const repo = `repo:${github.repository}`
  if (environment !== undefined) return `${repo}:environment:${claimValue(environment)}`
  if (
    github.eventName?.startsWith('pull_request') === true &&
    github.eventName !== 'pull_request_target'
  ) {
    return `${repo}:pull_request`
  }
  if (github.ref !== undefined) return `${repo}:ref:${claimValue(github.ref)}`
  return undefined
}

/** The token issuer for this GitHub: github.com's, or a GitHub Enterprise Server's. */
export function issuerHost(serverUrl: string | undefined): string {
  if (serverUrl === undefined) return 'token.actions.githubusercontent.com'
  let host: string
  try {
    host = new URL(serverUrl).host
  } catch {
    return 'token.actions.githubusercontent.com'
  }
  if (host === 'github.com' || host.endsWith('.ghe.com') || host === '')
    return 'token.actions.githubusercontent.com'
  return `${host}/_services/token`
}

/**
 * The issuer the guide's provider and condition keys name: the token's own `iss` where this run
 * read one (it alone knows an enterprise's `…/SLUG` issuer), else the one the server implies.
 */
export function guideIssuer(report: Report): string {
  const iss = report.remote.oidc?.claims.iss
  if (iss !== undefined && iss.startsWith('https://'))
    return iss.slice('https://'.length).replace(/\/+$/u, '')
  return issuerHost(report.discovery.github.serverUrl)
}

/** Whether the run is on GHE.com, whose issuer this project has no verified source for. */
function onGheCom(serverUrl: string | undefined): boolean {
  try {
    return serverUrl !== undefined && new URL(serverUrl).host.endsWith('.ghe.com')
  } catch {
    return false
  }
}

export function partitionOf(report: Report): string {
  const arn = /^arn:(aws[a-z-]*):/u.exec(report.remote.identity?.arn ?? '')?.[1]
  if (arn !== undefined) return arn
  const region = report.discovery.region.value
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

export interface TrustPolicyOptions {
  readonly accountId: string
  readonly partition: string
  readonly issuer: string
  readonly audience: string
  readonly subjects: readonly string[]
}

/** The role's trust policy: StringEquals on `aud`, StringLike on `sub` (case-sensitive). */
export function trustPolicy(options: TrustPolicyOptions): string {
  const subjects = options.subjects.length === 1 ? options.subjects[0] : [...options.subjects]
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: `arn:${options.partition}:iam::${options.accountId}:oidc-provider/${options.issuer}`
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { [`${options.issuer}:aud`]: options.audience },
            StringLike: { [`${options.issuer}:sub`]: subjects }
          }
        }
      ]
    },
    null,
    2
  )
}

/** An IAM role name from the repository name: `[\w+=,.@-]`, at most 64 characters. */
export function roleNameFor(repository: string): string {
  const name = repository.split('/')[1] ?? repository
  return `github-actions-${name.replace(/[^\w+=,.@-]/gu, '-')}`.slice(0, 64)
}

function userNameOf(report: Report): string | undefined {
  return /:user\/(?:.*\/)?([^/]+)$/u.exec(report.remote.identity?.arn ?? '')?.[1]
}

export interface OidcGuideOptions {
  /** The audience the workflow will request (the `audience` input); `sts.amazonaws.com` by default. */
  readonly audience?: string
}

interface SecretLine {
  readonly part: CredentialPart
  readonly variable: string
  readonly reference: WorkflowReference
}

/** The workflow lines that feed the long-term keys in, to be removed with the migration. */
function secretLines(report: Report, references: ReportReferences): SecretLine[] {
  const credentials = report.discovery.selected?.credentials
  if (credentials === undefined) return []
  return (['accessKeyId', 'secretAccessKey', 'sessionToken'] as const).flatMap(part => {
    const origin = credentials[part]?.origin
    const reference = references.lineOf(origin)
    if (origin === undefined || reference === undefined || origin.kind === 'file') return []
    return [{ part, variable: origin.name, reference }]
  })
}

/** The guide's `sub` in both forms, with the token's owner and repository IDs where it was read. */
function subjectsFor(report: Report, sub: string): string[] {
  const claims = report.remote.oidc?.claims ?? {}
  return bothSubForms(sub, {
    ...(claims.repository_owner_id === undefined ? {} : { owner: claims.repository_owner_id }),
    ...(claims.repository_id === undefined ? {} : { repository: claims.repository_id })
  })
}

/** What the issuer changes: the provider and condition keys, or (GHE.com, unread) a caveat. */
function issuerLines(report: Report, issuer: string): string[] {
  if (issuer !== 'token.actions.githubusercontent.com')
    return [
      `This job's issuer is ${code(`https://${issuer}`)}: the provider below and the trust policy's condition keys (${code(`${issuer}:aud`)}, ${code(`${issuer}:sub`)}) are named after it, not after github.com's \`token.actions.githubusercontent.com\`.`,
      ''
    ]
  if (report.remote.oidc?.claims.iss === undefined && onGheCom(report.discovery.github.serverUrl))
    return [
      "⚠️ On GHE.com the token's issuer may differ from github.com's: run this action with `role-to-assume` to read the token's `iss`, and name the provider URL and the condition keys after it.",
      ''
    ]
  return []
}

/** The subject this job presents, its forms per trigger, and whether it may request a token. */
function subjectLines(
  report: Report,
  references: ReportReferences,
  subject: {
    readonly sub: string
    readonly tokenSub: string | undefined
    readonly repository: string
    readonly environment: string | undefined
  }
): string[] {
  const { sub, tokenSub, repository, environment } = subject
  const github = report.discovery.github
  const lines: string[] = []
  lines.push(
    `This job would present the subject ${code(sub)}${tokenSub === undefined ? '' : ' (read from its own token)'}. The trust policy below accepts exactly that, in both of GitHub's \`sub\` forms; \`sub\` is matched case-sensitively, so ${code(repository)} must keep this casing.`,
    ''
  )
  if (tokenSub === undefined) {
    lines.push(
      'That is GitHub’s default format. Where the organisation customised the `sub` template, or the repository uses the immutable form with IDs (`repo:OWNER@ID/REPO@ID:…`), the token says otherwise: run this action with `role-to-assume` to read the real claim.',
      ''
    )
  }
  const branch =
    github.ref?.startsWith('refs/heads/') === true
      ? github.ref.slice('refs/heads/'.length)
      : (github.baseRef ?? 'main')
  lines.push(
    '| When the job runs for | its `sub` is |',
    '|---|---|',
    `| branch ${cell(code(branch))} | ${cell(code(`repo:${repository}:ref:refs/heads/${claimValue(branch)}`))} |`,
    `| a tag | ${cell(code(`repo:${repository}:ref:refs/tags/TAG`))} |`,
    `| a pull request | ${cell(code(`repo:${repository}:pull_request`))} |`,
    `| a job with ${cell(code(`environment: ${environment ?? 'NAME'}`))} | ${cell(code(`repo:${repository}:environment:${environment === undefined ? 'NAME' : claimValue(environment)}`))} |`,
    ''
  )
  const permissions = references.permissions()
  lines.push(
    github.oidcRequestAvailable
      ? '✅ This job already has `permissions: id-token: write`: it can request a token today.'
      : `⚠️ This job has no \`permissions: id-token: write\` yet${permissions === undefined ? '' : ` (its permissions are at ${code(permissions.file)} line ${permissions.line})`}: step 3 adds it.`,
    ''
  )

  return lines
}

/** What the new role may do: the IAM user's policies where the user is known. */
function rolePolicyLines(user: string | undefined, roleName: string): string[] {
  const lines: string[] = []
  const attach = `aws iam attach-role-policy --role-name ${shellArg(roleName)} --policy-arn POLICY_ARN`
  if (user !== undefined) {
    lines.push(
      `Give the role what the IAM user ${code(user)} may do today; list it with:`,
      '',
      ...fencedBlock(
        [
          `aws iam list-attached-user-policies --user-name ${shellArg(user)}`,
          `aws iam list-user-policies --user-name ${shellArg(user)}`,
          `aws iam list-groups-for-user --user-name ${shellArg(user)}`,
          attach
        ],
        'sh'
      ),
      ''
    )
  } else {
    lines.push(...fencedBlock([attach], 'sh'), '')
  }

  return lines
}

/** Step 4: the secrets and the access key to delete once the role works. */
function retireKeysLines(
  secrets: readonly SecretLine[],
  repository: string,
  user: string | undefined
): string[] {
  const lines: string[] = []
  const secretNames = [
    ...new Set(
      secrets.flatMap(line => (line.reference.secret === undefined ? [] : [line.reference]))
    )
  ]
  lines.push(
    '**4. Retire the keys** once a run has passed with the role:',
    '',
    ...fencedBlock(
      [
        ...(secretNames.length === 0
          ? [
              `gh secret delete AWS_ACCESS_KEY_ID --repo ${shellArg(repository)}`,
              `gh secret delete AWS_SECRET_ACCESS_KEY --repo ${shellArg(repository)}`
            ]
          : secretNames.map(
              reference =>
                `gh secret delete ${shellArg(reference.secret ?? '')}${reference.environment === undefined ? '' : ` --env ${shellArg(reference.environment)}`} --repo ${shellArg(repository)}`
            )),
        `aws iam list-access-keys --user-name ${user === undefined ? 'USER' : shellArg(user)}`,
        `aws iam delete-access-key --user-name ${user === undefined ? 'USER' : shellArg(user)} --access-key-id KEY_ID`
      ],
      'sh'
    ),
    ''
  )

  return lines
}

export function renderOidcGuide(
  report: Report,
  references: ReportReferences,
  options: OidcGuideOptions = {}
): string {
  const discovery = report.discovery
  const github = discovery.github
  const repository = github.repository ?? 'OWNER/REPO'
  const account = report.outputs['account-id'] || '123456789012'
  const partition = partitionOf(report)
  const issuer = guideIssuer(report)
  const audience = options.audience ?? 'sts.amazonaws.com'
  const environment = references.environment()
  const tokenSub = report.remote.oidc?.claims.sub ?? report.remote.oidcSub
  const defaultSub = expectedSub(github, environment)
  const sub = tokenSub ?? defaultSub ?? `repo:${repository}:ref:refs/heads/main`
  const roleName = roleNameFor(repository)
  const roleArn = `arn:${partition}:iam::${account}:role/${roleName}`
  const user = userNameOf(report)
  const lines: string[] = []
  const subjects = subjectsFor(report, sub)

  lines.push(...subjectLines(report, references, { sub, tokenSub, repository, environment }))

  lines.push(...issuerLines(report, issuer))
  lines.push(
    '**1. Create the OIDC provider**, once per AWS account. No thumbprint is needed: AWS verifies GitHub with its own trusted certificate authorities.',
    '',
    ...fencedBlock(
      [
        'aws iam create-open-id-connect-provider \\',
        `  --url ${shellArg(`https://${issuer}`)} \\`,
        `  --client-id-list ${shellArg(audience)}`
      ],
      'sh'
    ),
    '',
    `Console: IAM → Identity providers → Add provider → OpenID Connect, provider URL ${code(`https://${issuer}`)}, audience ${code(audience)}.`,
    ''
  )

  lines.push(
    `**2. Create the role** ${code(roleName)} with this trust policy, saved as \`trust.json\`. It lists the \`sub\` in both of GitHub's forms, with names and with the owner and repository IDs (\`repo:OWNER@OWNER_ID/REPO@REPO_ID:…\`), which new repositories use, and every repository after a rename or transfer: the role keeps working when the form changes.`,
    '',
    ...fencedBlock(
      [trustPolicy({ accountId: account, partition, issuer, audience, subjects })],
      'json'
    ),
    '',
    ...fencedBlock(
      [
        `aws iam create-role --role-name ${shellArg(roleName)} --assume-role-policy-document file://trust.json`
      ],
      'sh'
    ),
    '',
    `To let every branch, tag and pull request of this repository assume it, use ${code(`repo:${repository}:*`)} instead: broader, so prefer one line per branch or environment.`,
    ''
  )
  lines.push(...rolePolicyLines(user, roleName))

  const secrets = secretLines(report, references)
  lines.push(
    '**3. Change the workflow**: grant the token permission and let `aws-actions/configure-aws-credentials` assume the role.',
    '',
    ...fencedBlock(
      [
        'jobs:',
        `  ${yamlScalar(github.job ?? 'deploy')}:`,
        // A complete job, valid as it stands; the comment asks to keep the job's real runner.
        `    runs-on: ${github.runnerEnvironment === 'self-hosted' ? 'self-hosted' : 'ubuntu-latest'} # keep this job's own runs-on`,
        '    permissions:',
        '      id-token: write',
        '      contents: read',
        '    steps:',
        '      - uses: aws-actions/configure-aws-credentials@v6',
        '        with:',
        `          role-to-assume: ${yamlScalar(roleArn)}`,
        `          aws-region: ${yamlScalar(discovery.region.value)}`,
        ...(audience === 'sts.amazonaws.com' ? [] : [`          audience: ${yamlScalar(audience)}`])
      ],
      'yaml'
    ),
    ''
  )
  if (secrets.length > 0) {
    lines.push(
      `Then delete the lines that pass the keys in: ${secrets.map(line => `${code(line.variable)} (${code(line.reference.file)} line ${line.reference.line})`).join(', ')}.`,
      ''
    )
  }

  lines.push(...retireKeysLines(secrets, repository, user))

  lines.push(
    '<details><summary>The same in Terraform</summary>',
    '',
    ...fencedBlock(
      [
        'resource "aws_iam_openid_connect_provider" "github" {',
        `  url            = ${hclString(`https://${issuer}`)}`,
        `  client_id_list = [${hclString(audience)}]`,
        '  # No thumbprint_list: optional since hashicorp/aws 5.81, and AWS ignores it for GitHub.',
        '}',
        '',
        'data "aws_iam_policy_document" "github_trust" {',
        '  statement {',
        '    actions = ["sts:AssumeRoleWithWebIdentity"]',
        '    principals {',
        '      type        = "Federated"',
        '      identifiers = [aws_iam_openid_connect_provider.github.arn]',
        '    }',
        '    condition {',
        '      test     = "StringEquals"',
        `      variable = ${hclString(`${issuer}:aud`)}`,
        `      values   = [${hclString(audience)}]`,
        '    }',
        '    condition {',
        '      test     = "StringLike"',
        `      variable = ${hclString(`${issuer}:sub`)}`,
        `      values   = [${subjects.map(hclString).join(', ')}]`,
        '    }',
        '  }',
        '}',
        '',
        `resource "aws_iam_role" "github_actions" {`,
        `  name               = ${hclString(roleName)}`,
        '  assume_role_policy = data.aws_iam_policy_document.github_trust.json',
        '}'
      ],
      'hcl'
    ),
    '',
    '</details>'
  )
  return lines.join('\n')
}
