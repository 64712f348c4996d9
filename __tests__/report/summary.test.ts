import { describe, expect, test } from '@jest/globals'
import { finding } from '../../src/findings.js'
import { escapeText } from '../../src/report/markdown.js'
import { renderSummary, splitMessage } from '../../src/report/summary.js'
import { encodeKeyId, generateSecretAccessKey } from '../emulator/keys.js'
import { makeWebIdentityToken } from '../emulator/oidc.js'
import {
  EXAMPLE_KEY_ID,
  EXAMPLE_SECRET,
  KEY_ID,
  SECRET,
  WORKFLOW,
  WORKFLOW_PATH,
  identity,
  makeReport
} from './fixtures.js'

const keys = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET }

function lineOf(text: string, fragment: string): number {
  return text.split('\n').findIndex(line => line.includes(fragment)) + 1
}

/** Every 8-character run of a secret: none may appear anywhere in what is rendered. */
function expectNoFragment(text: string, secret: string): void {
  for (let start = 0; start + 8 <= secret.length; start += 1)
    expect(text).not.toContain(secret.slice(start, start + 8))
}

describe('the verdict comes first', () => {
  test('a passing run says so with the identity, then the identity table', () => {
    const arn = 'arn:aws:iam::111122223333:user/ci-deployer'
    const report = makeReport({
      env: { ...keys, AWS_SESSION_TOKEN: '' },
      workflow: WORKFLOW,
      remote: {
        identity: identity(arn),
        accessKeyId: KEY_ID,
        checks: [{ name: 'STS GetCallerIdentity', outcome: 'pass', detail: 'answered in 40 ms' }]
      }
    })
    const summary = renderSummary(report)
    const lines = summary.split('\n')
    expect(lines[0]).toBe('## ✅ AWS credentials work')
    expect(summary).toContain(`\`${arn}\``)
    expect(summary).toContain('| Account | `111122223333` |')
    expect(summary).toContain('| Principal | `iam-user` |')
    expect(summary).toContain(`| Access key | \`${KEY_ID.slice(0, 4)}…${KEY_ID.slice(-4)}\` |`)
    expect(summary).toContain('| ✅ | STS GetCallerIdentity | answered in 40 ms |')
    expect(summary).not.toContain(KEY_ID)
    expectNoFragment(summary, SECRET)
  })

  test('a failing run names the one cause and its fix before anything else', () => {
    const report = makeReport({
      env: { ...keys, AWS_SECRET_ACCESS_KEY: `${SECRET}\n` },
      workflow: WORKFLOW
    })
    const summary = renderSummary(report)
    const [heading] = summary.split('\n')
    const title = report.findings.find(item => item.id === 'invisible-characters')?.title ?? ''
    expect(heading).toBe(`## ❌ AWS credentials fail: ${title}`)
    const cause = summary.indexOf('**Cause:** `invisible-characters`')
    const fix = summary.indexOf('**Fix:**')
    const identityTable = summary.indexOf('| Access key |')
    expect(cause).toBeGreaterThan(0)
    expect(fix).toBeGreaterThan(cause)
    expect(identityTable).toBeGreaterThan(fix)
    expectNoFragment(summary, SECRET)
  })
})

