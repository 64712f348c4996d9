/**
 * A configuration setting's value the AWS tools refuse or misread, in words. The tools' own
 * messages are quoted as each prints them (measured: src/checks/config-settings.ts and
 * __tests__/differential/config-settings.facts.ts), with the value escaped as JSON would.
 */
import { finding } from '../../findings.js'
import type {
  CheckFact,
  ConfigAccepted,
  ConfigBehaviour,
  ConfigProblem,
  ConfigRefusal,
  ConfigVerdict,
  PathIssue
} from '../../checks/facts.js'
import type { Finding, Severity } from '../../model.js'
import { code } from '../markdown.js'
import { describeOrigin } from './origin.js'

type Tool = 'jsSdk' | 'awsCli'

/** Python's words for what stood in the way of opening the bundle (`[Errno 2] …`). */
const ERRNO: Readonly<Record<'missing' | 'not-a-file' | 'permission' | 'unreadable', string>> = {
  missing: '[Errno 2] No such file or directory',
  'not-a-file': '[Errno 21] Is a directory',
  permission: '[Errno 13] Permission denied',
  unreadable: 'the file cannot be read'
}

const DEFAULTS_MODES = ['legacy', 'auto', 'standard', 'in-region', 'cross-region', 'mobile']

/** The tool's message, with the value (`shown`, escaped) where the tool quotes it. */
function refusalWords(refusal: ConfigRefusal, tool: Tool, value: string): string {
  switch (refusal.kind) {
    case 'int-literal':
      return `invalid literal for int() with base 10: '${value}'`
    case 'attempts-below-one':
      return `Value provided to "max_attempts": ${refusal.attempts} must be an integer greater than or equal to 1.`
    case 'retry-mode':
      return `Invalid value provided to "mode": "${value}" must be one of: ('legacy', 'standard', 'adaptive')`
    case 'sts-regional-endpoints':
      return `STS regional endpoints option ${value} is invalid. Valid options are: "legacy", "regional"`
    case 'endpoint-mode':
      return tool === 'jsSdk'
        ? `Unsupported endpoint mode: ${value}. Select from IPv4,IPv6`
        : `Invalid EC2 Instance Metadata endpoint mode: ${value} Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6').`
    case 'defaults-mode':
      return tool === 'jsSdk'
        ? `Invalid parameter for "defaultsMode", expect in-region, cross-region, mobile, standard, legacy, got ${value}`
        : `Client configured with invalid defaults mode: ${value}. Valid defaults modes include: ${DEFAULTS_MODES.join(', ')}.`
    case 'ca-bundle':
      return `SSL validation failed for https://sts.….amazonaws.com/ ${ERRNO[refusal.reason]}`
    case 'no-such-file':
      return `no such file or directory: ${code(refusal.path)}`
  }
}

function variantWords(variant: string, reads: boolean | undefined): string {
  if (reads === undefined) return `ignores it and does not use the ${variant} endpoint`
  return reads
    ? `reads it as true and uses the ${variant} endpoint`
    : `reads it as false and does not use the ${variant} endpoint`
}

function metadataWords(disabled: boolean, tool: Tool): string {
  if (!disabled)
    return 'reads it as false: it asks the EC2 instance metadata service where nothing before it gives credentials'
  return `reads it as true: ${tool === 'jsSdk' ? 'its chain' : 'it'} never asks the EC2 instance metadata service`
}

/** What the tool does, after its name. */
function behaviourWords(behaviour: ConfigBehaviour, tool: Tool): string {
  switch (behaviour.kind) {
    case 'default-attempts':
      return 'ignores it and makes up to 3 attempts'
    case 'one-attempt':
      return 'makes one attempt and never retries'
    case 'reads-attempts':
      return `reads it as ${behaviour.attempts} and makes up to ${behaviour.attempts} attempts`
    case 'standard-retries':
      return 'ignores it and retries in standard mode'
    case 'regional-sts':
      return "does not read the setting, and calls the region's own STS endpoint"
    case 'endpoint-variant':
      return variantWords(behaviour.variant, behaviour.reads)
    case 'metadata-disabled':
      return metadataWords(behaviour.disabled, tool)
    case 'mode-unchecked':
      return 'checks it only when its chain asks instance metadata, which this run does not'
    case 'any-case':
      return 'takes it in any case'
    case 'system-certificates':
      return 'does not read the setting, and trusts the system certificates'
    case 'reads-file':
      return `reads ${code(behaviour.path)}`
    case 'no-file':
      return `finds no file at ${code(behaviour.path)}, and reads none`
  }
}

/** The verdict as the evidence lists it: the tool's message, or what it does. */
function verdictWords(verdict: ConfigVerdict, tool: Tool, value: string): string {
  return 'refuses' in verdict
    ? refusalWords(verdict.refuses, tool, value)
    : behaviourWords(verdict.goesOn, tool)
}

