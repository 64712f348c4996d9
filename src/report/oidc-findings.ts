/**
 * The OIDC findings, written for this run from the facts the OIDC doctor returns
 * (src/oidc/facts.ts): each names what STS or the token service said, the token's claims that
 * matter (never the token) and the fix. Pure; `src/oidc/doctor.ts` decides which apply.
 */
import { PARTITION_NAMES, partitionOfRegion } from '../aws/regions.js'
import { finding } from '../findings.js'
import type {
  CheckResult,
  Finding,
  GitHubContext,
  TrustPolicyEvaluation,
  TrustPolicyLookup,
  TrustStatementCheck
} from '../model.js'
import type { TokenClaims } from '../oidc/claims.js'
import type {
  AssumeNotCalled,
  LocalTokenProblem,
  OidcCheck,
  OidcFacts,
  OidcFinding,
  OidcPhase,
  StsAnswer,
  TokenContext,
  TokenRequestFailure
} from '../oidc/facts.js'
import type { PermissiveCondition } from '../oidc/lint.js'
import type { NotARole, RoleArnProblem } from '../oidc/role-arn.js'
import { closestStatement, providerArnFor } from '../oidc/evaluate.js'
import { exactSubCondition } from '../oidc/explain.js'
import { parseSub } from '../oidc/sub.js'
import { eksIssuer, serviceAccountOf, type EksIssuer } from '../oidc/eks.js'
import { code, escapeText, fencedBlock } from './markdown.js'
import {
  describeFailingCondition,
  describeShape,
  eksAudienceNote,
  eksProviderRemediation,
  eksTrustRemediation,
  issuerKeysNote,
  likeliestReason,
  lookupNote,
  permissiveText,
  statementText
} from './oidc-words.js'
import { shellArg, yamlScalar } from './quoting.js'
import { stsSaid, webIdentityTokenInvalid } from './web-identity-token-invalid.js'

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

function accountOf(roleArn: string): string | undefined {
  return /^arn:[a-z-]+:iam::(\d{12}):/u.exec(roleArn)?.[1]
}

function partitionOf(roleArn: string): string {
  return /^arn:([a-z-]+):/u.exec(roleArn)?.[1] ?? 'aws'
}

/** A sentence followed (or, with `before`, preceded) by a space; nothing for no sentence. */
function withSpace(sentence: string, before = false): string {
  if (sentence === '') return ''
  return before ? ` ${sentence}` : `${sentence} `
}

function tokenWord(context: TokenContext): string {
  return context.tokenSource === 'github-oidc'
    ? "this job's OIDC token"
    : `the token in ${code(context.tokenFile ?? 'AWS_WEB_IDENTITY_TOKEN_FILE')}`
}

function subAud(claims: TokenClaims | undefined): string {
  if (claims === undefined) return 'The token could not be decoded, so its claims are unknown.'
  const aud = claims.audiences.length === 0 ? '(none)' : claims.audiences.join(', ')
  return `The token presented \`sub\` = ${code(claims.sub ?? '(none)')} and \`aud\` = ${code(aud)}.`
}

const ID_TOKEN_YAML = [
  '```yaml',
  'permissions:',
  '  id-token: write   # lets the job request its OIDC token',
  '  contents: read    # what actions/checkout needs, now that the defaults are replaced',
  '```'
].join('\n')

export function permissionMissing(github: GitHubContext, roleArn: string): Finding {
  if (github.isForkPullRequest) {
    return finding('oidc-permission-missing', {
      title: 'Pull requests from forks cannot request an OIDC token',
      message: `\`role-to-assume\` is set (${code(roleArn)}), but this run is a pull request from a fork, and GitHub never gives fork pull requests an OIDC token, whatever the workflow's \`permissions:\` say: \`ACTIONS_ID_TOKEN_REQUEST_URL\` and \`ACTIONS_ID_TOKEN_REQUEST_TOKEN\` are not set. configure-aws-credentials fails here with "Could not load credentials from any providers".`,
      remediation:
        "Skip the AWS steps for fork pull requests (`if: github.event.pull_request.head.repo.full_name == github.repository`), and deploy from `push` or a reviewed `workflow_dispatch` instead. `pull_request_target` gets a token, but never check out and run the fork's code with it.",
      source: 'role-to-assume',
      evidence: [
        `event ${github.eventName ?? 'unknown'}${github.pullRequestNumber === undefined ? '' : ` #${github.pullRequestNumber}`} from a fork`,
        'ACTIONS_ID_TOKEN_REQUEST_URL: not set',
        'ACTIONS_ID_TOKEN_REQUEST_TOKEN: not set'
      ]
    })
  }
  return finding('oidc-permission-missing', {
    title: 'This job cannot request an OIDC token: `permissions: id-token: write` is missing',
    message: `\`role-to-assume\` is set (${code(roleArn)}), but the runner did not give this job \`ACTIONS_ID_TOKEN_REQUEST_URL\` and \`ACTIONS_ID_TOKEN_REQUEST_TOKEN\`, which it does only when the job has \`permissions: id-token: write\`. Without them configure-aws-credentials falls back to other credentials and fails with "Could not load credentials from any providers".`,
    remediation: `Add the permission to the job (or the workflow):\n\n${ID_TOKEN_YAML}\n\nA \`permissions:\` block replaces every default permission, so list the others the job needs. A reusable workflow gets the permission only if the calling job grants it too.`,
    source: 'role-to-assume',
    evidence: [
      'ACTIONS_ID_TOKEN_REQUEST_URL: not set',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN: not set',
      `event ${github.eventName ?? 'unknown'}`
    ]
  })
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return '(unreadable URL)'
  }
}

