/**
 * A credential chain that AWS refused: the source is configured and its credentials were read,
 * but a call the SDK makes with them to obtain the credentials in use failed. The common case is
 * a profile with `role_arn` and `source_profile` whose role does not trust the source identity:
 * STS answers AssumeRole with AccessDenied. This file finds what happened; the finding's words
 * are written in src/report/chain-refusal.ts.
 */
import type { CredentialSource } from '../model.js'

/** AWS's AccessDenied wording: `User: ARN is not authorized to perform: ACTION on resource: ARN`. */
const NOT_AUTHORIZED = /User: (\S+) is not authorized to perform: (\S+) on resource: (\S+)/u

/** What AWS answered: its error code, and the SDK's `name: message` (AWS's text, no secret). */
interface Refusal {
  readonly code: string
  readonly detail: string
}

export type ChainRefusal =
  /** STS refused the AssumeRole call of a role profile (not a web identity one). */
  | (Refusal & {
      readonly kind: 'role-refused'
      readonly roleArn: string
      /** The label of the source the SDK's chain used (the finding's `source`). */
      readonly label: string
      readonly profile?: string
      readonly sourceProfile?: string
      /** The identity AWS named as the caller, where its AccessDenied names one. */
      readonly caller?: string
    })
  /** Some other call of the chain was refused. */
  | (Refusal & { readonly kind: 'chain-refused'; readonly label?: string })

/** The identity an AccessDenied names as the caller, without the sentence's full stop. */
function callerOf(detail: string): string | undefined {
  return NOT_AUTHORIZED.exec(detail)?.[1]?.replace(/\.$/u, '')
}

/**
 * `code` is the AWS error code, `detail` the SDK's `name: message` (AWS's text: no secret
 * material), `selected` the source the SDK's chain used.
 */
export function chainRefusal(
  code: string,
  detail: string,
  selected: CredentialSource | undefined
): ChainRefusal {
  const roleArn = selected?.details.roleArn
  // A web identity source also has a role ARN, but calls AssumeRoleWithWebIdentity.
  if (selected === undefined || roleArn === undefined || selected.tokenFile !== undefined)
    return {
      kind: 'chain-refused',
      code,
      detail,
      ...(selected === undefined ? {} : { label: selected.label })
    }
  const { profile } = selected
  const { sourceProfile } = selected.details
  const caller = code === 'AccessDenied' ? callerOf(detail) : undefined
  return {
    kind: 'role-refused',
    code,
    detail,
    roleArn,
    label: selected.label,
    ...(profile === undefined ? {} : { profile }),
    ...(sourceProfile === undefined ? {} : { sourceProfile }),
    ...(caller === undefined ? {} : { caller })
  }
}
