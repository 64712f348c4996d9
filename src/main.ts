/**
 * run(): settings → discovery → offline checks → remote validation → report → exit status.
 * The only place that orders the phases and decides the exit code.
 */
import { runChecks } from './checks/index.js'
import { discover, loadWorkflowReader } from './discover/index.js'
import { describeError } from './errors.js'
import { finding } from './findings.js'
import type { Discovery, Finding, RemoteResult } from './model.js'
import { Publisher } from './report/publish.js'
import { userInfoSecrets } from './redact.js'
import { buildReport } from './report/build.js'
import { Deadline, validateRemote } from './aws/validate.js'
import { evaluateGates } from './gates.js'
import { gateWorded } from './report/words/gates.js'
import { oidcPhase } from './oidc/in-use.js'
import type { SessionLimitsOptions, SessionLimitsPhase } from './aws/role-limits.js'
import { supersededByOidc, withOidc } from './oidc/merge.js'
import type { OidcFacts, OidcPhase } from './oidc/facts.js'
import {
  inputVariableName,
  INPUT,
  parseSettings,
  readReportSettings,
  SettingsError,
  type ReportSettings,
  type Environment,
  type Settings
} from './settings.js'
import { code } from './report/markdown.js'

/** Secret-bearing variables, masked before settings are even parsed. */
const SECRET_VARIABLES = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  inputVariableName(INPUT.secretAccessKey),
  inputVariableName(INPUT.sessionToken),
  inputVariableName(INPUT.githubToken),
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
]

/** A discovery that knows nothing, for reports about runs that failed before discovery. */
function emptyDiscovery(onRunner: boolean): Discovery {
  return {
    sources: [],
    secrets: [],
    region: { value: 'us-east-1', origin: { kind: 'default', name: 'us-east-1' } },
    profile: {
      name: 'default',
      origin: { kind: 'default', name: 'default profile' },
      skipsKeyVariables: false,
      variables: {}
    },
    github: {
      isForkPullRequest: false,
      isDependabot: false,
      oidcRequestAvailable: false,
      onRunner
    },
    network: { endpoints: {}, proxy: {} },
    instanceMetadata: { considered: false, reason: 'the run stopped before discovery' }
  }
}

const NO_REMOTE: RemoteResult = { checks: [], findings: [] }

async function publishEarlyFailure(
  publisher: Publisher,
  item: Finding,
  settings: Settings | ReportSettings
): Promise<number> {
  const report = buildReport(emptyDiscovery(publisher.onRunner), NO_REMOTE, [item], settings)
  await publisher.publish(report, settings)
  // Like any finding, it fails the step only at or above `fail-on` (an error, unless `never`).
  return report.failed ? 1 : 0
}

function internalError(publisher: Publisher, error: unknown): Finding {
  // The stack is for whoever reports the bug: shown only with step debug logging on.
  if (error instanceof Error && error.stack !== undefined) publisher.debug(error.stack)
  return finding('internal-error', {
    message: `The action hit an unexpected error and could not finish its checks: ${describeError(error)}.`,
    remediation:
      'This is a bug in aws-credentials-doctor, not in your credentials. Please report it with this summary; re-running with `ACTIONS_STEP_DEBUG` set to true logs more detail.'
  })
}

/**
 * The session limits of the workflow's configure-aws-credentials steps, loaded only where the
 * workflow file has such steps: most runs never need the rules or the role look-ups.
 */
async function sessionLimitsPhase(
  discovery: Discovery,
  settings: Settings,
  options: SessionLimitsOptions
): Promise<SessionLimitsPhase> {
  if (discovery.workflow?.credentialSteps === undefined) return { checks: [], findings: [] }
  const { checkSessionLimits } = await import('./report/session-limits.js')
  return checkSessionLimits(discovery, settings, options)
}

function maskEnvironmentSecrets(publisher: Publisher, env: Environment): void {
  for (const name of SECRET_VARIABLES) publisher.mask(env[name])
  // A password in an endpoint or proxy URL is a secret too; the redactor also drops it from text.
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && /^AWS_ENDPOINT_URL|_PROXY$/iu.test(name))
      for (const secret of userInfoSecrets(value)) publisher.mask(secret)
  }
}

function maskEndpointSecrets(publisher: Publisher, discovery: Discovery): void {
  for (const override of Object.values(discovery.network.endpoints))
    for (const secret of userInfoSecrets(override.url)) publisher.mask(secret)
}

/**
 * The OIDC phase's facts in words. Loaded only where the phase found something, like the
 * doctor itself (src/oidc/in-use.ts): a job with keys alone never loads either.
 */
async function oidcWritten(facts: OidcFacts): Promise<OidcPhase> {
  if (facts.oidc === undefined && facts.checks.length === 0 && facts.findings.length === 0)
    return { checks: [], findings: [] }
  const { renderOidcPhase } = await import('./report/oidc-findings.js')
  return renderOidcPhase(facts)
}

export async function run(env: Environment = process.env): Promise<number> {
  const startedAt = Date.now()
  const publisher = new Publisher(env)
  maskEnvironmentSecrets(publisher, env)

  let settings: Settings
  try {
    settings = parseSettings(env)
  } catch (error: unknown) {
    // `fail-on`, `annotate` and `summary` still hold where they are valid themselves.
    const reporting = readReportSettings(env)
    if (!(error instanceof SettingsError))
      return publishEarlyFailure(publisher, internalError(publisher, error), reporting)
    return publishEarlyFailure(
      publisher,
      finding('settings-invalid', {
        title: `Input "${error.input}" is invalid`,
        message: error.message,
        remediation: `Correct ${code(error.input)} in the step's \`with:\` block; the README lists every input and its accepted values.`
      }),
      reporting
    )
  }

  try {
    const readWorkflow = await loadWorkflowReader(env)
    const discovery = discover(settings, env, readWorkflow === undefined ? {} : { readWorkflow })
    for (const secret of discovery.secrets) publisher.mask(secret)
    maskEndpointSecrets(publisher, discovery)
    const offline = runChecks(discovery, settings)
    const deadline = new Deadline(settings.timeoutSeconds * 1000)
    const onSecret = (value: string): void => publisher.mask(value)
    // The OIDC and session-limits phases run beside STS validation, inside the same time budget.
    const [validated, oidc, limits] = await Promise.all([
      validateRemote(discovery, settings, { deadline, onSecret }),
      oidcPhase(discovery, settings, { deadline, onSecret, offline }),
      sessionLimitsPhase(discovery, settings, { deadline, onSecret })
    ])
    const withRole = withOidc(validated, await oidcWritten(oidc), settings)
    const remote = {
      ...withRole,
      checks: [...withRole.checks, ...limits.checks],
      findings: [...withRole.findings, ...limits.findings]
    }
    const gates = evaluateGates(discovery, remote, settings).map(fact => gateWorded(fact))
    const report = buildReport(
      discovery,
      remote,
      supersededByOidc([...offline, ...gates], validated, settings),
      settings
    )
    publisher.debug(
      `Checked in ${Date.now() - startedAt} ms: ${report.findings.map(item => item.id).join(', ') || 'no findings'}.`
    )
    await publisher.publish(report, settings)
    return report.failed ? 1 : 0
  } catch (error: unknown) {
    return publishEarlyFailure(publisher, internalError(publisher, error), settings)
  }
}