/** What a successful answer without a token held instead. */
const NO_TOKEN: Readonly<Record<'value' | 'jwt', string>> = {
  value: 'the answer has no `value` field holding a token',
  jwt: 'the `value` it returned is not a JWT'
}

export function tokenRequestFailed(
  response: TokenRequestFailure,
  request: { readonly requestUrl: string; readonly audience: string }
): Finding {
  const host = hostOf(request.requestUrl)
  const evidence = [
    `token service ${host}`,
    `audience requested: ${code(request.audience)}`,
    `attempts: ${response.attempts}`,
    ...('httpStatus' in response && response.httpStatus !== undefined
      ? [`HTTP ${response.httpStatus}`]
      : [])
  ]
  switch (response.reason) {
    case 'timeout':
      return finding('oidc-token-request-failed', {
        message: `The runner's token service (${code(host)}) did not answer the OIDC token request within \`timeout-seconds\`.`,
        remediation:
          'Self-hosted runners need outbound HTTPS to the host in `ACTIONS_ID_TOKEN_REQUEST_URL` (through `HTTPS_PROXY` where there is a proxy). On GitHub-hosted runners this is a GitHub incident: check githubstatus.com and re-run.',
        source: 'role-to-assume',
        evidence
      })
    case 'network':
      return finding('oidc-token-request-failed', {
        message: `The runner's token service (${code(host)}) could not be reached: "${escapeText(response.detail)}".`,
        remediation:
          'Self-hosted runners need DNS and outbound HTTPS to the host in `ACTIONS_ID_TOKEN_REQUEST_URL` (through `HTTPS_PROXY` where there is a proxy, and not listed in `NO_PROXY` wrongly). A container job sees the same variables: check its network too.',
        source: 'role-to-assume',
        evidence
      })
    case 'no-token':
      return finding('oidc-token-request-failed', {
        message: `The runner's token service (${code(host)}) answered HTTP ${response.httpStatus ?? '200'} without a token (${NO_TOKEN[response.missing]}). @actions/core reports this as "Response json body do not have ID Token field".`,
        remediation:
          'Something between the job and the token service (a proxy, or a wrapper that rewrites `ACTIONS_ID_TOKEN_REQUEST_URL`) changed the answer. Re-run; if it persists, run the job on a GitHub-hosted runner to compare.',
        source: 'role-to-assume',
        evidence
      })
    case 'http': {
      const status = response.httpStatus
      const refused = status === 401 || status === 403 || status === 404
      return finding('oidc-token-request-failed', {
        message: `The runner's token service (${code(host)}) ${refused ? 'refused' : 'failed'} the OIDC token request with HTTP ${status}: "${escapeText(response.detail)}". @actions/core reports this as "Failed to get ID Token. Error Code : ${status}".`,
        remediation: refused
          ? 'The request token was not accepted: it belongs to this job only and expires with it. Check that nothing overrides `ACTIONS_ID_TOKEN_REQUEST_URL` or `_TOKEN` (a container, an `env:` block, or variables copied from another job), and that the `audience` input is a plain value.'
          : "GitHub's token service failed: re-run the job, and check githubstatus.com if it persists.",
        source: 'role-to-assume',
        evidence
      })
    }
  }
}

function expiryText(claims: TokenClaims | undefined, now: Date): string {
  const exp = claims?.expiresAt
  if (exp === undefined) return ''
  const seconds = Math.round((exp.getTime() - now.getTime()) / 1000)
  return seconds >= 0
    ? `; it expires at ${exp.toISOString()} (in ${seconds} s)`
    : `; it expired at ${exp.toISOString()} (${-seconds} s ago by the runner's clock)`
}

