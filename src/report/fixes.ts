/**
 * The fix for this repository: the steps a finding's generic remediation turns into once the
 * workflow file, the secrets it reads and the identity are known. Names secrets as the
 * workflow writes them, gives the `gh` commands and the settings pages. Pure; never holds a
 * secret value (the key ID only masked).
 */
import type { FindingId } from '../findings.js'
import type { CallerIdentity, Finding, Report } from '../model.js'
import { maskAccessKeyId } from '../redact.js'
import type { ReportReferences, ValueReference } from './references.js'
import { code } from './markdown.js'
import { shellArg } from './quoting.js'

export interface FixStep {
  /** One instruction, as Markdown inline text. */
  readonly text: string
  /** A command to run (or a snippet to paste), shown as a code block under the instruction. */
  readonly command?: string
  /** The language of `command`: shell unless said otherwise. */
  readonly language?: 'sh' | 'yaml'
}

interface FixContext {
  readonly report: Report
  readonly references: ReportReferences
  readonly repository?: string
  readonly server: string
  readonly maskedKey: string
}

const PART_VARIABLES = {
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN'
} as const

/** What `describeValue` leaves out where the sentence around it names that part already. */
export interface DescribeOptions {
  /** Name the workflow file (default), or only the line where the file is named nearby. */
  readonly file?: boolean
  /** Name the secret behind the value (default), or not where the sentence names it. */
  readonly secret?: boolean
}

/** `AWS_SECRET_ACCESS_KEY` (`.github/workflows/ci.yml` line 14, from secret `PROD_AWS_SECRET`). */
export function describeValue(value: ValueReference, options: DescribeOptions = {}): string {
  const name = value.origin.kind === 'file' ? value.origin.key : value.origin.name
  const where = value.origin.kind === 'input' ? `input ${code(name)}` : code(name)
  const reference = value.reference
  if (reference === undefined) return where
  const at =
    options.file === false
      ? `line ${reference.line}`
      : `${code(reference.file)} line ${reference.line}`
  if (reference.secret !== undefined) {
    if (options.secret === false) return `${where} (${at})`
    return `${where} (${at}, from secret ${code(reference.secret)})`
  }
  if (reference.variable !== undefined)
    return `${where} (${at}, from configuration variable ${code(reference.variable)})`
  if (reference.literal) return `${where} (${at}, written into the workflow file itself)`
  return `${where} (${at})`
}

function repoFlag(context: FixContext): string {
  return context.repository === undefined ? '' : ` --repo ${shellArg(context.repository)}`
}

function settingsUrl(context: FixContext, page: string): string | undefined {
  return context.repository === undefined
    ? undefined
    : `${context.server}/${context.repository}/settings/${page}`
}

/** The command and the settings page that set what a workflow line reads. */
function setSteps(
  value: ValueReference,
  context: FixContext,
  why: string,
  app?: 'dependabot'
): FixStep[] {
  const reference = value.reference
  if (reference?.secret !== undefined) {
    const scope =
      app === 'dependabot'
        ? ' --app dependabot'
        : reference.environment === undefined
          ? ''
          : ` --env ${shellArg(reference.environment)}`
    const page =
      app === 'dependabot'
        ? settingsUrl(context, 'secrets/dependabot')
        : reference.environment === undefined
          ? settingsUrl(context, 'secrets/actions')
          : settingsUrl(context, 'environments')
    const where =
      app === 'dependabot'
        ? 'Settings → Secrets and variables → Dependabot'
        : reference.environment === undefined
          ? 'Settings → Secrets and variables → Actions'
          : `Settings → Environments → ${code(reference.environment)} → Environment secrets`
    // A reason that names the secret already (the value comes from it) need not name it again.
    const named =
      app !== 'dependabot' &&
      reference.environment === undefined &&
      why.includes(code(reference.secret))
    return [
      {
        text: `${why} Update ${named ? 'that secret' : `${app === 'dependabot' ? 'the Dependabot secret' : 'secret'} ${code(reference.secret)}${reference.environment === undefined || app === 'dependabot' ? '' : ` of environment ${code(reference.environment)}`}`}; \`gh\` asks for the value, which keeps it out of your shell history. Paste it exactly as IAM showed it: no quotes, spaces or line break.`,
        command: `gh secret set ${shellArg(reference.secret)}${scope}${repoFlag(context)}`
      },
      {
        text: `Or in the browser: ${where} → ${code(reference.secret)}${page === undefined ? '' : ` (${page})`}.`
      }
    ]
  }
  if (reference?.variable !== undefined) {
    return [
      {
        text: `${why} It comes from configuration variable ${code(reference.variable)}, which is not secret: keep the secret access key in a secret instead. Set the variable:`,
        command: `gh variable set ${shellArg(reference.variable)}${repoFlag(context)}`
      }
    ]
  }
  if (reference?.literal === true) {
    const name = PART_VARIABLES[value.part]
    return [
      {
        text: `${why} The value is written into ${code(reference.file)} line ${reference.line} itself. Move it into a secret and read it with ${code(`\${{ secrets.${name} }}`)}:`,
        command: `gh secret set ${shellArg(name)}${repoFlag(context)}`
      }
    ]
  }
  if (reference === undefined && value.origin.kind === 'env') {
    return [
      {
        text: `${why} ${code(value.origin.name)} is not set in this job's workflow file: an earlier step exported it (through \`$GITHUB_ENV\`) or the runner's environment holds it. Fix it where it is set.`
      }
    ]
  }
  return [{ text: why }]
}

