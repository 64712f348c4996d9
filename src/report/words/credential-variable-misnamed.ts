import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding, MisnamedVariable, Severity } from '../../model.js'
import { code } from '../markdown.js'
import { toolEvidence, whatToolsDo } from './usage.js'

const WHY: Readonly<Record<MisnamedVariable['kind'], string>> = {
  case: 'variable names are case-sensitive on Linux and macOS runners',
  'other-name': 'it is a name other tools or older SDKs used',
  misspelt: 'it is spelt differently',
  whitespace: 'the name has a space before or after it'
}

function consequence(severity: Severity, variable: MisnamedVariable): string {
  if (severity === 'notice')
    return ` The job gets what \`${variable.meant}\` gives from elsewhere, so this costs it nothing; the variable is left over, or misleads whoever reads the workflow.`
  if (severity === 'warning')
    return ` Nothing else sets \`${variable.meant}\` in this job, so the tools use their default instead.`
  return ' Nothing else gives the job that part of its credentials, which is why they are missing.'
}

export function credentialVariableMisnamed(
  fact: CheckFact<'credential-variable-misnamed'>
): Finding<'credential-variable-misnamed'> {
  const { variable, severity } = fact
  // As JSON would write it: a space before or after the name shows.
  const shown = code(JSON.stringify(variable.name))
  return finding('credential-variable-misnamed', {
    severity,
    title: `${variable.kind === 'whitespace' ? shown : code(variable.name)} is not read by the AWS tools: the name they read is \`${variable.meant}\``,
    message:
      `The environment has a variable ${shown}, but neither the AWS SDK for JavaScript nor the AWS CLI reads a variable of that name (${WHY[variable.kind]}); they read \`${variable.meant}\`.` +
      consequence(severity, variable) +
      (severity === 'error' ? ` ${whatToolsDo(fact)}` : ''),
    remediation: `Rename the variable to \`${variable.meant}\` where the workflow sets it (the key in its \`env:\` block), keeping its value.`,
    source: 'environment',
    evidence: [
      `${shown} is set (${variable.kind})`,
      ...(severity === 'error' ? toolEvidence(fact) : [])
    ],
    origin: { kind: 'env', name: variable.name }
  })
}
