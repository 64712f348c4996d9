/**
 * The job summary as Markdown, for a person who has ten seconds: the verdict and its one cause
 * first, then the identity, then each finding with what it means here, its evidence and the
 * fix for this repository, then the checks made and the credential sources. Pure; the
 * publisher writes it through the redactor.
 */
import { CHECKS } from '../checks/index.js'
import type { CredentialSource, Finding, Report, Severity } from '../model.js'
import { OUTPUT } from './build.js'
import { describeValue, repositoryFix, type FixStep } from './fixes.js'
import { docsUrl } from './links.js'
import { fitSections, SUMMARY_BUDGET, type Section } from './limits.js'
import {
  cell,
  code,
  escapeText,
  fencedBlock,
  inlineSegments,
  link,
  originText
} from './markdown.js'
import { renderOidcGuide, showsOidcGuide } from './oidc-guide.js'
import { renderOidcDoctor } from './oidc-doctor.js'
import { ReportReferences, type ValueReference } from './references.js'
import { rerunSentence } from './rerun.js'
import { sourcesSection } from './sources.js'

export const ICON: Readonly<Record<Severity, string>> = { error: '❌', warning: '⚠️', notice: 'ℹ️' }
export const STATUS_ICON = { pass: '✅', warn: '⚠️', fail: '❌' } as const
const OUTCOME_ICON = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', info: 'ℹ️' } as const

export interface SummaryOptions {
  /** The `oidc-guide` input: show the migration guide even without a long-term key. */
  readonly oidcGuide?: boolean
  /** The `audience` input, which the guide's provider and trust policy must accept. */
  readonly audience?: string
  /**
   * What the publisher does to each section before it is measured against GitHub's limit:
   * redaction, and long values shortened (which must follow redaction).
   */
  readonly finish?: (text: string) => string
}

/** The heading a person reads first: pass, or the one cause that matters most. */
export function verdictTitle(report: Report): string {
  const cause = report.findings.find(item => item.id === report.cause)
  if (report.status === 'pass') return 'AWS credentials work'
  const word = report.status === 'fail' ? 'AWS credentials fail' : 'AWS credentials work, but'
  return `${word}: ${cause?.title ?? report.cause}`
}

/** The one step that fixes the cause: the first with a command, else the first. */
function mainStep(
  item: Finding,
  report: Report,
  references: ReportReferences
): FixStep | undefined {
  const steps = repositoryFix(item, report, references)
  return steps.find(step => step.command !== undefined) ?? steps[0]
}

function verdict(report: Report, references: ReportReferences, shown: Set<string>): string[] {
  const cause = report.findings.find(item => item.id === report.cause)
  const identity = report.remote.identity
  const lines = [`## ${STATUS_ICON[report.status]} ${verdictTitle(report)}`, '']
  if (report.status === 'pass') {
    const source = report.discovery.selected?.label ?? report.outputs[OUTPUT.credentialSource]
    lines.push(
      identity === undefined
        ? 'No error or warning was found.'
        : `STS accepted the credentials from ${source === undefined ? 'the default chain' : escapeText(source)}: ${code(identity.arn)}.`,
      ''
    )
  } else if (cause !== undefined) {
    lines.push(`**Cause:** ${code(cause.id)}: ${splitMessage(cause.message).head}`, '')
    const fix = mainStep(cause, report, references)
    if (fix !== undefined) shown.add(stepKey(fix))
    lines.push(
      `**Fix:** ${fix?.text ?? splitMessage(cause.remediation).head}`,
      ...(fix === undefined || fix.command === undefined ? [] : ['', ...commandBlock(fix, '')]),
      ''
    )
  }
  const rerun = rerunSentence(report)
  if (rerun !== undefined) lines.push(`**Re-run:** ${rerun}`, '')
  const others = report.findings.filter(
    item => item.severity !== 'notice' && item.id !== report.cause
  ).length
  if (others > 0)
    lines.push(
      `${others} more ${others === 1 ? 'finding' : 'findings'} below, most specific first.`,
      ''
    )
  return lines
}

