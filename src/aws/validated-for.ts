/**
 * Whose credentials the STS check validated, where the job's two tools would use different
 * ones. `AWS_DEFAULT_PROFILE` is the case: the AWS CLI reads it, the AWS SDK for JavaScript does
 * not (measured in __tests__/differential). The action examines the profile it names, because
 * whoever set it meant `aws` commands to use it; a Node-based step of the same job uses
 * `[default]` (or whatever comes after it in its chain), and that was not validated.
 */
import { describeUse } from '../checks/usage.js'
import type { CheckResult, Discovery } from '../model.js'
import { code, escapeText } from '../report/markdown.js'

export const VALIDATED_CHECK = 'Credentials validated'

/** The check line saying so, where the tools part ways over the profile; else nothing. */
export function validatedFor(discovery: Discovery): CheckResult | undefined {
  const { origin, name } = discovery.profile
  if (origin.kind !== 'env' || origin.name !== 'AWS_DEFAULT_PROFILE') return undefined
  // Only where the profile is what the action used: key variables beat it for both tools.
  if (discovery.selected?.profile !== name) return undefined
  const js = discovery.tools?.jsSdk
  if (js === undefined || js.profile === name) return undefined
  return {
    name: VALIDATED_CHECK,
    outcome: 'info',
    detail: `the AWS CLI's: profile "${escapeText(name)}", which ${code('AWS_DEFAULT_PROFILE')} names. Not the AWS SDK for JavaScript's: it ignores ${code('AWS_DEFAULT_PROFILE')} and ${describeUse(js)}; a Node-based step of this job does not use what was validated.`
  }
}
