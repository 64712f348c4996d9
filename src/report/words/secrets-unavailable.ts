/** The runs that receive no secrets: pull requests from forks, and Dependabot's runs. */
import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding } from '../../model.js'
import { code } from '../markdown.js'
import { describeOrigin } from './origin.js'

export function forkPrSecretsUnavailable(
  fact: CheckFact<'fork-pr-secrets-unavailable'>
): Finding<'fork-pr-secrets-unavailable'> {
  const github = fact.github
  const head =
    github.headRepository === '(deleted)'
      ? 'a fork that has since been deleted'
      : `the fork ${code(github.headRepository ?? 'another repository')}`
  const number = github.pullRequestNumber === undefined ? '' : ` #${github.pullRequestNumber}`
  return finding('fork-pr-secrets-unavailable', {
    message:
      `This run is a ${code(github.eventName ?? 'pull_request')} event for pull request${number} from ${head} into ${code(github.repository ?? 'this repository')}. ` +
      'GitHub passes no secrets to workflows triggered from a fork (only `GITHUB_TOKEN`, read-only), so the credentials are empty. Fork pull requests cannot request an OIDC token either.',
    remediation:
      'Skip the AWS steps for fork pull requests (`if: github.event.pull_request.head.repo.full_name == github.repository`) and do the AWS work on `push` after merging, or in a workflow a maintainer starts. `pull_request_target` runs with secrets, but must never build or run code from the pull request.',
    evidence: [
      `event: ${github.eventName ?? 'unknown'}`,
      `head repository: ${github.headRepository ?? 'unknown'}`,
      `base repository: ${github.repository ?? 'unknown'}`,
      ...fact.empty.map(value => `${describeOrigin(value.origin)} is ""`)
    ],
    ...(fact.empty[0] === undefined ? {} : { origin: fact.empty[0].origin })
  })
}

export function dependabotSecretsUnavailable(
  fact: CheckFact<'dependabot-secrets-unavailable'>
): Finding<'dependabot-secrets-unavailable'> {
  const github = fact.github
  const rerunBy =
    github.triggeringActor !== undefined && github.triggeringActor !== github.actor
      ? [`re-run by: ${code(github.triggeringActor)}`]
      : []
  return finding('dependabot-secrets-unavailable', {
    message:
      `This run was triggered by Dependabot (\`github.actor\` is \`dependabot[bot]\`, event ${code(github.eventName ?? 'unknown')}). ` +
      'Such runs receive only Dependabot secrets, not GitHub Actions secrets, and a read-only `GITHUB_TOKEN`; this holds even when a person re-runs the workflow. The credentials are therefore empty.',
    remediation:
      "Store the keys as Dependabot secrets under the same names (`gh secret set AWS_ACCESS_KEY_ID --app dependabot`, ideally for a separate, narrowly scoped IAM user), or skip the AWS steps with `if: github.actor != 'dependabot[bot]'`.",
    evidence: [
      `actor: ${code(github.actor ?? 'unknown')}`,
      ...rerunBy,
      `event: ${code(github.eventName ?? 'unknown')}`,
      ...fact.empty.map(value => `${describeOrigin(value.origin)} is ""`)
    ],
    ...(fact.empty[0] === undefined ? {} : { origin: fact.empty[0].origin })
  })
}
