/** How the words of a finding tell what each tool does in this run (src/checks/usage.ts finds it). */
import type { Severity, ToolUse, ToolViews } from '../../model.js'
import { maskAccessKeyId } from '../../redact.js'
import { code, escapeText } from '../markdown.js'

/** What a run's tools chose (discovery's, or the facts of a finding that quote them). */
export interface ToolsOfRun {
  readonly tools?: ToolViews
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
export function whatToolsDo(run: ToolsOfRun): string {
  const tools = run.tools
  if (tools === undefined) return ''
  return `In this job the AWS SDK for JavaScript ${describeUse(tools.jsSdk)}; the AWS CLI ${describeUse(tools.awsCli)}.`
}

/** Both tools' choices as evidence lines. */
export function toolEvidence(run: ToolsOfRun): string[] {
  const tools = run.tools
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
