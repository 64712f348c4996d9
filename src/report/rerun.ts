/**
 * The one sentence people most want when a deploy fails: will re-running help? From the
 * registry's `retry` class of the findings that set the status (see `retryOf`). Pure.
 */
import { definitionOf, type FindingId } from '../findings.js'
import type { Finding, Report } from '../model.js'
import { retryOf } from './verdict.js'

export const RERUN_SAFE = 'Re-running is safe and may succeed'
export const RERUN_USELESS = 'Re-running will not help'

const CHANGE: Partial<Record<FindingId, string>> = {
  'settings-invalid': "the action's inputs",
  'oidc-permission-missing': "the workflow's `permissions` (`id-token: write`)",
  'oidc-provider-missing': "the account's OIDC identity provider",
  'oidc-audience-mismatch': "the OIDC provider's audience or the `audience` input",
  'oidc-trust-policy-mismatch': "the role's trust policy (or the job's environment or ref)",
  'oidc-assume-role-invalid': 'the `role-to-assume` ARN or its trust policy',
  'role-session-duration-exceeded':
    "the step's `role-duration-seconds`, the role's maximum session duration or its trust policy",
  'region-not-enabled': 'the region, or the regions enabled in the account',
  'clock-skew': "the runner's clock",
  'missing-permissions': "the identity's IAM policies",
  'profile-not-found': 'the profile name or the config files that define it',
  'credentials-file-malformed': 'the shared credentials or config file',
  'precedence-conflict': 'the credential sources the job sets',
  'web-identity-token-invalid': 'the web identity token file',
  'multiple-active-keys': "the IAM user's access keys"
}

/** What has to change before a re-run can pass, for a finding a retry cannot fix. */
export function whatMustChange(item: Finding): string {
  const named = item.mustChange ?? CHANGE[item.id]
  if (named !== undefined) return named
  // A finding about a credential value names it as its source, or concerns one by definition.
  return item.source !== undefined || definitionOf(item.id).concerns.length > 0
    ? 'the credentials (the secrets or variables that set them)'
    : "the workflow's AWS configuration"
}

/** "Re-running is safe…" or "Re-running will not help: …"; undefined for a passing run. */
export function rerunSentence(report: Report): string | undefined {
  const retry = retryOf(report.findings)
  if (retry === undefined) return undefined
  if (retry === 'transient')
    return `${RERUN_SAFE}: the failure is temporary on the AWS or runner side; nothing needs to change.`
  const first = report.findings.find(
    item => item.severity !== 'notice' && definitionOf(item.id).retry === 'configuration'
  )
  if (retry === 'configuration' && first !== undefined)
    return `${RERUN_USELESS}: ${whatMustChange(first)} must change first.`
  return 'Re-running may help if the failure was momentary; if it fails the same way, apply the fix.'
}
