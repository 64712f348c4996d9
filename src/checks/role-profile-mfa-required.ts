import { finding } from '../findings.js'
import { sourcesInUse, type Finding } from '../model.js'
import { defineCheck, describeOrigin } from './check.js'
import { code, escapeText } from '../report/markdown.js'

/**
 * A role profile with `mfa_serial`: `resolveAssumeRoleCredentials` in
 * `@aws-sdk/credential-provider-ini` throws "Profile NAME requires multi-factor authentication,
 * but no MFA code callback was provided." unless the caller passes an `mfaCodeProvider`, which
 * the default chain never does; botocore's AssumeRoleCredentialFetcher prompts with getpass
 * ("Enter MFA code for SERIAL: "), reading a terminal a CI job lacks.
 */
export const roleProfileMfaRequired = defineCheck({
  ids: ['role-profile-mfa-required'],
  run: discovery => {
    const inUse = new Set(sourcesInUse(discovery).map(source => source.label))
    const seen = new Set<string>()
    return discovery.sources.flatMap((source): Finding<'role-profile-mfa-required'>[] => {
      const serial = source.mfaSerial
      if (serial === undefined || seen.has(source.label)) return []
      seen.add(source.label)
      const used = inUse.has(source.label)
      return [
        finding('role-profile-mfa-required', {
          ...(used ? {} : { severity: 'notice' }),
          message:
            `${escapeText(source.label)} assumes ${source.details.roleArn === undefined ? 'a role' : code(source.details.roleArn)} with \`mfa_serial\` ${code(serial.raw)} (${describeOrigin(serial.origin)}). ` +
            'The JS SDK then stops with "requires multi-factor authentication, but no MFA code callback was provided", and the AWS CLI asks for the code on a terminal: a CI job can type neither.' +
            (used ? '' : ' This run does not use the profile.'),
          remediation:
            'Give CI a role whose trust policy does not require `aws:MultiFactorAuthPresent`, assumed through OIDC (`aws-actions/configure-aws-credentials` with `role-to-assume`) or from an instance or container role, and a profile without `mfa_serial`.',
          source: source.label,
          evidence: [`mfa_serial: ${serial.raw}`],
          origin: serial.origin
        })
      ]
    })
  }
})
