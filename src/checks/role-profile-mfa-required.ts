import { sourcesInUse } from '../model.js'
import { defineFactCheck } from './check.js'
import type { CheckFact } from './facts.js'

/**
 * A role profile with `mfa_serial`: `resolveAssumeRoleCredentials` in
 * `@aws-sdk/credential-provider-ini` throws "Profile NAME requires multi-factor authentication,
 * but no MFA code callback was provided." unless the caller passes an `mfaCodeProvider`, which
 * the default chain never does; botocore's AssumeRoleCredentialFetcher prompts with getpass
 * ("Enter MFA code for SERIAL: "), reading a terminal a CI job lacks.
 */
export const roleProfileMfaRequired = defineFactCheck({
  ids: ['role-profile-mfa-required'],
  detect: discovery => {
    const inUse = new Set(sourcesInUse(discovery).map(source => source.label))
    const seen = new Set<string>()
    return discovery.sources.flatMap((source): CheckFact<'role-profile-mfa-required'>[] => {
      const serial = source.mfaSerial
      if (serial === undefined || seen.has(source.label)) return []
      seen.add(source.label)
      return [
        {
          id: 'role-profile-mfa-required',
          source: source.label,
          ...(source.details.roleArn === undefined ? {} : { roleArn: source.details.roleArn }),
          mfaSerial: serial.raw,
          origin: serial.origin,
          used: inUse.has(source.label)
        }
      ]
    })
  }
})
