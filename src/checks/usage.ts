/**
 * What the job uses, and so what may fail it. The action's own check uses the source discovery
 * selected and its role chain; a later step runs the AWS SDK for JavaScript or the AWS CLI, whose
 * choices discovery worked out (src/discover/tools.ts). A problem in something the action uses is
 * an error; in something only the AWS CLI reads, a warning; in something neither reads, a notice.
 */
import { maskAccessKeyId } from '../redact.js'
import { sourcesInUse, type Discovery, type Severity, type ToolId, type ToolUse } from '../model.js'
import { code, escapeText } from '../report/markdown.js'

export const TOOL_NAMES: Readonly<Record<ToolId, string>> = {
  'js-sdk': 'the AWS SDK for JavaScript',
  'aws-cli': 'the AWS CLI'
}

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

/** One tool's choice in words: `uses profile "ci" in ~/.aws/credentials (access key AKIA…WXYZ)`. */
export function describeUse(use: ToolUse): string {
  if (use.failure !== undefined) return `stops with "${escapeText(use.failure)}"`
  const source = use.source
  if (source === undefined) return 'finds no credentials'
  const key =
    source.accessKeyId === undefined || source.accessKeyId === ''
      ? ''
      : ` (access key ${code(maskAccessKeyId(source.accessKeyId))})`
  return `uses ${escapeText(source.label)}${key}`
}

/** Both tools' choices, one sentence each, for a message. */
export function whatToolsDo(discovery: Discovery): string {
  const tools = discovery.tools
  if (tools === undefined) return ''
  return `In this job the AWS SDK for JavaScript ${describeUse(tools.jsSdk)}; the AWS CLI ${describeUse(tools.awsCli)}.`
}

/** Both tools' choices as evidence lines. */
export function toolEvidence(discovery: Discovery): string[] {
  const tools = discovery.tools
  if (tools === undefined) return []
  return [`JS SDK → ${describeUse(tools.jsSdk)}`, `AWS CLI → ${describeUse(tools.awsCli)}`]
}

/** Why a finding is not an error: nothing, or only the AWS CLI, reads what it is about. */
export function useNote(severity: Severity): string {
  if (severity === 'notice')
    return ' Neither tool reads it in this run, so it does not affect this job; it breaks any job that does use it.'
  if (severity === 'warning')
    return ' Only the AWS CLI reads it in this run: the action and Node-based tools are not affected, but `aws` commands in this job are.'
  return ''
}
