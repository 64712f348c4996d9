import { finding } from '../findings.js'
import {
  sourcesInUse,
  type CredentialSource,
  type Discovery,
  type Finding,
  type SsoTokenStatus
} from '../model.js'
import { defineCheck } from './check.js'
import { code, escapeText } from '../report/markdown.js'

type Id = 'sso-login-required' | 'sso-profile-incomplete'

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

function loginFinding(
  source: CredentialSource,
  status: SsoTokenStatus,
  inUse: boolean
): Finding<Id> {
  const problem =
    status.state === 'valid' || status.state === 'incomplete' ? '' : PROBLEMS[status.state]
  const session = source.details.ssoSession !== undefined
  const reason = reasonOf(status, session)
  return finding('sso-login-required', {
    ...(inUse ? {} : { severity: 'notice' }),
    title: `The SSO profile ${problem}`,
    message:
      `${escapeText(source.label)} ${problem}: the SDK reads ${code(status.cacheFile ?? '')}.${reason}` +
      (inUse ? '' : ' This run does not use the profile.'),
    remediation: UNATTENDED,
    source: source.label,
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

function incompleteFinding(
  source: CredentialSource,
  status: SsoTokenStatus,
  inUse: boolean
): Finding<Id> {
  const keys = status.missingKeys.map(key => code(key)).join(', ')
  return finding('sso-profile-incomplete', {
    ...(inUse ? {} : { severity: 'notice' }),
    message:
      `${escapeText(source.label)} lacks ${keys}. The JS SDK's fromSSO requires \`sso_start_url\`, \`sso_account_id\`, \`sso_region\` and \`sso_role_name\` (the first and third may come from the \`[sso-session NAME]\` section that \`sso_session\` names) and stops with "Profile is configured with invalid SSO credentials".` +
      (inUse ? '' : ' This run does not use the profile.'),
    remediation: `Add the missing keys to the profile, or better for CI: ${UNATTENDED}`,
    source: source.label,
    evidence: status.missingKeys.map(key => `missing: ${key}`)
  })
}

function ssoSources(discovery: Discovery): { source: CredentialSource; inUse: boolean }[] {
  const inUse = new Set(sourcesInUse(discovery).map(source => source.label))
  const seen = new Set<string>()
  return discovery.sources
    .filter(
      source => source.ssoToken !== undefined && !seen.has(source.label) && seen.add(source.label)
    )
    .map(source => ({ source, inUse: inUse.has(source.label) }))
}

/** An SSO profile the SDK would refuse before calling the portal: judged from the files alone. */
export const ssoLoginRequired = defineCheck({
  ids: ['sso-login-required', 'sso-profile-incomplete'],
  run: discovery =>
    ssoSources(discovery).flatMap(({ source, inUse }): Finding<Id>[] => {
      const status = source.ssoToken
      if (status === undefined || status.state === 'valid') return []
      return [
        status.state === 'incomplete'
          ? incompleteFinding(source, status, inUse)
          : loginFinding(source, status, inUse)
      ]
    })
})
