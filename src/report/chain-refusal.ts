/**
 * The words of a credential chain that AWS refused (a `no-credentials` finding), from the facts
 * src/aws/chain-refusal.ts finds: which role refused whom, or which call of the chain failed.
 */
import { chainRefusal, type ChainRefusal } from '../aws/chain-refusal.js'
import { finding } from '../findings.js'
import type { CredentialSource, Finding } from '../model.js'
import { code as inlineCode, escapeText } from './markdown.js'
import { shellArg } from './quoting.js'

type RoleRefused = Extract<ChainRefusal, { kind: 'role-refused' }>

function accessDeniedRemediation(refusal: RoleRefused): string {
  const principal =
    refusal.caller === undefined
      ? 'the ARN of the identity the source profile holds'
      : inlineCode(refusal.caller)
  return [
    `The role's trust policy must let the source identity assume it: a statement with \`"Effect": "Allow"\`, \`"Action": "sts:AssumeRole"\` and \`"Principal": { "AWS": … }\` naming ${principal} (or its account, \`arn:aws:iam::ACCOUNT:root\`, in which case that identity's own IAM policy must also allow \`sts:AssumeRole\` on ${inlineCode(refusal.roleArn)}).`,
    'Check that `role_arn` names the role you mean: STS gives the same AccessDenied for a role that does not exist.'
  ].join(' ')
}

function assumeRoleRemediation(refusal: RoleRefused): string {
  const { code, sourceProfile: from } = refusal
  if (code === 'AccessDenied') return accessDeniedRemediation(refusal)
  if (code === 'ValidationError')
    return "Check the profile's `role_arn`, `role_session_name` and `duration_seconds`: a session name holds 2–64 of the characters `A-Za-z0-9+=,.@_-`, and the duration may not exceed the role's maximum session duration (one hour when the source is itself a role session)."
  return from === undefined
    ? `STS refused the credentials the profile starts from (${code}). Check them on their own with \`aws sts get-caller-identity\`.`
    : `STS refused the credentials of the source profile "${escapeText(from)}" (${code}). Check them on their own with ${inlineCode(`aws sts get-caller-identity --profile ${shellArg(from)}`)}; the findings above cover what could be checked offline.`
}

function roleRefusedFinding(refusal: RoleRefused): Finding {
  const { code, detail, roleArn, sourceProfile: from } = refusal
  const name =
    refusal.profile === undefined ? 'The profile' : `Profile "${escapeText(refusal.profile)}"`
  return finding('no-credentials', {
    title: `${name} could not assume its role: STS answered ${code}`,
    source: refusal.label,
    message: `The AWS SDK read the ${escapeText(refusal.label)}, but STS refused the AssumeRole call into ${inlineCode(roleArn)} made with the credentials of ${from === undefined ? 'its credential source' : `profile "${escapeText(from)}"`}: ${inlineCode(detail)}. No credentials came of it, so nothing else could be checked with STS.`,
    remediation: assumeRoleRemediation(refusal),
    evidence: [inlineCode(detail)]
  })
}

/** The finding for a refused credential chain, in words. */
export function chainRefusalFinding(refusal: ChainRefusal): Finding {
  if (refusal.kind === 'role-refused') return roleRefusedFinding(refusal)
  const { code, detail, label } = refusal
  return finding('no-credentials', {
    title: `The credentials could not be obtained: AWS answered ${code}`,
    ...(label === undefined ? {} : { source: label }),
    message: `The AWS SDK did not get credentials from ${label === undefined ? 'any source' : `the ${escapeText(label)}`}: AWS refused a call the SDK made to obtain them: ${inlineCode(detail)}. Nothing could be checked with STS.`,
    remediation:
      'Run the same credential chain by hand (`aws sts get-caller-identity` with the same profile and variables) to see which call fails and why.',
    evidence: [inlineCode(detail)]
  })
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
  return chainRefusalFinding(chainRefusal(code, detail, selected))
}
