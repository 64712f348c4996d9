/**
 * The job summary as Markdown: verdict first, then identity, findings with their fixes, the
 * checks made and the credential sources. Pure; the publisher writes it.
 */
import type { CredentialSource, Finding, Origin, Report, Severity } from '../model.js'
import { maskAccessKeyId } from '../redact.js'
import { OUTPUT } from './build.js'
import { docsUrl } from './links.js'
import { renderOidcGuide } from './oidc-guide.js'

const ICON: Readonly<Record<Severity, string>> = { error: '❌', warning: '⚠️', notice: 'ℹ️' }
const STATUS_ICON = { pass: '✅', warn: '⚠️', fail: '❌' } as const
const OUTCOME_ICON = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', info: 'ℹ️' } as const

/** Text for a table cell: no pipes or newlines that would break the row. */
export function cell(text: string): string {
  return text.replace(/\|/gu, '\\|').replace(/\r?\n/gu, ' ')
}

export function originText(origin: Origin): string {
  switch (origin.kind) {
    case 'env':
      return `\`${origin.name}\``
    case 'input':
      return `input \`${origin.name}\``
    case 'file':
      return `\`${origin.path}\` line ${origin.line}`
    case 'default':
      return origin.name
  }
}

function verdictLine(report: Report): string {
  const first = report.findings.find(item => item.id === report.cause)
  if (report.status === 'pass') {
    const identity = report.remote.identity
    return `## ${STATUS_ICON.pass} AWS credentials work${identity === undefined ? '' : `: \`${identity.arn}\``}`
  }
  const word =
    report.status === 'fail' ? 'AWS credentials fail' : 'AWS credentials work, with warnings'
  return `## ${STATUS_ICON[report.status]} ${word}: ${first?.title ?? ''} (\`${report.cause}\`)`
}

function identityTable(report: Report): string[] {
  const outputs = report.outputs
  const rows: [string, string][] = []
  const identity = report.remote.identity
  const account = outputs[OUTPUT.accountId] ?? ''
  if (account !== '')
    rows.push([
      'Account',
      identity === undefined
        ? `\`${account}\` (decoded from the key ID; STS did not confirm it)`
        : `\`${account}\``
    ])
  if (identity !== undefined) {
    rows.push(['ARN', `\`${identity.arn}\``])
    rows.push(['Principal', identity.principalType])
  }
  const key = outputs[OUTPUT.accessKeyId] ?? ''
  if (key !== '') rows.push(['Access key', `\`${key}\``])
  const selected = report.discovery.selected
  rows.push([
    'Source',
    selected === undefined ? (outputs[OUTPUT.credentialSource] ?? 'none') : cell(selected.label)
  ])
  rows.push([
    'Region',
    `\`${report.discovery.region.value}\` (${originText(report.discovery.region.origin)})`
  ])
  if (outputs[OUTPUT.keyAgeDays] !== undefined && outputs[OUTPUT.keyAgeDays] !== '')
    rows.push(['Key age', `${outputs[OUTPUT.keyAgeDays]} days`])
  return ['| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)]
}

function renderFinding(item: Finding, report: Report): string[] {
  const lines = [
    `#### ${ICON[item.severity]} ${item.title}`,
    '',
    `\`${item.id}\` · ${item.severity}${item.source === undefined ? '' : ` · ${cell(item.source)}`}`,
    '',
    item.message,
    ''
  ]
  if (item.evidence !== undefined && item.evidence.length > 0) {
    lines.push(
      '<details><summary>Evidence</summary>',
      '',
      ...item.evidence.map(line => `- ${line}`),
      '',
      '</details>',
      ''
    )
  }
  lines.push(
    `**How to fix:** ${item.remediation}`,
    '',
    `[More about \`${item.id}\`](${docsUrl(item.id, report.discovery.github)})`,
    ''
  )
  return lines
}

function sourceStatus(source: CredentialSource, report: Report): string {
  if (report.discovery.selected === source) return '**in use**'
  return 'shadowed'
}

function sourcesTable(report: Report): string[] {
  const sources = report.discovery.sources
  if (sources.length === 0) return ['No credential source is configured on this runner.']
  const rows = sources.map(source => {
    const origins =
      source.credentials === undefined
        ? []
        : Object.values(source.credentials).map(value => originText(value.origin))
    const details = Object.entries(source.details).map(([key, value]) => `${key}: ${value}`)
    const key = source.credentials?.accessKeyId?.raw
    return `| ${source.kind} | ${cell(source.label)} | ${sourceStatus(source, report)} | ${cell([key === undefined ? '' : `\`${maskAccessKeyId(key)}\``, ...origins, ...details].filter(part => part !== '').join(', '))} |`
  })
  return ['| Kind | Source | Status | Where |', '|---|---|---|---|', ...rows]
}

export function renderSummary(report: Report): string {
  const lines = [verdictLine(report), '']
  lines.push(...identityTable(report), '')
  const important = report.findings.filter(item => item.severity !== 'notice')
  const notices = report.findings.filter(item => item.severity === 'notice')
  if (important.length > 0) {
    lines.push('### Findings', '')
    for (const item of important) lines.push(...renderFinding(item, report))
  }
  if (notices.length > 0) {
    lines.push('### Notices', '')
    for (const item of notices) lines.push(...renderFinding(item, report))
  }
  if (report.remote.checks.length > 0) {
    lines.push('### Checks', '', '| | Check | Result |', '|---|---|---|')
    for (const check of report.remote.checks)
      lines.push(`| ${OUTCOME_ICON[check.outcome]} | ${cell(check.name)} | ${cell(check.detail)} |`)
    lines.push('')
  }
  lines.push('### Credential sources', '', ...sourcesTable(report), '')
  if (report.findings.some(item => item.id === 'long-term-credentials')) {
    lines.push(
      '<details><summary>How to replace these keys with OIDC</summary>',
      '',
      renderOidcGuide(report.discovery, report.outputs[OUTPUT.accountId] || undefined),
      '',
      '</details>',
      ''
    )
  }
  return lines.join('\n')
}
