/**
 * Whether the OIDC doctor has anything to examine in this job. Kept apart from the doctor so
 * that a job without OIDC (most jobs with keys) never loads it: the doctor, its diagnoses and
 * its trust-policy evaluator are a fifth of the action's own code.
 */
import type { Discovery } from '../model.js'
import type { Settings } from '../settings.js'
import type { OidcOptions, OidcSettings } from './doctor.js'
import type { OidcFacts } from './facts.js'
import { webIdentityTargets } from './token-file.js'

export function oidcDoctorApplies(
  discovery: Discovery,
  settings: Pick<Settings, 'roleToAssume'>
): boolean {
  return (
    settings.roleToAssume !== undefined ||
    discovery.github.oidcRequestAvailable ||
    webIdentityTargets(discovery).length > 0
  )
}

/** The OIDC phase: the doctor where it applies (loaded then), nothing to add elsewhere. */
export async function oidcPhase(
  discovery: Discovery,
  settings: OidcSettings,
  options: OidcOptions
): Promise<OidcFacts> {
  if (!oidcDoctorApplies(discovery, settings)) return { checks: [], findings: [] }
  const { runOidcDoctor } = await import('./doctor.js')
  return runOidcDoctor(discovery, settings, options)
}
