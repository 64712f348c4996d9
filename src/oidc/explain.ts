/**
 * Why a trust policy refuses a token, and which policy would accept it. Pure: from the claims,
 * the role, and (where it could be read) the evaluated trust policy, it orders the usual
 * reasons for this run and writes the trust policies people choose between.
 */
import type { TrustPolicyEvaluation, TrustStatementCheck } from '../model.js'
import { issuerHost, issuerKeysNote } from './claims.js'
import { ACTION, closestStatement, globMatch, providerArnFor } from './evaluate.js'
import { eksIssuer, eksReasons, type EksIssuer } from './eks.js'
import {
  bothSubForms,
  differingSegment,
  parseSub,
  splitWorkflowRef,
  type ParsedSub
} from './sub.js'
import { code, escapeText } from '../report/markdown.js'

export interface MismatchInput {
  readonly roleArn: string
  readonly sub?: string
  readonly audiences: readonly string[]
  readonly issuer?: string
  /** All claims of the token (job_workflow_ref, repository, …). */
  readonly claims: Readonly<Record<string, unknown>>
  readonly evaluation?: TrustPolicyEvaluation
}

export interface PolicyVariant {
  readonly title: string
  readonly description: string
  readonly policy: string
}

function claimKey(issuer: string | undefined, claim: string): string {
  return `${issuerHost(issuer) ?? 'token.actions.githubusercontent.com'}:${claim}`
}

function policyDocument(
  input: MismatchInput,
  conditions: Record<string, Record<string, string | readonly string[]>>
): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: providerArnFor(input.roleArn, input.issuer) },
          Action: ACTION,
          Condition: conditions
        }
      ]
    },
    null,
    2
  )
}

/** The condition on `sub` that matches exactly this token, for messages. */
export function exactSubCondition(input: Pick<MismatchInput, 'issuer' | 'sub'>): string {
  return `"StringEquals": { "${claimKey(input.issuer, 'sub')}": "${input.sub ?? ''}" }`
}

/**
 * The `sub` patterns the current trust policy admits, where the doctor read it: the `sub`
 * conditions of its Allow statements for this provider, as `StringLike` patterns. A
 * `StringEquals` value with `*` or `?` matches only that literal text, which GitHub never
 * issues, so it is left out rather than widened into a pattern.
 */
export function admittedSubs(evaluation: TrustPolicyEvaluation | undefined): string[] {
  return admittedValues(evaluation, 'sub')
}

/** The values of one claim the current trust policy admits, as `StringLike` patterns (see `admittedSubs`). */
export function admittedValues(
  evaluation: TrustPolicyEvaluation | undefined,
  claim: string
): string[] {
  if (evaluation === undefined) return []
  const subs = evaluation.statements
    .filter(statement => statement.effect === 'Allow' && statement.principalMatches)
    .flatMap(statement =>
      statement.conditions.filter(condition => condition.key.toLowerCase().endsWith(`:${claim}`))
    )
    .flatMap(condition => {
      const operator = condition.operator.replace(/^ForAnyValue:/iu, '')
      if (/^StringLike$/iu.test(operator)) return condition.expected
      if (/^StringEquals$/iu.test(operator))
        return condition.expected.filter(value => !/[*?]/u.test(value))
      return []
    })
  return [...new Set(subs)]
}

/**
 * The trust policy to offer for a `sub` pattern: where the current policy could be read, it
 * keeps every `sub` that policy admits beside the new one (a merge, never a replacement, so
 * the jobs it admits today keep working); otherwise it admits the pattern alone.
 */
