import { finding } from '../findings.js'
import type { ConfigSetting, Discovery, Finding, Severity } from '../model.js'
import { code } from '../report/markdown.js'
import { defineCheck, describeOrigin } from './check.js'
import { JUDGES, quoted, type Judgement, type ToolVerdict } from './config-settings.js'

/**
 * Only what the job uses can fail it. The action's own clients fix these settings themselves,
 * so what counts is the tools of the job's later steps: where both stop, every AWS call of the
 * job fails (an error); where one stops, the job fails only if it uses that one (a warning);
 * where both go on, the value does not do what it says (a notice).
 */
function severityOf(judgement: Judgement): Severity {
  if (judgement.severity !== undefined) return judgement.severity
  const refusals = [judgement.jsSdk, judgement.awsCli].filter(verdict => 'refuses' in verdict)
  if (refusals.length === 2) return 'error'
  return refusals.length === 1 ? 'warning' : 'notice'
}

function said(tool: string, verdict: ToolVerdict): string {
  return 'refuses' in verdict
    ? `${tool} stops: ${code(verdict.refuses)}`
    : `${tool} ${verdict.goesOn}`
}

function titleOf(setting: ConfigSetting, severity: Severity): string {
  const name = code(setting.variable)
  if (severity === 'error') return `${name} has a value the AWS tools refuse`
  if (severity === 'warning') return `${name} has a value one of the AWS tools refuses`
  return `${name} has a value the AWS tools do not read as meant`
}

function findingOf(
  setting: ConfigSetting,
  judgement: Judgement
): Finding<'config-variable-invalid'> {
  const severity = severityOf(judgement)
  const from = describeOrigin(setting.origin)
  const js = said('The AWS SDK for JavaScript', judgement.jsSdk)
  const cli = said('the AWS CLI', judgement.awsCli)
  const fix =
    setting.origin.kind === 'env'
      ? `remove the variable where the workflow or an earlier step sets it`
      : `delete the line`
  return finding('config-variable-invalid', {
    severity,
    title: judgement.wording?.title ?? titleOf(setting, severity),
    message: `${from} is ${code(quoted(setting.value))}, ${judgement.wording?.why ?? `which is not a value of ${code(setting.variable)}`}. ${js}; ${cli}. ${judgement.wording?.thisStep ?? "This action's own requests do not depend on it."}`,
    remediation: `Set ${from} to ${judgement.accepted}, or ${fix} to get the tools' default.`,
    evidence: [
      `${from}: ${setting.value.length} characters, ${code(quoted(setting.value))}`,
      `AWS SDK for JavaScript: ${'refuses' in judgement.jsSdk ? judgement.jsSdk.refuses : judgement.jsSdk.goesOn}`,
      `AWS CLI: ${'refuses' in judgement.awsCli ? judgement.awsCli.refuses : judgement.awsCli.goesOn}`
    ],
    origin: setting.origin
  })
}

function judged(
  discovery: Discovery,
  setting: ConfigSetting
): Finding<'config-variable-invalid'>[] {
  const judgement = JUDGES[setting.variable]?.(setting, discovery)
  return judgement === undefined ? [] : [findingOf(setting, judgement)]
}

/**
 * A value of one of the SDKs' configuration settings (retries, endpoint variants, instance
 * metadata, defaults mode, CA bundle) that one tool or both refuse, or silently read as
 * something else: what each tool does with it, measured (src/checks/config-settings.ts).
 */
export const configVariableInvalid = defineCheck({
  ids: ['config-variable-invalid'],
  run: discovery => (discovery.configSettings ?? []).flatMap(setting => judged(discovery, setting))
})