describe('each finding: meaning, evidence and the fix for this repository', () => {
  test('names the secret as the workflow uses it, with the gh command and settings page', () => {
    const report = makeReport({
      env: { ...keys, AWS_SECRET_ACCESS_KEY: `${SECRET}\r\n` },
      workflow: WORKFLOW
    })
    const summary = renderSummary(report)
    expect(summary).toContain('#### ❌')
    expect(summary).toContain('`invisible-characters`')
    expect(summary).toContain(
      `\`${WORKFLOW_PATH}\` line ${lineOf(WORKFLOW, 'PROD_AWS_SECRET')}, from secret \`PROD_AWS_SECRET\``
    )
    expect(summary).toContain('gh secret set PROD_AWS_SECRET --repo octo-org/octo-repo')
    expect(summary).toContain('https://github.com/octo-org/octo-repo/settings/secrets/actions')
    // The verdict gave the command; the finding adds the settings page as one sentence.
    expect(summary).toContain(
      'The fix above applies here too. Or in the browser: Settings → Secrets and variables → Actions → `PROD_AWS_SECRET`'
    )
    expectNoFragment(summary, SECRET)
  })

  test('says each fix step once: the finding points at the verdict instead of repeating it', () => {
    const report = makeReport({
      env: { ...keys, AWS_SECRET_ACCESS_KEY: `${SECRET}\r\n` },
      workflow: WORKFLOW
    })
    const summary = renderSummary(report)
    const command = 'gh secret set PROD_AWS_SECRET --repo octo-org/octo-repo'
    expect(summary.split(command).length - 1).toBe(1)
    expect(summary.indexOf(command)).toBeLessThan(summary.indexOf('### Findings'))
    expect(summary).toContain('The fix above applies here too.')
    // The general advice stays reachable, collapsed.
    expect(summary).toContain('<details><summary>Other ways to fix it</summary>')
    expectNoFragment(summary, SECRET)
  })

  test('says whether re-running helps, and what must change when it does not', () => {
    const report = makeReport({
      env: { ...keys, AWS_SECRET_ACCESS_KEY: `${SECRET}\r\n` },
      workflow: WORKFLOW
    })
    const summary = renderSummary(report)
    expect(summary).toContain(
      '**Re-run:** Re-running will not help: the credentials (the secrets or variables that set them) must change first.'
    )
    expect(summary.indexOf('**Re-run:**')).toBeGreaterThan(summary.indexOf('**Fix:**'))
    expect(report.outputs.retryable).toBe('false')
  })

  test('links every finding to its docs page', () => {
    const report = makeReport({
      env: { AWS_ACCESS_KEY_ID: EXAMPLE_KEY_ID, AWS_SECRET_ACCESS_KEY: EXAMPLE_SECRET },
      workflow: WORKFLOW
    })
    const summary = renderSummary(report)
    expect(report.findings.length).toBeGreaterThan(0)
    for (const item of report.findings) expect(summary).toContain(`/docs/findings/${item.id}.md`)
  })

  test('an empty variable says which secret is missing and how to list and set it', () => {
    const report = makeReport({
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
      workflow: WORKFLOW
    })
    const summary = renderSummary(report)
    expect(report.cause).toBe('empty-credential-variable')
    expect(summary).toContain('secret `PROD_AWS_KEY_ID` does not exist')
    expect(summary).toContain('gh secret list --repo octo-org/octo-repo')
    expect(summary).toContain('gh secret set PROD_AWS_KEY_ID --repo octo-org/octo-repo')
    expect(summary).toContain(
      '| environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY<br>`environment` |'
    )
    expect(summary).toContain('(empty)')
  })

  test('a job with an environment gets environment-scoped commands', () => {
    const workflow = WORKFLOW.replace(
      '    runs-on: ubuntu-latest\n',
      '    runs-on: ubuntu-latest\n    environment: production\n'
    )
    const report = makeReport({
      env: { ...keys, AWS_SECRET_ACCESS_KEY: ` ${SECRET}` },
      workflow
    })
    const summary = renderSummary(report)
    expect(summary).toContain(
      'gh secret set PROD_AWS_SECRET --env production --repo octo-org/octo-repo'
    )
    expect(summary).toContain('Settings → Environments → `production`')
  })

  test('an environment name with spaces or shell syntax is one quoted word in the commands', () => {
    const workflow = WORKFLOW.replace(
      '    runs-on: ubuntu-latest\n',
      '    runs-on: ubuntu-latest\n    environment: "prod $(echo pwned)"\n'
    )
    const report = makeReport({
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
      workflow
    })
    const summary = renderSummary(report)
    expect(summary).toContain(
      "gh secret set PROD_AWS_KEY_ID --env 'prod $(echo pwned)' --repo octo-org/octo-repo"
    )
    expect(summary).toContain("gh secret list --env 'prod $(echo pwned)' --repo octo-org/octo-repo")
    expect(summary).not.toMatch(/--env prod \$/u)
  })

  test('Dependabot runs are told to add the secrets for Dependabot', () => {
    const report = makeReport({
      env: {
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        GITHUB_ACTOR: 'dependabot[bot]',
        GITHUB_TRIGGERING_ACTOR: 'dependabot[bot]'
      },
      workflow: WORKFLOW,
      extraFindings: [
        finding('dependabot-secrets-unavailable', {
          message: 'Dependabot triggered this run.',
          remediation: 'Add Dependabot secrets.'
        })
      ]
    })
    const summary = renderSummary(report)
    expect(summary).toContain(
      'gh secret set PROD_AWS_KEY_ID --app dependabot --repo octo-org/octo-repo'
    )
    expect(summary).toContain('/settings/secrets/dependabot')
  })

  test('a remote finding without a value of its own points at the values it implies', () => {
    const report = makeReport({
      env: keys,
      workflow: WORKFLOW,
      extraFindings: [
        finding('signature-mismatch', {
          message: 'STS answered SignatureDoesNotMatch.',
          remediation: 'Set the matching secret.',
          evidence: ['https://sts.eu-west-1.amazonaws.com answered 403 SignatureDoesNotMatch']
        })
      ]
    })
    const summary = renderSummary(report)
    expect(summary).toContain('answered 403 SignatureDoesNotMatch')
    expect(summary).toContain('gh secret set PROD_AWS_SECRET --repo octo-org/octo-repo')
    const located = report.findings.find(item => item.id === 'signature-mismatch')
    expect(located?.location).toMatchObject({
      file: WORKFLOW_PATH,
      line: lineOf(WORKFLOW, 'PROD_AWS_SECRET')
    })
  })

  test('without a workflow file the fix stays generic and says where the value came from', () => {
    const report = makeReport({ env: { ...keys, AWS_SECRET_ACCESS_KEY: `${SECRET}\t` } })
    const summary = renderSummary(report)
    expect(summary).toContain('is not set in this job')
    expect(summary).not.toContain('gh secret set PROD_AWS_SECRET')
  })

  test('a credential written into the workflow file is called out but never shown', () => {
    const workflow = WORKFLOW.replace('${{ secrets.PROD_AWS_SECRET }}', `"${SECRET} "`)
    const report = makeReport({
      env: { ...keys, AWS_SECRET_ACCESS_KEY: `${SECRET} ` },
      workflow
    })
    const summary = renderSummary(report)
    expect(summary).toContain('written into the workflow file itself')
    expectNoFragment(summary, SECRET)
  })
})

