/**
 * What the job uses, and so what may fail it. The action's own check uses the source discovery
 * selected and its role chain; a later step runs the AWS SDK for JavaScript or the AWS CLI, whose
 * choices discovery worked out (src/discover/tools.ts). A problem in something the action uses is
 * an error; in something only the AWS CLI reads, a warning; in something neither reads, a notice.
 */
import { sourcesInUse, type Discovery, type Severity, type ToolId, type ToolUse } from '../model.js'

function uses(discovery: Discovery): readonly ToolUse[] {
  const tools = discovery.tools
  return tools === undefined ? [] : [tools.jsSdk, tools.awsCli]
}

/** The profiles the action's own check reads: the selected source's and its chain's. */
export function profilesOfAction(discovery: Discovery): Set<string> {
  const names = new Set<string>()
  for (const source of sourcesInUse(discovery))
    if (source.profile !== undefined) names.add(source.profile)
  return names
}

/** The tools that read this profile in this run. */
export function readersOfProfile(discovery: Discovery, profile: string): ToolId[] {
  return uses(discovery)
    .filter(use => use.profilesRead.includes(profile))
    .map(use => use.tool)
}

/**
 * Severity by use: an error where the action's check or the JS SDK reads it, a warning where
 * only the AWS CLI does, a notice where nothing in this run reads it.
 */
export function severityByUse(usedByAction: boolean, readers: readonly ToolId[]): Severity {
  if (usedByAction || readers.includes('js-sdk')) return 'error'
  return readers.includes('aws-cli') ? 'warning' : 'notice'
}
