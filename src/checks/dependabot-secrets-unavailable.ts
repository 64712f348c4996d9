import { defineFactCheck } from './check.js'
import { emptyCredentialVariables, secretsMissing } from './empty-credential-variable.js'

/**
 * Runs that Dependabot triggers see only Dependabot secrets: Actions secrets are empty there,
 * even when a person re-runs the workflow.
 */
export const dependabotSecretsUnavailable = defineFactCheck({
  ids: ['dependabot-secrets-unavailable'],
  detect: (discovery, settings) => {
    const github = discovery.github
    if (!github.isDependabot || !secretsMissing(discovery, settings)) return []
    const empty = emptyCredentialVariables(discovery).map(value => ({ origin: value.origin }))
    return [{ id: 'dependabot-secrets-unavailable', github, empty }]
  }
})