describe('the rest of the page', () => {
  test('lists the checks made and the credential sources with their secrets', () => {
    const report = makeReport({
      env: keys,
      workflow: WORKFLOW,
      remote: {
        checks: [
          { name: 'STS GetCallerIdentity', outcome: 'fail', detail: '403 InvalidClientTokenId' },
          { name: 'IAM GetAccessKeyLastUsed', outcome: 'skip', detail: 'not called' }
        ]
      }
    })
    const summary = renderSummary(report)
    expect(summary).toContain('### Checks')
    expect(summary).toContain('| ❌ | STS GetCallerIdentity | 403 InvalidClientTokenId |')
    expect(summary).toContain('| ⏭️ | IAM GetAccessKeyLastUsed | not called |')
    expect(summary).toMatch(/Offline checks of the values .* looked for \d+ problems/u)
    expect(summary).toContain('### Credential sources')
    expect(summary).toContain('**in use**')
    expect(summary).toContain('`AWS_SECRET_ACCESS_KEY` ← secret `PROD_AWS_SECRET` (deploy.yml:')
  })

  test('the offline row names only what an offline check found, not a remote finding of a shared ID', () => {
    const refused = finding('no-credentials', {
      title: 'Profile "deploy" could not assume its role: STS answered AccessDenied',
      message: 'STS refused the AssumeRole call.',
      remediation: 'Let the role trust the source identity.'
    })
    const summary = renderSummary(makeReport({ env: keys, remote: { findings: [refused] } }))
    const row = summary.split('\n').find(line => line.includes('Offline checks of the values'))
    expect(row).toMatch(/looked for \d+ problems/u)
    expect(row).not.toContain('`no-credentials`')
    expect(summary).toContain('could not assume its role')
  })

  test('keeps table rows intact when a value holds a pipe or a newline', () => {
    const report = makeReport({
      env: keys,
      remote: { checks: [{ name: 'a | b', outcome: 'info', detail: 'line\nbreak' }] }
    })
    expect(renderSummary(report)).toContain('| ℹ️ | a \\| b | line break |')
  })
})

