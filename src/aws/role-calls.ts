/**
 * What the SDK's credential chain really sent to STS for a role profile, and what STS answered:
 * a middleware on the chain's inner STS client (given to the chain as `clientPlugins`, which
 * `@aws-sdk/credential-provider-ini` hands to `getDefaultRoleAssumer` of
 * `@aws-sdk/nested-clients/sts`, whose client `use`s each plugin). A chain of several role
 * profiles shares that one client, so every AssumeRole of the chain is seen, innermost first.
 *
 * The record keeps the credentials each call was signed with, for the best-effort
 * `iam:GetRole` that explains a refusal; they are secrets, masked before any other use, and
 * never printed. The `ExternalId` is kept to compare with the trust policy, never printed.
 */
import type { DefaultProviderInit } from '@aws-sdk/credential-provider-node'
import type { AwsCredentials } from './sts.js'
import { errorCode, errorProperty } from '../errors.js'

export interface AssumeRoleCall {
  readonly roleArn: string
  readonly roleSessionName?: string
  readonly externalId?: string
  readonly durationSeconds?: number
  /** The credentials the call was signed with: the source profile's, or the previous role's. */
  readonly caller?: AwsCredentials
  /** STS's answer where it refused; undefined where it issued the session. */
  readonly refusal?: { readonly code: string; readonly message: string }
}

/** The smithy context key under which the auth middleware keeps the identity it signs with. */
const SMITHY_CONTEXT = '__smithy_context'

/** The SDK's plugin type, as the chain's options declare it. */
type Plugin = NonNullable<DefaultProviderInit['clientPlugins']>[number]

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

/** The identity the auth middleware chose for this call, where it has one. */
function signingIdentity(context: Record<string, unknown>): AwsCredentials | undefined {
  const scheme = record(record(context[SMITHY_CONTEXT]).selectedHttpAuthScheme)
  const identity = record(scheme.identity)
  const accessKeyId = text(identity.accessKeyId)
  const secretAccessKey = text(identity.secretAccessKey)
  if (accessKeyId === undefined || secretAccessKey === undefined) return undefined
  const sessionToken = text(identity.sessionToken)
  return { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) }
}

function callOf(input: unknown, caller: AwsCredentials | undefined): AssumeRoleCall {
  const fields = record(input)
  const roleSessionName = text(fields.RoleSessionName)
  const externalId = text(fields.ExternalId)
  const duration = fields.DurationSeconds
  return {
    roleArn: text(fields.RoleArn) ?? '',
    ...(roleSessionName === undefined ? {} : { roleSessionName }),
    ...(externalId === undefined ? {} : { externalId }),
    ...(typeof duration === 'number' ? { durationSeconds: duration } : {}),
    ...(caller === undefined ? {} : { caller })
  }
}

/** STS's code and message as the SDK gives them: the wire code in `Code` for modelled errors. */
function refusalOf(error: unknown): AssumeRoleCall['refusal'] {
  const code = errorCode(error, 'Code') ?? errorCode(error, 'name') ?? 'Error'
  return { code, message: errorProperty(error, 'message') ?? '' }
}

/** A plugin that appends every AssumeRole call of the chain, with its outcome, to `calls`. */
export function assumeRoleRecorder(calls: AssumeRoleCall[]): Plugin {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async args => {
          if (context.commandName !== 'AssumeRoleCommand') return next(args)
          const call = callOf(args.input, signingIdentity(record(context)))
          try {
            const output = await next(args)
            calls.push(call)
            return output
          } catch (error: unknown) {
            calls.push({ ...call, refusal: refusalOf(error) })
            throw error
          }
        },
        // After serialisation the auth middleware has chosen the identity to sign with.
        { step: 'build', name: 'awsCredentialsDoctorAssumeRoleRecorder' }
      )
    }
  }
}