function subPolicy(
  input: MismatchInput,
  pattern: string,
  kept: readonly string[],
  extra: Record<string, string> = {}
): string {
  const aud = input.audiences[0] ?? 'sts.amazonaws.com'
  const audKey = claimKey(input.issuer, 'aud')
  const subKey = claimKey(input.issuer, 'sub')
  const subs = [...new Set([...kept, pattern])]
  const workflows = keptWorkflowRefs(input)
  const like =
    workflows === undefined ? {} : { [claimKey(input.issuer, 'job_workflow_ref')]: workflows }
  if (subs.length === 1 && !/[*?]/u.test(pattern) && workflows === undefined)
    return policyDocument(input, { StringEquals: { [audKey]: aud, [subKey]: pattern, ...extra } })
  return policyDocument(input, {
    StringEquals: { [audKey]: aud, ...extra },
    StringLike: { [subKey]: subs.length === 1 ? pattern : subs, ...like }
  })
}

/**
 * Where the current policy pins `job_workflow_ref`: the refs it admits plus this job's, so the
 * offered policy keeps the pin (and what it admits) instead of dropping it.
 */
function keptWorkflowRefs(input: MismatchInput): string[] | undefined {
  const kept = admittedValues(input.evaluation, 'job_workflow_ref')
  const current = input.claims.job_workflow_ref
  if (kept.length === 0 || typeof current !== 'string' || current === '') return undefined
  return [...new Set([...kept, current])]
}

/**
 * A policy that accepts this workflow's `sub` and audience, then the narrower and wider
 * variants people choose between (each says what it lets in). Each keeps what the current
 * policy admits, where it could be read.
 */
/** The first variant's title: what it admits, a job of GitHub's or an EKS service account. */
function exactTitle(input: MismatchInput, keeps: boolean): string {
  const what = eksIssuer(input.issuer) === undefined ? 'job' : 'service account'
  return keeps ? `This ${what}, added to what the policy admits` : `Exactly this ${what}`
}

export function suggestedPolicies(input: MismatchInput): PolicyVariant[] {
  const sub = input.sub
  if (sub === undefined) return []
  const aud = input.audiences[0] ?? 'sts.amazonaws.com'
  const parsed = parseSub(sub)
  const kept = admittedSubs(input.evaluation)
  const workflows = keptWorkflowRefs(input)
  const keeps =
    (kept.length === 0
      ? ''
      : ` It keeps the ${kept.length === 1 ? 'subject' : `${kept.length} subjects`} the current policy admits (${kept.map(value => code(value)).join(', ')}), so what works today keeps working.`) +
    (workflows === undefined
      ? ''
      : ` It keeps the policy's pin on \`job_workflow_ref\` and adds this job's reusable workflow ref to it (${workflows.map(value => code(value)).join(', ')}).`)
  const variants: PolicyVariant[] = [
    {
      title: exactTitle(input, kept.length > 0),
      description: `Accepts the subject this run presented (${code(sub)}), for the audience ${code(aud)}.${keeps}`,
      policy: subPolicy(input, sub, kept)
    }
  ]
  const workflowRef = input.claims.job_workflow_ref
  // Pinning this workflow file would refuse the other jobs the policy admits today.
  if (
    typeof workflowRef === 'string' &&
    workflowRef !== '' &&
    kept.length === 0 &&
    keptWorkflowRefs(input) === undefined
  ) {
    variants.push({
      title: 'Narrower: this job and this workflow file',
      description: `Also pins \`job_workflow_ref\` (${code(workflowRef)}), so another workflow of the same branch or environment cannot use the role. STS checks GitHub's claims beyond \`sub\` and \`aud\` only since 2026: a condition on a key your account's STS does not know denies every request.`,
      policy: subPolicy(input, sub, kept, {
        [claimKey(input.issuer, 'job_workflow_ref')]: workflowRef
      })
    })
  }
  const repo = parsed.repoPart
  if (repo !== undefined) {
    if (parsed.shape === 'ref' && parsed.ref?.startsWith('refs/heads/') === true) {
      variants.push({
        title: 'Wider: every branch',
        description: `Accepts any branch of ${code(repo)} (\`StringLike\` with \`refs/heads/*\`), but not tags, environments or pull requests. Anyone who can push a branch can then use the role.${keeps}`,
        policy: subPolicy(input, `repo:${repo}:ref:refs/heads/*`, kept)
      })
    }
    if (parsed.shape === 'environment') {
      variants.push({
        title: 'Wider: every environment',
        description: `Accepts any job of ${code(repo)} that uses an environment. Environments can require reviewers and restrict branches, which makes them the safer gate.${keeps}`,
        policy: subPolicy(input, `repo:${repo}:environment:*`, kept)
      })
    }
    if (parsed.shape !== 'custom') {
      variants.push({
        title: 'Widest: the whole repository',
        description: `Accepts every branch, tag, environment and pull request of ${code(repo)} (\`StringLike\` with ${code(`repo:${repo}:*`)}). Pull requests from forks never get a token, but every pull request from a branch of this repository does.${keeps}`,
        policy: subPolicy(input, `repo:${repo}:*`, kept)
      })
    }
  }
  return variants
}

