/**
 * Folds the OIDC phase into the remote result. With `role-to-assume` the OIDC path is the
 * credential under test: where the job's other credentials gave no identity (usually there are
 * none, since configure-aws-credentials runs after this check), "no credentials" is not the
 * finding, and the assumed role is the identity reported (the gates then judge it). Where the
 * job's other credentials work too, they stay the identity, and src/gates.ts judges the assumed
 * role's account beside it.
 */
import type { Finding, RemoteResult } from '../model.js'
import type { Settings } from '../settings.js'
import type { OidcPhase } from './facts.js'

export type MergeSettings = Pick<Settings, 'roleToAssume' | 'expectedAccountIds'>

/**
 * Drops `no-credentials` where the job is meant to get its credentials from OIDC: with
 * `role-to-assume`, when no other credentials gave an identity. `validated` is the STS phase's
 * result before the OIDC phase is folded in.
 */
export function supersededByOidc(
  findings: readonly Finding[],
  validated: Pick<RemoteResult, 'identity'>,
  settings: Pick<Settings, 'roleToAssume'>
): Finding[] {
  if (settings.roleToAssume === undefined || validated.identity !== undefined) return [...findings]
  return findings.filter(item => item.id !== 'no-credentials')
}

/**
 * The SDK's chain exchanges a token file too, and only says "AccessDenied"; where the doctor
 * diagnosed the same file and found why, its finding is the one to show.
 */
function fileDiagnosed(phase: OidcPhase): boolean {
  return (
    phase.oidc?.tokenSource === 'web-identity-file' &&
    phase.findings.some(item => item.severity === 'error')
  )
}

export function withOidc(
  validated: RemoteResult,
  phase: OidcPhase,
  settings: MergeSettings
): RemoteResult {
  const assumed = phase.oidc?.assumedIdentity
  const useAssumed =
    validated.identity === undefined && settings.roleToAssume !== undefined && assumed !== undefined
  const diagnosed = fileDiagnosed(phase)
  const remoteFindings = supersededByOidc(validated.findings, validated, settings).filter(
    item => !(diagnosed && item.id === 'no-credentials')
  )
  return {
    ...validated,
    findings: [...remoteFindings, ...phase.findings],
    checks: [...validated.checks, ...phase.checks],
    ...(phase.oidc === undefined ? {} : { oidc: phase.oidc }),
    ...(phase.oidcSub === undefined ? {} : { oidcSub: phase.oidcSub }),
    ...(useAssumed ? { identity: assumed, credentialSource: 'web-identity' as const } : {})
  }
}
