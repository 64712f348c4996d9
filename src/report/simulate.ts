/**
 * The words of the `required-actions` gate: `missing-permissions` with the denied actions and
 * the statement that decided, the `permissions-unverified` notice where the simulation could not
 * run, and the SimulatePrincipalPolicy check line, from what src/aws/simulate.ts found.
 */
import {
  simulateRequiredActions,
  type DecidingStatement,
  type Denial,
  type DenialDecision,
  type SimulationFacts,
  type SimulationOutcome
} from '../aws/simulate.js'
import type { IamConnection } from '../aws/iam.js'
import { whyNot } from './iam.js'
import type { Deadline } from '../aws/deadline.js'
import { finding } from '../findings.js'
import { permissionsUnverified } from './words/gates.js'
import type { RequiredAction } from '../settings.js'
import { code } from './markdown.js'

const CHECK_NAME = 'IAM SimulatePrincipalPolicy'

function statementText(statement: DecidingStatement): string {
  const where = statement.line === undefined ? '' : ` line ${statement.line}`
  const type = statement.policyType === undefined ? '' : `${statement.policyType} `
  return `${type}policy ${code(statement.policyId ?? '?')}${where}`
}

/** Why IAM said no, in words. */
function denialReason(decision: DenialDecision): string {
  switch (decision.kind) {
    case 'explicit':
      return decision.statements.length === 0
        ? 'explicitly denied'
        : `explicitly denied by ${decision.statements.map(statementText).join(', ')}`
    case 'organizations':
      return 'denied by a service control policy of the organization'
    case 'boundary':
      return 'outside the permissions boundary'
    case 'implicit':
      return 'no policy allows it (implicit deny)'
  }
}

const GRANT_SIMULATION =
  'Allow the identity `iam:SimulatePrincipalPolicy` on itself (resource: its own user or role ARN), or remove `required-actions` if the check is not wanted. `fail-on: warning` makes an unverified gate fail the step.'

function skippedOutcome(required: readonly RequiredAction[], reason: string): SimulationOutcome {
  return {
    findings: [permissionsUnverified(required, reason, GRANT_SIMULATION)],
    checks: [
      { name: CHECK_NAME, outcome: 'skip', detail: `required-actions not checked: ${reason}` }
    ],
    skipped: []
  }
}

function denialLine(denial: Denial): string {
  return `${code(denial.action)}${denial.resource === '*' ? '' : ` on ${code(denial.resource)}`}: ${denialReason(denial.decision)}${denial.missingContext.length === 0 ? '' : ` (the decision may change with context keys the simulation lacks: ${denial.missingContext.join(', ')})`}`
}

function deniedOutcome(facts: Extract<SimulationFacts, { kind: 'denied' }>): SimulationOutcome {
  const { denials, source, total } = facts
  const lines = denials.map(denialLine)
  return {
    findings: [
      finding('missing-permissions', {
        title: `${denials.length} required action${denials.length === 1 ? ' is' : 's are'} not allowed`,
        message: `IAM's policy simulator says ${code(source)} may not perform ${denials.length} of the ${total} required action${total === 1 ? '' : 's'}:\n${lines.map(line => `- ${line}`).join('\n')}`,
        remediation:
          'Grant the missing actions in a policy attached to this user or role (or remove the explicit Deny, the service control policy or the permissions boundary named above), then re-run. The simulation covers identity-based policies, boundaries and SCPs; a resource policy (a bucket policy, a KMS key policy) can still deny.',
        evidence: [`policy source ${source}`, ...lines]
      })
    ],
    checks: [
      {
        name: CHECK_NAME,
        outcome: 'fail',
        detail: `${denials.length} of ${total} not allowed: ${denials.map(denial => denial.action).join(', ')}`
      }
    ],
    skipped: []
  }
}

/** The simulation's findings and check line, written from its facts. */
export function simulationWritten(
  facts: SimulationFacts,
  required: readonly RequiredAction[]
): SimulationOutcome {
  switch (facts.kind) {
    case 'root':
      return {
        findings: [],
        checks: [
          {
            name: CHECK_NAME,
            outcome: 'info',
            detail:
              'not simulated: the root user is allowed every action (short of a service control policy)'
          }
        ],
        skipped: []
      }
    case 'unsimulatable':
      return skippedOutcome(
        required,
        `IAM cannot simulate the policies of ${facts.identity.principalType === 'federated-user' ? 'a federated user session' : code(facts.identity.arn)}`
      )
    case 'simulation-failed':
      return skippedOutcome(required, whyNot('SimulatePrincipalPolicy', facts.failure))
    case 'allowed':
      return {
        findings: [],
        checks: [
          {
            name: CHECK_NAME,
            outcome: 'pass',
            detail: `${required.map(item => `${item.action}${item.resource === undefined ? '' : ` on ${item.resource}`}`).join(', ')}: allowed for ${facts.source}`
          }
        ],
        skipped: []
      }
    case 'denied':
      return deniedOutcome(facts)
  }
}

export async function checkRequiredActions(
  connection: IamConnection,
  required: readonly RequiredAction[],
  deadline: Deadline
): Promise<SimulationOutcome> {
  return simulationWritten(await simulateRequiredActions(connection, required, deadline), required)
}
