import { finding } from '../findings.js'
import { code } from '../report/markdown.js'
import type { CredentialPart, Discovery, MisnamedVariable, Severity } from '../model.js'
import { defineCheck } from './check.js'
import { toolEvidence, whatToolsDo } from './usage.js'

/** The credential part each key variable holds. */
const PART_OF: Readonly<Record<string, CredentialPart>> = {
  AWS_ACCESS_KEY_ID: 'accessKeyId',
  AWS_SECRET_ACCESS_KEY: 'secretAccessKey',
  AWS_SESSION_TOKEN: 'sessionToken'
}

const WHY: Readonly<Record<MisnamedVariable['kind'], string>> = {
  case: 'variable names are case-sensitive on Linux and macOS runners',
  'other-name': 'it is a name other tools or older SDKs used',
  misspelt: 'it is spelt differently',
  whitespace: 'the name has a space before or after it'
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

function consequence(severity: Severity, variable: MisnamedVariable): string {
  if (severity === 'notice')
    return ` The job gets what \`${variable.meant}\` gives from elsewhere, so this costs it nothing; the variable is left over, or misleads whoever reads the workflow.`
  if (severity === 'warning')
    return ` Nothing else sets \`${variable.meant}\` in this job, so the tools use their default instead.`
  return ' Nothing else gives the job that part of its credentials, which is why they are missing.'
}

/** A variable named almost like a credential, region, profile or file variable, that no tool reads. */
export const credentialVariableMisnamed = defineCheck({
  ids: ['credential-variable-misnamed'],
  run: discovery =>
    (discovery.misnamedVariables ?? []).map(variable => {
      const severity = severityOf(discovery, variable)
      const shown = code(JSON.stringify(variable.name))
      return finding('credential-variable-misnamed', {
        severity,
        title: `${variable.kind === 'whitespace' ? shown : code(variable.name)} is not read by the AWS tools: the name they read is \`${variable.meant}\``,
        message:
          `The environment has a variable ${shown}, but neither the AWS SDK for JavaScript nor the AWS CLI reads a variable of that name (${WHY[variable.kind]}); they read \`${variable.meant}\`.` +
          consequence(severity, variable) +
          (severity === 'error' ? ` ${whatToolsDo(discovery)}` : ''),
        remediation: `Rename the variable to \`${variable.meant}\` where the workflow sets it (the key in its \`env:\` block), keeping its value.`,
        source: 'environment',
        evidence: [
          `${shown} is set (${variable.kind})`,
          ...(severity === 'error' ? toolEvidence(discovery) : [])
        ],
        origin: { kind: 'env', name: variable.name }
      })
    })
})
