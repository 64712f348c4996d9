/**
 * IAM roles for service accounts (IRSA) on EKS: the pod's projected service account token
 * (`/var/run/secrets/eks.amazonaws.com/serviceaccount/token`) is a JWT from the cluster's own
 * issuer, `https://oidc.eks.REGION.amazonaws.com/id/ID`, with `sub` =
 * `system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT` and `aud` = `sts.amazonaws.com`; the EKS
 * pod identity webhook sets `AWS_ROLE_ARN` from the service account's
 * `eks.amazonaws.com/role-arn` annotation (EKS user guide, "IAM roles for service accounts").
 * What a refusal of such a token means is said in Kubernetes' terms here; the trust policy is
 * evaluated by the same evaluator as GitHub's tokens (evaluate.ts). Pure: the words are in
 * src/report/oidc-words.ts.
 */
import type { ConditionHint, TrustStatementCheck } from '../model.js'

export interface EksIssuer {
  /** `oidc.eks.REGION.amazonaws.com/id/ID`, as IAM names the provider and condition keys. */
  readonly host: string
  readonly region: string
  readonly id: string
}

const EKS_ISSUER =
  /^https:\/\/(oidc\.eks\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/id\/([0-9A-Za-z]+))\/?$/u

export function eksIssuer(issuer: string | undefined): EksIssuer | undefined {
  const match = EKS_ISSUER.exec(issuer ?? '')
  if (match === null) return undefined
  return { host: match[1] ?? '', region: match[2] ?? '', id: match[3] ?? '' }
}

export interface ServiceAccount {
  readonly namespace: string
  readonly name: string
}

const SERVICE_ACCOUNT_SUB = /^system:serviceaccount:([^:]+):([^:]+)$/u

export function serviceAccountOf(sub: string | undefined): ServiceAccount | undefined {
  const match = SERVICE_ACCOUNT_SUB.exec(sub ?? '')
  if (match === null) return undefined
  return { namespace: match[1] ?? '', name: match[2] ?? '' }
}

/** Where a policy's service account differs from the token's: the namespace, the name, or both. */
function differsIn(
  expected: ServiceAccount,
  actual: ServiceAccount
): 'name' | 'namespace' | 'both' {
  if (expected.namespace === actual.namespace) return 'name'
  if (expected.name === actual.name) return 'namespace'
  return 'both'
}

/**
 * Why a `sub` condition refuses a service account token, where the policy names service
 * accounts too: which of namespace and name differ. Undefined where the token is not one.
 */
export function serviceAccountHint(
  expected: readonly string[],
  actual: string
): Extract<ConditionHint, { kind: 'service-account' }> | undefined {
  const token = serviceAccountOf(actual)
  if (token === undefined) return undefined
  const named = expected
    .map(value => ({ value, account: serviceAccountOf(value) }))
    .filter(item => item.account !== undefined)
  const first = named[0]
  const hint = { kind: 'service-account' as const, ...token, sub: actual }
  if (first?.account === undefined) return { ...hint, expected: [] }
  return {
    ...hint,
    expected: named.map(item => item.value),
    differs: differsIn(first.account, token)
  }
}

/** The trust policy statement that admits exactly this service account, as JSON text. */
export function serviceAccountStatement(
  issuer: EksIssuer,
  providerArn: string,
  sub: string,
  audience: string
): string {
  return JSON.stringify({
    Effect: 'Allow',
    Principal: { Federated: providerArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { [`${issuer.host}:sub`]: sub, [`${issuer.host}:aud`]: audience }
    }
  })
}

/** One reason of the "why the trust policy refuses this token" list (explain.ts's shape). */
export interface EksReason {
  readonly reason:
    | { readonly kind: 'eks-service-account'; readonly host: string; readonly sub?: string }
    | { readonly kind: 'eks-issuer'; readonly host: string }
    | { readonly kind: 'eks-audience'; readonly host: string }
    | { readonly kind: 'eks-annotation'; readonly sub?: string }
  readonly score: number
  readonly applies: boolean
}

function failsOn(statement: TrustStatementCheck | undefined, claim: string): boolean {
  return (statement?.conditions ?? []).some(
    condition => condition.result === 'fails' && condition.key.toLowerCase().endsWith(`:${claim}`)
  )
}

/** A failing condition on another issuer's key: it is not in this request at all. */
function failsOnForeignKey(statement: TrustStatementCheck | undefined, issuer: EksIssuer): boolean {
  const host = issuer.host.toLowerCase()
  return (statement?.conditions ?? []).some(
    condition => condition.result === 'fails' && !condition.key.toLowerCase().startsWith(host)
  )
}

/** What the evaluated policy shows; `read` is false where it could not be read. */
interface Shown {
  readonly read: boolean
  readonly sub: boolean
  readonly aud: boolean
  readonly foreign: boolean
}

function serviceAccountReason(issuer: EksIssuer, sub: string | undefined, shown: Shown): EksReason {
  return {
    reason: {
      kind: 'eks-service-account',
      host: issuer.host,
      ...(sub === undefined ? {} : { sub })
    },
    score: shown.sub ? 400 : shown.read ? 10 : 100,
    applies: shown.sub || !shown.read
  }
}

function issuerReason(issuer: EksIssuer, shown: Shown): EksReason {
  return {
    reason: { kind: 'eks-issuer', host: issuer.host },
    score: shown.foreign ? 450 : shown.read ? 5 : 60,
    applies: shown.foreign || !shown.read
  }
}

function audienceReason(issuer: EksIssuer, shown: Shown): EksReason {
  return {
    reason: { kind: 'eks-audience', host: issuer.host },
    score: shown.aud ? 380 : 20,
    applies: shown.aud
  }
}

function annotationReason(sub: string | undefined, shown: Shown): EksReason {
  return {
    reason: { kind: 'eks-annotation', ...(sub === undefined ? {} : { sub }) },
    score: shown.read ? 30 : 50,
    applies: !shown.read || shown.sub
  }
}

/**
 * The usual reasons an IRSA token is refused, scored by what the evaluated policy (where it
 * could be read) shows; without the policy, the service account comes first.
 */
export function eksReasons(
  issuer: EksIssuer,
  sub: string | undefined,
  statement: TrustStatementCheck | undefined
): EksReason[] {
  const shown: Shown = {
    read: statement !== undefined,
    sub: failsOn(statement, 'sub'),
    aud: failsOn(statement, 'aud'),
    foreign: failsOnForeignKey(statement, issuer)
  }
  return [
    serviceAccountReason(issuer, sub, shown),
    issuerReason(issuer, shown),
    audienceReason(issuer, shown),
    annotationReason(sub, shown)
  ]
}
