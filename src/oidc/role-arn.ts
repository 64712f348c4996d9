/**
 * What is wrong with a `role-to-assume` value before STS is asked, and the role ARN it most
 * likely meant. Users paste a role name, a path, the ARN of the session they saw in a log
 * (`arn:aws:sts::…:assumed-role/NAME/SESSION`), an instance profile or a user; or a role of
 * another partition (China, GovCloud) while the job's region is a commercial one, where only
 * that partition's STS can assume it. Pure: the words are in src/report/oidc-findings.ts.
 */
import { parseRoleArn } from '../aws/iam-role.js'
import { HOME_REGION, partitionOfArn, partitionOfRegion, type Partition } from '../aws/regions.js'

/** What an ARN that is not a role's names instead. */
export type NotARole =
  | { readonly is: 'session' }
  | { readonly is: 'instance-profile' }
  | { readonly is: 'user' }
  /** Another IAM resource type (`policy`, `group`, …). */
  | { readonly is: 'iam-resource'; readonly type: string }
  /** A resource of another service than IAM. */
  | { readonly is: 'service'; readonly service: string }

export type RoleArnProblem =
  /** A role name or path alone: `meant` is the full ARN, with the account where known. */
  | { readonly kind: 'not-an-arn'; readonly meant: string; readonly accountKnown: boolean }
  /** An ARN, but of something else (a user, a session, an instance profile). */
  | { readonly kind: 'not-a-role'; readonly what: NotARole; readonly meant?: string }
  /** An ARN that names a role but cannot be read (account, characters). */
  | { readonly kind: 'malformed' }
  /** A role of another partition than the job's region: its own STS is needed. */
  | {
      readonly kind: 'other-partition'
      readonly partition: Partition
      readonly region: string
      readonly suggestedRegion: string
    }

export interface RoleArnHints {
  /** The job's region, which decides which partition's STS is asked. */
  readonly region: string
  /** The account the role probably lives in (the key ID's, or the one expected), if known. */
  readonly account?: string
}

/** A role name alone (`deploy`), with a path (`ci/deploy`), or `role/…` as the console shows. */
const ROLE_PATH = /^(?:role\/)?((?:[\w+=,.@-]+\/)*[\w+=,.@-]+)$/u

function notARole(value: string): RoleArnProblem | undefined {
  const fields = value.split(':')
  const [, partition = 'aws', service = '', , account = '', ...rest] = fields
  const resource = rest.join(':')
  const session = /^assumed-role\/([\w+=,.@-]+)\/[^/]+$/u.exec(resource)
  if (service === 'sts' && session !== null)
    return {
      kind: 'not-a-role',
      what: { is: 'session' },
      meant: `arn:${partition}:iam::${account}:role/${session[1] ?? ''}`
    }
  const profile = /^instance-profile\/(.+)$/u.exec(resource)
  if (service === 'iam' && profile !== null)
    return {
      kind: 'not-a-role',
      what: { is: 'instance-profile' },
      meant: `arn:${partition}:iam::${account}:role/${profile[1] ?? ''}`
    }
  if (service === 'iam' && resource.startsWith('user/'))
    return { kind: 'not-a-role', what: { is: 'user' } }
  const type = /^([a-z-]+)\//u.exec(resource)?.[1]
  if (service === 'iam' && type !== undefined && type !== 'role')
    return { kind: 'not-a-role', what: { is: 'iam-resource', type } }
  if (service !== '' && service !== 'iam' && service !== 'sts' && resource !== '')
    return { kind: 'not-a-role', what: { is: 'service', service } }
  // A missing colon, a stray character: no part can be trusted to say what was meant.
  return undefined
}

export function roleArnProblem(value: string, hints: RoleArnHints): RoleArnProblem | undefined {
  const regionPartition = partitionOfRegion(hints.region)
  if (!value.startsWith('arn:')) {
    const path = ROLE_PATH.exec(value)?.[1]
    if (path === undefined) return { kind: 'malformed' }
    return {
      kind: 'not-an-arn',
      meant: `arn:${regionPartition}:iam::${hints.account ?? 'ACCOUNT_ID'}:role/${path}`,
      accountKnown: hints.account !== undefined
    }
  }
  const parts = parseRoleArn(value)
  if (parts === undefined) return notARole(value) ?? { kind: 'malformed' }
  const partition = partitionOfArn(value)
  if (partition !== undefined && partition !== regionPartition)
    return {
      kind: 'other-partition',
      partition,
      region: hints.region,
      suggestedRegion: HOME_REGION[partition]
    }
  return undefined
}