export function claimsNotice(
  claims: TokenClaims,
  context: Pick<TokenContext, 'tokenSource' | 'tokenFile' | 'source'>,
  now: Date
): Finding {
  const sub = claims.sub ?? '(none)'
  const shape =
    claims.sub === undefined
      ? 'It has no `sub` claim.'
      : `Its \`sub\` has ${describeShape(parseSub(claims.sub))}.`
  const aud = claims.audiences.length === 0 ? '(none)' : claims.audiences.join(', ')
  const what =
    context.tokenSource === 'github-oidc'
      ? "This job's OIDC token"
      : `The web identity token in ${code(context.tokenFile ?? '')}`
  return finding('oidc-token-claims', {
    title:
      context.tokenSource === 'github-oidc' ? "This job's OIDC token" : 'The web identity token',
    message: `${what} presents \`sub\` = ${code(sub)} and \`aud\` = ${code(aud)}, issued by ${code(claims.issuer ?? '(none)')}${expiryText(claims, now)}. ${shape}`,
    remediation: `Nothing to fix. A role's trust policy must match this \`sub\` exactly, letter case included: ${code(exactSubCondition({ sub: claims.sub, issuer: claims.issuer }))}, or a \`StringLike\` pattern that covers it.${withSpace(issuerKeysNote(claims.issuer), true)}`,
    source: context.source,
    evidence: Object.entries(claims.shown).map(([name, value]) => `${name}: ${code(value)}`)
  })
}

/** What the read policy (or, unread, the most likely reason) says about the refusal. */
function whyRefused(
  evaluation: TrustPolicyEvaluation | undefined,
  statement: TrustStatementCheck | undefined,
  failing: readonly string[],
  likeliest: () => string
): string {
  const unverified = [
    ...new Set(
      (statement?.conditions ?? [])
        .filter(condition => condition.unverified === true)
        .map(condition => code(condition.key))
    )
  ]
  if (evaluation?.decision === 'allow' && unverified.length > 0)
    return `Read with \`iam:GetRole\`, the trust policy's conditions on \`sub\` and \`aud\` accept these claims, but its condition on ${unverified.join(', ')} cannot be verified: AWS documents only \`aud\`, \`sub\` and \`amr\` as condition keys of an OIDC provider, and does not list which other GitHub claims STS provides. Where STS does not provide a key, a condition on it fails, which would explain this refusal: condition on \`sub\` instead (a customised \`sub\` template can carry the claim).`
  if (evaluation?.decision === 'allow')
    return "Read with `iam:GetRole`, the trust policy accepts these claims, so the refusal comes from elsewhere: the ARN's path or name differs from the role's, or the provider the policy trusts is not the one for this issuer."
  if (failing.length > 0)
    return `Read with \`iam:GetRole\`, the trust policy fails on ${failing.join('; ')}.`
  if (evaluation !== undefined && statement === undefined)
    return 'Read with `iam:GetRole`, the trust policy has no Allow statement at all.'
  return `The most likely reason for this run: ${likeliest()}`
}

/** The finding's title and the example fix: the refusing claim where it is not `sub`. */
function refusedWords(
  statement: TrustStatementCheck | undefined,
  claims: Readonly<Record<string, unknown>>,
  sub: string | undefined
): { title?: string; adding: string } {
  const refusing = refusingClaim(statement, claims)
  if (refusing !== undefined)
    return {
      title: `The role's trust policy does not accept ${code(refusing.claim)} = ${code(refusing.value)}`,
      adding: `, for example by adding ${code(refusing.value)} to its ${code(refusing.claim)} condition`
    }
  if (sub === undefined) return { adding: '' }
  return {
    title: `The role's trust policy does not accept the subject ${code(sub)}`,
    // The title names the subject: the fix points back at it.
    adding: ', for example by adding this subject to its `sub` condition'
  }
}

function githubTrustRemediation(
  claims: TokenClaims | undefined,
  evaluation: TrustPolicyEvaluation | undefined,
  adding: string,
  roleName: string
): string {
  return `Make the role's trust policy admit this token too${adding}, or run the job where the policy expects it (the branch or environment it names). ${withSpace(issuerKeysNote(claims?.issuer))}${
    evaluation === undefined
      ? `The job summary prints a trust policy for this workflow, with narrower and wider variants; the current policy could not be read, so merge it into that policy (${code(`aws iam get-role --role-name ${shellArg(roleName)} --query Role.AssumeRolePolicyDocument`)}) rather than replacing it, or the jobs it admits today are refused.`
      : 'The job summary prints a trust policy that admits this workflow and keeps every subject the current policy admits, with narrower and wider variants.'
  } Apply it with ${code(`aws iam update-assume-role-policy --role-name ${shellArg(roleName)} --policy-document file://trust.json`)}, which replaces the whole policy.`
}

/** The fix: Kubernetes' for an EKS service account token, else the GitHub workflow's. */
function trustRemediation(
  context: TokenContext,
  evaluation: TrustPolicyEvaluation | undefined,
  adding: string,
  roleName: string
): string {
  const claims = context.claims
  const eks = eksIssuer(claims?.issuer)
  if (eks === undefined) return githubTrustRemediation(claims, evaluation, adding, roleName)
  const audience = claims?.audiences[0]
  return eksTrustRemediation({
    issuer: eks,
    roleArn: context.roleArn,
    providerArn: providerArnFor(context.roleArn, claims?.issuer),
    ...(claims?.sub === undefined ? {} : { sub: claims.sub }),
    ...(audience === undefined ? {} : { audience })
  })
}