function userName(identity: CallerIdentity | undefined): string | undefined {
  const match = /:user\/(?:.*\/)?([^/]+)$/u.exec(identity?.arn ?? '')
  return match?.[1]
}

/** The IAM user as a shell word for a command, or a placeholder where it is not known. */
function userArg(context: FixContext): string {
  const user = userName(context.report.remote.identity)
  return user === undefined ? '<user>' : shellArg(user)
}

function roleName(identity: CallerIdentity | undefined): string | undefined {
  const match = /:assumed-role\/([^/]+)\//u.exec(identity?.arn ?? '')
  return match?.[1]
}

/** Step one of every rotation: a new key for the IAM user, in the console or the CLI. */
function createKeyStep(context: FixContext): FixStep {
  const user = userName(context.report.remote.identity)
  if (user === undefined)
    return {
      text: 'Create a new access key for the IAM user: IAM console → Users → `<user>` → Security credentials → Create access key, or:',
      command: 'aws iam create-access-key --user-name <user>'
    }
  return {
    // The user is named once; the console path and its link point at it.
    text: `Create a new access key for the IAM user ${code(user)}: IAM console → Users → that user → Security credentials → Create access key (https://console.aws.amazon.com/iam/home#/users/details/${encodeURIComponent(user)}?section=security_credentials), or:`,
    command: `aws iam create-access-key --user-name ${shellArg(user)}`
  }
}

const PAIR_PART: Readonly<Record<string, string>> = {
  accessKeyId: 'the new `AccessKeyId`',
  secretAccessKey: 'its `SecretAccessKey`',
  sessionToken: 'its `SessionToken`'
}

/**
 * One step that stores a whole key pair: every secret the workflow reads it from, with one
 * `gh secret set` line each. Where the workflow does not name secrets, the first value's own
 * explanation stands in.
 */
function pairStep(
  item: Finding,
  context: FixContext,
  intro: string,
  app?: 'dependabot'
): FixStep[] {
  const values = context.references
    .valuesOf(item)
    .filter(value => value.part === 'accessKeyId' || value.part === 'secretAccessKey')
  const secrets = values.filter(value => value.reference?.secret !== undefined)
  const first = values[0]
  if (secrets.length === 0)
    return first === undefined ? [] : setSteps(first, context, intro, app).slice(0, 1)
  const commands = secrets.map(value => {
    const reference = value.reference
    const scope =
      app === 'dependabot'
        ? ' --app dependabot'
        : reference?.environment === undefined
          ? ''
          : ` --env ${shellArg(reference.environment)}`
    return `gh secret set ${shellArg(reference?.secret ?? '')}${scope}${repoFlag(context)}`
  })
  const names = secrets
    .map(value => `${code(value.reference?.secret ?? '')} (${PAIR_PART[value.part] ?? ''})`)
    .join(' and ')
  return [
    {
      text: `${intro} Update ${app === 'dependabot' ? 'the Dependabot secrets' : 'secrets'} ${names}; \`gh\` asks for each value, which keeps them out of your shell history.`,
      command: commands.join('\n')
    }
  ]
}

