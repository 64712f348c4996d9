/**
 * The finding for a credential chain that AWS refused: the source is configured and its
 * credentials were read, but a call the SDK makes with them to obtain the credentials in use
 * failed. The common case is a profile with `role_arn` and `source_profile` whose role does not
 * trust the source identity: STS answers AssumeRole with AccessDenied.
 */
import { finding } from '../findings.js'
import type { CredentialSource, Finding } from '../model.js'
import { code as inlineCode, escapeText } from '../report/markdown.js'
import { shellArg } from '../report/quoting.js'

/** AWS's AccessDenied wording: `User: ARN is not authorized to perform: ACTION on resource: ARN`. */
const NOT_AUTHORIZED = /User: (\S+) is not authorized to perform: (\S+) on resource: (\S+)/u

function accessDeniedRemediation(detail: string, roleArn: string): string {
  const match = NOT_AUTHORIZED.exec(detail)
  const caller = match?.[1]
  const principal =
    caller === undefined
      ? 'the ARN of the identity the source profile holds'
      : inlineCode(caller.replace(/\.$/u, ''))
  return [
    `The role's trust policy must let the source identity assume it: a statement with \`"Effect": "Allow"\`, \`"Action": "sts:AssumeRole"\` and \`"Principal": { "AWS": … }\` naming ${principal} (or its account, \`arn:aws:iam::ACCOUNT:root\`, in which case that identity's own IAM policy must also allow \`sts:AssumeRole\` on ${inlineCode(roleArn)}).`,
    'Check that `role_arn` names the role you mean: STS gives the same AccessDenied for a role that does not exist.'
  ].join(' ')
}

function assumeRoleRemediation(code: string, detail: string, source: CredentialSource): string {
  const roleArn = source.details.roleArn ?? 'the role'
  const from = source.details.sourceProfile
  if (code === 'AccessDenied') return accessDeniedRemediation(detail, roleArn)
  if (code === 'ValidationError')
    return "Check the profile's `role_arn`, `role_session_name` and `duration_seconds`: a session name holds 2–64 of the characters `A-Za-z0-9+=,.@_-`, and the duration may not exceed the role's maximum session duration (one hour when the source is itself a role session)."
  return from === undefined
    ? `STS refused the credentials the profile starts from (${code}). Check them on their own with \`aws sts get-caller-identity\`.`
    : `STS refused the credentials of the source profile "${escapeText(from)}" (${code}). Check them on their own with ${inlineCode(`aws sts get-caller-identity --profile ${shellArg(from)}`)}; the findings above cover what could be checked offline.`
}

/**
 * `code` is the AWS error code, `detail` the SDK's `name: message` (AWS's text: no secret
 * material), `selected` the source the SDK's chain used.
 */
export function chainRefusedFinding(
  code: string,
  detail: string,
  selected: CredentialSource | undefined
): Finding {
  const roleArn = selected?.details.roleArn
  // A web identity source also has a role ARN, but calls AssumeRoleWithWebIdentity.
  if (selected !== undefined && roleArn !== undefined && selected.tokenFile === undefined) {
    const from = selected.details.sourceProfile
    const name =
      selected.profile === undefined ? 'The profile' : `Profile "${escapeText(selected.profile)}"`
    return finding('no-credentials', {
      title: `${name} could not assume its role: STS answered ${code}`,
      source: selected.label,
      message: `The AWS SDK read the ${escapeText(selected.label)}, but STS refused the AssumeRole call into ${inlineCode(roleArn)} made with the credentials of ${from === undefined ? 'its credential source' : `profile "${escapeText(from)}"`}: ${inlineCode(detail)}. No credentials came of it, so nothing else could be checked with STS.`,
      remediation: assumeRoleRemediation(code, detail, selected),
      evidence: [inlineCode(detail)]
    })
  }
  return finding('no-credentials', {
    title: `The credentials could not be obtained: AWS answered ${code}`,
    ...(selected === undefined ? {} : { source: selected.label }),
    message: `The AWS SDK did not get credentials from ${selected === undefined ? 'any source' : `the ${escapeText(selected.label)}`}: AWS refused a call the SDK made to obtain them: ${inlineCode(detail)}. Nothing could be checked with STS.`,
    remediation:
      'Run the same credential chain by hand (`aws sts get-caller-identity` with the same profile and variables) to see which call fails and why.',
    evidence: [inlineCode(detail)]
  })
}