/** The title for an EKS service account token: which service account the policy does not admit. */
function serviceAccountTitle(claims: TokenClaims | undefined): string | undefined {
  if (eksIssuer(claims?.issuer) === undefined) return undefined
  const account = serviceAccountOf(claims?.sub)
  return account === undefined
    ? undefined
    : `The role's trust policy does not accept service account ${code(account.name)} in namespace ${code(account.namespace)}`
}

export function trustPolicyMismatch(
  context: TokenContext,
  answer: StsAnswer,
  evaluation: TrustPolicyEvaluation | undefined,
  lookup: TrustPolicyLookup | undefined
): Finding {
  const claims = context.claims
  const input = {
    roleArn: context.roleArn,
    audiences: claims?.audiences ?? [],
    claims: context.rawClaims ?? {},
    ...(claims?.sub === undefined ? {} : { sub: claims.sub }),
    ...(claims?.issuer === undefined ? {} : { issuer: claims.issuer }),
    ...(evaluation === undefined ? {} : { evaluation })
  }
  const statement = evaluation === undefined ? undefined : closestStatement(evaluation)
  const failing = statement === undefined ? [] : describeFailingCondition(statement)
  const why = whyRefused(evaluation, statement, failing, () => likeliestReason(input))
  const sub = claims?.sub
  const roleName = context.roleArn.split('/').pop() ?? 'ROLE'
  const words = refusedWords(statement, context.rawClaims ?? {}, sub)
  const title = serviceAccountTitle(claims) ?? words.title
  return finding('oidc-trust-policy-mismatch', {
    ...(title === undefined ? {} : { title }),
    message: `${stsSaid(answer)} for ${code(context.roleArn)} with ${tokenWord(context)}. ${subAud(claims)} ${why}`,
    remediation: trustRemediation(context, evaluation, words.adding, roleName),
    source: context.source,
    evidence: [
      `STS: ${code(answer.code)}: ${escapeText(answer.message)}`,
      ...(sub === undefined ? [] : [`sub: ${code(sub)}`]),
      ...(claims === undefined ? [] : [`aud: ${code(claims.audiences.join(', '))}`]),
      ...failing,
      ...(lookup === undefined ? [] : [`trust policy: ${lookupNote(lookup)}`]),
      'a role that does not exist, or one in another account than the ARN names, may get the same AccessDenied: STS does not say which'
    ]
  })
}

/**
 * The one claim other than `sub` and `aud` whose condition refuses the token, where the policy
 * was read and that is the only failing claim (a reusable workflow's `job_workflow_ref`, say).
 */
function refusingClaim(
  statement: TrustStatementCheck | undefined,
  claims: Readonly<Record<string, unknown>>
): { claim: string; value: string } | undefined {
  const failing = new Set(
    (statement?.conditions ?? [])
      .filter(condition => condition.result === 'fails')
      .map(condition => condition.key.toLowerCase().split(':').pop() ?? '')
  )
  const [claim] = [...failing]
  if (failing.size !== 1 || claim === undefined || claim === 'sub' || claim === 'aud')
    return undefined
  const value = claims[claim]
  return typeof value === 'string' ? { claim, value } : undefined
}

/** The trust policy read with iam:GetRole admits more than this repository (see `lint.ts`). */
export function trustPolicyPermissive(
  context: TokenContext,
  problems: readonly PermissiveCondition[]
): Finding {
  const roleName = context.roleArn.split('/').pop() ?? 'ROLE'
  return finding('oidc-trust-policy-permissive', {
    message: `Read with \`iam:GetRole\`, the trust policy of ${code(context.roleArn)} lets more than this job's repository assume the role: ${problems.map(item => `${statementText(item.statement)} ${permissiveText(item.problem)}`).join('; ')}.`,
    remediation: `Narrow the conditions; each of these still admits this job:\n\n${[...new Set(problems.map(item => `- ${code(item.narrower)}`))].join('\n')}\n\nKeep the subjects your other workflows need (list each branch or environment), then apply it with ${code(`aws iam update-assume-role-policy --role-name ${shellArg(roleName)} --policy-document file://trust.json`)}.`,
    source: context.source,
    evidence: problems.map(
      item => `${statementText(item.statement)}: ${permissiveText(item.problem)}`
    )
  })
}

