/**
 * The one home of `sso-portal-refused`'s words, and of the SSO portal's line in the sources
 * table, from the facts src/aws/sso-portal.ts finds: the portal's code and message, and which
 * profile asked it for which role.
 */
import {
  PORTAL_STATUS as STATUS,
  portalAsk,
  type PortalAsk,
  type PortalRefusal
} from '../aws/sso-portal.js'
import { finding } from '../findings.js'
import { PROVIDER_CHECK, type CheckResult, type CredentialSource, type Finding } from '../model.js'
import { code, escapeText } from './markdown.js'

interface Words {
  readonly title: string
  readonly why: string
  readonly fix: string
}

function wordsFor(refusal: PortalRefusal, account: string, role: string): Words {
  switch (refusal.code) {
    case 'UnauthorizedException':
      return {
        title: 'The SSO portal refused the cached login: it was revoked or ended on the server',
        why: 'The cached access token has not expired by its own `expiresAt`, but the portal no longer accepts it: the session was ended in IAM Identity Center (signed out, the user disabled or removed, the session duration lowered), or the cache was copied from another machine. The AWS CLI says "The SSO session associated with this profile has expired or is otherwise invalid".',
        fix: 'A fresh `aws sso login` on this runner would renew it, but nobody can complete that login in CI.'
      }
    case 'ForbiddenException':
      return {
        title: `The SSO user has no access to role ${role} in account ${account}`,
        why: `The login is valid, but IAM Identity Center assigns the user no permission set named ${code(role)} in account ${code(account)}.`,
        fix: `Assign the permission set to the user or a group of theirs for account ${code(account)} (IAM Identity Center → AWS accounts → the account → Assign users or groups), or set \`sso_role_name\` / \`sso_account_id\` to an assignment the user has: \`aws sso list-account-roles --account-id ${account} --access-token …\` lists them on a machine where the user is signed in.`
      }
    case 'ResourceNotFoundException':
      return {
        title: `The SSO portal knows no role ${role} in account ${account}`,
        why: `The login is valid, but the portal found no permission set ${code(role)} provisioned in account ${code(account)}: a misspelt \`sso_role_name\` (it is the permission set's name, not an IAM role ARN) or \`sso_account_id\`, or an assignment that was removed.`,
        fix: 'Check `sso_account_id` (12 digits) and `sso_role_name` (the permission set name, letter case included) against `aws sso list-accounts` and `aws sso list-account-roles` on a machine where the user is signed in.'
      }
    case 'TooManyRequestsException':
      return {
        title: 'The SSO portal throttled GetRoleCredentials',
        why: 'The portal answered 429: too many credential requests for this login at once (a large matrix of jobs sharing one cached login).',
        fix: 'Re-run the job, or give each job its own credentials: the SDK caches the role credentials only within one process.'
      }
    case 'InvalidRequestException':
      return {
        title: 'The SSO portal rejected the GetRoleCredentials request',
        why: 'The portal judged the request malformed: typically an `sso_account_id` that is not 12 digits or an empty `sso_role_name`.',
        fix: "Correct the profile's `sso_account_id` and `sso_role_name`."
      }
  }
}

/**
 * The SSO login is a person's: even a working one expires within hours and cannot be renewed
 * unattended, so the lasting fix is not SSO in CI.
 */
const UNATTENDED =
  'For CI, prefer credentials that need no person: OIDC (`aws-actions/configure-aws-credentials` with `role-to-assume` and `permissions: id-token: write`), or an instance or container role on a self-hosted runner.'

/** The finding for the portal's refusal, in words. */
export function portalRefusedFinding(refusal: PortalRefusal, ask: PortalAsk): Finding {
  const { sso, selected } = ask
  const account = ask.account ?? '(unknown)'
  const role = ask.role ?? '(unknown)'
  const words = wordsFor(refusal, account, role)
  const where =
    ask.region === undefined ? 'the SSO portal' : `the SSO portal of ${code(ask.region)}`
  const said = `${refusal.code}: ${refusal.message}`
  return finding('sso-portal-refused', {
    title: words.title,
    ...(selected === undefined ? {} : { source: selected.label }),
    message: `The AWS SDK read the ${escapeText(sso?.label ?? 'SSO profile')}${sso !== selected && selected !== undefined ? ` (the \`source_profile\` chain of the ${escapeText(selected.label)})` : ''} and its cached login, and asked ${where} for the credentials of role ${code(role)} in account ${code(account)} (GetRoleCredentials); the portal answered HTTP ${STATUS[refusal.code]} ${code(said)}. ${words.why}`,
    remediation: `${words.fix} ${UNATTENDED}`,
    evidence: [
      `GetRoleCredentials: HTTP ${STATUS[refusal.code]} ${escapeText(said)}`,
      `account ${code(account)}, role ${code(role)}`,
      'the access token was sent in the `x-amz-sso_bearer_token` header and is not shown'
    ]
  })
}

export function ssoPortalFinding(
  refusal: PortalRefusal,
  selected: CredentialSource | undefined,
  sources: readonly CredentialSource[] = []
): Finding {
  return portalRefusedFinding(refusal, portalAsk(selected, sources))
}

/**
 * What the portal answered, for the sources table: the JS SDK's SSO provider asks it, so only
 * its verdict is known (the refusal's status and code, or that role credentials came back),
 * not its timing. Never the token, never the credentials.
 */
export function portalCheck(
  refusal: PortalRefusal | undefined,
  selected: CredentialSource | undefined,
  sources: readonly CredentialSource[]
): CheckResult {
  const ask = portalAsk(selected, sources)
  const asked = `GetRoleCredentials for role ${ask.role ?? '(unknown)'} in account ${ask.account ?? '(unknown)'}`
  return {
    name: PROVIDER_CHECK.sso ?? 'SSO portal',
    outcome: refusal === undefined ? 'pass' : 'info',
    detail:
      refusal === undefined
        ? `${asked}: role credentials`
        : `${asked}: HTTP ${STATUS[refusal.code]} ${refusal.code}: ${refusal.message}`
  }
}
