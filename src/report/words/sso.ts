/** An SSO profile the SDK refuses before calling the portal: no usable login, or missing keys. */
import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding, SsoTokenStatus } from '../../model.js'
import { code, escapeText } from '../markdown.js'

// CI has no browser for the device-authorization login `aws sso login` starts.
const UNATTENDED =
  'SSO cannot sign in unattended in CI: use OIDC instead (`aws-actions/configure-aws-credentials` with `role-to-assume` and `permissions: id-token: write`), or on a self-hosted runner an instance or container role, and drop `AWS_PROFILE` for this job.'

const PROBLEMS: Readonly<Record<Exclude<SsoTokenStatus['state'], 'valid' | 'incomplete'>, string>> =
  {
    'no-token': 'has no cached SSO login on this runner',
    unreadable: 'has an SSO token cache file that cannot be read',
    invalid: 'has an SSO token cache file the SDK cannot use',
    expired: 'has an expired SSO login'
  }

function expiredWords(status: SsoTokenStatus, session: boolean): string {
  if (status.state !== 'expired') return ''
  // token-providers fromSso renews through the SSO OIDC service only for an sso_session profile.
  if (!session)
    return ' A legacy profile (without `sso_session`) cannot renew it: the SDK stops with "The SSO session associated with this profile has expired".'
  return status.refreshable === true
    ? ' The cache holds a refresh token, so the SDK tries to renew the login through the SSO OIDC service; that fails once the session itself has ended.'
    : ' The cache holds no refresh token, so the SDK cannot renew it.'
}

/** Why the cached login is of no use, after the problem the title names. */
function reasonOf(status: SsoTokenStatus, session: boolean): string {
  if (status.state === 'no-token') return ' Nobody ran `aws sso login` on this machine.'
  if (status.state === 'unreadable') return ` It is ${escapeText(status.detail ?? 'unreadable')}.`
  if (status.state === 'invalid') return ' It is not JSON with `accessToken` and `expiresAt`.'
  return ` It expired at ${status.expiresAt ?? 'an unknown time'}.${expiredWords(status, session)}`
}

export function ssoLoginRequired(
  fact: CheckFact<'sso-login-required'>
): Finding<'sso-login-required'> {
  const { status, inUse } = fact
  const problem =
    status.state === 'valid' || status.state === 'incomplete' ? '' : PROBLEMS[status.state]
  const reason = reasonOf(status, fact.session)
  return finding('sso-login-required', {
    ...(inUse ? {} : { severity: 'notice' }),
    title: `The SSO profile ${problem}`,
    message:
      `${escapeText(fact.source)} ${problem}: the SDK reads ${code(status.cacheFile ?? '')}.${reason}` +
      (inUse ? '' : ' This run does not use the profile.'),
    remediation: UNATTENDED,
    source: fact.source,
    evidence: loginEvidence(status)
  })
}

function loginEvidence(status: SsoTokenStatus): string[] {
  return [
    `cache file: ${code(status.cacheFile ?? '')}`,
    `state: ${status.state}`,
    ...(status.expiresAt === undefined ? [] : [`expires at: ${status.expiresAt}`]),
    ...(status.refreshable === undefined
      ? []
      : [`refresh token: ${status.refreshable ? 'present (not shown)' : 'none'}`])
  ]
}

export function ssoProfileIncomplete(
  fact: CheckFact<'sso-profile-incomplete'>
): Finding<'sso-profile-incomplete'> {
  const { status, inUse } = fact
  const keys = status.missingKeys.map(key => code(key)).join(', ')
  return finding('sso-profile-incomplete', {
    ...(inUse ? {} : { severity: 'notice' }),
    message:
      `${escapeText(fact.source)} lacks ${keys}. The JS SDK's fromSSO requires \`sso_start_url\`, \`sso_account_id\`, \`sso_region\` and \`sso_role_name\` (the first and third may come from the \`[sso-session NAME]\` section that \`sso_session\` names) and stops with "Profile is configured with invalid SSO credentials".` +
      (inUse ? '' : ' This run does not use the profile.'),
    remediation: `Add the missing keys to the profile, or better for CI: ${UNATTENDED}`,
    source: fact.source,
    evidence: status.missingKeys.map(key => `missing: ${key}`)
  })
}
