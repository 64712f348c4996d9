/**
 * IAM roles for service accounts (IRSA) on EKS: the pod's projected service account token
 * (`/var/run/secrets/eks.amazonaws.com/serviceaccount/token`) is a JWT from the cluster's own
 * issuer, `https://oidc.eks.REGION.amazonaws.com/id/ID`, with `sub` =
 * `system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT` and `aud` = `sts.amazonaws.com`; the EKS
 * pod identity webhook sets `AWS_ROLE_ARN` from the service account's
 * `eks.amazonaws.com/role-arn` annotation (EKS user guide, "IAM roles for service accounts").
 * What a refusal of such a token means is said in Kubernetes' terms here; the trust policy is
 * evaluated by the same evaluator as GitHub's tokens (evaluate.ts). Pure.
 */
import type { TrustStatementCheck } from '../model.js'
import { code } from '../report/markdown.js'
import { shellArg } from '../report/quoting.js'

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

function accountWords(account: ServiceAccount): string {
  return `service account ${code(account.name)} in namespace ${code(account.namespace)}`
}

/** Where a policy's service account differs from the token's: the namespace, the name, or both. */
function differsIn(expected: ServiceAccount, actual: ServiceAccount): string {
  if (expected.namespace === actual.namespace)
    return 'another service account of the same namespace'
  if (expected.name === actual.name) return 'the same service account name in another namespace'
  return 'another namespace and service account'
}

/**
 * Why a `sub` condition refuses a service account token, where the policy names service
 * accounts too: which of namespace and name differ. Undefined where the token is not one.
 */
export function serviceAccountHint(
  expected: readonly string[],
  actual: string
): string | undefined {
  const token = serviceAccountOf(actual)
  if (token === undefined) return undefined
  const named = expected
    .map(value => ({ value, account: serviceAccountOf(value) }))
    .filter(item => item.account !== undefined)
  const first = named[0]
  if (first?.account === undefined)
    return `the token is for ${accountWords(token)} (${code(actual)}), and the policy names no service account (\`system:serviceaccount:NAMESPACE:NAME\`)`
  return `the token is for ${accountWords(token)}; the policy expects ${named.map(item => code(item.value)).join(', ')}: ${differsIn(first.account, token)}`
}

