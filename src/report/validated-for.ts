/**
 * The words of the "Credentials validated" check line, from the facts src/aws/validated-for.ts
 * finds: the profile the AWS CLI uses (and the action validated), and what the JS SDK uses.
 */
import { profileSplit, VALIDATED_CHECK, type ProfileSplit } from '../aws/validated-for.js'
import { describeUse } from './words/usage.js'
import type { CheckResult, Discovery } from '../model.js'
import { code, escapeText } from './markdown.js'

/** The check line for a profile the tools part ways over. */
export function profileSplitLine(split: ProfileSplit): CheckResult {
  return {
    name: VALIDATED_CHECK,
    outcome: 'info',
    detail: `the AWS CLI's: profile "${escapeText(split.profile)}", which ${code('AWS_DEFAULT_PROFILE')} names. Not the AWS SDK for JavaScript's: it ignores ${code('AWS_DEFAULT_PROFILE')} and ${describeUse(split.jsSdk)}; a Node-based step of this job does not use what was validated.`
  }
}

/** The check line saying so, where the tools part ways over the profile; else nothing. */
export function validatedFor(discovery: Discovery): CheckResult | undefined {
  const split = profileSplit(discovery)
  return split === undefined ? undefined : profileSplitLine(split)
}
