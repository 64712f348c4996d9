import { finding } from '../findings.js'
import { sourcesInUse, type Finding, type TokenFileStatus } from '../model.js'
import { defineCheck } from './check.js'
import { describeOrigin } from './check.js'
import { code, escapeText } from '../report/markdown.js'

const PROBLEMS: Readonly<Record<Exclude<TokenFileStatus['state'], 'valid'>, string>> = {
  missing: 'does not exist on this runner',
  unreadable: 'cannot be read',
  empty: 'is empty',
  'not-jwt': 'does not hold a JWT',
  expired: 'holds an expired token'
}

/** A web identity token file that the SDK would fail to exchange: judged offline, before STS. */
export const webIdentityTokenInvalid = defineCheck({
  ids: ['web-identity-token-invalid'],
  run: discovery =>
    sourcesInUse(discovery).flatMap((source): Finding<'web-identity-token-invalid'>[] => {
      const status = source.tokenFile
      if (status === undefined || status.state === 'valid') return []
      const claims = Object.entries(status.claims ?? {}).map(([name, value]) => `${name}: ${value}`)
      return [
        finding('web-identity-token-invalid', {
          title: `The web identity token file ${PROBLEMS[status.state]}`,
          message:
            `The token file ${code(status.path)} (${describeOrigin(status.origin)}) ${PROBLEMS[status.state]}${status.detail === undefined ? '' : `: ${status.detail}`}. ` +
            `${escapeText(source.label)} cannot exchange it for credentials${source.details.roleArn === undefined ? '' : ` of ${code(source.details.roleArn)}`}; the SDK stops with an error instead of trying another source.`,
          remediation:
            status.state === 'expired'
              ? 'Write a fresh token right before the steps that use it (GitHub OIDC tokens are short-lived), or let `aws-actions/configure-aws-credentials` with `role-to-assume` request the token and assume the role itself.'
              : 'Write only the JWT to the file, in this job and before this step: `curl -sS -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=sts.amazonaws.com" | jq -r .value > "$RUNNER_TEMP/web-identity-token"` (the job needs `permissions: id-token: write`). Remove web identity variables that belong to another environment (a pod spec, a container image).',
          source: source.label,
          evidence: [`file: ${status.path}`, `state: ${status.state}`, ...claims],
          origin: status.origin
        })
      ]
    })
})
