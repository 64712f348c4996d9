import type { ConfigSetting, Discovery, Severity } from '../model.js'
import { looksLikeKeyMaterial } from '../discover/ini.js'
import { defineFactCheck } from './check.js'
import { JUDGES, type Judgement } from './config-settings.js'
import type { CheckFact } from './facts.js'

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

function factOf(
  setting: ConfigSetting,
  judgement: Judgement
): CheckFact<'config-variable-invalid'> {
  return {
    id: 'config-variable-invalid',
    variable: setting.variable,
    origin: setting.origin,
    length: setting.value.length,
    // A secret pasted as a value is never quoted.
    ...(looksLikeKeyMaterial(setting.value) ? {} : { shown: setting.value }),
    severity: severityOf(judgement),
    problem: judgement.problem ?? { kind: 'not-a-value' },
    jsSdk: judgement.jsSdk,
    awsCli: judgement.awsCli,
    accepted: judgement.accepted
  }
}

function judged(
  discovery: Discovery,
  setting: ConfigSetting
): CheckFact<'config-variable-invalid'>[] {
  const judgement = JUDGES[setting.variable]?.(setting, discovery)
  return judgement === undefined ? [] : [factOf(setting, judgement)]
}

/**
 * A value of one of the SDKs' configuration settings (retries, endpoint variants, instance
 * metadata, defaults mode, CA bundle, file paths) that one tool or both refuse, or silently read
 * as something else: what each tool does with it, measured (src/checks/config-settings.ts).
 */
export const configVariableInvalid = defineFactCheck({
  ids: ['config-variable-invalid'],
  detect: discovery =>
    (discovery.configSettings ?? []).flatMap(setting => judged(discovery, setting))
})
