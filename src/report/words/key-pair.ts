/** A key pair that did not arrive whole: a variable set but empty, or a half missing. */
import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding, Origin } from '../../model.js'
import { code, escapeText } from '../markdown.js'
import { PART_NAMES, describeOrigin } from './origin.js'
import { toolEvidence, useNote, whatToolsDo } from './usage.js'

function variableName(origin: Origin): string {
  return origin.kind === 'env' ? code(origin.name) : describeOrigin(origin)
}

export function emptyCredentialVariable(
  fact: CheckFact<'empty-credential-variable'>
): Finding<'empty-credential-variable'> {
  const names = fact.empty.map(value => variableName(value.origin))
  const one = fact.empty.length === 1
  return finding('empty-credential-variable', {
    severity: fact.severity,
    title: `${names.join(' and ')} ${one ? 'is' : 'are'} set but empty`,
    message:
      `${names.join(' and ')} ${one ? 'exists' : 'exist'} in the environment with an empty value. ` +
      'An expression such as `${{ secrets.AWS_ACCESS_KEY_ID }}` becomes an empty string when the secret does not exist in this repository, organisation or environment, or is not available to this run. ' +
      'The JS SDK then ignores the pair and looks elsewhere. ' +
      whatToolsDo(fact) +
      useNote(fact.severity),
    remediation:
      "Compare the secret's name in the workflow with `gh secret list` (and `gh secret list --env NAME` for environment secrets, which also need `environment: NAME` on the job); create a missing one with `gh secret set AWS_ACCESS_KEY_ID`. A reusable workflow needs the secrets passed to it (`secrets: inherit`).",
    source: fact.source,
    evidence: [
      ...fact.empty.map(value => `${describeOrigin(value.origin)} is ""`),
      ...toolEvidence(fact)
    ],
    ...(fact.empty[0] === undefined ? {} : { origin: fact.empty[0].origin })
  })
}

const VARIABLES = { accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'AWS_SECRET_ACCESS_KEY' }
const INPUTS = { accessKeyId: 'aws-access-key-id', secretAccessKey: 'aws-secret-access-key' }
const FILE_KEYS = { accessKeyId: 'aws_access_key_id', secretAccessKey: 'aws_secret_access_key' }

export function incompleteCredentials(
  fact: CheckFact<'incomplete-credentials'>
): Finding<'incomplete-credentials'> {
  const missing = fact.have === 'accessKeyId' ? 'secretAccessKey' : 'accessKeyId'
  const where =
    fact.sourceKind === 'environment'
      ? code(VARIABLES[missing])
      : fact.sourceKind === 'input'
        ? `the input ${code(INPUTS[missing])}`
        : `${code(FILE_KEYS[missing])} in the same profile`
  const have = fact.haveOrigin === undefined ? '' : describeOrigin(fact.haveOrigin)
  return finding('incomplete-credentials', {
    severity: fact.severity,
    title: `The ${PART_NAMES[missing]} is missing`,
    message:
      `${escapeText(fact.source)} has the ${PART_NAMES[fact.have]} (${have}) but no ${PART_NAMES[missing]}: ${where} is not set. ` +
      `The AWS SDK for JavaScript passes over half a pair and looks elsewhere. ${whatToolsDo(fact)}${useNote(fact.severity)}`,
    remediation:
      fact.sourceKind === 'environment' || fact.sourceKind === 'input'
        ? `Provide both halves of the key pair, each from its own secret: \`AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}\` and \`AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}\`.`
        : `Add \`${FILE_KEYS[missing]} = …\` to the profile, spelled exactly so (a misspelled key name is ignored; see credentials-file-malformed), or delete the stale profile.`,
    source: fact.source,
    evidence: toolEvidence(fact),
    ...(fact.haveOrigin === undefined ? {} : { origin: fact.haveOrigin })
  })
}
