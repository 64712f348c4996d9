import { defineFactCheck } from './check.js'
import { emptyCredentialVariables, secretsMissing } from './empty-credential-variable.js'

/**
 * A pull request from a fork gets no secrets: every `${{ secrets.X }}` is empty. Nothing is
 * wrong with the secrets; the run cannot see them.
 */
export const forkPrSecretsUnavailable = defineFactCheck({
  ids: ['fork-pr-secrets-unavailable'],
  detect: (discovery, settings) => {
    const github = discovery.github
    if (!github.isForkPullRequest || !secretsMissing(discovery, settings)) return []
    const empty = emptyCredentialVariables(discovery).map(value => ({ origin: value.origin }))
    return [{ id: 'fork-pr-secrets-unavailable', github, empty }]
  }
})
