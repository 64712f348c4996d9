/**
 * The words of the OIDC phase's reasons and hints, written from the typed facts src/oidc/
 * returns: why a trust policy refuses a token (explain.ts's reasons, evaluate.ts's hints), the
 * trust policies offered, the shape of a `sub`, an issuer's condition keys and the EKS fixes.
 * Markdown; the terminal view is made from it by terminal.ts. Pure.
 */
import type {
  ConditionHint,
  StatementName,
  TrustPolicyLookup,
  TrustStatementCheck
} from '../model.js'
import { GITHUB_ISSUER_HOST, issuerHost } from '../oidc/claims.js'
import {
  eksIssuer,
  serviceAccountOf,
  serviceAccountStatement,
  type EksIssuer,
  type ServiceAccount
} from '../oidc/eks.js'
import { ACTION } from '../oidc/evaluate.js'
import {
  mismatchReasons as rankedMismatchReasons,
  splitMismatchReasons as splitReasons,
  suggestedPolicies as policyVariants,
  type MismatchInput,
  type MismatchReason,
  type PolicyVariant
} from '../oidc/explain.js'
import type { PermissiveProblem } from '../oidc/lint.js'
import type { ParsedSub } from '../oidc/sub.js'
import { code, escapeText, fencedBlock } from './markdown.js'
import { shellArg } from './quoting.js'

/**
 * For an issuer other than github.com's default (a GitHub Enterprise Server's
 * `https://HOST/_services/token`, an enterprise's `https://token.actions.githubusercontent.com/SLUG`):
 * IAM names the provider and the condition keys after the issuer's host and path, so a policy
 * written with `token.actions.githubusercontent.com:sub` never sees this token's claims.
 * Empty for the default issuer.
 */
export function issuerKeysNote(issuer: string | undefined): string {
  const host = issuerHost(issuer)
  if (host === undefined || host === GITHUB_ISSUER_HOST) return ''
  return `This token's issuer is ${code(issuer ?? '')}, so IAM names its provider ${code(`oidc-provider/${host}`)} and its condition keys ${code(`${host}:sub`)} and ${code(`${host}:aud`)}: a trust policy written with ${code(`${GITHUB_ISSUER_HOST}:sub`)} or \`…:aud\` (github.com's default issuer) does not apply to it.`
}

/** A noun phrase describing the shape ("GitHub's default form for …"), for the summary and the claims notice. */
export function describeShape(parsed: ParsedSub): string {
  const ids = parsed.immutable
    ? ` in the immutable form with owner ID ${parsed.ownerId ?? '?'} and repository ID ${parsed.repositoryId ?? '?'}`
    : ''
  switch (parsed.shape) {
    case 'environment':
      return `GitHub's default form for a job that uses an environment (${code(`environment:${parsed.environment ?? ''}`)})${ids}`
    case 'pull_request':
      return `GitHub's default form for a pull request event (\`pull_request\`)${ids}`
    case 'ref':
      return `GitHub's default form for a branch or tag (${code(`ref:${parsed.ref ?? ''}`)})${ids}`
    case 'custom': {
      const keys =
        parsed.templateKeys !== undefined && parsed.templateKeys.length > 0
          ? ` (keys: ${parsed.templateKeys.map(key => code(key)).join(', ')})`
          : ''
      return `a customised \`sub\` template${keys}${ids}`
    }
  }
}

function accountWords(account: ServiceAccount): string {
  return `service account ${code(account.name)} in namespace ${code(account.namespace)}`
}