export function providerMissing(
  context: TokenContext,
  answer: StsAnswer,
  thumbprint: boolean
): Finding {
  const issuer = context.claims?.issuer ?? GITHUB_ISSUER
  const account = accountOf(context.roleArn) ?? 'ACCOUNT'
  const aud = context.claims?.audiences[0] ?? 'sts.amazonaws.com'
  const providerArn = providerArnFor(context.roleArn, issuer)
  if (thumbprint) {
    return finding('oidc-provider-missing', {
      title: "The OIDC provider's certificate thumbprint does not match",
      message: `${stsSaid(answer)} for ${code(context.roleArn)}. The provider ${code(providerArn)} has a thumbprint that no longer matches ${code(issuer)}'s certificate.`,
      remediation:
        issuer === GITHUB_ISSUER
          ? "Since July 2023 AWS verifies GitHub's issuer against its trusted root CAs and ignores thumbprints, so this answer points at a provider for another URL or a very old setup: recreate the provider with `aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com`."
          : `Update the thumbprint: ${code(`aws iam update-open-id-connect-provider-thumbprint --open-id-connect-provider-arn ${shellArg(providerArn)} --thumbprint-list THUMBPRINT`)}, with the SHA-1 of the issuer's top CA certificate as \`THUMBPRINT\`.`,
      source: context.source,
      evidence: [`STS: ${code(answer.code)}: ${escapeText(answer.message)}`, `iss: ${code(issuer)}`]
    })
  }
  const eks = eksIssuer(issuer)
  if (eks !== undefined) return eksProviderMissing(context, answer, eks, providerArn, aud)
  const slips: string[] = []
  if (issuer.endsWith('/'))
    slips.push('the token\'s issuer ends with "/", which the provider URL must not')
  if (issuer.includes('vstoken.actions'))
    slips.push('the issuer is the pre-2021 `vstoken.actions.githubusercontent.com` host')
  return finding('oidc-provider-missing', {
    message: `${stsSaid(answer)} for ${code(context.roleArn)}: account ${code(account)} (the role's account) has no IAM OIDC provider for the token's issuer ${code(issuer)}. The provider must exist in the same account as the role; one provider serves every role of that account.${slips.length > 0 ? ` Note: ${slips.join('; ')}.` : ''}`,
    remediation: `Create it once in account ${code(account)} (no thumbprint is needed any more):\n\n${fencedBlock([`aws iam create-open-id-connect-provider --url ${shellArg(issuer.replace(/\/+$/u, ''))} --client-id-list ${shellArg(aud)}`], 'sh').join('\n')}\n\nIf it exists, check that its URL is exactly ${code(issuer.replace(/\/+$/u, ''))} (no trailing slash) and that the role ARN names the account that holds it.${withSpace(issuerKeysNote(issuer), true)}`,
    source: context.source,
    evidence: [
      `STS: ${code(answer.code)}: ${escapeText(answer.message)}`,
      `iss: ${code(issuer)}`,
      `expected provider: ${code(providerArn)}`
    ]
  })
}

/** No IAM OIDC provider for an EKS cluster's issuer: the cluster was never associated, or was created again. */
function eksProviderMissing(
  context: TokenContext,
  answer: StsAnswer,
  eks: EksIssuer,
  providerArn: string,
  aud: string
): Finding {
  const account = accountOf(context.roleArn) ?? 'ACCOUNT'
  return finding('oidc-provider-missing', {
    title: "The EKS cluster's OIDC issuer is not an IAM provider in the role's account",
    message: `${stsSaid(answer)} for ${code(context.roleArn)}: account ${code(account)} (the role's account) has no IAM OIDC provider for the cluster issuer ${code(`https://${eks.host}`)} that signed ${tokenWord(context)}. IRSA needs the cluster's issuer registered in the role's account.`,
    remediation: eksProviderRemediation(eks, account, aud),
    source: context.source,
    evidence: [
      `STS: ${code(answer.code)}: ${escapeText(answer.message)}`,
      `iss: ${code(`https://${eks.host}`)}`,
      `expected provider: ${code(providerArn)}`
    ]
  })
}

export function audienceMismatch(
  context: TokenContext,
  answer: StsAnswer,
  requestedAudience: string | undefined
): Finding {
  const issuer = context.claims?.issuer ?? GITHUB_ISSUER
  const aud = context.claims?.audiences.join(', ') ?? requestedAudience ?? '(unknown)'
  const providerArn = providerArnFor(context.roleArn, issuer)
  const china = partitionOf(context.roleArn) === 'aws-cn'
  return finding('oidc-audience-mismatch', {
    message: `${stsSaid(answer)} for ${code(context.roleArn)}: the token's audience ${code(aud)} is not among the client IDs of the provider ${code(providerArn)}.${context.tokenSource === 'github-oidc' ? ` The token was requested for the \`audience\` input (${code(requestedAudience ?? aud)}); configure-aws-credentials requests \`sts.amazonaws.com\` unless its own \`audience\` says otherwise.` : ''}`,
    remediation: `Either add the audience to the provider:\n\n${fencedBlock([`aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${shellArg(providerArn)} --client-id ${shellArg(context.claims?.audiences[0] ?? requestedAudience ?? 'sts.amazonaws.com')}`], 'sh').join('\n')}\n\nor request a token for an audience the provider lists (usually \`sts.amazonaws.com\`)${china ? '; in the China partition configure-aws-credentials documents `sts.amazonaws.com.cn`, so the provider and the `audience` input must agree on one of them' : ''}. A trust policy condition on \`aud\` must name the same value.${eksAudienceNote(issuer)}`,
    source: context.source,
    evidence: [
      `STS: ${code(answer.code)}: ${escapeText(answer.message)}`,
      `aud: ${code(aud)}`,
      `provider: ${code(providerArn)}`
    ]
  })
}