/**
 * A source as the identity table names it: its label, with its kind in front where the label
 * does not start with it already (`environment AWS_ACCESS_KEY_ID / …` says its kind itself).
 */
export function sourceName(source: Pick<CredentialSource, 'kind' | 'label'>): string {
  const label = escapeText(source.label)
  return source.label.toLowerCase().startsWith(source.kind.replace(/-/gu, ' '))
    ? label
    : `${code(source.kind)}: ${label}`
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
        ? `${code(account)} (decoded from the key ID; STS did not confirm it)`
        : code(account)
    ])
  if (identity !== undefined) {
    rows.push(['ARN', code(identity.arn)])
    rows.push(['Principal', code(identity.principalType)])
  }
  const key = outputs[OUTPUT.accessKeyId] ?? ''
  if (key !== '') rows.push(['Access key', code(key)])
  const selected = report.discovery.selected
  rows.push([
    'Source',
    selected === undefined ? code(outputs[OUTPUT.credentialSource] ?? 'none') : sourceName(selected)
  ])
  const region = report.discovery.region
  rows.push([
    'Region',
    `${code(region.value)} (${region.origin.kind === 'default' ? 'default' : originText(region.origin)})`
  ])
  const age = outputs[OUTPUT.keyAgeDays] ?? ''
  if (age !== '') rows.push(['Key age', `${age} days`])
  const sub = outputs[OUTPUT.oidcSub] ?? ''
  if (sub !== '') rows.push(['OIDC `sub`', code(sub)])
  return [
    '| Identity | |',
    '|---|---|',
    ...rows.map(([name, value]) => `| ${name} | ${cell(value)} |`)
  ]
}

/** A step's command as a fenced block, indented by `indent` (under a list item). */
function commandBlock(step: FixStep, indent: string): string[] {
  if (step.command === undefined) return []
  return fencedBlock(step.command.split('\n'), step.language ?? 'sh').map(
    line => `${indent}${line}`
  )
}

/** Numbered steps; commands as fenced blocks indented under their step. */
export function renderSteps(steps: readonly FixStep[]): string[] {
  return steps.flatMap((step, index) => [
    `${index + 1}. ${step.text}`,
    ...(step.command === undefined ? [] : ['', ...commandBlock(step, '   '), ''])
  ])
}

/**
 * The names a piece of Markdown shows: its code spans and its URLs. A section writes each once:
 * the evidence leaves out what the message and the fix already name.
 */
