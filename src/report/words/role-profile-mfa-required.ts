import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding } from '../../model.js'
import { code, escapeText } from '../markdown.js'
import { describeOrigin } from './origin.js'

export function roleProfileMfaRequired(
  fact: CheckFact<'role-profile-mfa-required'>
): Finding<'role-profile-mfa-required'> {
  const role = fact.roleArn === undefined ? 'a role' : code(fact.roleArn)
  return finding('role-profile-mfa-required', {
    ...(fact.used ? {} : { severity: 'notice' }),
    message:
      `${escapeText(fact.source)} assumes ${role} with \`mfa_serial\` ${code(fact.mfaSerial)} (${describeOrigin(fact.origin)}). ` +
      'The JS SDK then stops with "requires multi-factor authentication, but no MFA code callback was provided", and the AWS CLI asks for the code on a terminal: a CI job can type neither.' +
      (fact.used ? '' : ' This run does not use the profile.'),
    remediation:
      'Give CI a role whose trust policy does not require `aws:MultiFactorAuthPresent`, assumed through OIDC (`aws-actions/configure-aws-credentials` with `role-to-assume`) or from an instance or container role, and a profile without `mfa_serial`.',
    source: fact.source,
    evidence: [`mfa_serial: ${fact.mfaSerial}`],
    origin: fact.origin
  })
}
