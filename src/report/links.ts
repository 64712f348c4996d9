/** Where the docs of a finding live, for the version of the action the workflow used. */
import type { FindingId } from '../findings.js'
import type { GitHubContext } from '../model.js'
import { docsPath } from '../findings.js'
import { pathSegment } from './markdown.js'

/** The published home of the action, used when the runner does not say where it came from. */
export const HOME_REPOSITORY = 'aws-credentials-doctor/aws-credentials-doctor'

export function docsUrl(
  id: FindingId,
  github: Pick<GitHubContext, 'actionRepository' | 'actionRef' | 'serverUrl'>
): string {
  const server = github.serverUrl ?? 'https://github.com'
  // The repository and the ref come from the runner's environment: each part a path segment.
  const repository = (github.actionRepository ?? HOME_REPOSITORY).split('/').map(pathSegment)
  const ref = (github.actionRef ?? 'main').split('/').map(pathSegment)
  return `${server}/${repository.join('/')}/blob/${ref.join('/')}/${docsPath(id)}`
}