/** The steps for values that are wrong as written: set them again. */
function resetValue(item: Finding, context: FixContext, why: string): FixStep[] {
  const first = context.references.valuesOf(item)[0]
  if (first === undefined) return []
  return setSteps(first, context, `${why} The value comes from ${describeValue(first)}.`)
}

type Recipe = (item: Finding, context: FixContext) => FixStep[]

/**
 * One entry per finding ID, `null` where the generic remediation is all there is to say: a new
 * ID without an entry, or a misspelt key, fails the type check instead of silently dropping a
 * fix from the summary.
 */
const RECIPES: Readonly<Record<FindingId, Recipe | null>> = {
  'invisible-characters': (item, context) =>
    resetValue(item, context, 'Set it again without the stray characters.'),
  'quoted-value': (item, context) =>
    resetValue(item, context, 'Set it again without the quotes: secrets are stored verbatim.'),
  'access-key-id-malformed': (item, context) =>
    resetValue(
      item,
      context,
      'Copy the access key ID again (IAM console → Users → Security credentials, or the downloaded CSV) and set it.'
    ),
  'secret-access-key-malformed': (item, context) =>
    resetValue(
      item,
      context,
      'Set it again with the complete 40-character secret (IAM shows it only once: if it is lost, create a new access key).'
    ),
  'placeholder-credentials': (item, context) =>
    resetValue(item, context, 'Replace the placeholder with the real value.'),
  'example-credentials': (item, context) => [
    createKeyStep(context),
    ...pairStep(item, context, 'Store it in place of the example keys.')
  ],
  'keys-swapped': (item, context) => {
    const values = context.references.valuesOf(item)
    return [
      {
        text: `The key ID and the secret are in each other's places: ${values.map(value => describeValue(value)).join(' and ')}.`
      },
      ...pairStep(item, context, 'Swap them: give each secret the other one’s value.')
    ]
  },
  'signature-mismatch': (item, context) => [
    ...resetValue(
      item,
      context,
      `The secret does not belong to key ID ${code(context.maskedKey || 'in use')}: set the secret that was created with it.`
    ),
    ...(context.maskedKey === ''
      ? []
      : [
          {
            text: 'IAM shows a secret only once: if it is lost, create a new access key and set both secrets.'
          }
        ])
  ],
  'empty-credential-variable': (item, context) => {
    const empty = context.references.valuesOf(item).filter(value => value.empty)
    const steps = empty.flatMap(value => {
      const secret = value.reference?.secret
      const environment = value.reference?.environment
      return [
        {
          text: `${describeValue(value, { secret: false })} is empty in this run${secret === undefined ? '.' : `: secret ${code(secret)} does not exist${environment === undefined ? '' : ` in environment ${code(environment)} or the repository`}, is spelled differently, or is empty. See which secrets exist:`}`,
          ...(secret === undefined
            ? {}
            : {
                command: `gh secret list${repoFlag(context)}${environment === undefined ? '' : `\ngh secret list --env ${shellArg(environment)}${repoFlag(context)}`}`
              })
        },
        ...(secret === undefined ? [] : setSteps(value, context, 'Create or fix it.').slice(0, 1))
      ]
    })
    // One caveat for all the repository secrets: the steps above named each of them already.
    const repositorySecrets = empty.filter(
      value => value.reference?.secret !== undefined && value.reference.environment === undefined
    )
    if (repositorySecrets.length === 0) return steps
    const them =
      repositorySecrets.length === 1
        ? 'it is an environment secret'
        : 'they are environment secrets'
    return [
      ...steps,
      {
        text: `If ${them}, the job must name that environment (\`environment: NAME\`) to receive ${repositorySecrets.length === 1 ? 'it' : 'them'}.`
      }
    ]
  },
  'incomplete-credentials': (item, context) => {
    const present = context.references.valuesOf(item).filter(value => !value.empty)
    const first = present[0]
    if (first === undefined) return []
    const missing = first.part === 'accessKeyId' ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'
    return [
      {
        text: `Only ${describeValue(first)} is set. Add ${code(missing)} beside it${first.reference === undefined ? '' : ` (next to line ${first.reference.line})`}, from the secret that holds the other half of the pair.`
      }
    ]
  },
  'session-token-missing': (item, context) => {
    const key = context.references.valuesOf(item)[0]
    return [
      {
        text: `The ASIA key ID in ${key === undefined ? 'use' : describeValue(key)} is temporary and needs its session token. Add ${code('AWS_SESSION_TOKEN')} beside it from the same source, or better, let \`aws-actions/configure-aws-credentials\` produce all three with OIDC.`
      }
    ]
  },
  'session-token-unexpected': (item, context) => {
    const token = context.references.valuesOf(item)[0]
    return [
      {
        text: `Remove ${token === undefined ? code('AWS_SESSION_TOKEN') : describeValue(token)}: a long-term AKIA key takes no session token, and STS rejects the pair.`
      }
    ]
  },
  'invalid-client-token-id': (item, context) => [
    {
      text: `AWS does not know key ID ${code(context.maskedKey || 'in use')}. Check it in IAM: IAM console → Users → Security credentials lists each key's last four characters. If it was deleted, create a new one:`
    },
    createKeyStep(context),
    ...pairStep(item, context, 'Store the new pair.')
  ],
  'access-key-inactive': (item, context) => {
    const user = userName(context.report.remote.identity) ?? '<user>'
    return [
      {
        text: `Key ${code(context.maskedKey)} is Inactive. If it was deactivated on purpose, rotate: create a new key and set both secrets. To reactivate it, find it by its last four characters and set it Active:`,
        command: `aws iam list-access-keys --user-name ${shellArg(user)}\naws iam update-access-key --user-name ${shellArg(user)} --status Active --access-key-id <key ID ending in ${context.maskedKey.slice(-4)}>`
      },
      ...pairStep(item, context, 'Or rotate: after creating a new key, store it.')
    ]
  },
  'access-key-age': (item, context) => [
    createKeyStep(context),
    ...pairStep(item, context, 'Store the new pair.'),
    {
      text: `Run this workflow once; when it passes, deactivate and then delete the old key (the one ending in ${code(context.maskedKey.slice(-4))}):`,
      command: `aws iam list-access-keys --user-name ${userArg(context)}\naws iam update-access-key --user-name ${userArg(context)} --status Inactive --access-key-id <old key ID>`
    },
    {
      text: 'Better still, retire the key: the OIDC migration guide in this summary replaces it with short-lived credentials.'
    }
  ],
  'root-credentials': (item, context) => [
    {
      text: 'Delete the root user’s access keys: AWS console → account menu → Security credentials → Access keys. Give CI an IAM role (OIDC) or an IAM user with only the permissions it needs.'
    },
    ...pairStep(item, context, 'Then replace the secrets that hold them with the new credentials.')
  ],
  'expired-token': (item, context) => {
    const token = context.references
      .valuesOf(item)
      .find(value => value.part === 'sessionToken' || value.part === 'accessKeyId')
    if (token?.reference?.secret !== undefined) {
      return [
        {
          text: `The temporary credentials are stored in secret ${code(token.reference.secret)} (${code(token.reference.file)} line ${token.reference.line}): stored session credentials always expire. Replace them with OIDC (\`role-to-assume\` and \`id-token: write\`).`
        }
      ]
    }
    return [
      {
        text: 'The session was issued by an earlier step. Obtain it in the same job, right before the AWS work, or raise `role-duration-seconds` within the role’s maximum session duration.'
      }
    ]
  },
  'fork-pr-secrets-unavailable': () => [
    {
      text: 'Keep AWS steps out of fork pull requests, which never receive secrets:',
      command: 'if: github.event.pull_request.head.repo.full_name == github.repository',
      language: 'yaml'
    }
  ],
  'dependabot-secrets-unavailable': (item, context) => {
    const steps = pairStep(
      item,
      context,
      'Dependabot runs read Dependabot secrets only: add the same secrets there.',
      'dependabot'
    )
    const page = settingsUrl(context, 'secrets/dependabot')
    return steps.length === 0
      ? []
      : [
          ...steps,
          {
            text: `Or in the browser: Settings → Secrets and variables → Dependabot${page === undefined ? '' : ` (${page})`}.`
          }
        ]
  },
  'account-mismatch': (item, context) => {
    const input = context.references.lineOf({ kind: 'input', name: 'expected-account-id' })
    return [
      ...pairStep(
        item,
        context,
        `These keys belong to account ${code(context.report.outputs['account-id'] ?? '')}. If that is wrong, store keys of the expected account.`
      ),
      {
        text: `If the account is right, add it to ${code('expected-account-id')}${input === undefined ? '' : ` (${code(input.file)} line ${input.line})`}.`
      }
    ]
  },
  'credential-variable-misnamed': null,
  'region-invalid': null,
  'config-variable-invalid': null,
  'endpoint-override-unreachable': null,
  'region-not-enabled': (_item, context) => {
    const region = context.report.discovery.region
    const line = context.references.lineOf(region.origin)
    return [
      {
        text: `Enable ${code(region.value)} for the account (AWS console → account menu → Account → AWS Regions → Enable), or use an enabled region${line === undefined ? '' : ` (${code(line.file)} line ${line.line} sets it)`}.`
      }
    ]
  },
  'missing-permissions': (_item, context) => {
    const identity = context.report.remote.identity
    const user = userName(identity)
    const role = roleName(identity)
    if (user === undefined && role === undefined) return []
    return [
      {
        text:
          user === undefined
            ? `Grant the actions to role ${code(role ?? '')}: IAM console → Roles → ${code(role ?? '')} → Permissions → Add permissions.`
            : `Grant the actions to user ${code(user)}: IAM console → Users → ${code(user)} → Permissions → Add permissions.`
      }
    ]
  },
  'precedence-conflict': (_item, context) => {
    const profile =
      context.references.lineOf({ kind: 'env', name: 'AWS_PROFILE' }) ??
      context.references.lineOf({ kind: 'env', name: 'AWS_DEFAULT_PROFILE' })
    const key = context.references.lineOf({ kind: 'env', name: 'AWS_ACCESS_KEY_ID' })
    const lines = [profile, key]
      .filter(line => line !== undefined)
      .map(line => `${code(line.file)} line ${line.line}`)
    return lines.length === 0
      ? []
      : [{ text: `Keep one of the two: the profile or the key variables (${lines.join(', ')}).` }]
  },
  'clock-skew': () => [
    {
      text: 'On a self-hosted runner, turn on time synchronisation:',
      command: 'sudo timedatectl set-ntp true'
    }
  ],
  'long-term-credentials': () => [
    { text: 'Follow the OIDC migration guide in this summary: it is written for this repository.' }
  ],
  'settings-invalid': null,
  'internal-error': null,
  'oidc-permission-missing': null,
  'profile-not-found': null,
  'no-credentials': null,
  'credential-process-failed': null,
  'instance-metadata-failed': null,
  'container-credentials-failed': null,
  'credentials-file-malformed': null,
  'web-identity-token-invalid': null,
  'sso-profile-incomplete': null,
  'sso-login-required': null,
  'sso-portal-refused': null,
  'role-profile-mfa-required': null,
  'oidc-token-request-failed': null,
  'oidc-provider-missing': null,
  'oidc-audience-mismatch': null,
  'oidc-trust-policy-mismatch': null,
  'oidc-trust-policy-permissive': null,
  'oidc-token-expired': null,
  'oidc-assume-role-invalid': null,
  'role-session-duration-exceeded': null,
  'sts-timeout': null,
  'sts-unreachable': null,
  'sts-service-error': null,
  'permissions-unverified': null,
  'multiple-active-keys': null,
  'access-key-unused': null,
  'oidc-token-claims': null,
  'iam-check-skipped': null
}

/** The repository-specific steps for a finding; empty when there is nothing specific to say. */
export function repositoryFix(
  item: Finding,
  report: Report,
  references: ReportReferences
): FixStep[] {
  const recipe = RECIPES[item.id]
  if (recipe === null) return []
  const github = report.discovery.github
  return recipe(item, {
    report,
    references,
    ...(github.repository === undefined ? {} : { repository: github.repository }),
    server: github.serverUrl ?? 'https://github.com',
    maskedKey: report.outputs['access-key-id'] ?? maskAccessKeyId(undefined)
  })
}
