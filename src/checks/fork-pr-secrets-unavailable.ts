import { finding } from '../findings.js'
import { defineCheck } from './check.js'
import { describeOrigin } from './check.js'
import { emptyCredentialVariables, secretsMissing } from './empty-credential-variable.js'
import { code } from '../report/markdown.js'

/**
 * A pull request from a fork gets no secrets: every `${{ secrets.X }}` is empty. Nothing is
 * wrong with the secrets; the run cannot see them.
 */
export const forkPrSecretsUnavailable = defineCheck({
  ids: ['fork-pr-secrets-unavailable'],
  run: (discovery, settings) => {
    const github = discovery.github
    if (!github.isForkPullRequest || !secretsMissing(discovery, settings)) return []
    const empty = emptyCredentialVariables(discovery)
    const head =
      github.headRepository === '(deleted)'
        ? 'a fork that has since been deleted'
        : `the fork ${code(github.headRepository ?? 'another repository')}`
    return [
      finding('fork-pr-secrets-unavailable', {
        message:
          `This run is a ${code(github.eventName ?? 'pull_request')} event for pull request${github.pullRequestNumber === undefined ? '' : ` #${github.pullRequestNumber}`} from ${head} into ${code(github.repository ?? 'this repository')}. ` +
          'GitHub passes no secrets to workflows triggered from a fork (only `GITHUB_TOKEN`, read-only), so the credentials are empty. Fork pull requests cannot request an OIDC token either.',
        remediation:
          'Skip the AWS steps for fork pull requests (`if: github.event.pull_request.head.repo.full_name == github.repository`) and do the AWS work on `push` after merging, or in a workflow a maintainer starts. `pull_request_target` runs with secrets, but must never build or run code from the pull request.',
        evidence: [
          `event: ${github.eventName ?? 'unknown'}`,
          `head repository: ${github.headRepository ?? 'unknown'}`,
          `base repository: ${github.repository ?? 'unknown'}`,
          ...empty.map(value => `${describeOrigin(value.origin)} is ""`)
        ],
        ...(empty[0] === undefined ? {} : { origin: empty[0].origin })
      })
    ]
  }
})