/** `Token expired: current date/time 1731098245 must be before the expiration date/time 1731095240`. */
function expiryFromMessage(message: string): { stsNow?: Date; exp?: Date } {
  const match = /current date\/time\s*(\d+).*expiration date\/time\s*(\d+)/iu.exec(message)
  if (match === null) return {}
  return {
    stsNow: new Date(Number(match[1]) * 1000),
    exp: new Date(Number(match[2]) * 1000)
  }
}

export function tokenExpired(context: TokenContext, answer: StsAnswer, now: Date): Finding {
  const parsed = expiryFromMessage(answer.message)
  const exp = context.claims?.expiresAt ?? parsed.exp
  const iat = context.claims?.issuedAt
  const facts: string[] = []
  if (exp !== undefined) facts.push(`expires ${exp.toISOString()}`)
  if (iat !== undefined) facts.push(`issued ${iat.toISOString()}`)
  if (parsed.stsNow !== undefined) facts.push(`STS's clock ${parsed.stsNow.toISOString()}`)
  facts.push(`runner's clock ${now.toISOString()}`)
  const runnerThinksValid = exp !== undefined && exp.getTime() > now.getTime()
  const skew =
    parsed.stsNow === undefined
      ? undefined
      : Math.round((parsed.stsNow.getTime() - now.getTime()) / 1000)
  const explanation = runnerThinksValid
    ? `By the runner's clock the token is still valid, so the runner's clock is behind AWS's${skew === undefined ? '' : ` (by about ${skew} s)`}.`
    : 'The token had expired before it reached STS.'
  if (context.tokenSource === 'web-identity-file')
    return webIdentityTokenInvalid({
      kind: 'sts-expired',
      roleArn: context.roleArn,
      ...(context.tokenFile === undefined ? {} : { tokenFile: context.tokenFile }),
      source: context.source,
      answer,
      explanation,
      dates: facts
    })
  return finding('oidc-token-expired', {
    message: `${stsSaid(answer)} for ${code(context.roleArn)}. ${explanation} GitHub's OIDC tokens are valid for about five minutes.`,
    remediation: runnerThinksValid
      ? "Synchronise the runner's clock (`timedatectl set-ntp true`, or `chronyc makestep` on self-hosted runners; a resumed VM often has an old clock)."
      : 'Request the token right before assuming the role (configure-aws-credentials does), not in an earlier step or job; a token passed between steps expires within minutes.',
    source: context.source,
    evidence: [`STS: ${code(answer.code)}: ${escapeText(answer.message)}`, ...facts]
  })
}

function notARoleWords(what: NotARole): string {
  switch (what.is) {
    case 'session':
      return 'the ARN of a session of the role (what a log shows after it was assumed)'
    case 'instance-profile':
      return 'an instance profile ARN (the role it holds has its own ARN)'
    case 'user':
      return 'an IAM user ARN (users cannot be assumed)'
    case 'iam-resource':
      return `the ARN of an IAM ${what.type}, not of a role`
    case 'service':
      return `an ARN of ${code(what.service)}, not of an IAM role`
  }
}

function problemWords(problem: RoleArnProblem): string {
  switch (problem.kind) {
    case 'not-an-arn':
      return `is a role name or path, not the role's ARN: STS needs the ARN (${problem.accountKnown ? "the account below is the one of the job's access key" : 'put in the 12-digit account ID'}).`
    case 'not-a-role':
      return `is ${notARoleWords(problem.what)}.`
    case 'malformed':
      return 'is not a role ARN of the form `arn:aws:iam::123456789012:role/NAME` (a path goes before the name: `role/path/NAME`).'
    case 'other-partition':
      return `is a role in ${PARTITION_NAMES[problem.partition]}, but the job's region ${code(problem.region)} is in ${PARTITION_NAMES[partitionOfRegion(problem.region)]}: only the STS of the role's own partition can assume it, with the OIDC provider registered in that partition's account.`
  }
}

/** `role-to-assume` cannot name a role STS of this region could assume: found before asking. */
export function roleArnUnusable(role: string, problem: RoleArnProblem): Finding {
  const words = problemWords(problem)
  const meant =
    problem.kind === 'not-an-arn' || (problem.kind === 'not-a-role' && problem.meant !== undefined)
      ? problem.meant
      : undefined
  const remediation =
    problem.kind === 'other-partition'
      ? `Run the check (and configure-aws-credentials) with a region of that partition: ${code(`aws-region: ${problem.suggestedRegion}`)}.`
      : meant !== undefined
        ? `Set ${code(`role-to-assume: ${yamlScalar(meant)}`)}${meant.includes('ACCOUNT_ID') ? ' with the account ID in place of `ACCOUNT_ID`' : ''}; ${code(`aws iam get-role --role-name ${shellArg(meant.split('/').pop() ?? 'NAME')} --query Role.Arn`)} prints it.`
        : 'Set `role-to-assume` to the ARN of the role to assume: `aws iam get-role --role-name NAME --query Role.Arn` prints it.'
  return finding('oidc-assume-role-invalid', {
    title:
      problem.kind === 'other-partition'
        ? "The role is in another partition than the job's region"
        : '`role-to-assume` is not the ARN of a role',
    message: `\`role-to-assume\` (${code(role)}) ${words} The request was not sent to STS.`,
    remediation,
    source: 'role-to-assume',
    evidence: [
      `role-to-assume: ${code(role)}`,
      ...(meant === undefined ? [] : [`probably meant: ${code(meant)}`])
    ]
  })
}

