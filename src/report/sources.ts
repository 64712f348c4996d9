/**
 * The summary's "Credential sources" section: every place discovery found credentials
 * configured, what became of each (in use, read through a profile chain, skipped and why,
 * shadowed), its non-secret details under readable names, and the shared credentials and
 * config files beneath. Pure. Only labels, ARNs, paths and states are shown; an access key ID
 * only masked.
 */
import {
  PROVIDER_CHECK,
  type CredentialSource,
  type Report,
  type SharedFile,
  type SharedFileIssue,
  type TokenFileStatus
} from '../model.js'
import { maskAccessKeyId } from '../redact.js'
import { cell, code, originText, escapeText } from './markdown.js'
import type { ReportReferences } from './references.js'

/**
 * How each `details` key that discovery writes (src/discover/) is named in the table: the
 * word a person knows, or the config file key where that is what they would search for.
 */
export const DETAIL_LABELS: Readonly<Record<string, string>> = {
  roleArn: 'role',
  roleSessionName: 'session name',
  durationSeconds: 'duration (seconds)',
  externalId: 'external ID',
  mfaSerial: 'MFA device',
  tokenFile: 'token file',
  sourceProfile: 'source profile',
  chain: 'chain',
  credentialSource: 'credential_source',
  process: 'credential_process',
  ssoSession: 'SSO session',
  ssoStartUrl: 'SSO start URL',
  ssoRegion: 'SSO region',
  ssoAccountId: 'SSO account',
  ssoRoleName: 'SSO role',
  loginSession: 'login session',
  note: 'note',
  endpoint: 'endpoint',
  authorization: 'authorization',
  probed: 'probed',
  legacyToken: 'legacy token',
  awsCli: 'AWS CLI'
}

/** Details that are a single name, ARN, path or URL, shown as code. */
const CODE_DETAILS: ReadonlySet<string> = new Set([
  'roleArn',
  'roleSessionName',
  'tokenFile',
  'sourceProfile',
  'ssoStartUrl',
  'ssoRegion',
  'ssoAccountId',
  'ssoRoleName',
  'loginSession'
])

/** A key discovery adds later still reads as words: `fooBarURL` → `foo bar URL`. */
export function detailLabel(key: string): string {
  return DETAIL_LABELS[key] ?? key.replace(/([a-z0-9])([A-Z])/gu, '$1 $2').toLowerCase()
}

const TOKEN_STATE: Readonly<Record<TokenFileStatus['state'], string>> = {
  valid: 'valid',
  missing: 'missing',
  unreadable: 'unreadable',
  empty: 'empty',
  'not-jwt': 'not a JWT',
  expired: 'expired'
}

const FILE_STATE: Readonly<Record<SharedFile['state'], string>> = {
  read: 'read',
  missing: 'does not exist',
  unreadable: 'unreadable',
  'not-a-file': 'not a file',
  'too-large': 'too large to read'
}

/** What became of a source: in use, read through a chain, passed over, or outranked. */
export function sourceStatus(source: CredentialSource, report: Report): string {
  const discovery = report.discovery
  if (discovery.selected === source) return '**in use**'
  if (source.partOf !== undefined) {
    const owner = discovery.sources.find(
      candidate => candidate.label === source.partOf && candidate.partOf === undefined
    )
    return `used by ${owner?.profile === undefined ? escapeText(source.partOf) : `profile "${escapeText(owner.profile)}"`}`
  }
  if (source.skipped !== undefined) return `skipped: ${escapeText(source.skipped)}`
  if (source.kind === 'environment' && discovery.profile.skipsKeyVariables)
    return `shadowed: ${originText(discovery.profile.origin)} names profile "${escapeText(discovery.profile.name)}", so the SDK skips the key variables`
  return 'shadowed'
}

/** The web identity token file by its state; never the token, and claims only by reference. */
function tokenFilePart(status: TokenFileStatus, report: Report): string {
  // A bad state is what the reader came for; a valid one need not shout.
  const state = status.state === 'valid' ? TOKEN_STATE.valid : `**${TOKEN_STATE[status.state]}**`
  const more =
    status.state === 'valid'
      ? status.expiresAt === undefined
        ? ', without an expiry'
        : ` until ${status.expiresAt}`
      : status.detail === undefined
        ? ''
        : ` (${escapeText(status.detail)})`
  const oidc = report.remote.oidc
  const claimsShown =
    oidc?.tokenSource === 'web-identity-file' &&
    oidc.tokenFile === status.path &&
    Object.keys(oidc.claims).length > 0
  return `${detailLabel('tokenFile')}: ${code(status.path)}, ${state}${more}${claimsShown ? '; its claims are in the web identity token section above' : ''}`
}

function detailParts(source: CredentialSource, report: Report): string[] {
  const parts: string[] = []
  const tokenFile = source.tokenFile
  for (const [key, value] of Object.entries(source.details)) {
    if (tokenFile !== undefined && key === 'tokenFile') parts.push(tokenFilePart(tokenFile, report))
    else if (value !== '')
      parts.push(`${detailLabel(key)}: ${CODE_DETAILS.has(key) ? code(value) : escapeText(value)}`)
  }
  if (tokenFile !== undefined && source.details.tokenFile === undefined)
    parts.push(tokenFilePart(tokenFile, report))
  return parts
}

