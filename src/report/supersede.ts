/**
 * The one place where findings make others redundant, applied once when the report is built.
 * What supersedes what is declared on the definitions in src/findings.ts (`supersedes`, with
 * its reach: one credential value, one source, or the run); besides that, the same finding
 * reached by two paths (same ID, source and message) is one finding.
 */
import { definitionOf, type SupersedeScope } from '../findings.js'
import { SEVERITY_RANK, type Finding, type Origin } from '../model.js'

function originKey(origin: Origin | undefined): string | undefined {
  return origin === undefined ? undefined : JSON.stringify(origin)
}

function sameScope(per: SupersedeScope, by: Finding, item: Finding): boolean {
  if (per === 'run') return true
  if (per === 'source') return by.source === item.source
  const key = originKey(item.location?.origin)
  return key !== undefined && key === originKey(by.location?.origin)
}

/**
 * `by` makes `item` redundant: declared so, within the declared reach, and at least as severe.
 * A less severe finding never hides a more severe one: a notice about a profile the run does
 * not use must not take away the error that fails the step.
 */
function supersedes(by: Finding, item: Finding): boolean {
  if (SEVERITY_RANK[by.severity] < SEVERITY_RANK[item.severity]) return false
  return definitionOf(by.id).supersedes.some(
    entry => entry.id === item.id && sameScope(entry.per, by, item)
  )
}

function duplicates(kept: Finding, item: Finding): boolean {
  return (
    kept.id === item.id &&
    (kept.source ?? '') === (item.source ?? '') &&
    kept.message === item.message
  )
}

/**
 * Drops every finding another one supersedes. `ordered` is in precedence order: among findings
 * of one ID, the first is kept; a finding of another ID supersedes wherever it stands.
 */
export function supersede(ordered: readonly Finding[]): Finding[] {
  const kept: Finding[] = []
  for (const item of ordered) {
    const redundant =
      kept.some(
        earlier =>
          earlier.id === item.id && (duplicates(earlier, item) || supersedes(earlier, item))
      ) || ordered.some(other => other.id !== item.id && supersedes(other, item))
    if (!redundant) kept.push(item)
  }
  return kept
}
