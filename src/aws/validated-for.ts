/**
 * Whose credentials the STS check validated, where the job's two tools would use different
 * ones. `AWS_DEFAULT_PROFILE` is the case: the AWS CLI reads it, the AWS SDK for JavaScript does
 * not (measured in __tests__/differential). The action examines the profile it names, because
 * whoever set it meant `aws` commands to use it; a Node-based step of the same job uses
 * `[default]` (or whatever comes after it in its chain), and that was not validated.
 * The check line's words are written in src/report/validated-for.ts.
 */
import type { Discovery, ToolUse } from '../model.js'

export const VALIDATED_CHECK = 'Credentials validated'

/** The tools part ways over the profile: the one validated, and what the JS SDK uses instead. */
export interface ProfileSplit {
  /** The profile `AWS_DEFAULT_PROFILE` names: the AWS CLI's, and the one validated. */
  readonly profile: string
  readonly jsSdk: ToolUse
}

/** Where the tools part ways over the profile the action used; else nothing. */
export function profileSplit(discovery: Discovery): ProfileSplit | undefined {
  const { origin, name } = discovery.profile
  if (origin.kind !== 'env' || origin.name !== 'AWS_DEFAULT_PROFILE') return undefined
  // Only where the profile is what the action used: key variables beat it for both tools.
  if (discovery.selected?.profile !== name) return undefined
  const js = discovery.tools?.jsSdk
  if (js === undefined || js.profile === name) return undefined
  return { profile: name, jsSdk: js }
}
