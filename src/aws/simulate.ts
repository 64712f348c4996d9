/**
 * The `required-actions` gate: `iam:SimulatePrincipalPolicy` for the calling principal (for a
 * role session, its role), one call per resource named, giving `missing-permissions` with the
 * denied actions and the statement that decided where IAM tells it. A simulation that is itself
 * denied proves nothing either way: it becomes a reason for the `iam-check-skipped` notice.
 */
import type { EvaluationResult, Statement } from '@aws-sdk/client-iam'
import { finding } from '../findings.js'
import type { CallerIdentity, CheckResult, Finding } from '../model.js'
import { permissionsUnverified } from '../gates.js'
import type { RequiredAction } from '../settings.js'
import type { Deadline } from './deadline.js'
import {
  iamCall,
  iamClient,
  loadIam,
  whyNot,
  type CallResult,
  type IamConnection,
  type IamModule
} from './iam.js'
import { code } from '../report/markdown.js'

export interface SimulationOutcome {
  readonly findings: readonly Finding[]
  readonly checks: readonly CheckResult[]
  readonly skipped: readonly string[]
}

const CHECK_NAME = 'IAM SimulatePrincipalPolicy'

/**
 * The IAM entity whose policies decide for this identity. An assumed-role ARN names a session;
 * the simulation needs the role (`arn:aws:iam::ACCT:role/NAME`), whose path the session ARN
 * does not show.
 */
export function policySourceArn(identity: CallerIdentity): string | undefined {
  const parts = identity.arn.split(':')
  const partition = parts[1] ?? 'aws'
  const resource = parts.slice(5).join(':')
  if (identity.principalType === 'iam-user') return identity.arn
  if (identity.principalType === 'assumed-role') {
    const role = resource.split('/')[1]
    return role === undefined || role === ''
      ? undefined
      : `arn:${partition}:iam::${identity.account}:role/${role}`
  }
  return undefined
}

/** Required actions grouped by resource: each group is one simulation. */
function byResource(actions: readonly RequiredAction[]): Map<string | undefined, string[]> {
  const groups = new Map<string | undefined, string[]>()
  for (const item of actions) {
    const group = groups.get(item.resource) ?? []
    if (!group.includes(item.action)) group.push(item.action)
    groups.set(item.resource, group)
  }
  return groups
}

function statementText(statement: Statement): string {
  const line = statement.StartPosition?.Line
  const where = line === undefined ? '' : ` line ${line}`
  const type = statement.SourcePolicyType === undefined ? '' : `${statement.SourcePolicyType} `
  return `${type}policy ${code(statement.SourcePolicyId ?? '?')}${where}`
}

/** Why IAM said no, from the decision and its details. */
function denialReason(result: EvaluationResult): string {
  const statements = result.MatchedStatements ?? []
  if (result.EvalDecision === 'explicitDeny') {
    return statements.length === 0
      ? 'explicitly denied'
      : `explicitly denied by ${statements.map(statementText).join(', ')}`
  }
  if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false)
    return 'denied by a service control policy of the organization'
  if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false)
    return 'outside the permissions boundary'
  return 'no policy allows it (implicit deny)'
}

interface Denial {
  readonly action: string
  readonly resource: string
  readonly reason: string
  readonly missingContext: readonly string[]
}

async function simulateAll(
  module: IamModule,
  connection: IamConnection,
  source: string,
  groups: Map<string | undefined, string[]>,
  deadline: Deadline
): Promise<CallResult<EvaluationResult[]>> {
  const client = iamClient(module, connection, deadline)
  try {
    const answers = await Promise.all(
      [...groups].map(async ([resource, actions]) => {
        const results: EvaluationResult[] = []
        let marker: string | undefined
        // IAM pages long answers; the loop ends when it says nothing more is left.
        for (;;) {
          const page = await iamCall(deadline, signal =>
            client.send(
              new module.SimulatePrincipalPolicyCommand({
                PolicySourceArn: source,
                ActionNames: actions,
                ...(resource === undefined ? {} : { ResourceArns: [resource] }),
                ...(marker === undefined ? {} : { Marker: marker })
              }),
              { abortSignal: signal }
            )
          )
          if (!page.ok) return page
          results.push(...(page.value.EvaluationResults ?? []))
          if (page.value.IsTruncated !== true || page.value.Marker === undefined) break
          marker = page.value.Marker
        }
        return { ok: true as const, value: results }
      })
    )
    const failed = answers.find(answer => !answer.ok)
    if (failed !== undefined && !failed.ok) return failed
    return { ok: true, value: answers.flatMap(answer => (answer.ok ? answer.value : [])) }
  } finally {
    client.destroy()
  }
}

/** The role's real ARN (with its path), for a role the simulation did not find at the root path. */
async function roleArnWithPath(
  module: IamModule,
  connection: IamConnection,
  roleName: string,
  deadline: Deadline
): Promise<string | undefined> {
  const client = iamClient(module, connection, deadline)
  try {
    const answer = await iamCall(deadline, signal =>
      client.send(new module.GetRoleCommand({ RoleName: roleName }), { abortSignal: signal })
    )
    return answer.ok ? answer.value.Role?.Arn : undefined
  } finally {
    client.destroy()
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

export async function checkRequiredActions(
  connection: IamConnection,
  required: readonly RequiredAction[],
  deadline: Deadline
): Promise<SimulationOutcome> {
  const identity = connection.identity
  if (identity.principalType === 'root') {
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
  }
  let source = policySourceArn(identity)
  if (source === undefined)
    return skippedOutcome(
      required,
      `IAM cannot simulate the policies of ${identity.principalType === 'federated-user' ? 'a federated user session' : code(identity.arn)}`
    )
  const module = await loadIam()
  const groups = byResource(required)
  let answer = await simulateAll(module, connection, source, groups, deadline)
  if (
    !answer.ok &&
    answer.failure.code === 'NoSuchEntity' &&
    identity.principalType === 'assumed-role'
  ) {
    // The session ARN hides the role's path; GetRole knows it.
    const name = source.split('/').pop() ?? ''
    const withPath = await roleArnWithPath(module, connection, name, deadline)
    if (withPath !== undefined && withPath !== source) {
      source = withPath
      answer = await simulateAll(module, connection, source, groups, deadline)
    }
  }
  if (!answer.ok) return skippedOutcome(required, whyNot('SimulatePrincipalPolicy', answer.failure))

  const denials: Denial[] = []
  for (const result of answer.value) {
    if (result.EvalDecision === 'allowed') continue
    denials.push({
      action: result.EvalActionName ?? '?',
      resource: result.EvalResourceName ?? '*',
      reason: denialReason(result),
      missingContext: result.MissingContextValues ?? []
    })
  }
  const total = answer.value.length
  if (denials.length === 0) {
    return {
      findings: [],
      checks: [
        {
          name: CHECK_NAME,
          outcome: 'pass',
          detail: `${required.map(item => `${item.action}${item.resource === undefined ? '' : ` on ${item.resource}`}`).join(', ')}: allowed for ${source}`
        }
      ],
      skipped: []
    }
  }
  const lines = denials.map(
    denial =>
      `${code(denial.action)}${denial.resource === '*' ? '' : ` on ${code(denial.resource)}`}: ${denial.reason}${denial.missingContext.length === 0 ? '' : ` (the decision may change with context keys the simulation lacks: ${denial.missingContext.join(', ')})`}`
  )
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