interface Candidate {
  readonly text: string
  readonly score: number
  /** Consistent with this token's evidence (its `sub`, its `aud`, the evaluated policy). */
  readonly applies: boolean
}

/** The failing conditions of a statement: the claim each is about, and its hint. */
function failingConditions(
  statement: TrustStatementCheck | undefined
): { claim: string; hint: string }[] {
  if (statement === undefined) return []
  return statement.conditions
    .filter(condition => condition.result === 'fails')
    .map(condition => ({
      claim: condition.key.toLowerCase().split(':').pop() ?? '',
      hint: condition.hint ?? ''
    }))
}

/**
 * The usual reasons for `oidc-trust-policy-mismatch`, most likely first for this run: the
 * shape of its `sub` decides the order, and a failing condition of the evaluated trust policy
 * (where it could be read) comes before everything else.
 */
type Fails = (claim: string, hint?: RegExp) => boolean

/** The reasons the shape of the `sub` suggests: an environment, a pull request, a branch, a template. */
function subShapeCandidates(
  parsed: ParsedSub,
  sub: string,
  repository: string,
  fails: Fails,
  subHolds: boolean
): Candidate[] {
  const candidates: Candidate[] = []
  const environment = parsed.environment ?? ''
  candidates.push({
    text:
      parsed.shape === 'environment'
        ? `**An environment replaces the branch.** This job uses the environment ${code(environment)}, so its \`sub\` is ${code(sub)}. A policy that pins a branch (\`…:ref:refs/heads/main\`) never matches a job that uses an environment: match ${code(`repo:${parsed.repoPart ?? repository}:environment:${environment}`)} instead.`
        : '**An environment replaces the branch.** A job that uses `environment:` presents `…:environment:NAME` instead of `…:ref:refs/heads/BRANCH`; a policy written for one does not match the other.',
    score: (parsed.shape === 'environment' ? 100 : 20) + (fails('sub', /environment/u) ? 200 : 0),
    applies: parsed.shape === 'environment' || fails('sub', /environment/u)
  })
  candidates.push({
    text:
      parsed.shape === 'pull_request'
        ? `**Pull requests present \`:pull_request\`.** This run is a pull request event, so its \`sub\` is ${code(sub)}, not the branch: add \`repo:${parsed.repoPart ?? repository}:pull_request\` to the policy if pull requests should use the role.`
        : '**Pull requests present `:pull_request`.** Pull request events present `…:pull_request` instead of the branch; a policy that lists branches does not match them.',
    score: (parsed.shape === 'pull_request' ? 100 : 15) + (fails('sub', /pull request/u) ? 200 : 0),
    applies: parsed.shape === 'pull_request' || fails('sub', /pull request/u)
  })
  if (parsed.shape === 'ref') {
    candidates.push({
      text: `**Another branch or tag.** This run is on ${code(parsed.ref ?? '')}, so its \`sub\` is ${code(sub)}; a policy that pins another branch${parsed.ref === 'refs/heads/main' ? '' : ' (often `main`)'} or a tag does not match.`,
      // Where the policy was read and its `sub` condition holds, the branch is not what refuses.
      score: subHolds ? 10 : 90 + (fails('sub') ? 50 : 0),
      applies: !subHolds
    })
  }
  if (parsed.shape === 'custom') {
    candidates.push({
      text: `**A customised \`sub\` template.** This repository or organisation customised the \`sub\` claim (${code(sub)}), so a policy written for the default \`repo:OWNER/REPO:…\` form does not match.`,
      score: 100 + (fails('sub') ? 50 : 0),
      applies: true
    })
  }
  return candidates
}