export function assumeRoleInvalid(context: TokenContext, answer: StsAnswer): Finding {
  const arn = /ARN is invalid/iu.test(answer.message)
  const session = /roleSessionName/iu.test(answer.message)
  const duration = /durationSeconds|MaxSessionDuration/iu.test(answer.message)
  const input = context.tokenSource === 'github-oidc' ? '`role-to-assume`' : '`AWS_ROLE_ARN`'
  const remediation = arn
    ? `${input} must be a role ARN: \`arn:aws:iam::123456789012:role/NAME\` (a path goes before the name: \`role/path/NAME\`). A user ARN, an instance profile ARN, a role name alone or a stray character is not one.`
    : session
      ? 'The role session name must be 2 to 64 characters of letters, digits and `_+=,.@-`; configure-aws-credentials builds it from `role-session-name` (default `GitHubActions`), and a value such as `dependabot[bot]` fails.'
      : duration
        ? "The requested duration exceeds the role's maximum session duration: lower `role-duration-seconds`, or raise the role's maximum (`aws iam update-role --max-session-duration`)."
        : `Check ${input} and the request parameters against STS's message above.`
  return finding('oidc-assume-role-invalid', {
    message: `${stsSaid(answer)}: STS rejected the AssumeRoleWithWebIdentity request for ${code(context.roleArn)} itself, before looking at the trust policy.`,
    remediation,
    source: context.source,
    evidence: [
      `STS: ${code(answer.code)}: ${escapeText(answer.message)}`,
      `role: ${code(context.roleArn)}`
    ]
  })
}

/** STS could not validate the token for another reason (verification keys, signature, claims). */
export function tokenNotAccepted(context: TokenContext, answer: StsAnswer): Finding {
  const remediation =
    "STS fetches the issuer's `/.well-known/openid-configuration` and its keys from the internet within about five seconds: the issuer must be public and fast. For GitHub's issuer this is usually an AWS or GitHub incident: re-run the job."
  if (context.tokenSource === 'web-identity-file')
    return webIdentityTokenInvalid({
      kind: 'sts-not-validated',
      roleArn: context.roleArn,
      ...(context.tokenFile === undefined ? {} : { tokenFile: context.tokenFile }),
      source: context.source,
      answer
    })
  return finding('oidc-assume-role-invalid', {
    title: 'STS could not validate the OIDC token',
    message: `${stsSaid(answer)} for ${code(context.roleArn)} with ${tokenWord(context)}.`,
    remediation,
    source: context.source,
    evidence: [`STS: ${code(answer.code)}: ${escapeText(answer.message)}`]
  })
}

/** A web identity token file that cannot be used, found before asking STS. */
export function webIdentityFileProblem(
  file: string,
  problem: LocalTokenProblem,
  source: string,
  detail?: string
): Finding {
  return webIdentityTokenInvalid({
    kind: 'file',
    path: file,
    state: problem,
    source,
    ...(detail === undefined ? {} : { detail })
  })
}

export function regionDisabled(context: TokenContext, answer: StsAnswer, region: string): Finding {
  return finding('region-not-enabled', {
    message: `${stsSaid(answer)} for ${code(context.roleArn)} in ${code(region)}: STS is not enabled in this region for the role's account, so it cannot issue credentials there.`,
    remediation: `Use a region that is enabled for the account (\`aws-region\`, or \`AWS_REGION\`), or enable STS in ${code(region)} (IAM → Account settings → Security Token Service (STS) → Endpoints).`,
    source: context.source,
    evidence: [`STS: ${code(answer.code)}: ${escapeText(answer.message)}`, `region ${code(region)}`]
  })
}

