/**
 * The summary's OIDC section: the token's claims (never the token), what STS said, and, where
 * the trust policy refused the token, the reasons in the order that fits this run, the failing
 * statement and condition where the policy could be read, and the trust policies that would
 * accept this workflow. Pure.
 */
import type { OidcResult, Report, TrustPolicyEvaluation } from '../model.js'
import { SHOWN_CLAIMS } from '../oidc/claims.js'
import { eksIssuer } from '../oidc/eks.js'
import { parseSub } from '../oidc/sub.js'
import { cell, code, escapeText, fencedBlock } from './markdown.js'
import {
  describeShape,
  hintText,
  lookupNote,
  splitMismatchReasons,
  statementText,
  suggestedPolicies
} from './oidc-words.js'

/** The claims every trust policy can condition on (`sub`, `aud`); others are not certain. */
const CONDITION_CLAIMS: readonly string[] = ['sub', 'aud']

/** Claims named by a condition of the evaluated trust policy that this token fails. */
function failingClaims(oidc: OidcResult): Set<string> {
  const failing = new Set<string>()
  for (const statement of oidc.trustPolicy?.statements ?? [])
    for (const condition of statement.conditions)
      if (condition.result === 'fails')
        failing.add(condition.key.toLowerCase().split(':').pop() ?? '')
  return failing
}

function claimRows(oidc: OidcResult, names: readonly string[]): string[] {
  return [
    '| Claim | Value |',
    '|---|---|',
    ...names.map(name => `| ${cell(code(name))} | ${cell(code(oidc.claims[name] ?? ''))} |`)
  ]
}

/**
 * The claims that differ from the policy, then those a policy can condition on, in the main
 * text; every other claim collapsed, still one click away.
 */
function claimsTable(oidc: OidcResult): string[] {
  const names = [...SHOWN_CLAIMS, 'exp'].filter(name => oidc.claims[name] !== undefined)
  if (names.length === 0) return ['No token was obtained, so there are no claims to show.', '']
  const failing = failingClaims(oidc)
  const first = [
    ...names.filter(name => failing.has(name)),
    ...names.filter(name => !failing.has(name) && CONDITION_CLAIMS.includes(name))
  ]
  const rest = names.filter(name => !first.includes(name))
  return [
    ...claimRows(oidc, first),
    '',
    ...(rest.length === 0
      ? []
      : [
          `<details><summary>The token's other ${rest.length} claims</summary>`,
          '',
          ...claimRows(oidc, rest),
          '',
          '</details>',
          ''
        ])
  ]
}

function outcomeLine(oidc: OidcResult): string {
  if (oidc.assumedIdentity !== undefined)
    return `✅ STS accepted the token: assumed ${code(oidc.assumedIdentity.arn)} (account ${code(oidc.assumedIdentity.account)}). Nothing was exported.`
  if (oidc.stsError !== undefined)
    return `❌ STS refused \`AssumeRoleWithWebIdentity\` with ${code(oidc.stsError.code)}: "${escapeText(oidc.stsError.message)}"`
  return '⏭️ AssumeRoleWithWebIdentity was not tried (see the findings above).'
}

function evaluationTable(evaluation: TrustPolicyEvaluation): string[] {
  const rows: string[] = []
  for (const statement of evaluation.statements) {
    const head = cell(`${statementText(statement.name)} (${escapeText(statement.effect)})`)
    if (!statement.principalMatches)
      rows.push(
        `| ${head} | Principal | ${cell(code(statement.principal.join(', ') || '(none)'))} | ${cell(code(evaluation.providerArn))} | ❌ |`
      )
    if (!statement.actionMatches)
      rows.push(
        `| ${head} | Action | ${cell(code(statement.actions.join(', ') || '(none)'))} | \`sts:AssumeRoleWithWebIdentity\` | ❌ |`
      )
    for (const condition of statement.conditions) {
      const mark =
        condition.unverified === true
          ? '❔'
          : condition.result === 'holds'
            ? '✅'
            : condition.result === 'fails'
              ? '❌'
              : '❔'
      const hint =
        condition.unverified === true
          ? ' unverifiable: the token matches, but AWS does not document this claim as a condition key, and a key STS does not provide fails'
          : condition.hint === undefined
            ? ''
            : ` ${cell(hintText(condition.hint))}`
      rows.push(
        `| ${head} | ${cell(code(condition.operator))} ${cell(code(condition.key))} | ${cell(code(condition.expected.join(', ')))} | ${condition.actual === undefined ? '(no such claim)' : cell(code(condition.actual.join(', ')))} | ${mark}${hint} |`
      )
    }
    if (statement.conditions.length === 0 && statement.principalMatches && statement.actionMatches)
      rows.push(`| ${head} | (no conditions) | | | ${statement.applies ? '✅' : '❌'} |`)
  }
  return [
    `Read with \`iam:GetRole\` and evaluated against this token (decision: **${evaluation.decision}**):`,
    '',
    '| Statement | Condition | Policy expects | Token has | |',
    '|---|---|---|---|---|',
    ...rows,
    ''
  ]
}