function kubectlAnnotate(account: ServiceAccount | undefined, roleArn: string): string {
  const namespace = account?.namespace ?? 'NAMESPACE'
  const name = account?.name ?? 'SERVICE_ACCOUNT'
  return `kubectl annotate serviceaccount -n ${shellArg(namespace)} ${shellArg(name)} ${shellArg(`eks.amazonaws.com/role-arn=${roleArn}`)} --overwrite`
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
    ...fencedBlock([statement], 'json'),
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
    ...fencedBlock(['eksctl utils associate-iam-oidc-provider --cluster CLUSTER --approve'], 'sh'),
    '',
    'or, without eksctl:',
    '',
    // Its own block, not a comment after eksctl's: a quoted value may span lines.
    ...fencedBlock(
      [
        `aws iam create-open-id-connect-provider --url ${shellArg(`https://${issuer.host}`)} --client-id-list ${shellArg(audience)}`
      ],
      'sh'
    ),
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

/** A reason's words: its heading (bold in a list of reasons) and what it says. */
interface ReasonWords {
  readonly heading: string
  readonly body: string
}

function said(heading: string, body: string): ReasonWords {
  return { heading, body }
}

/** One reason a trust policy refuses a token, as an item of the list of reasons: heading in bold. */
export function reasonText(reason: MismatchReason): string {
  const words = reasonWords(reason)
  return `**${words.heading}** ${words.body}`
}

/** The same reason as a plain sentence, for a finding's message. */
export function reasonSentence(reason: MismatchReason): string {
  const words = reasonWords(reason)
  return `${words.heading} ${words.body}`
}

function reasonWords(reason: MismatchReason): ReasonWords {
  switch (reason.kind) {
    case 'environment':
      return reason.uses === undefined
        ? said(
            'An environment replaces the branch.',
            'A job that uses `environment:` presents `…:environment:NAME` instead of `…:ref:refs/heads/BRANCH`; a policy written for one does not match the other.'
          )
        : said(
            `An environment replaces the branch.`,
            `This job uses the environment ${code(reason.uses.environment)}, so its \`sub\` is ${code(reason.sub)}. A policy that pins a branch (\`…:ref:refs/heads/main\`) never matches a job that uses an environment: match ${code(reason.uses.match)} instead.`
          )
    case 'pull-request':
      return reason.match === undefined
        ? said(
            'Pull requests present `:pull_request`.',
            'Pull request events present `…:pull_request` instead of the branch; a policy that lists branches does not match them.'
          )
        : said(
            `Pull requests present \`:pull_request\`.`,
            `This run is a pull request event, so its \`sub\` is ${code(reason.sub)}, not the branch: add ${code(reason.match)} to the policy if pull requests should use the role.`
          )
    case 'other-ref':
      return said(
        `Another branch or tag.`,
        `This run is on ${code(reason.ref)}, so its \`sub\` is ${code(reason.sub)}; a policy that pins another branch${reason.ref === 'refs/heads/main' ? '' : ' (often `main`)'} or a tag does not match.`
      )
    case 'custom-sub':
      return said(
        `A customised \`sub\` template.`,
        `This repository or organisation customised the \`sub\` claim (${code(reason.sub)}), so a policy written for the default \`repo:OWNER/REPO:…\` form does not match.`
      )
    case 'letter-case':
      return said(
        `Letter case.`,
        `\`StringEquals\` and \`StringLike\` compare case-sensitively, and the \`sub\` carries GitHub's real casing (${code(reason.repository)})${reason.capitals ? ', which has capitals' : ''}: the owner and repository in the policy must be written exactly the same way.`
      )
    case 'equals-wildcard':
      return said(
        '`StringEquals` with a wildcard.',
        '`StringEquals` takes `*` literally, so `"repo:OWNER/REPO:*"` under `StringEquals` matches nothing; patterns need `StringLike`.'
      )
    case 'issuer-keys':
      return said(
        `The issuer's condition keys.`,
        `${issuerKeysNote(reason.issuer)} Write the conditions with ${code(reason.subKey)} and ${code(reason.audKey)}.`
      )
    case 'audience':
      return said(
        `The audience.`,
        `The token's \`aud\` is ${code(reason.audience)} (the \`audience\` input); the policy's ${code(reason.audKey)} condition must name the same value (GitHub's older docs used \`https://github.com/OWNER\`).`
      )
    case 'workflow-ref':
      return workflowRefText(reason)
    case 'immutable':
      return immutableText(reason)
    case 'principal': {
      const note = issuerKeysNote(reason.issuer)
      return said(
        `The principal.`,
        `${statementText(reason.statement)} trusts ${code(reason.principal.join(', ') || '(none)')}, not the provider this token maps to in the role's account (${code(reason.providerArn)}); a trailing slash or another account's provider ARN is a common slip.${note === '' ? '' : ` ${note}`}`
      )
    }
    case 'action':
      return said(
        `The action.`,
        `${statementText(reason.statement)} allows ${code(reason.actions.join(', ') || '(none)')}; web identity needs ${code(ACTION)}.`
      )
    case 'explicit-deny':
      return said(
        'An explicit Deny.',
        'A `Deny` statement of the trust policy matches this token, and a Deny wins over any Allow.'
      )
    default:
      return eksReasonText(reason)
  }
}

function workflowRefText(reason: Extract<MismatchReason, { kind: 'workflow-ref' }>): ReasonWords {
  const where = reason.inSub
    ? 'the `job_workflow_ref` part of its customised `sub`'
    : 'its `job_workflow_ref` condition'
  const pinned = reason.pinned === undefined ? '' : ` (the policy expects ${code(reason.pinned)})`
  return said(
    `The reusable workflow's ref (\`job_workflow_ref\`).`,
    `This job runs ${code(reason.file)} at ${code(reason.ref)}${reason.caller === undefined ? '' : `, called from ${code(reason.caller)}`}: the claim \`job_workflow_ref\` is ${code(reason.value)}. A trust policy that pins ${where} to another ref of that workflow${pinned} refuses this job whatever branch or tag the caller runs on: admit the ref the callers use (${code(reason.value)}), or ${code(`${reason.file}@*`)} for every ref of it.`
  )
}

function immutableText(reason: Extract<MismatchReason, { kind: 'immutable' }>): ReasonWords {
  const both =
    reason.both === undefined ? '' : ` A condition that admits both forms: ${code(reason.both)}.`
  const why =
    'GitHub uses it for repositories created on or after 2026-07-15, for repositories that opted in, and for any repository renamed or transferred after that date'
  switch (reason.form) {
    case 'token':
      return said(
        `The immutable \`sub\` with IDs.`,
        `This token presents ${code(`repo:${reason.repoPart}:…`)}, the form with the owner and repository IDs: ${why}. A policy written with names only (${code(`repo:${reason.repository}:…`)}) does not match it.${both}`
      )
    case 'policy':
      return said(
        `The immutable \`sub\` with IDs.`,
        `The policy is written in the immutable form (\`repo:OWNER@ID/REPO@ID:…\`), but this token presents names only (${code(reason.sub)}): ${why}, and this repository does not use it (yet).${both}`
      )
    case 'neither':
      return said(
        `The immutable \`sub\` with IDs.`,
        `Repositories created since mid-2026 (or opted in, renamed or transferred) present \`repo:OWNER@OWNER_ID/REPO@REPO_ID:…\`; this token does not, so a policy written with IDs would not match it.${both}`
      )
  }
}

function eksReasonText(
  reason: Extract<
    MismatchReason,
    { kind: 'eks-service-account' | 'eks-issuer' | 'eks-audience' | 'eks-annotation' }
  >
): ReasonWords {
  switch (reason.kind) {
    case 'eks-service-account': {
      const account = serviceAccountOf(reason.sub)
      const who =
        account === undefined
          ? `the subject ${code(reason.sub ?? '(none)')}`
          : accountWords(account)
      return said(
        `The namespace or service account.`,
        `This pod runs as ${who}, so its \`sub\` is ${code(reason.sub ?? '(none)')}. The trust policy's ${code(`${reason.host}:sub`)} condition must name exactly that (\`StringEquals\`), or a \`StringLike\` pattern such as ${code(`system:serviceaccount:${account?.namespace ?? 'NAMESPACE'}:*`)}: a pod in another namespace, or a pod spec without \`serviceAccountName\` (it runs as \`default\`), presents another \`sub\`.`
      )
    }
    case 'eks-issuer':
      return said(
        `Another cluster's issuer.`,
        `The condition keys and the \`Federated\` principal must name this cluster's issuer, ${code(reason.host)}: a policy copied from another cluster, or written before the cluster was created again, names another ID, and its conditions are not in this request at all.`
      )
    case 'eks-audience':
      return said(
        `The audience.`,
        `IRSA tokens carry \`aud\` = \`sts.amazonaws.com\`; a condition on ${code(`${reason.host}:aud`)} must name that value.`
      )
    case 'eks-annotation':
      return said(
        `The role in the annotation.`,
        `\`AWS_ROLE_ARN\` comes from the service account's \`eks.amazonaws.com/role-arn\` annotation: if it names a role meant for another service account, annotate this one with its own role (${code(kubectlAnnotate(serviceAccountOf(reason.sub), 'ROLE_ARN'))}) and restart the pod.`
      )
  }
}

/** The usual reasons for `oidc-trust-policy-mismatch`, most likely first for this run. */
export function mismatchReasons(input: MismatchInput): string[] {
  return rankedMismatchReasons(input).map(reasonText)
}

/** The most likely reason for this run, as a plain sentence; empty where there is none. */
export function likeliestReason(input: MismatchInput): string {
  const [first] = rankedMismatchReasons(input)
  return first === undefined ? '' : reasonSentence(first)
}

/** The reasons this token is consistent with, and the others (see src/oidc/explain.ts). */
export function splitMismatchReasons(input: MismatchInput): {
  readonly applicable: readonly string[]
  readonly others: readonly string[]
} {
  const split = splitReasons(input)
  return { applicable: split.applicable.map(reasonText), others: split.others.map(reasonText) }
}

/** What the kept subjects and workflow pins of the current policy add to a variant's description. */
function keepsText(variant: PolicyVariant): string {
  const kept = variant.keptSubs
  const subjects =
    kept.length === 0
      ? ''
      : ` It keeps the ${kept.length === 1 ? 'subject' : `${kept.length} subjects`} the current policy admits (${kept.map(value => code(value)).join(', ')}), so what works today keeps working.`
  const workflows =
    variant.keptWorkflowRefs === undefined
      ? ''
      : ` It keeps the policy's pin on \`job_workflow_ref\` and adds this job's reusable workflow ref to it (${variant.keptWorkflowRefs.map(value => code(value)).join(', ')}).`
  return subjects + workflows
}

/** A trust policy offered for this run, with its title and what it lets in. */
export interface DescribedPolicy {
  readonly title: string
  readonly description: string
  readonly policy: string
}

function describeVariant(variant: PolicyVariant): DescribedPolicy {
  const keeps = keepsText(variant)
  const repo = variant.repo ?? ''
  const words = (title: string, description: string): DescribedPolicy => ({
    title,
    description,
    policy: variant.policy
  })
  switch (variant.kind) {
    case 'exact': {
      const what = variant.serviceAccount ? 'service account' : 'job'
      return words(
        variant.keptSubs.length > 0
          ? `This ${what}, added to what the policy admits`
          : `Exactly this ${what}`,
        `Accepts the subject this run presented (${code(variant.sub)}), for the audience ${code(variant.audience)}.${keeps}`
      )
    }
    case 'workflow-file':
      return words(
        'Narrower: this job and this workflow file',
        `Also pins \`job_workflow_ref\` (${code(variant.workflowRef ?? '')}), so another workflow of the same branch or environment cannot use the role. STS checks GitHub's claims beyond \`sub\` and \`aud\` only since 2026: a condition on a key your account's STS does not know denies every request.`
      )
    case 'every-branch':
      return words(
        'Wider: every branch',
        `Accepts any branch of ${code(repo)} (\`StringLike\` with \`refs/heads/*\`), but not tags, environments or pull requests. Anyone who can push a branch can then use the role.${keeps}`
      )
    case 'every-environment':
      return words(
        'Wider: every environment',
        `Accepts any job of ${code(repo)} that uses an environment. Environments can require reviewers and restrict branches, which makes them the safer gate.${keeps}`
      )
    case 'repository':
      return words(
        'Widest: the whole repository',
        `Accepts every branch, tag, environment and pull request of ${code(repo)} (\`StringLike\` with ${code(`repo:${repo}:*`)}). Pull requests from forks never get a token, but every pull request from a branch of this repository does.${keeps}`
      )
  }
}

/** The trust policies people choose between for this run, each with what it lets in. */
export function suggestedPolicies(input: MismatchInput): DescribedPolicy[] {
  return policyVariants(input).map(describeVariant)
}

/** Which statement of the policy, as the report names it: `statement "Sid"` or `statement 2`. */
export function statementText(name: StatementName): string {
  return escapeText(name.sid === undefined ? `statement ${name.index}` : `statement "${name.sid}"`)
}

/** Why a condition fails, in words. */
export function hintText(hint: ConditionHint): string {
  switch (hint.kind) {
    case 'no-claim':
      return `the token has no ${code(hint.claim)} claim`
    case 'equals-wildcard':
      return '`StringEquals` takes `*` and `?` literally: use `StringLike` for wildcards'
    case 'letter-case':
      return 'the values differ only in letter case, and IAM compares them case-sensitively'
    case 'service-account':
      return serviceAccountHintText(hint)
    case 'environment':
      return `this job uses the environment ${code(hint.environment)}, so its \`sub\` names the environment instead of the branch`
    case 'pull-request':
      return 'pull request runs present `…:pull_request`, not the branch'
    case 'token-has-ids':
      return "this repository's `sub` carries the owner and repository IDs (`OWNER@ID/REPO@ID`)"
    case 'policy-has-ids':
      return "this token's `sub` names the owner and repository without IDs, while the policy is written in the immutable form with IDs (`OWNER@ID/REPO@ID`)"
    case 'custom-sub':
      return 'this repository uses a customised `sub` template, not the default form'
    case 'custom-sub-part': {
      const workflow = hint.key === 'job_workflow_ref' ? ' (the reusable workflow and its ref)' : ''
      return `the ${code(hint.key)} part of the customised \`sub\`${workflow} differs: the policy expects ${code(hint.expected)}, the token has ${code(hint.actual)}`
    }
    case 'audience':
      return 'the token was requested for another audience (the `audience` input)'
    case 'workflow-ref':
      return hint.pinned.length > 0
        ? `this job runs the reusable workflow ${code(hint.file)} at ${code(hint.ref)}, and the policy pins it to ${hint.pinned.map(ref => code(ref)).join(', ')}: the called workflow's ref refuses, not the caller's branch`
        : `this job runs the workflow ${code(hint.file)} at ${code(hint.ref)}, which the policy does not name`
    case 'foreign-key': {
      const claim = hint.key.slice(hint.key.lastIndexOf(':') + 1)
      return `this token's issuer is ${code(hint.host)}, whose claims STS names ${code(`${hint.host}:${claim}`)}: ${code(hint.key)} is another issuer's key and is not in the request`
    }
  }
}

const DIFFERS: Readonly<Record<'name' | 'namespace' | 'both', string>> = {
  name: 'another service account of the same namespace',
  namespace: 'the same service account name in another namespace',
  both: 'another namespace and service account'
}

function serviceAccountHintText(hint: Extract<ConditionHint, { kind: 'service-account' }>): string {
  const token = accountWords({ namespace: hint.namespace, name: hint.name })
  if (hint.differs === undefined)
    return `the token is for ${token} (${code(hint.sub)}), and the policy names no service account (\`system:serviceaccount:NAMESPACE:NAME\`)`
  return `the token is for ${token}; the policy expects ${hint.expected.map(value => code(value)).join(', ')}: ${DIFFERS[hint.differs]}`
}

/** One line naming a failing condition: statement, operator, key, what it expects and what the token has. */
export function describeFailingCondition(statement: TrustStatementCheck): string[] {
  return statement.conditions
    .filter(condition => condition.result === 'fails')
    .map(condition => {
      const actual =
        condition.actual === undefined ? 'no such claim' : code(condition.actual.join(', '))
      const hint = condition.hint === undefined ? '' : `: ${hintText(condition.hint)}`
      return `${statementText(statement.name)}: ${code(condition.operator)} on ${code(condition.key)} expects ${condition.expected.map(code).join(', ')}, the token has ${actual}${hint}`
    })
}

/** How reading the trust policy went, as the check line and the OIDC section say it. */
export function lookupNote(lookup: TrustPolicyLookup): string {
  switch (lookup.state) {
    case 'invalid-json':
      return 'read, but the trust policy is not valid JSON'
    case 'read':
      return `read with iam:GetRole and evaluated against the token's claims (${lookup.decision})${lookup.actualArn === undefined ? '' : `; the role's ARN is ${code(lookup.actualArn)}, so the path in the requested ARN is wrong`}`
    case 'not-read':
      return `not read: ${unreadWhy(lookup)}`
  }
}

function unreadWhy(lookup: Extract<TrustPolicyLookup, { state: 'not-read' }>): string {
  switch (lookup.reason) {
    case 'check-iam-off':
      return '`check-iam` is false'
    case 'no-other-credentials':
      return 'the job has no other credentials to call iam:GetRole with'
    case 'credentials-unusable':
      return `the job's other credentials are unusable (${lookup.detail})`
    case 'denied':
      return "iam:GetRole is denied to the job's other credentials"
    case 'no-such-role':
      return `the job's other credentials found no role named ${code(lookup.roleName)} in their own account`
    case 'failed':
      return `iam:GetRole failed (${code(lookup.code)})`
    case 'other-account':
      return `the job's other credentials belong to account ${lookup.account}, not the role's account ${lookup.roleAccount}`
  }
}

/** What lets more than this repository assume the role, as the warning says it. */
export function permissiveText(problem: PermissiveProblem): string {
  switch (problem.kind) {
    case 'no-sub-condition':
      return `has no condition on ${code(problem.key)}: any repository on GitHub can request a token for this provider and assume the role`
    case 'for-all-values':
      return `uses ${code(problem.operator)} on ${code(problem.key)}, which is true for a request without the key; \`sub\` has one value, so use the plain operator`
    case 'any-owner':
      return `admits ${code(problem.value)} (${code(problem.operator)} on ${code(problem.key)}): repositories of any owner match it`
    case 'no-aud-condition':
      return `has no condition on ${code(problem.key)}: a token requested for any audience is accepted`
  }
}
