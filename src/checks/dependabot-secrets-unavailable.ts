import { finding } from '../findings.js'
import { defineCheck } from './check.js'
import { describeOrigin } from './check.js'
import { emptyCredentialVariables, secretsMissing } from './empty-credential-variable.js'
import { code } from '../report/markdown.js'

/**
 * Runs that Dependabot triggers see only Dependabot secrets: Actions secrets are empty there,
 * even when a person re-runs the workflow.
 */
export const dependabotSecretsUnavailable = defineCheck({
  ids: ['dependabot-secrets-unavailable'],
  run: (discovery, settings) => {
    const github = discovery.github
    if (!github.isDependabot || !secretsMissing(discovery, settings)) return []
    const empty = emptyCredentialVariables(discovery)
    return [
      finding('dependabot-secrets-unavailable', {
        message:
          `This run was triggered by Dependabot (\`github.actor\` is \`dependabot[bot]\`, event ${code(github.eventName ?? 'unknown')}). ` +
          'Such runs receive only Dependabot secrets, not GitHub Actions secrets, and a read-only `GITHUB_TOKEN`; this holds even when a person re-runs the workflow. The credentials are therefore empty.',
        remediation:
          "Store the keys as Dependabot secrets under the same names (`gh secret set AWS_ACCESS_KEY_ID --app dependabot`, ideally for a separate, narrowly scoped IAM user), or skip the AWS steps with `if: github.actor != 'dependabot[bot]'`.",
        evidence: [
          `actor: ${code(github.actor ?? 'unknown')}`,
          ...(github.triggeringActor !== undefined && github.triggeringActor !== github.actor
            ? [`re-run by: ${code(github.triggeringActor)}`]
            : []),
          `event: ${code(github.eventName ?? 'unknown')}`,
          ...empty.map(value => `${describeOrigin(value.origin)} is ""`)
        ],
        ...(empty[0] === undefined ? {} : { origin: empty[0].origin })
      })
    ]
  }
})