function namesIn(text: string): Set<string> {
  const names = new Set<string>()
  for (const match of text.matchAll(/(`+)([^`]+?)\1/gu)) names.add(match[2]?.trim() ?? '')
  // Quoted messages (what a tool printed) are names too: the evidence need not quote them twice.
  for (const match of text.matchAll(/"([^"\n]{8,})"/gu)) names.add(match[1] ?? '')
  for (const match of text.matchAll(/https?:\/\/[^\s`)]+/gu))
    names.add(match[0].replace(/[.,;:]+$/u, ''))
  names.delete('')
  return names
}

/**
 * An evidence line that adds nothing to what the section already said: the same sentence, or
 * a label of a few words and names that were all named already (`endpoint https://…` under a
 * message that quotes the endpoint).
 */
function repeats(line: string, said: string, saidNames: ReadonlySet<string>): boolean {
  const text = line.replace(/\.$/u, '').trim()
  if (text !== '' && said.includes(text)) return true
  // `sub: repo:…` under a message that quotes the same value.
  const labelled = /^[\w .-]{1,30}: (.+)$/u.exec(text)?.[1]?.trim()
  if (labelled !== undefined && labelled.length >= 8 && said.includes(labelled)) return true
  return onlyNamesSaid(text, saidNames)
}

/** A line of a few words beside names that were all named already. */
function onlyNamesSaid(text: string, saidNames: ReadonlySet<string>): boolean {
  const names = namesIn(text)
  if (names.size === 0 || [...names].some(name => !saidNames.has(name))) return false
  let rest = text
  for (const name of names) rest = rest.split(name).join(' ')
  const words = rest
    .replace(/[`:,()]/gu, ' ')
    .trim()
    .split(/\s+/u)
    .filter(word => word !== '')
  return words.length <= 4
}

/**
 * Where the workflow sets the finding's values, one line per workflow file: the file named
 * once, each value with its line and the secret behind it.
 */
function setByLines(values: readonly ValueReference[], saidNames: ReadonlySet<string>): string[] {
  const byFile = new Map<string, ValueReference[]>()
  for (const value of values) {
    const file = value.reference?.file
    if (file !== undefined) byFile.set(file, [...(byFile.get(file) ?? []), value])
  }
  return [...byFile].map(
    ([file, set]) =>
      `Set by ${set
        .map(value =>
          describeValue(value, {
            file: false,
            secret: value.reference?.secret === undefined || !saidNames.has(value.reference.secret)
          })
        )
        .join(' and ')} in ${saidNames.has(file) ? 'the workflow file' : code(file)}.`
  )
}

function findingEvidence(item: Finding, references: ReportReferences, said: string): string[] {
  const saidNames = namesIn(said)
  const evidence: string[] = []
  for (const line of item.evidence ?? []) {
    if (repeats(line, said, saidNames)) continue
    evidence.push(line)
    for (const name of namesIn(line)) saidNames.add(name)
    said = `${said}\n${line}`
  }
  return [...evidence, ...setByLines(references.valuesOf(item), saidNames)]
}

/** A step's identity, to say each fix once per summary. */
function stepKey(step: FixStep): string {
  // Two findings' steps often differ in wording around the same command: the command is the step.
  return step.command ?? step.text
}

/**
 * Where a sentence ends: after `.`, `!` or `?` (not one escaped inside a value), before a
 * capital, a code span or a quote.
 */
const SENTENCE_END = /(?<=(?<!\\)[.!?])\s+(?=[A-Z`"])/gu

/**
 * A paragraph's sentences, each exactly as written with the white space that follows it. A code span holds a value, and `. X` inside
 * one ends no sentence: the span is never cut, nor its spaces changed.
 */
function sentencesOf(paragraph: string): string[] {
  // The same text with the spaces inside code spans hidden, at the same offsets.
  const masked = inlineSegments(paragraph)
    .map(segment => (segment.kind === 'code' ? segment.raw.replace(/\s/gu, '_') : segment.raw))
    .join('')
  const sentences: string[] = []
  let start = 0
  for (const match of masked.matchAll(SENTENCE_END)) {
    // Each sentence keeps the white space after it: a value in the text (an STS message, a
    // claim) keeps its own runs of spaces when the sentences are put back together.
    const end = match.index + match[0].length
    sentences.push(paragraph.slice(start, end))
    start = end
  }
  sentences.push(paragraph.slice(start))
  return sentences
}

/** Where the verdict stops quoting a long first paragraph: whole sentences up to about this. */
const HEAD_LENGTH = 300

/**
 * A finding's message as its lead (what the verdict quotes: the first paragraph, or its first
 * sentences where it is long) and the rest (lists of likely causes, details), which only the
 * finding's own section shows.
 */
export function splitMessage(message: string): { readonly head: string; readonly rest: string } {
  const [first = '', ...paragraphs] = message.split(/\n\s*\n/u)
  const sentences = sentencesOf(first.trim())
  let count = 0
  let length = 0
  while (
    count < sentences.length &&
    (count === 0 || length + (sentences[count]?.length ?? 0) <= HEAD_LENGTH)
  ) {
    length += sentences[count]?.length ?? 0
    count += 1
  }
  const tail = sentences.slice(count).join('')
  return {
    head: sentences.slice(0, count).join('').replace(/\s+$/u, ''),
    rest: [tail, ...paragraphs.map(text => text.trim())].filter(text => text !== '').join('\n\n')
  }
}

/** The steps of a finding's fix that the summary has not shown yet, as lines. */
function ownSteps(fresh: readonly FixStep[], repeated: boolean, where: string): string[] {
  const [only] = fresh
  if (only === undefined) return ['The fix above applies here too.', '']
  // One step beside the verdict's (the settings page, a caveat): a sentence, not a list.
  if (repeated && fresh.length === 1)
    return [
      `The fix above applies here too. ${only.text}`,
      '',
      ...(only.command === undefined ? [] : [...commandBlock(only, ''), ''])
    ]
  return [
    ...(repeated ? ['The fix above applies here too.', ''] : []),
    `**${repeated ? 'Also, in' : 'In'} ${where}:**`,
    '',
    ...renderSteps(fresh),
    ''
  ]
}

/**
 * The finding's fix, without the steps the summary already showed: the cause's main step is in
 * the verdict, and two findings often share a step (the same `gh secret set`). The general
 * remediation stays reachable, collapsed, where the steps for this repository come first.
 */
function fixOf(
  item: Finding,
  report: Report,
  references: ReportReferences,
  shown: Set<string>
): string[] {
  const steps = repositoryFix(item, report, references)
  const fresh = steps.filter(step => !shown.has(stepKey(step)))
  const repeated = fresh.length < steps.length
  for (const step of fresh) shown.add(stepKey(step))
  // Without steps of its own the verdict quoted the remediation's lead: the section has it all.
  if (steps.length === 0) return [`**How to fix:** ${item.remediation}`, '']
  const repository = report.discovery.github.repository
  const where = repository === undefined ? 'this repository' : code(repository)
  const own = ownSteps(fresh, repeated, where)
  return [
    ...own,
    `<details><summary>Other ways to fix it</summary>`,
    '',
    item.remediation,
    '',
    '</details>',
    ''
  ]
}

function renderFinding(
  item: Finding,
  report: Report,
  references: ReportReferences,
  shown: Set<string>
): string[] {
  // The cause's first paragraph is the verdict's; its section adds only the rest.
  const message = item.id === report.cause ? splitMessage(item.message).rest : item.message
  const fix = fixOf(item, report, references, shown)
  const fixText = fix.join('\n').replace(/<details>[\s\S]*?<\/details>/gu, '')
  // The source is named once: not again beside the ID where the message names it.
  const source =
    item.source === undefined || message.includes(item.source)
      ? ''
      : ` · ${escapeText(item.source)}`
  const lines = [
    `#### ${ICON[item.severity]} ${item.title}`,
    '',
    `${code(item.id)} · ${item.severity}${source}`,
    ''
  ]
  if (message !== '') lines.push(message, '')
  // The verdict quoted the cause's lead: the evidence need not repeat that either.
  const evidence = findingEvidence(item, references, [item.title, item.message, fixText].join('\n'))
  if (evidence.length > 0) lines.push('**Evidence**', '', ...evidence.map(line => `- ${line}`), '')
  lines.push(...fix)
  // The ID is in the line under the title: the link need not say it again.
  lines.push(`📖 ${link('Causes and fixes', docsUrl(item.id, report.discovery.github))}`, '')
  return lines
}

function noticesSection(report: Report): string[] {
  const notices = report.findings.filter(item => item.severity === 'notice')
  if (notices.length === 0) return []
  return [
    '### Notices',
    '',
    ...notices.map(
      item =>
        `- ${ICON.notice} **${item.title}** (${link(code(item.id), docsUrl(item.id, report.discovery.github))}): ${item.message}`
    ),
    ''
  ]
}

/** The offline checks as one row: every ID they looked for, and which of them were found. */
function offlineChecksRow(report: Report): string {
  const ids = [...new Set(CHECKS.flatMap(check => check.ids))]
  // An ID the offline checks share with the remote phase (no-credentials after a refused
  // AssumeRole, region-invalid from STS's answer) counts only where an offline check found it.
  const offline = report.findings.filter(
    item =>
      !report.remote.findings.some(other => other.id === item.id && other.title === item.title)
  )
  const found = ids.filter(id => offline.some(item => item.id === id))
  const problems = found.filter(id =>
    offline.some(item => item.id === id && item.severity !== 'notice')
  )
  const outcome = problems.length > 0 ? OUTCOME_ICON.fail : OUTCOME_ICON.pass
  const detail =
    found.length === 0
      ? `looked for ${ids.length} problems, found none`
      : `looked for ${ids.length} problems, found ${found.map(id => code(id)).join(', ')}`
  return `| ${outcome} | Offline checks of the values (format, characters, pairing) | ${detail} |`
}

function checksSection(report: Report): string[] {
  return [
    '### Checks',
    '',
    '| | Check | Result |',
    '|---|---|---|',
    offlineChecksRow(report),
    ...report.remote.checks.map(
      check => `| ${OUTCOME_ICON[check.outcome]} | ${cell(check.name)} | ${cell(check.detail)} |`
    ),
    ''
  ]
}

function oidcGuideSection(
  report: Report,
  references: ReportReferences,
  options: SummaryOptions
): string[] {
  if (!showsOidcGuide(report, options.oidcGuide === true)) return []
  return [
    '<details><summary><b>Move this workflow to OIDC</b>: short-lived credentials instead of stored keys, step by step for this repository</summary>',
    '',
    renderOidcGuide(report, references, {
      ...(options.audience === undefined ? {} : { audience: options.audience })
    }),
    '',
    '</details>',
    ''
  ]
}

/** A section of the summary, from its lines; the note names it where it is left out. */
function section(name: string, priority: Section['priority'], lines: readonly string[]): Section[] {
  return lines.length === 0 ? [] : [{ name, priority, text: lines.join('\n') }]
}

/**
 * The summary's sections in their order, each with how much it matters where the whole is too
 * large for GitHub: the verdict and the errors are never left out; the migration guide, then
 * the sources, the checks, the notices, the OIDC diagnosis, the warnings (the last first) and
 * the identity are.
 */
export function summarySections(report: Report, options: SummaryOptions = {}): Section[] {
  const references = new ReportReferences(report.discovery)
  // Each fix step is written once: the verdict's first, then each finding's new ones.
  const shown = new Set<string>()
  const important = report.findings.filter(item => item.severity !== 'notice')
  return [
    ...section('Verdict', 'required', verdict(report, references, shown)),
    ...section('Identity', 6, identityTable(report).concat('')),
    ...section('Findings', 'required', important.length === 0 ? [] : ['### Findings', '']),
    ...important.flatMap(item =>
      section(
        `${item.severity} ${code(item.id)}`,
        item.severity === 'error' ? 'required' : 5,
        renderFinding(item, report, references, shown)
      )
    ),
    // The OIDC diagnosis (src/report/oidc-doctor.ts) renders here, between findings and checks.
    ...section('OIDC diagnosis', 4, renderOidcDoctor(report)),
    ...section('Notices', 3, noticesSection(report)),
    ...section('Checks', 2, checksSection(report)),
    ...section('Credential sources', 1, sourcesSection(report, references)),
    ...section('Move this workflow to OIDC', 0, oidcGuideSection(report, references, options))
  ]
}

export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const finish = options.finish ?? ((text: string) => text)
  const sections = summarySections(report, options).map(item => ({
    ...item,
    text: finish(item.text)
  }))
  return fitSections(sections, SUMMARY_BUDGET).text
}