/** The access key ID as it may be shown: masked, and only when there is one. */
function maskedKey(source: CredentialSource): string | undefined {
  const key = source.credentials?.accessKeyId?.raw
  return key === undefined || key === '' ? undefined : code(maskAccessKeyId(key))
}

/**
 * Where each credential value was read, one per line, with the workflow line and secret
 * behind it; the key ID (masked) beside the value it is.
 */
function valueLines(source: CredentialSource, references: ReportReferences): string[] {
  const credentials = source.credentials ?? {}
  const values = Object.values(credentials)
  const key = maskedKey(source)
  const files = values.flatMap(value => (value.origin.kind === 'file' ? [value.origin] : []))
  const [first] = files
  // A profile's keys sit on neighbouring lines of one file: name the file once.
  if (
    first !== undefined &&
    files.length === values.length &&
    files.every(origin => origin.path === first.path)
  ) {
    const lines = files.map(origin => origin.line).join(', ')
    return [
      `${code(first.path)} ${files.length === 1 ? 'line' : 'lines'} ${lines}${key === undefined ? '' : `: key ${key}`}`
    ]
  }
  return values.map(value => {
    const line = references.lineOf(value.origin)
    const from =
      line === undefined
        ? ''
        : ` ← ${line.secret === undefined ? (line.variable === undefined ? 'workflow' : `variable ${code(line.variable)}`) : `secret ${code(line.secret)}`} (${escapeText(line.file.split('/').pop() ?? line.file)}:${line.line})`
    const shown =
      value === credentials.accessKeyId && key !== undefined
        ? `: ${key}`
        : value.raw === ''
          ? ' (empty)'
          : ''
    return `${originText(value.origin)}${shown}${from}`
  })
}

/**
 * What a provider this action asks itself (a process, the container endpoint, IMDS) answered,
 * one line per request or run, from the checks that recorded it; where another source is in
 * use, that it was not asked. Only what was actually asked is shown.
 */
function answeredParts(source: CredentialSource, report: Report): string[] {
  const name = PROVIDER_CHECK[source.kind]
  if (name === undefined || source.partOf !== undefined) return []
  const selected = report.discovery.selected
  if (selected !== source)
    return selected === undefined
      ? []
      : [`answered: not asked, the ${escapeText(selected.label)} is in use`]
  const answers = report.remote.checks.filter(check => check.name === name)
  return answers.map(check => `answered: ${escapeText(check.detail)}`)
}

function sourceRow(source: CredentialSource, report: Report, references: ReportReferences): string {
  // One fact per line: a chain or an SSO profile has several, each with commas of its own.
  const lines = [
    ...valueLines(source, references),
    ...detailParts(source, report),
    ...answeredParts(source, report)
  ]
  // The kind (as the `credential-source` output names it) under the label, rather than in a
  // column of its own: the details need the width more.
  return `| ${cell(escapeText(source.label))}<br>${code(source.kind)} | ${cell(sourceStatus(source, report))} | ${lines.map(cell).join('<br>')} |`
}

function issueCount(issues: readonly SharedFileIssue[]): string {
  if (issues.length === 0) return 'no issues'
  const breaking = issues.filter(issue => issue.breaksCli).length
  return `${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}${breaking === 0 ? '' : ` (${breaking} ${breaking === 1 ? 'breaks' : 'break'} the AWS CLI)`}`
}

/** One line per shared file: where, whether it was read, and how many problems it has. */
export function sharedFileLine(file: SharedFile): string {
  const name = file.kind === 'credentials' ? 'Shared credentials file' : 'Config file'
  const from = file.origin.kind === 'default' ? '' : ` (from ${originText(file.origin)})`
  const state = `${FILE_STATE[file.state]}${file.detail === undefined ? '' : ` (${escapeText(file.detail)})`}`
  if (file.state !== 'read') return `- ${name} ${code(file.display)}${from}: ${state}`
  const profiles = `${file.profiles.length} ${file.profiles.length === 1 ? 'profile' : 'profiles'}`
  const ignored = file.ignoredSections.length
  return `- ${name} ${code(file.display)}${from}: ${state}, ${profiles}, ${issueCount(file.issues)}${ignored === 0 ? '' : `, ${ignored} ${ignored === 1 ? 'section' : 'sections'} the SDKs ignore`}`
}

export function sourcesSection(report: Report, references: ReportReferences): string[] {
  const sources = report.discovery.sources
  const files = report.discovery.shared?.files ?? []
  const table =
    sources.length === 0
      ? ['No credential source is configured on this runner.']
      : [
          '| Source | Status | Details |',
          '|---|---|---|',
          ...sources.map(source => sourceRow(source, report, references))
        ]
  return [
    '### Credential sources',
    '',
    ...table,
    '',
    ...(files.length === 0 ? [] : [...files.map(sharedFileLine), ''])
  ]
}
