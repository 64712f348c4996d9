/**
 * STS AssumeRoleWithWebIdentity behind a narrow wrapper. The operation is unsigned (noAuth in
 * the STS model), so no credentials are configured; the web identity token is sent and nothing
 * else learns it. The temporary credentials of a success go to `onSecret` before anything else
 * happens with them; they are then used once, for GetCallerIdentity, and dropped.
 */
import {
  AssumeRoleWithWebIdentityCommand,
  type AssumeRoleWithWebIdentityCommandOutput,
  type Credentials
} from '@aws-sdk/client-sts'
import type { CallerIdentity } from '../model.js'
import type { Deadline } from './deadline.js'
import { recordResponses, type ResponseRecord } from './http.js'
import {
  getCallerIdentity,
  stsClient,
  withRetries,
  type AwsCredentials,
  type AwsFailure,
  type EndpointConfig
} from './sts.js'

export interface WebIdentityRequest {
  readonly roleArn: string
  readonly sessionName: string
  /** The OIDC or web identity token; sensitive, sent only to STS. */
  readonly token: string
}

/** The shortest session STS allows: the credentials are only used to ask who they are. */
const DURATION_SECONDS = 900

export type AssumeOutcome =
  | {
      readonly ok: true
      /** GetCallerIdentity with the temporary credentials, or why it failed. */
      readonly identity: CallerIdentity | undefined
      readonly identityFailure?: AwsFailure
      readonly assumedRoleArn?: string
      readonly subjectFromToken?: string
      readonly audience?: string
      readonly provider?: string
      readonly expiration?: Date
      readonly response: ResponseRecord
    }
  | { readonly ok: false; readonly failure: AwsFailure; readonly response: ResponseRecord }

export async function assumeRoleWithWebIdentity(
  config: EndpointConfig,
  request: WebIdentityRequest,
  deadline: Deadline,
  onSecret: (value: string) => void
): Promise<AssumeOutcome> {
  const client = stsClient(config, undefined, deadline)
  let current: ResponseRecord = {}
  recordResponses(client, () => current)
  try {
    const result = await withRetries(deadline, async record => {
      current = record
      return client.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: request.roleArn,
          RoleSessionName: request.sessionName,
          WebIdentityToken: request.token,
          DurationSeconds: DURATION_SECONDS
        }),
        { abortSignal: deadline.signal() }
      )
    })
    if (!result.ok) return { ok: false, failure: result.failure, response: result.record }
    const { Credentials } = result.value
    // Masked first: whatever happens next, these never reach the log unmasked.
    if (Credentials?.SecretAccessKey !== undefined) onSecret(Credentials.SecretAccessKey)
    if (Credentials?.SessionToken !== undefined) onSecret(Credentials.SessionToken)
    const details = detailsOf(result.value)
    const credentials = completeCredentials(Credentials)
    if (credentials === undefined) {
      return {
        ok: true,
        identity: undefined,
        identityFailure: {
          code: 'IncompleteResponse',
          message: 'AssumeRoleWithWebIdentity answered without complete credentials',
          kind: 'unreadable',
          attempts: result.attempts
        },
        response: result.record,
        ...details
      }
    }
    const called = await getCallerIdentity(config, credentials, deadline)
    return called.ok
      ? { ok: true, identity: called.identity, response: result.record, ...details }
      : {
          ok: true,
          identity: undefined,
          identityFailure: called.failure,
          response: result.record,
          ...details
        }
  } finally {
    client.destroy()
  }
}

/** What the answer says besides the credentials, each field only where STS sent it. */
function detailsOf({
  Credentials,
  AssumedRoleUser,
  SubjectFromWebIdentityToken,
  Audience,
  Provider
}: AssumeRoleWithWebIdentityCommandOutput): Partial<
  Pick<
    Extract<AssumeOutcome, { ok: true }>,
    'assumedRoleArn' | 'subjectFromToken' | 'audience' | 'provider' | 'expiration'
  >
> {
  return {
    ...(AssumedRoleUser?.Arn === undefined ? {} : { assumedRoleArn: AssumedRoleUser.Arn }),
    ...(SubjectFromWebIdentityToken === undefined
      ? {}
      : { subjectFromToken: SubjectFromWebIdentityToken }),
    ...(Audience === undefined ? {} : { audience: Audience }),
    ...(Provider === undefined ? {} : { provider: Provider }),
    ...(Credentials?.Expiration === undefined ? {} : { expiration: Credentials.Expiration })
  }
}

/** The temporary credentials, or undefined when STS left a part out. */
function completeCredentials(credentials: Credentials | undefined): AwsCredentials | undefined {
  if (
    credentials?.AccessKeyId === undefined ||
    credentials.SecretAccessKey === undefined ||
    credentials.SessionToken === undefined
  )
    return undefined
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken
  }
}
