/** Where the docs of a finding live, for the version of the action the workflow used. */
import type { FindingId } from '../findings.js'
import type { GitHubContext } from '../model.js'
import { docsPath } from '../findings.js'

/** The published home of the action, used when the runner does not say where it came from. */
export const HOME_REPOSITORY = 'aws-credentials-doctor/aws-credentials-doctor'

export function docsUrl(
  id: FindingId,
  github: Pick<GitHubContext, 'actionRepository' | 'actionRef' | 'serverUrl'>
): string {
  const server = github.serverUrl ?? 'https://github.com'
  const repository = github.actionRepository ?? HOME_REPOSITORY
  const ref = github.actionRef ?? 'main'
  return `${server}/${repository}/blob/${ref}/${docsPath(id)}`
}
