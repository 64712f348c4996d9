/**
 * The RoleSessionName for the test assumption. STS requires 2–64 characters of `[\w+=,.@-]`
 * (oidc-facts §1); configure-aws-credentials has failed on names like `dependabot[bot]`, so the
 * name is built only from safe parts; `SESSION_NAME_PATTERN` is STS's rule, for the tests.
 */
import type { GitHubContext } from '../model.js'

export const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/u
const PREFIX = 'aws-credentials-doctor'

export function sessionName(github: Pick<GitHubContext, 'runId'>): string {
  const runId = (github.runId ?? '').replace(/[^\w+=,.@-]/gu, '')
  const name = runId === '' ? PREFIX : `${PREFIX}-${runId}`
  return name.slice(0, 64)
}