/** The reasons in how the policy writes the claims: case, wildcards, IDs, the audience. */
function claimCandidates(
  input: MismatchInput,
  parsed: ParsedSub,
  repository: string,
  fails: Fails
): Candidate[] {
  const candidates: Candidate[] = []
  const aud = input.audiences.join(', ')
  const upper = /[A-Z]/u.test(repository)
  candidates.push({
    text: `**Letter case.** \`StringEquals\` and \`StringLike\` compare case-sensitively, and the \`sub\` carries GitHub's real casing (${code(repository)})${upper ? ', which has capitals' : ''}: the owner and repository in the policy must be written exactly the same way.`,
    score: (upper ? 60 : 30) + (fails('sub', /letter case/u) ? 300 : 0),
    applies: upper || fails('sub', /letter case/u)
  })
  candidates.push({
    text: '**`StringEquals` with a wildcard.** `StringEquals` takes `*` literally, so `"repo:OWNER/REPO:*"` under `StringEquals` matches nothing; patterns need `StringLike`.',
    score: 40 + (fails('sub', /literally/u) || fails('aud', /literally/u) ? 300 : 0),
    applies: fails('sub', /literally/u) || fails('aud', /literally/u)
  })
  candidates.push(immutableCandidate(input, parsed, fails))
  const issuerNote = issuerKeysNote(input.issuer)
  if (issuerNote !== '') {
    const foreign = fails('sub', /another issuer/u) || fails('aud', /another issuer/u)
    candidates.push({
      text: `**The issuer's condition keys.** ${issuerNote} Write the conditions with ${code(claimKey(input.issuer, 'sub'))} and ${code(claimKey(input.issuer, 'aud'))}.`,
      score: foreign ? 550 : 85,
      applies: true
    })
  }
  candidates.push({
    text: `**The audience.** The token's \`aud\` is ${code(aud)} (the \`audience\` input); the policy's ${code(claimKey(input.issuer, 'aud'))} condition must name the same value (GitHub's older docs used \`https://github.com/OWNER\`).`,
    score: (aud === 'sts.amazonaws.com' ? 10 : 70) + (fails('aud') ? 400 : 0),
    applies: aud !== 'sts.amazonaws.com' || fails('aud')
  })
  return candidates
}

/**
 * A reusable workflow's ref: the token's `job_workflow_ref` names the called workflow and the ref
 * the caller used (`uses: org/shared/.github/workflows/deploy.yml@v2`). A policy that pins it (as
 * its own condition, or inside a customised `sub`) to another ref refuses the job whatever branch
 * the caller is on, so it is named as the claim that refuses.
 */
