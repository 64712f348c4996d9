/**
 * The session-limits phase: for this job's configure-aws-credentials steps, read the roles
 * whose `MaxSessionDuration` or trust policy decides whether STS accepts the step (iam:GetRole
 * with the job's credentials, best effort), then judge every step with the pure rules of
 * `session-limits.ts`. A role that cannot be read is a check line saying why and how to grant
 * the read, never a finding: the step may work.
 */
import type { CheckResult, Discovery, Finding } from '../model.js'
import { code } from '../report/markdown.js'
import type { Settings } from '../settings.js'
import { resolveCredentials } from './credentials.js'
import type { Deadline } from './deadline.js'
import { iamRoute } from './endpoints.js'
import { getRole, parseRoleArn } from './iam-role.js'
import { partitionOfArn } from './regions.js'
import {
  rolesToRead,
  sessionLimitFindings,
  sessionRequests,
  type RoleLimitLookup
} from './session-limits.js'
import type { AwsCredentials } from './sts.js'

/** A workflow names a handful of roles; a file that names more gets the first few read. */
const MAX_ROLES_READ = 5

const CHECK_NAME = 'IAM GetRole (session limits)'

export interface SessionLimitsOptions {
  readonly deadline: Deadline
  /** Masks a secret before anything else happens with it. */
  readonly onSecret: (value: string) => void
}

export interface SessionLimitsPhase {
  readonly checks: readonly CheckResult[]
  readonly findings: readonly Finding[]
}

type Reader = { readonly credentials: AwsCredentials } | { readonly unavailable: string }

/** The job's own credentials, where it has some that iam:GetRole can be called with. */
async function reader(
  discovery: Discovery,
  settings: Pick<Settings, 'checkIam' | 'profile'>,
  deadline: Deadline,
  onSecret: (value: string) => void
): Promise<Reader> {
  if (!settings.checkIam) return { unavailable: '`check-iam` is false' }
  const selected = discovery.selected
  if (selected === undefined || selected.kind === 'none')
    return { unavailable: 'this step has no credentials to call iam:GetRole with' }
  const profile = settings.profile ?? discovery.profile.name
  const resolved = await resolveCredentials(
    discovery,
    profile === 'default' ? undefined : profile,
    deadline
  )
  if (!resolved.ok) return { unavailable: `this step's credentials are unusable` }
  onSecret(resolved.credentials.secretAccessKey)
  if (resolved.credentials.sessionToken !== undefined) onSecret(resolved.credentials.sessionToken)
  return { credentials: resolved.credentials }
}

/** One role read, with what it means for the verdict. */
async function readRole(
  roleArn: string,
  discovery: Discovery,
  credentials: AwsCredentials,
  deadline: Deadline
): Promise<RoleLimitLookup> {
  const route = iamRoute(discovery.network, partitionOfArn(roleArn))
  const outcome = await getRole(
    {
      roleArn,
      credentials,
      ...(route.override === undefined ? {} : { endpoint: route.override.url }),
      ...(route.proxy === undefined ? {} : { proxy: route.proxy })
    },
    deadline
  )
  if (!outcome.ok)
    return {
      ok: false,
      reason:
        outcome.failure.code === 'AccessDenied'
          ? "iam:GetRole is denied to this step's credentials"
          : `iam:GetRole failed (${code(outcome.failure.code)})`
    }
  // GetRole takes a role name: credentials of another account would read another role.
  const wanted = parseRoleArn(roleArn)?.accountId
  const found = parseRoleArn(outcome.arn)?.accountId
  if (wanted === undefined || found !== wanted)
    return { ok: false, reason: `this step's credentials belong to another account` }
  return {
    ok: true,
    trustPolicy: outcome.trustPolicy,
    ...(outcome.maxSessionDuration === undefined
      ? {}
      : { maxSessionDuration: outcome.maxSessionDuration })
  }
}

function checkLine(roleArn: string, lookup: RoleLimitLookup): CheckResult {
  if (lookup.ok)
    return {
      name: CHECK_NAME,
      outcome: 'info',
      detail: `${code(roleArn)}: MaxSessionDuration ${lookup.maxSessionDuration ?? 'not given'} s`
    }
  return {
    name: CHECK_NAME,
    outcome: 'skip',
    detail: `${code(roleArn)}: not read (${lookup.reason}), so its own MaxSessionDuration and trust policy are unchecked (the 12-hour ceiling and the 1-hour role-chaining cap are checked without it); allow \`iam:GetRole\` on ${code(roleArn)} to the credentials of this step to check them`
  }
}

export async function checkSessionLimits(
  discovery: Discovery,
  settings: Pick<Settings, 'checkIam' | 'profile'>,
  options: SessionLimitsOptions
): Promise<SessionLimitsPhase> {
  const workflow = discovery.workflow
  const steps = workflow?.credentialSteps
  if (workflow === undefined || steps === undefined) return { checks: [], findings: [] }
  const requests = sessionRequests(steps)
  const roles = rolesToRead(requests).slice(0, MAX_ROLES_READ)
  const lookups = new Map<string, RoleLimitLookup>()
  if (roles.length > 0) {
    const job = await reader(discovery, settings, options.deadline, options.onSecret)
    const read = await Promise.all(
      roles.map(async (roleArn): Promise<RoleLimitLookup> =>
        'credentials' in job
          ? readRole(roleArn, discovery, job.credentials, options.deadline)
          : { ok: false, reason: job.unavailable }
      )
    )
    roles.forEach((roleArn, index) => {
      const lookup = read[index]
      if (lookup !== undefined) lookups.set(roleArn, lookup)
    })
  }
  return {
    checks: [...lookups].map(([roleArn, lookup]) => checkLine(roleArn, lookup)),
    findings: sessionLimitFindings(workflow.path, requests, lookups)
  }
}