function said(name: string, verdict: ConfigVerdict, tool: Tool, value: string): string {
  return 'refuses' in verdict
    ? `${name} stops: ${code(refusalWords(verdict.refuses, tool, value))}`
    : `${name} ${behaviourWords(verdict.goesOn, tool)}`
}

const ACCEPTED: Readonly<Record<Exclude<ConfigAccepted['kind'], 'absolute-path'>, string>> = {
  attempts: 'a whole number of attempts, 1 or more (the default is 3)',
  'retry-mode': '`standard`, `adaptive` or `legacy`, in lower case',
  'sts-regional-endpoints': '`regional` or `legacy`, in lower case',
  boolean: '`true` or `false`, in lower case',
  'endpoint-mode': '`IPv4` or `IPv6`, written so',
  'defaults-mode': DEFAULTS_MODES.map(mode => `\`${mode}\``).join(', '),
  'pem-file': 'the path of a readable PEM file'
}

function acceptedWords(accepted: ConfigAccepted): string {
  return accepted.kind === 'absolute-path'
    ? `the absolute path of the file (${code(accepted.path)}), without white space around it`
    : ACCEPTED[accepted.kind]
}

function pathTitle(name: string, issue: PathIssue): string {
  switch (issue.kind) {
    case 'white-space':
      return `${name} has white space around its path`
    case 'tilde':
      return `${name} starts with \`~\`, which the AWS tools do not expand there`
    case 'variable':
      return `${name} holds a variable the AWS tools do not expand`
    case 'relative':
      return `${name} is a relative path`
    case 'expanded-apart':
      return `${name} names no file for either AWS tool`
  }
}

/** What is wrong with a path, after "is `…`,". */
function pathWhy(issue: PathIssue, token: boolean): string {
  switch (issue.kind) {
    case 'white-space':
      return 'a path with white space around it, which both tools keep as part of the name'
    case 'tilde':
      return 'a path starting with `~`, which neither tool expands in this variable: both open it as a relative path'
    case 'variable':
      return `a path with a variable in it, which ${token ? 'neither tool expands in this variable' : 'the JS SDK never expands and the AWS CLI expands only where it is set (here it is not)'}: both open it as written`
    case 'relative':
      return `a relative path: each tool opens it from the working directory of its own step, here ${code(issue.cwd)}, so a step with another \`working-directory:\` (or after a \`cd\`) reads another file or none`
    case 'expanded-apart':
      return 'a path the two tools expand apart (the JS SDK only a leading `~/`, the AWS CLI also `~`, `~user/` and `$NAME`), and neither finds a file where it looks'
  }
}

function titleOf(name: string, severity: Severity, problem: ConfigProblem): string {
  if (problem.kind === 'path') return pathTitle(name, problem.issue)
  if (severity === 'error') return `${name} has a value the AWS tools refuse`
  if (severity === 'warning') return `${name} has a value one of the AWS tools refuses`
  return `${name} has a value the AWS tools do not read as meant`
}

/** What is wrong with the value, and what it means for this step. */
function problemWords(name: string, problem: ConfigProblem): { why: string; thisStep: string } {
  if (problem.kind === 'not-a-value')
    return {
      why: `which is not a value of ${name}`,
      thisStep: "This action's own requests do not depend on it."
    }
  const meant =
    problem.meant === undefined
      ? ''
      : `; the file meant is probably ${code(problem.meant)}, which is there`
  return {
    why: `${pathWhy(problem.issue, problem.token)}${meant}`,
    thisStep: problem.token
      ? 'This step read the token file as the tools do.'
      : 'This step read the file as the JS SDK does.'
  }
}

export function configVariableInvalid(
  fact: CheckFact<'config-variable-invalid'>
): Finding<'config-variable-invalid'> {
  const name = code(fact.variable)
  const from = describeOrigin(fact.origin)
  // Escaped as JSON would (a newline as `\n`); not at all where it may be a secret.
  const value = fact.shown === undefined ? '…' : JSON.stringify(fact.shown).slice(1, -1)
  const { why, thisStep } = problemWords(name, fact.problem)
  const js = said('The AWS SDK for JavaScript', fact.jsSdk, 'jsSdk', value)
  const cli = said('the AWS CLI', fact.awsCli, 'awsCli', value)
  const fix =
    fact.origin.kind === 'env'
      ? `remove the variable where the workflow or an earlier step sets it`
      : `delete the line`
  return finding('config-variable-invalid', {
    severity: fact.severity,
    title: titleOf(name, fact.severity, fact.problem),
    message: `${from} is ${code(value)}, ${why}. ${js}; ${cli}. ${thisStep}`,
    remediation: `Set ${from} to ${acceptedWords(fact.accepted)}, or ${fix} to get the tools' default.`,
    evidence: [
      `${from}: ${fact.length} characters, ${code(value)}`,
      `AWS SDK for JavaScript: ${verdictWords(fact.jsSdk, 'jsSdk', value)}`,
      `AWS CLI: ${verdictWords(fact.awsCli, 'awsCli', value)}`
    ],
    origin: fact.origin
  })
}