/** One finding of the OIDC phase, written from its facts. */
export function oidcFinding(fact: OidcFinding): Finding {
  switch (fact.kind) {
    case 'permission-missing':
      return permissionMissing(fact.github, fact.roleArn)
    case 'token-request-failed':
      return tokenRequestFailed(fact.response, fact.request)
    case 'token-not-jwt':
      return tokenRequestFailed(
        { ok: false, reason: 'no-token', missing: 'jwt', attempts: fact.attempts },
        fact.request
      )
    case 'token-claims':
      return claimsNotice(fact.claims, fact.context, fact.now)
    case 'trust-policy-mismatch':
      return trustPolicyMismatch(fact.context, fact.answer, fact.evaluation, fact.lookup)
    case 'trust-policy-permissive':
      return trustPolicyPermissive(fact.context, fact.problems)
    case 'provider-missing':
      return providerMissing(fact.context, fact.answer, fact.thumbprint)
    case 'audience-mismatch':
      return audienceMismatch(fact.context, fact.answer, fact.requestedAudience)
    case 'token-expired':
      return tokenExpired(fact.context, fact.answer, fact.now)
    case 'role-arn-unusable':
      return roleArnUnusable(fact.role, fact.problem)
    case 'assume-role-invalid':
      return assumeRoleInvalid(fact.context, fact.answer)
    case 'token-not-accepted':
      return tokenNotAccepted(fact.context, fact.answer)
    case 'token-file-problem':
      return webIdentityFileProblem(fact.file, fact.problem, fact.source, fact.detail)
    case 'region-disabled':
      return regionDisabled(fact.context, fact.answer, fact.region)
    case 'finding':
      return fact.finding
  }
}

const ASSUME = 'STS AssumeRoleWithWebIdentity'
const TOKEN_REQUEST = 'OIDC token request'
const TOKEN_FILE = 'Web identity token file'
const ASSUMED_IDENTITY = 'STS GetCallerIdentity (assumed role)'

/** A failed token request as its check line says it: the status or reason, and what was said. */
function requestFailureLine(response: TokenRequestFailure): string {
  switch (response.reason) {
    case 'http':
      return `HTTP ${response.httpStatus}: ${response.detail}`
    case 'network':
      return `network: ${response.detail}`
    case 'timeout':
      return 'timeout: no answer within `timeout-seconds`'
    case 'no-token':
      return `${response.httpStatus === undefined ? 'no-token' : `HTTP ${response.httpStatus}`}: ${NO_TOKEN[response.missing]}`
  }
}

const NOT_CALLED: Readonly<Record<AssumeNotCalled, string>> = {
  'region-invalid': 'not called: the region is not a valid region name',
  'endpoint-not-url': 'not called: the endpoint override is not an http(s) URL',
  'role-arn-unusable': 'not called: `role-to-assume` is not a role STS of this region can assume'
}

/** One check line of the OIDC phase, written from its facts. */
export function oidcCheck(fact: OidcCheck): CheckResult {
  switch (fact.kind) {
    case 'token-request':
      return {
        name: TOKEN_REQUEST,
        outcome: 'pass',
        detail: `token for audience ${code(fact.audience)}, subject ${code(fact.sub ?? '(none)')}`
      }
    case 'token-request-unavailable':
      return {
        name: TOKEN_REQUEST,
        outcome: 'fail',
        detail: fact.fork
          ? 'not possible: fork pull requests get no OIDC token'
          : 'not possible: the job lacks `permissions: id-token: write`'
      }
    case 'token-request-failed':
      return {
        name: TOKEN_REQUEST,
        outcome: fact.asked ? 'fail' : 'skip',
        detail: requestFailureLine(fact.response)
      }
    case 'token-not-jwt':
      return { name: TOKEN_REQUEST, outcome: fact.asked ? 'fail' : 'skip', detail: NO_TOKEN.jwt }
    case 'token-file':
      return {
        name: TOKEN_FILE,
        outcome: 'pass',
        detail: `${fact.file}: subject ${code(fact.sub ?? '(none)')}`
      }
    case 'token-file-unusable':
      return { name: TOKEN_FILE, outcome: 'fail', detail: `${fact.file}: ${fact.problem}` }
    case 'assumed':
      return {
        name: ASSUME,
        outcome: 'pass',
        detail: `${fact.roleArn}: accepted${fact.subject === undefined ? '' : ` (subject ${code(fact.subject)})`}`
      }
    case 'assume-not-called':
      return {
        name: ASSUME,
        outcome: fact.why === 'role-arn-unusable' ? 'fail' : 'skip',
        detail: NOT_CALLED[fact.why]
      }
    case 'assume-refused':
      return { name: ASSUME, outcome: 'fail', detail: `${fact.roleArn}: ${fact.code}` }
    case 'assumed-identity':
      return { name: ASSUMED_IDENTITY, outcome: 'pass', detail: fact.arn }
    case 'assumed-identity-failed':
      return { name: ASSUMED_IDENTITY, outcome: 'fail', detail: fact.code ?? 'no identity' }
    case 'trust-policy': {
      const outcome =
        fact.lookup.state === 'read'
          ? 'info'
          : fact.lookup.state === 'invalid-json'
            ? 'warn'
            : 'skip'
      return { name: 'IAM GetRole (trust policy)', outcome, detail: lookupNote(fact.lookup) }
    }
  }
}

/** The OIDC phase written out: its findings and check lines, in the order the doctor found them. */
export function renderOidcPhase(facts: OidcFacts): OidcPhase {
  return {
    ...(facts.oidc === undefined ? {} : { oidc: facts.oidc }),
    ...(facts.oidcSub === undefined ? {} : { oidcSub: facts.oidcSub }),
    checks: facts.checks.map(oidcCheck),
    findings: facts.findings.map(oidcFinding)
  }
}
