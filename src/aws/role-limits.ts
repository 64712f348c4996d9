/**
 * The session-limits phase: for this job's configure-aws-credentials steps, read the roles
 * whose `MaxSessionDuration` or trust policy decides whether STS accepts the step (iam:GetRole
 * with the job's credentials, best effort), then judge every step with the pure rules of
 * `session-limits.ts`. A role that cannot be read is a check line saying why and how to grant
 * the read, never a finding: the step may work. This file returns what it read;
 * src/report/session-limits.ts writes the check lines and findings from it.
 */
import type { CheckResult, Discovery, Finding } from '../model.js'
import type { Settings } from '../settings.js'
import { resolveCredentials } from './credentials.js'
import type { Deadline } from './deadline.js'
import { iamRoute } from './endpoints.js'
import { getRole, parseRoleArn } from './iam-role.js'
import { partitionOfArn } from './regions.js'
import {
  rolesToRead,
  sessionRequests,
  type LookupGap,
  type RoleLimitLookup,
  type SessionRequest
} from './session-limits.js'
import type { AwsCredentials } from './sts.js'

/** A workflow names a handful of roles; a file that names more gets the first few read. */
const MAX_ROLES_READ = 5

export interface SessionLimitsOptions {
  readonly deadline: Deadline
  /** Masks a secret before anything else happens with it. */
  readonly onSecret: (value: string) => void
}

export interface SessionLimitsPhase {
  readonly checks: readonly CheckResult[]
  readonly findings: readonly Finding[]
}

type Reader = { readonly credentials: AwsCredentials } | { readonly unavailable: LookupGap }

/** The job's own credentials, where it has some that iam:GetRole can be called with. */
async function reader(
  discovery: Discovery,
  settings: Pick<Settings, 'checkIam' | 'profile'>,
  deadline: Deadline,
  onSecret: (value: string) => void
): Promise<Reader> {
  if (!settings.checkIam) return { unavailable: { kind: 'check-iam-off' } }
  const selected = discovery.selected
  if (selected === undefined || selected.kind === 'none')
    return { unavailable: { kind: 'no-credentials' } }
  const profile = settings.profile ?? discovery.profile.name
  const resolved = await resolveCredentials(
    discovery,
    profile === 'default' ? undefined : profile,
    deadline
  )
  if (!resolved.ok) return { unavailable: { kind: 'credentials-unusable' } }
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
          ? { kind: 'denied' }
          : { kind: 'failed', code: outcome.failure.code }
    }
  // GetRole takes a role name: credentials of another account would read another role.
  const wanted = parseRoleArn(roleArn)?.accountId
  const found = parseRoleArn(outcome.arn)?.accountId
  if (wanted === undefined || found !== wanted)
    return { ok: false, reason: { kind: 'other-account' } }
  return {
    ok: true,
    trustPolicy: outcome.trustPolicy,
    ...(outcome.maxSessionDuration === undefined
      ? {}
      : { maxSessionDuration: outcome.maxSessionDuration })
  }
}

/** The workflow's session requests, and what iam:GetRole told of each role it names. */
export interface RoleLookups {
  readonly file: string
  readonly requests: readonly SessionRequest[]
  readonly lookups: ReadonlyMap<string, RoleLimitLookup>
}

/** Reads the roles the workflow's later steps assume; undefined without such steps. */
export async function readSessionLimits(
  discovery: Discovery,
  settings: Pick<Settings, 'checkIam' | 'profile'>,
  options: SessionLimitsOptions
): Promise<RoleLookups | undefined> {
  const workflow = discovery.workflow
  const steps = workflow?.credentialSteps
  if (workflow === undefined || steps === undefined) return undefined
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
  return { file: workflow.path, requests, lookups }
}
