/** Assembles the report: ordered findings, verdict and every output of the contract. */
import type { Discovery, Finding, RemoteResult, Report } from '../model.js'
import type { Settings } from '../settings.js'
import { maskAccessKeyId } from '../redact.js'
import { ReportReferences } from './references.js'
import { causeOf, failsStep, orderFindings, retryableOf, statusOf } from './verdict.js'
import { judgeFallThrough } from './fall-through.js'

export const OUTPUT = {
  valid: 'valid',
  status: 'status',
  cause: 'cause',
  findings: 'findings',
  accountId: 'account-id',
  arn: 'arn',
  userId: 'user-id',
  principalType: 'principal-type',
  credentialSource: 'credential-source',
  accessKeyId: 'access-key-id',
  keyAgeDays: 'key-age-days',
  oidcSub: 'oidc-sub',
  retryable: 'retryable'
} as const

export function findingsJson(findings: readonly Finding[]): string {
  return JSON.stringify(
    findings.map(item => ({
      id: item.id,
      severity: item.severity,
      title: item.title,
      message: item.message,
      remediation: item.remediation,
      source: item.source ?? ''
    }))
  )
}

export function buildReport(
  discovery: Discovery,
  remote: RemoteResult,
  offline: readonly Finding[],
  settings: Pick<Settings, 'failOn'>
): Report {
  // Each finding learns the workflow line that set its value, for annotations on the diff.
  const references = new ReportReferences(discovery)
  // Offline findings about a profile the JS SDK passes over are judged by what this run saw.
  const judged = judgeFallThrough(offline, discovery, remote)
  const findings = orderFindings([...judged, ...remote.findings]).map(item =>
    references.locate(item)
  )
  const status = statusOf(findings)
  const valid = remote.identity !== undefined && status !== 'fail'
  const accessKeyId = remote.accessKeyId ?? discovery.selected?.credentials?.accessKeyId?.raw
  const outputs: Record<string, string> = {
    [OUTPUT.valid]: String(valid),
    [OUTPUT.status]: status,
    [OUTPUT.cause]: causeOf(findings),
    [OUTPUT.findings]: findingsJson(findings),
    [OUTPUT.accountId]:
      remote.identity?.account ?? remote.offlineAccountId ?? discovery.offlineAccountId ?? '',
    [OUTPUT.arn]: remote.identity?.arn ?? '',
    [OUTPUT.userId]: remote.identity?.userId ?? '',
    [OUTPUT.principalType]:
      remote.identity?.principalType ?? (remote.identity === undefined ? '' : 'unknown'),
    [OUTPUT.credentialSource]: remote.credentialSource ?? discovery.selected?.kind ?? 'none',
    [OUTPUT.accessKeyId]: maskAccessKeyId(accessKeyId),
    [OUTPUT.keyAgeDays]: remote.keyAgeDays === undefined ? '' : String(remote.keyAgeDays),
    [OUTPUT.oidcSub]: remote.oidcSub ?? '',
    [OUTPUT.retryable]: retryableOf(findings)
  }
  return {
    status,
    valid,
    cause: causeOf(findings),
    findings,
    discovery,
    remote,
    outputs,
    failed: failsStep(findings, settings.failOn)
  }
}