function workflowCandidate(
  input: MismatchInput,
  parsed: ParsedSub,
  statement: TrustStatementCheck | undefined,
  fails: Fails
): Candidate | undefined {
  const value = input.claims.job_workflow_ref
  if (typeof value !== 'string') return undefined
  const called = splitWorkflowRef(value)
  if (called === undefined) return undefined
  const caller =
    typeof input.claims.workflow_ref === 'string'
      ? splitWorkflowRef(input.claims.workflow_ref)
      : undefined
  const reusable = caller !== undefined && caller.file !== called.file
  const inSub = parsed.templateKeys?.includes('job_workflow_ref') === true
  const subCondition = statement?.conditions.find(
    condition => condition.key.toLowerCase().endsWith(':sub') && condition.result === 'fails'
  )
  const segment =
    inSub && subCondition !== undefined && input.sub !== undefined
      ? differingSegment(subCondition.expected, input.sub, (pattern, actual) =>
          /StringLike/iu.test(subCondition.operator)
            ? globMatch(pattern, actual)
            : pattern === actual
        )
      : undefined
  const refuses = fails('job_workflow_ref') || segment?.key === 'job_workflow_ref'
  const where = inSub
    ? 'the `job_workflow_ref` part of its customised `sub`'
    : 'its `job_workflow_ref` condition'
  const pinned =
    segment?.key === 'job_workflow_ref' ? ` (the policy expects ${code(segment.expected)})` : ''
  return {
    text: `**The reusable workflow's ref (\`job_workflow_ref\`).** This job runs ${code(called.file)} at ${code(called.ref)}${reusable ? `, called from ${code(caller?.file ?? '')}` : ''}: the claim \`job_workflow_ref\` is ${code(value)}. A trust policy that pins ${where} to another ref of that workflow${pinned} refuses this job whatever branch or tag the caller runs on: admit the ref the callers use (${code(value)}), or ${code(`${called.file}@*`)} for every ref of it.`,
    score: refuses ? 420 : reusable || inSub ? 95 : 5,
    applies: refuses || ((reusable || inSub) && !fails('sub'))
  }
}

/**
 * The two forms of a `sub`: GitHub's immutable form (`repo:OWNER@OWNER_ID/REPO@REPO_ID:…`) is used
 * by repositories created on or after 2026-07-15, opted-in ones, and any repository renamed or
 * transferred after that date (GitHub changelog 2026-04-23, configure-aws-credentials README).
 * Whichever form the token and the policy use, the fix is a condition that lists both.
 */
function immutableCandidate(input: MismatchInput, parsed: ParsedSub, fails: Fails): Candidate {
  const sub = input.sub ?? ''
  const ids = {
    ...(typeof input.claims.repository_owner_id === 'string'
      ? { owner: input.claims.repository_owner_id }
      : {}),
    ...(typeof input.claims.repository_id === 'string'
      ? { repository: input.claims.repository_id }
      : {})
  }
  const forms = bothSubForms(sub, ids)
  const both =
    forms.length === 2
      ? ` A condition that admits both forms: ${code(`"StringLike": { "${claimKey(input.issuer, 'sub')}": [${forms.map(form => `"${form}"`).join(', ')}] }`)}.`
      : ''
  const policyHasIds = fails('sub', /written in the immutable form/u)
  const why =
    'GitHub uses it for repositories created on or after 2026-07-15, for repositories that opted in, and for any repository renamed or transferred after that date'
  const text = parsed.immutable
    ? `**The immutable \`sub\` with IDs.** This token presents ${code(`repo:${parsed.repoPart ?? ''}:…`)}, the form with the owner and repository IDs: ${why}. A policy written with names only (${code(`repo:${parsed.repository ?? ''}:…`)}) does not match it.${both}`
    : policyHasIds
      ? `**The immutable \`sub\` with IDs.** The policy is written in the immutable form (\`repo:OWNER@ID/REPO@ID:…\`), but this token presents names only (${code(sub)}): ${why}, and this repository does not use it (yet).${both}`
      : `**The immutable \`sub\` with IDs.** Repositories created since mid-2026 (or opted in, renamed or transferred) present \`repo:OWNER@OWNER_ID/REPO@REPO_ID:…\`; this token does not, so a policy written with IDs would not match it.${both}`
  return {
    text,
    score: (parsed.immutable ? 95 : 5) + (fails('sub', /IDs/u) ? 300 : 0),
    applies: parsed.immutable || fails('sub', /IDs/u)
  }
}