function kubectlAnnotate(account: ServiceAccount | undefined, roleArn: string): string {
  const namespace = account?.namespace ?? 'NAMESPACE'
  const name = account?.name ?? 'SERVICE_ACCOUNT'
  return `kubectl annotate serviceaccount -n ${shellArg(namespace)} ${shellArg(name)} ${shellArg(`eks.amazonaws.com/role-arn=${roleArn}`)} --overwrite`
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

export interface EksRefusal {
  readonly issuer: EksIssuer
  readonly roleArn: string
  readonly providerArn: string
  readonly sub?: string
  readonly audience?: string
}

/** The fix for a trust policy that refuses a service account token: the policy, or the annotation. */
export function eksTrustRemediation(refusal: EksRefusal): string {
  const account = serviceAccountOf(refusal.sub)
  const roleName = refusal.roleArn.split('/').pop() ?? 'ROLE'
  const sub = refusal.sub ?? 'system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT'
  const statement = serviceAccountStatement(
    refusal.issuer,
    refusal.providerArn,
    sub,
    refusal.audience ?? 'sts.amazonaws.com'
  )
  return [
    `If this pod's ${account === undefined ? 'service account' : accountWords(account)} should use the role, add a statement that admits it to the role's trust policy (keys named after this cluster's issuer, ${code(refusal.issuer.host)}):`,
    '',
    '```json',
    statement,
    '```',
    '',
    `Read the current policy with ${code(`aws iam get-role --role-name ${shellArg(roleName)} --query Role.AssumeRolePolicyDocument`)}, add the statement, and apply it with ${code(`aws iam update-assume-role-policy --role-name ${shellArg(roleName)} --policy-document file://trust.json`)} (it replaces the whole policy).`,
    '',
    `If the pod should use another role, point its service account at that role and restart the pod (the EKS webhook sets \`AWS_ROLE_ARN\` from the annotation when the pod starts): ${code(kubectlAnnotate(account, 'arn:aws:iam::ACCOUNT:role/OTHER'))}. A pod spec without \`serviceAccountName\` runs as the namespace's \`default\` service account.`
  ].join('\n')
}

/** The fix for a cluster whose issuer has no IAM OIDC provider in the role's account. */
export function eksProviderRemediation(
  issuer: EksIssuer,
  account: string,
  audience: string
): string {
  return [
    `Register the cluster's issuer as an IAM OIDC provider in account ${code(account)}, once per cluster:`,
    '',
    '```sh',
    'eksctl utils associate-iam-oidc-provider --cluster CLUSTER --approve',
    `# or: aws iam create-open-id-connect-provider --url https://${issuer.host} --client-id-list ${audience}`,
    '```',
    '',
    `${code('aws eks describe-cluster --name CLUSTER --query cluster.identity.oidc.issuer')} prints each cluster's issuer: a cluster created again has a new ID, and its old provider no longer matches. The role must be in the account that holds the provider.`
  ].join('\n')
}

/**
 * For an EKS token whose audience the provider does not list: where that audience comes from.
 * The pod identity webhook projects the token for the service account's
 * `eks.amazonaws.com/audience` annotation, `sts.amazonaws.com` without one. Empty otherwise.
 */
export function eksAudienceNote(issuer: string | undefined): string {
  if (eksIssuer(issuer) === undefined) return ''
  return " On EKS the token's audience is the service account's `eks.amazonaws.com/audience` annotation (`sts.amazonaws.com` without one): remove or correct it (`kubectl annotate serviceaccount -n NAMESPACE NAME eks.amazonaws.com/audience-`) and restart the pod, or add that audience to the provider."
}

/** One reason of the "why the trust policy refuses this token" list (explain.ts's shape). */
export interface EksReason {
  readonly text: string
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
  const account = serviceAccountOf(sub)
  const who = account === undefined ? `the subject ${code(sub ?? '(none)')}` : accountWords(account)
  return {
    text: `**The namespace or service account.** This pod runs as ${who}, so its \`sub\` is ${code(sub ?? '(none)')}. The trust policy's ${code(`${issuer.host}:sub`)} condition must name exactly that (\`StringEquals\`), or a \`StringLike\` pattern such as ${code(`system:serviceaccount:${account?.namespace ?? 'NAMESPACE'}:*`)}: a pod in another namespace, or a pod spec without \`serviceAccountName\` (it runs as \`default\`), presents another \`sub\`.`,
    score: shown.sub ? 400 : shown.read ? 10 : 100,
    applies: shown.sub || !shown.read
  }
}

function issuerReason(issuer: EksIssuer, shown: Shown): EksReason {
  return {
    text: `**Another cluster's issuer.** The condition keys and the \`Federated\` principal must name this cluster's issuer, ${code(issuer.host)}: a policy copied from another cluster, or written before the cluster was created again, names another ID, and its conditions are not in this request at all.`,
    score: shown.foreign ? 450 : shown.read ? 5 : 60,
    applies: shown.foreign || !shown.read
  }
}

function audienceReason(issuer: EksIssuer, shown: Shown): EksReason {
  return {
    text: `**The audience.** IRSA tokens carry \`aud\` = \`sts.amazonaws.com\`; a condition on ${code(`${issuer.host}:aud`)} must name that value.`,
    score: shown.aud ? 380 : 20,
    applies: shown.aud
  }
}

function annotationReason(sub: string | undefined, shown: Shown): EksReason {
  return {
    text: `**The role in the annotation.** \`AWS_ROLE_ARN\` comes from the service account's \`eks.amazonaws.com/role-arn\` annotation: if it names a role meant for another service account, annotate this one with its own role (${code(kubectlAnnotate(serviceAccountOf(sub), 'ROLE_ARN'))}) and restart the pod.`,
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
