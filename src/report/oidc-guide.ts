/**
 * The OIDC migration guide, tailored to this run: the `sub` this job would present, the trust
 * policy that accepts it, the provider to create and the workflow change.
 */
import type { Discovery } from '../model.js'

/** The default `sub` claim GitHub would put in this job's token. */
export function expectedSub(github: Discovery['github'], environment?: string): string | undefined {
  if (github.repository === undefined) return undefined
  const repo = `repo:${github.repository}`
  if (environment !== undefined) return `${repo}:environment:${environment}`
  if (
    github.eventName?.startsWith('pull_request') === true &&
    github.eventName !== 'pull_request_target'
  ) {
    return `${repo}:pull_request`
  }
  if (github.ref !== undefined) return `${repo}:ref:${github.ref}`
  return `${repo}:ref:refs/heads/main`
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

export function trustPolicy(
  accountId: string,
  partition: string,
  repository: string,
  sub: string
): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: `arn:${partition}:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com`
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: {
              'token.actions.githubusercontent.com:sub': sub.startsWith(`repo:${repository}:`)
                ? sub
                : `repo:${repository}:*`
            }
          }
        }
      ]
    },
    null,
    2
  )
}

export function renderOidcGuide(discovery: Discovery, accountId: string | undefined): string {
  const github = discovery.github
  const repository = github.repository ?? 'OWNER/REPO'
  const account = accountId ?? '123456789012'
  const partition = partitionOf(discovery.region.value)
  const sub = expectedSub(github) ?? `repo:${repository}:ref:refs/heads/main`
  const roleName = `github-${repository.split('/')[1] ?? 'ci'}`
  const roleArn = `arn:${partition}:iam::${account}:role/${roleName}`
  const lines = [
    '### Move this workflow to OIDC',
    '',
    `This job would present the subject \`${sub}\` (the \`sub\` claim of its OIDC token; it is case-sensitive).`,
    github.oidcRequestAvailable
      ? 'The job already has `permissions: id-token: write`: it can request a token today.'
      : 'The job does not have `permissions: id-token: write` yet: add it (step 3).',
    '',
    '1. Create the OIDC provider once per account (no thumbprint is needed any more):',
    '',
    '```sh',
    'aws iam create-open-id-connect-provider \\',
    '  --url https://token.actions.githubusercontent.com \\',
    '  --client-id-list sts.amazonaws.com',
    '```',
    '',
    `2. Create a role that trusts this repository (\`trust.json\`), then attach the permissions the job needs:`,
    '',
    '```json',
    trustPolicy(account, partition, repository, `repo:${repository}:*`),
    '```',
    '',
    '```sh',
    `aws iam create-role --role-name ${roleName} --assume-role-policy-document file://trust.json`,
    '```',
    '',
    "3. Change the workflow, then delete the `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` secrets and the IAM user's key:",
    '',
    '```yaml',
    'permissions:',
    '  id-token: write',
    '  contents: read',
    'steps:',
    '  - uses: aws-actions/configure-aws-credentials@v4',
    '    with:',
    `      role-to-assume: ${roleArn}`,
    `      aws-region: ${discovery.region.value}`,
    '```'
  ]
  return lines.join('\n')
}