describe('the credential sources section', () => {
  const HOME = '/home/runner'
  const CREDENTIALS = `${HOME}/.aws/credentials`
  const CONFIG = `${HOME}/.aws/config`
  /** A second generated pair, in another account, for the profile in a file. */
  const PROFILE_KEY_ID = encodeKeyId('AKIA', '444455556666')
  const PROFILE_SECRET = generateSecretAccessKey()
  const profileKeys = `aws_access_key_id = ${PROFILE_KEY_ID}\naws_secret_access_key = ${PROFILE_SECRET}\n`
  const masked = (keyId: string): string => `\`${keyId.slice(0, 4)}…${keyId.slice(-4)}\``

  /** The section alone: from its heading to the next section. */
  function sourcesOf(summary: string): string {
    const start = summary.indexOf('### Credential sources')
    expect(start).toBeGreaterThan(0)
    const rest = summary.slice(start)
    const end = rest.indexOf('<details>')
    return end === -1 ? rest : rest.slice(0, end)
  }

  function rowOf(section: string, label: string): string {
    return section.split('\n').find(line => line.startsWith(`| ${label}<br>`)) ?? ''
  }

  test('key variables in use shadow the default profile; only masked key IDs are shown', () => {
    const report = makeReport({
      env: { ...keys, HOME },
      workflow: WORKFLOW,
      files: { [CREDENTIALS]: `[default]\n${profileKeys}` }
    })
    const summary = renderSummary(report)
    const section = sourcesOf(summary)
    expect(section).toContain('| Source | Status | Details |')
    expect(rowOf(section, 'environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY')).toBe(
      `| environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY<br>\`environment\` | **in use** | \`AWS_ACCESS_KEY_ID\`: ${masked(KEY_ID)} ← secret \`PROD_AWS_KEY_ID\` (deploy.yml:${lineOf(WORKFLOW, 'PROD_AWS_KEY_ID')})<br>\`AWS_SECRET_ACCESS_KEY\` ← secret \`PROD_AWS_SECRET\` (deploy.yml:${lineOf(WORKFLOW, 'PROD_AWS_SECRET')}) |`
    )
    expect(rowOf(section, 'profile "default" in ~/.aws/credentials')).toBe(
      `| profile "default" in ~/.aws/credentials<br>\`shared-credentials-file\` | shadowed | \`~/.aws/credentials\` lines 2, 3: key ${masked(PROFILE_KEY_ID)} |`
    )
    expect(summary).not.toContain(KEY_ID)
    expect(summary).not.toContain(PROFILE_KEY_ID)
    expectNoFragment(summary, SECRET)
    expectNoFragment(summary, PROFILE_SECRET)
  })

  test('key variables passed over because AWS_PROFILE names a profile say so', () => {
    const report = makeReport({
      env: { ...keys, HOME, AWS_PROFILE: 'ci' },
      files: { [CREDENTIALS]: `[ci]\n${profileKeys}` }
    })
    const section = sourcesOf(renderSummary(report))
    expect(rowOf(section, 'environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY')).toContain(
      '| shadowed: `AWS_PROFILE` names profile "ci", so the SDK skips the key variables |'
    )
    expect(rowOf(section, 'profile "ci" in ~/.aws/credentials')).toContain('| **in use** |')
  })

  test('an empty variable: the key pair is skipped, with the reason and the empty value', () => {
    const report = makeReport({
      env: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: '', HOME },
      workflow: WORKFLOW,
      files: {}
    })
    const section = sourcesOf(renderSummary(report))
    expect(rowOf(section, 'environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY')).toBe(
      `| environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY<br>\`environment\` | skipped: AWS_SECRET_ACCESS_KEY is empty | \`AWS_ACCESS_KEY_ID\`: ${masked(KEY_ID)} ← secret \`PROD_AWS_KEY_ID\` (deploy.yml:${lineOf(WORKFLOW, 'PROD_AWS_KEY_ID')})<br>\`AWS_SECRET_ACCESS_KEY\` (empty) ← secret \`PROD_AWS_SECRET\` (deploy.yml:${lineOf(WORKFLOW, 'PROD_AWS_SECRET')}) |`
    )
  })

  test('a source_profile chain: the role profile in use, its source used by it, details named', () => {
    const report = makeReport({
      env: { HOME, AWS_PROFILE: 'deploy' },
      files: {
        [CREDENTIALS]: `[base]\n${profileKeys}`,
        [CONFIG]:
          '[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = base\nrole_session_name = ci\n'
      }
    })
    const summary = renderSummary(report)
    const section = sourcesOf(summary)
    expect(rowOf(section, 'profile "deploy" in ~/.aws/config')).toBe(
      '| profile "deploy" in ~/.aws/config<br>`config-file` | **in use** | role: `arn:aws:iam::111122223333:role/deploy`<br>source profile: `base`<br>session name: `ci`<br>chain: "deploy" assumes arn:aws:iam::111122223333:role/deploy, with credentials of "base" (shared-credentials-file in ~/.aws/credentials) |'
    )
    expect(
      rowOf(section, 'profile "base" in ~/.aws/credentials (source_profile of "deploy")')
    ).toBe(
      `| profile "base" in ~/.aws/credentials (source_profile of "deploy")<br>\`shared-credentials-file\` | used by profile "deploy" | \`~/.aws/credentials\` lines 2, 3: key ${masked(PROFILE_KEY_ID)} |`
    )
    // Labels are words, never discovery's camelCase keys.
    expect(section).not.toMatch(/(?:^|<br>|\| )[a-z]+[A-Z][A-Za-z]*:/mu)
    expectNoFragment(summary, PROFILE_SECRET)
  })

  test('a web identity token file: its state, never the token; its claims in the OIDC section', () => {
    const path = '/var/run/secrets/eks.amazonaws.com/serviceaccount/token'
    const roleArn = 'arn:aws:iam::111122223333:role/web'
    const sub = 'repo:octo-org/octo-repo:ref:refs/heads/main'
    // Issued two hours ago, for five minutes.
    const token = makeWebIdentityToken({}, { nowSeconds: Math.floor(Date.now() / 1000) - 7200 })
    const report = makeReport({
      env: { HOME, AWS_ROLE_ARN: roleArn, AWS_WEB_IDENTITY_TOKEN_FILE: path },
      files: { [path]: `${token}\n` },
      remote: {
        oidc: { tokenSource: 'web-identity-file', tokenFile: path, roleArn, claims: { sub } }
      }
    })
    const summary = renderSummary(report)
    const section = sourcesOf(summary)
    const row = rowOf(section, 'web identity AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN')
    expect(row).toMatch(
      new RegExp(
        `^\\| web identity AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN<br>\`web-identity\` \\| \\*\\*in use\\*\\* \\| role: \`${roleArn}\`<br>token file: \`${path}\`, \\*\\*expired\\*\\* \\(it expired \\d+ (?:minutes|hours) ago\\); its claims are in the web identity token section above \\|$`,
        'u'
      )
    )
    expect(summary).toContain(`### Web identity token: \`${path}\``)
    expect(summary).toContain(`| \`sub\` | \`${sub}\` |`)
    expectNoFragment(summary, token)
  })

  test('one line per shared file under the table: where, its state, how many issues', () => {
    const report = makeReport({
      env: { ...keys, HOME, AWS_CONFIG_FILE: '/etc/aws/config' },
      files: {
        [CREDENTIALS]: `[default]\naws_access_key_id = ${PROFILE_KEY_ID} # prod\naws_secret_access_key = ${PROFILE_SECRET}\naws_secret_access_key = ${PROFILE_SECRET}\n[profile ci]\nregion = eu-west-1\n`
      }
    })
    const summary = renderSummary(report)
    const lines = sourcesOf(summary).split('\n')
    const credentials = report.discovery.shared?.files.find(file => file.kind === 'credentials')
    const issues = credentials?.issues.length ?? 0
    const breaking = credentials?.issues.filter(issue => issue.breaksCli).length ?? 0
    expect(issues).toBeGreaterThan(1)
    expect(breaking).toBe(1)
    expect(lines).toContain(
      `- Shared credentials file \`~/.aws/credentials\`: read, 1 profile, ${issues} issues (1 breaks the AWS CLI), 1 section the SDKs ignore`
    )
    expect(lines).toContain(
      '- Config file `/etc/aws/config` (from `AWS_CONFIG_FILE`): does not exist'
    )
    const table = lines.findIndex(line => line.startsWith('| Kind |'))
    expect(lines.findIndex(line => line.startsWith('- Shared credentials file'))).toBeGreaterThan(
      table
    )
    expectNoFragment(summary, PROFILE_SECRET)
  })
})

describe('the verdict quotes the message as written', () => {
  test('runs of spaces after a sentence end stay as they are, in the lead and in the rest', () => {
    const quoted = 'STS answered `InvalidIdentityToken`: "Start!    End" for the role.'
    expect(splitMessage(quoted).head).toBe(quoted)
    const long = `${'A long sentence that goes on. '.repeat(12)}Last!   "Quoted"`
    const { head, rest } = splitMessage(long)
    expect(`${head} ${rest}`.replace(/\s+/gu, ' ')).toBe(long.replace(/\s+/gu, ' '))
    expect(rest.endsWith('Last!   "Quoted"')).toBe(true)
  })

  test('a value that holds "? " or ". " is never where the lead is cut', () => {
    const first = `The AWS CLI stops with "The config profile (${escapeText('Start? End. More')}) could not be found".`
    const message = `${first}${' Another sentence follows here.'.repeat(20)}`
    expect(splitMessage(message).head.startsWith(first)).toBe(true)
  })
})