/** What the explanation of a refused token is built from: the token's claims and the policy read. */
function mismatchInput(oidc: OidcResult): Parameters<typeof splitMismatchReasons>[0] {
  const sub = oidc.claims.sub
  return {
    roleArn: oidc.roleArn ?? '',
    audiences: (oidc.claims.aud ?? '').split(', ').filter(item => item !== ''),
    claims: oidc.claims,
    ...(sub === undefined ? {} : { sub }),
    ...(oidc.claims.iss === undefined ? {} : { issuer: oidc.claims.iss }),
    ...(oidc.trustPolicy === undefined ? {} : { evaluation: oidc.trustPolicy })
  }
}

function mismatchSection(oidc: OidcResult): string[] {
  const input = mismatchInput(oidc)
  const reasons = splitMismatchReasons(input)
  const lines = [
    '#### Why the trust policy refuses this token',
    '',
    `The reasons this token is consistent with, most likely first (the claims they turn on are in the table above):`,
    '',
    ...reasons.applicable.map((reason, index) => `${index + 1}. ${reason}`),
    ''
  ]
  if (reasons.others.length > 0)
    lines.push(
      `<details><summary>${reasons.others.length} other usual reasons, which this token's claims do not point at</summary>`,
      '',
      ...reasons.others.map(reason => `- ${reason}`),
      '',
      '</details>',
      ''
    )
  if (oidc.trustPolicy !== undefined) lines.push(...evaluationTable(oidc.trustPolicy))
  else if (oidc.trustPolicyUnavailable !== undefined)
    lines.push(`The role's trust policy was ${lookupNote(oidc.trustPolicyUnavailable)}.`, '')
  const variants = suggestedPolicies(input)
  const [exact, ...others] = variants
  if (exact !== undefined) {
    lines.push(
      `#### A trust policy that accepts this ${eksIssuer(oidc.claims.iss) === undefined ? 'workflow' : 'service account'}`,
      '',
      `**${exact.title}.** ${exact.description}`,
      '',
      ...fencedBlock([exact.policy], 'json'),
      ''
    )
    for (const variant of others) {
      lines.push(
        `<details><summary>${variant.title}</summary>`,
        '',
        variant.description,
        '',
        ...fencedBlock([variant.policy], 'json'),
        '',
        '</details>',
        ''
      )
    }
  }
  return lines
}

export function renderOidcDoctor(report: Report): string[] {
  const oidc = report.remote.oidc
  if (oidc === undefined) return []
  const heading =
    oidc.tokenSource === 'github-oidc'
      ? `### OIDC: ${oidc.roleArn === undefined || oidc.roleArn === '' ? "this job's token" : code(oidc.roleArn)}`
      : `### Web identity token: ${code(oidc.tokenFile ?? '')} → ${code(oidc.roleArn ?? '')}`
  const lines = [heading, '', ...claimsTable(oidc)]
  const sub = oidc.claims.sub
  if (sub !== undefined) lines.push(`Shape of \`sub\`: ${describeShape(parseSub(sub))}.`, '')
  lines.push(outcomeLine(oidc), '')
  if (report.findings.some(item => item.id === 'oidc-trust-policy-mismatch'))
    lines.push(...mismatchSection(oidc))
  return lines
}