/** The reasons the evaluated trust policy itself shows: principal, action, an explicit Deny. */
function policyCandidates(
  input: MismatchInput,
  statement: TrustStatementCheck | undefined
): Candidate[] {
  const candidates: Candidate[] = []
  if (statement !== undefined && !statement.principalMatches) {
    candidates.push({
      text: `**The principal.** ${escapeText(statement.label)} trusts ${code(statement.principal.join(', ') || '(none)')}, not the provider this token maps to in the role's account (${code(input.evaluation?.providerArn ?? '')}); a trailing slash or another account's provider ARN is a common slip.${issuerKeysNote(input.issuer) === '' ? '' : ` ${issuerKeysNote(input.issuer)}`}`,
      score: 500,
      applies: true
    })
  }
  if (statement !== undefined && !statement.actionMatches) {
    candidates.push({
      text: `**The action.** ${escapeText(statement.label)} allows ${code(statement.actions.join(', ') || '(none)')}; web identity needs ${code(ACTION)}.`,
      score: 450,
      applies: true
    })
  }
  if (input.evaluation?.decision === 'explicit-deny') {
    candidates.push({
      text: '**An explicit Deny.** A `Deny` statement of the trust policy matches this token, and a Deny wins over any Allow.',
      score: 600,
      applies: true
    })
  }
  return candidates
}

/** An EKS service account token: Kubernetes' reasons, and what the evaluated policy shows. */
function eksRankedReasons(input: MismatchInput, issuer: EksIssuer): Candidate[] {
  const statement = input.evaluation === undefined ? undefined : closestStatement(input.evaluation)
  return [...eksReasons(issuer, input.sub, statement), ...policyCandidates(input, statement)].sort(
    (a, b) => b.score - a.score
  )
}

function rankedReasons(input: MismatchInput): Candidate[] {
  const eks = eksIssuer(input.issuer)
  if (eks !== undefined) return eksRankedReasons(input, eks)
  const sub = input.sub ?? ''
  const parsed: ParsedSub = parseSub(sub)
  const repository =
    parsed.repository ??
    (typeof input.claims.repository === 'string' ? input.claims.repository : '')
  const statement = input.evaluation === undefined ? undefined : closestStatement(input.evaluation)
  const failing = failingConditions(statement)
  const fails: Fails = (claim, hint) =>
    failing.some(item => item.claim === claim && (hint === undefined || hint.test(item.hint)))
  const subHolds =
    statement !== undefined &&
    statement.conditions.some(condition => condition.key.toLowerCase().endsWith(':sub')) &&
    statement.conditions
      .filter(condition => condition.key.toLowerCase().endsWith(':sub'))
      .every(condition => condition.result === 'holds')
  const workflow = workflowCandidate(input, parsed, statement, fails)
  const candidates = [
    ...subShapeCandidates(parsed, sub, repository, fails, subHolds),
    ...(workflow === undefined ? [] : [workflow]),
    ...claimCandidates(input, parsed, repository, fails),
    ...policyCandidates(input, statement)
  ]
  return [...candidates].sort((a, b) => b.score - a.score)
}

export function mismatchReasons(input: MismatchInput): string[] {
  return rankedReasons(input).map(item => item.text)
}

/**
 * The same reasons split by this token's evidence: those it is consistent with (most likely
 * first), and those it rules out or does not point at. Where nothing points anywhere, all apply.
 */
export function splitMismatchReasons(input: MismatchInput): {
  readonly applicable: readonly string[]
  readonly others: readonly string[]
} {
  const ranked = rankedReasons(input)
  if (!ranked.some(item => item.applies))
    return { applicable: ranked.map(item => item.text), others: [] }
  return {
    applicable: ranked.filter(item => item.applies).map(item => item.text),
    others: ranked.filter(item => !item.applies).map(item => item.text)
  }
}

/** One line naming a failing condition: statement, operator, key, what it expects and what the token has. */
export function describeFailingCondition(statement: TrustStatementCheck): string[] {
  return statement.conditions
    .filter(condition => condition.result === 'fails')
    .map(condition => {
      const actual =
        condition.actual === undefined ? 'no such claim' : code(condition.actual.join(', '))
      const hint = condition.hint === undefined ? '' : `: ${condition.hint}`
      return `${escapeText(statement.label)}: ${code(condition.operator)} on ${code(condition.key)} expects ${condition.expected.map(code).join(', ')}, the token has ${actual}${hint}`
    })
}
