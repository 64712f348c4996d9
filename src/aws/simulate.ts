/**
 * The `required-actions` gate: `iam:SimulatePrincipalPolicy` for the calling principal (for a
 * role session, its role), one call per resource named, giving `missing-permissions` with the
 * denied actions and the statement that decided where IAM tells it. A simulation that is itself
 * denied proves nothing either way: it becomes a reason for the `iam-check-skipped` notice.
 * This file returns what IAM answered; src/report/simulate.ts words it.
 */
import type { EvaluationResult, Statement } from '@aws-sdk/client-iam'
import type { CallerIdentity, CheckResult, Finding } from '../model.js'
import type { RequiredAction } from '../settings.js'
import type { Deadline } from './deadline.js'
import {
  iamCall,
  iamClient,
  loadIam,
  type CallResult,
  type IamConnection,
  type IamModule
} from './iam.js'
import type { AwsFailure } from './sts.js'

export interface SimulationOutcome {
  readonly findings: readonly Finding[]
  readonly checks: readonly CheckResult[]
  readonly skipped: readonly string[]
}

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

/** A policy statement IAM named as deciding, as it named it. */
export interface DecidingStatement {
  readonly policyType?: string
  readonly policyId?: string
  readonly line?: number
}

/** Why IAM said no, from the decision and its details. */
export type DenialDecision =
  | { readonly kind: 'explicit'; readonly statements: readonly DecidingStatement[] }
  | { readonly kind: 'organizations' | 'boundary' | 'implicit' }

function decidingStatement(statement: Statement): DecidingStatement {
  const line = statement.StartPosition?.Line
  return {
    ...(statement.SourcePolicyType === undefined ? {} : { policyType: statement.SourcePolicyType }),
    ...(statement.SourcePolicyId === undefined ? {} : { policyId: statement.SourcePolicyId }),
    ...(line === undefined ? {} : { line })
  }
}

function denialDecision(result: EvaluationResult): DenialDecision {
  if (result.EvalDecision === 'explicitDeny')
    return {
      kind: 'explicit',
      statements: (result.MatchedStatements ?? []).map(decidingStatement)
    }
  if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false)
    return { kind: 'organizations' }
  if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false)
    return { kind: 'boundary' }
  return { kind: 'implicit' }
}

export interface Denial {
  readonly action: string
  readonly resource: string
  readonly decision: DenialDecision
  readonly missingContext: readonly string[]
}

/** What the simulation found, before anything is written for a reader. */
export type SimulationFacts =
  /** The root user is allowed every action: nothing to simulate. */
  | { readonly kind: 'root' }
  /** IAM cannot simulate this principal's policies (a federated user session, or no IAM entity). */
  | { readonly kind: 'unsimulatable'; readonly identity: CallerIdentity }
  /** The simulation itself failed or was denied: nothing is known either way. */
  | { readonly kind: 'simulation-failed'; readonly failure: AwsFailure }
  | { readonly kind: 'allowed'; readonly source: string }
  | {
      readonly kind: 'denied'
      readonly source: string
      /** How many action and resource pairs IAM evaluated. */
      readonly total: number
      readonly denials: readonly Denial[]
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

/** Simulates the required actions for the calling principal (for a role session, its role). */
export async function simulateRequiredActions(
  connection: IamConnection,
  required: readonly RequiredAction[],
  deadline: Deadline
): Promise<SimulationFacts> {
  const identity = connection.identity
  if (identity.principalType === 'root') return { kind: 'root' }
  let source = policySourceArn(identity)
  if (source === undefined) return { kind: 'unsimulatable', identity }
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
  if (!answer.ok) return { kind: 'simulation-failed', failure: answer.failure }

  const denials: Denial[] = []
  for (const result of answer.value) {
    if (result.EvalDecision === 'allowed') continue
    denials.push({
      action: result.EvalActionName ?? '?',
      resource: result.EvalResourceName ?? '*',
      decision: denialDecision(result),
      missingContext: result.MissingContextValues ?? []
    })
  }
  if (denials.length === 0) return { kind: 'allowed', source }
  return { kind: 'denied', source, total: answer.value.length, denials }
}
