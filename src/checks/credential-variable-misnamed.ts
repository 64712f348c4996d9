import type { CredentialPart, Discovery, MisnamedVariable, Severity } from '../model.js'
import { defineFactCheck } from './check.js'

/** The credential part each key variable holds. */
const PART_OF: Readonly<Record<string, CredentialPart>> = {
  AWS_ACCESS_KEY_ID: 'accessKeyId',
  AWS_SECRET_ACCESS_KEY: 'secretAccessKey',
  AWS_SESSION_TOKEN: 'sessionToken'
}

/**
 * How much the name costs this job. A key part that no source in use provides (there is no
 * source, or the key variables lack that part; a session token where the key is temporary) is
 * why the job has no working credentials: an error, the cause to fix. A region, profile or file
 * setting that nothing else sets is a warning: the tools use their defaults instead. Where the
 * real name is set too, or another source gives the job its credentials, it is a notice (a
 * warning where the AWS CLI stops on the half pair the name leaves).
 */
function severityOf(discovery: Discovery, variable: MisnamedVariable): Severity {
  if (variable.meantSet) return 'notice'
  const part = PART_OF[variable.meant]
  return part === undefined ? 'warning' : keyPartSeverity(discovery, part)
}

/** What a key part under the wrong name costs, given the source the job uses. */
function keyPartSeverity(discovery: Discovery, part: CredentialPart): Severity {
  const selected = discovery.selected
  if (selected === undefined) return 'error'
  if (selected.kind !== 'environment')
    // Another source serves the JS SDK; the AWS CLI stops on the half pair the name leaves.
    return discovery.tools?.awsCli.failure?.startsWith('Partial credentials found in env') === true
      ? 'warning'
      : 'notice'
  if (part !== 'sessionToken') return 'error'
  // Only a temporary key (ASIA…) needs the token.
  return selected.credentials?.accessKeyId?.raw.trim().startsWith('ASIA') === true
    ? 'error'
    : 'notice'
}

/** A variable named almost like a credential, region, profile or file variable, that no tool reads. */
export const credentialVariableMisnamed = defineFactCheck({
  ids: ['credential-variable-misnamed'],
  detect: discovery =>
    (discovery.misnamedVariables ?? []).map(variable => ({
      id: 'credential-variable-misnamed' as const,
      variable,
      severity: severityOf(discovery, variable),
      ...(discovery.tools === undefined ? {} : { tools: discovery.tools })
    }))
})
