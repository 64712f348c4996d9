/**
 * iam:GetRole with other credentials of the job, to read the trust policy of the role that
 * refused the web identity token. Best effort: a denial or another account's credentials only
 * mean the explanation stays generic. The IAM client is loaded only when this runs.
 */
import type { Deadline } from './deadline.js'
import { FIXED_CLIENT_SETTINGS, httpHandler } from './http.js'
import { loadIam } from './iam.js'
import { HOME_REGION, partitionOfArn } from './regions.js'
import type { ProxyRoute } from './proxy.js'
import { withRetries, type AwsCredentials, type AwsFailure } from './sts.js'

export interface RoleLookup {
  readonly roleArn: string
  readonly credentials: AwsCredentials
  /** `AWS_ENDPOINT_URL_IAM`, else `AWS_ENDPOINT_URL`, when set. */
  readonly endpoint?: string
  /** The proxy `HTTPS_PROXY`/`NO_PROXY` choose for IAM, as for every other AWS call. */
  readonly proxy?: ProxyRoute
}

export type RoleOutcome =
  | {
      readonly ok: true
      /** The trust policy as IAM returned it, URL-decoded; parsed by the caller. */
      readonly trustPolicy: string
      readonly arn: string
      readonly maxSessionDuration?: number
    }
  | { readonly ok: false; readonly failure: AwsFailure }

export interface RoleArnParts {
  readonly partition: string
  readonly accountId: string
  readonly path: string
  readonly name: string
}

export function parseRoleArn(arn: string): RoleArnParts | undefined {
  const match = /^arn:([a-z-]+):iam::(\d{12}):role(\/(?:[^/]+\/)*)([\w+=,.@-]+)$/u.exec(arn)
  if (match === null) return undefined
  const [, partition = 'aws', accountId = '', path = '/', name = ''] = match
  return { partition, accountId, path, name }
}

export async function getRole(lookup: RoleLookup, deadline: Deadline): Promise<RoleOutcome> {
  const parts = parseRoleArn(lookup.roleArn)
  if (parts === undefined) {
    return {
      ok: false,
      failure: {
        code: 'InvalidRoleArn',
        message: 'the role ARN cannot be read',
        kind: 'unreadable',
        attempts: 0
      }
    }
  }
  const { GetRoleCommand, IAMClient } = await loadIam()
  const client = new IAMClient({
    // IAM is global; its signing region depends only on the partition.
    region: HOME_REGION[partitionOfArn(lookup.roleArn) ?? 'aws'],
    ...(lookup.endpoint === undefined ? {} : { endpoint: lookup.endpoint }),
    // The endpoint is the one discovery resolved: the client must not look for another itself.
    ignoreConfiguredEndpointUrls: true,
    credentials: lookup.credentials,
    maxAttempts: 1,
    ...FIXED_CLIENT_SETTINGS,
    requestHandler: httpHandler(deadline, lookup.proxy)
  })
  try {
    const result = await withRetries(deadline, async () =>
      client.send(new GetRoleCommand({ RoleName: parts.name }), {
        abortSignal: deadline.signal()
      })
    )
    if (!result.ok) return { ok: false, failure: result.failure }
    const role = result.value.Role
    const document = role?.AssumeRolePolicyDocument
    if (role?.Arn === undefined || document === undefined) {
      return {
        ok: false,
        failure: {
          code: 'IncompleteResponse',
          message: 'GetRole answered without the role or its trust policy',
          kind: 'unreadable',
          attempts: result.attempts
        }
      }
    }
    return {
      ok: true,
      arn: role.Arn,
      trustPolicy: decodePolicy(document),
      ...(role.MaxSessionDuration === undefined
        ? {}
        : { maxSessionDuration: role.MaxSessionDuration })
    }
  } finally {
    client.destroy()
  }
}

/** IAM returns policy documents URL-encoded; a document that is already JSON is kept. */
function decodePolicy(document: string): string {
  if (document.trimStart().startsWith('{')) return document
  try {
    return decodeURIComponent(document)
  } catch {
    return document
  }
}
