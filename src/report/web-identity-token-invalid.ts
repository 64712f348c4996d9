/**
 * The one home of `web-identity-token-invalid`'s words, for every place that finds a web identity
 * token that cannot be exchanged: the offline check of the token file (src/checks/), the OIDC
 * doctor reading the same file, and STS refusing the file's token as expired or unverifiable.
 */
import { finding } from '../findings.js'
import type { Finding, Origin } from '../model.js'
import type { LocalTokenProblem, StsAnswer } from '../oidc/facts.js'
import { code, escapeText } from './markdown.js'

/** What STS answered, as the OIDC findings quote it. */
export function stsSaid(answer: StsAnswer): string {
  return `STS answered ${code(answer.code)}: "${escapeText(answer.message)}"`
}

/** A token file judged before STS is asked: what it is, where it was named, who reads it. */
export interface TokenFileTrouble {
  readonly kind: 'file'
  readonly path: string
  readonly state: LocalTokenProblem
  /** More about the state: the error of a failed read, what the file holds, how long ago it expired. */
  readonly detail?: string
  /** Where the path was named, in words (`environment variable AWS_WEB_IDENTITY_TOKEN_FILE`). */
  readonly namedIn?: string
  /** The credential source that reads the file (the finding's `source`). */
  readonly source: string
  readonly roleArn?: string
  /** Claims safe to show (iss, sub, aud, exp), where the file holds a JWT. */
  readonly claims?: Readonly<Record<string, string>>
  readonly origin?: Origin
}

/** STS refused the file's token: as expired, or because it could not validate it. */
export interface TokenFileRefused {
  readonly kind: 'sts-expired' | 'sts-not-validated'
  readonly roleArn: string
  readonly tokenFile?: string
  readonly source: string
  readonly answer: StsAnswer
  /** For `sts-expired`: whose clock says what, and the dates behind it (evidence). */
  readonly explanation?: string
  readonly dates?: readonly string[]
}

const PROBLEMS: Readonly<Record<LocalTokenProblem, string>> = {
  missing: 'does not exist on this runner',
  unreadable: 'cannot be read',
  empty: 'is empty',
  'not-jwt': 'does not hold a JWT',
  expired: 'holds an expired token'
}

const REFRESH =
  'Whatever writes the file must refresh it before the steps that use it: on EKS the kubelet rotates projected service account tokens; on a runner, write a fresh token right before those steps (GitHub OIDC tokens are short-lived), or let `aws-actions/configure-aws-credentials` with `role-to-assume` request the token and assume the role itself.'

const WRITE_THE_JWT =
  'Write only the JWT to the file, in this job and before this step: `curl -sS -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=sts.amazonaws.com" | jq -r .value > "$RUNNER_TEMP/web-identity-token"` (the job needs `permissions: id-token: write`); on EKS, point `AWS_WEB_IDENTITY_TOKEN_FILE` at the projected service account token (`/var/run/secrets/eks.amazonaws.com/serviceaccount/token`), readable by the runner user. Remove web identity variables that belong to another environment (a pod spec, a container image).'

function fileProblem(trouble: TokenFileTrouble): Finding<'web-identity-token-invalid'> {
  const named = trouble.namedIn === undefined ? '' : ` (${trouble.namedIn})`
  const detail = trouble.detail === undefined ? '' : `: ${trouble.detail}`
  const role = trouble.roleArn === undefined ? '' : ` of ${code(trouble.roleArn)}`
  return finding('web-identity-token-invalid', {
    title: `The web identity token file ${PROBLEMS[trouble.state]}`,
    message:
      `The token file ${code(trouble.path)}${named} ${PROBLEMS[trouble.state]}${detail}. ` +
      `${escapeText(trouble.source)} cannot exchange it for credentials${role}; the SDK stops with an error instead of trying another source.`,
    remediation: trouble.state === 'expired' ? REFRESH : WRITE_THE_JWT,
    source: trouble.source,
    // The path and the claims are whatever the file and its writer chose: code spans, as values.
    evidence: [
      `file: ${code(trouble.path)}`,
      `state: ${trouble.state}`,
      ...Object.entries(trouble.claims ?? {}).map(([name, value]) => `${name}: ${code(value)}`)
    ],
    ...(trouble.origin === undefined ? {} : { origin: trouble.origin })
  })
}

function refused(refusal: TokenFileRefused): Finding<'web-identity-token-invalid'> {
  const token = `the token in ${code(refusal.tokenFile ?? 'AWS_WEB_IDENTITY_TOKEN_FILE')}`
  const said = `${stsSaid(refusal.answer)} for ${code(refusal.roleArn)} with ${token}.`
  const evidence = [`STS: ${code(refusal.answer.code)}: ${escapeText(refusal.answer.message)}`]
  if (refusal.kind === 'sts-expired')
    return finding('web-identity-token-invalid', {
      title: 'STS judged the web identity token expired',
      message: `${said}${refusal.explanation === undefined ? '' : ` ${refusal.explanation}`}`,
      remediation:
        "Whatever writes the file must refresh it before it expires: on EKS the kubelet rotates projected service account tokens (check the pod's `expirationSeconds` and that the pod is not suspended); on self-hosted runners, the job or service that fetches the token. Synchronise the runner's clock with NTP.",
      source: refusal.source,
      evidence: [...evidence, ...(refusal.dates ?? [])]
    })
  return finding('web-identity-token-invalid', {
    title: 'STS could not validate the web identity token',
    message: said,
    remediation:
      "STS fetches the issuer's `/.well-known/openid-configuration` and its keys from the internet within about five seconds: the issuer must be public and fast. On EKS, the cluster's OIDC issuer URL must be the one the provider names, and the token must be the projected service account token (not the legacy secret token).",
    source: refusal.source,
    evidence
  })
}

/** `web-identity-token-invalid`, for a token file judged offline or refused by STS. */
export function webIdentityTokenInvalid(
  problem: TokenFileTrouble | TokenFileRefused
): Finding<'web-identity-token-invalid'> {
  return problem.kind === 'file' ? fileProblem(problem) : refused(problem)
}
