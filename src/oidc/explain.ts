/**
 * Why a trust policy refuses a token, and which policy would accept it. Pure: from the claims,
 * the role, and (where it could be read) the evaluated trust policy, it orders the usual
 * reasons for this run (as data: which reason, and the values it is about) and builds the trust
 * policies people choose between. src/report/oidc-words.ts words them.
 */
import type {
  ConditionHint,
  StatementName,
  TrustPolicyEvaluation,
  TrustStatementCheck
} from '../model.js'
import { issuerHost, GITHUB_ISSUER_HOST } from './claims.js'
import { ACTION, closestStatement, conditionJson, globMatch, providerArnFor } from './evaluate.js'
import { eksIssuer, eksReasons, type EksIssuer, type EksReason } from './eks.js'
import {
  bothSubForms,
  differingSegment,
  parseSub,
  splitWorkflowRef,
  type ParsedSub
} from './sub.js'

export interface MismatchInput {
  readonly roleArn: string
  readonly sub?: string
  readonly audiences: readonly string[]
  readonly issuer?: string
  /** All claims of the token (job_workflow_ref, repository, …). */
  readonly claims: Readonly<Record<string, unknown>>
  readonly evaluation?: TrustPolicyEvaluation
}

/** Which trust policy a variant is: what it admits, from this job alone to the whole repository. */
export type PolicyVariantKind =
  'exact' | 'workflow-file' | 'every-branch' | 'every-environment' | 'repository'

export interface PolicyVariant {
  readonly kind: PolicyVariantKind
  /** The trust policy document, as JSON text. */
  readonly policy: string
  /** This run's `sub` and audience, and the repository part of the `sub` (the wider variants). */
  readonly sub: string
  readonly audience: string
  readonly repo?: string
  /** The pinned `job_workflow_ref` (`workflow-file`). */
  readonly workflowRef?: string
  /** What the current policy admits that the variant keeps: `sub` patterns, pinned workflow refs. */
  readonly keptSubs: readonly string[]
  readonly keptWorkflowRefs?: readonly string[]
  /** Whether the token is an EKS service account's (the exact variant's title says so). */
  readonly serviceAccount: boolean
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
  return conditionJson('StringEquals', claimKey(input.issuer, 'sub'), input.sub ?? '')
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
 * variants people choose between. Each keeps what the current policy admits, where it could be
 * read.
 */
export function suggestedPolicies(input: MismatchInput): PolicyVariant[] {
  const sub = input.sub
  if (sub === undefined) return []
  const aud = input.audiences[0] ?? 'sts.amazonaws.com'
  const parsed = parseSub(sub)
  const kept = admittedSubs(input.evaluation)
  const workflows = keptWorkflowRefs(input)
  const base = {
    sub,
    audience: aud,
    keptSubs: kept,
    ...(workflows === undefined ? {} : { keptWorkflowRefs: workflows }),
    serviceAccount: eksIssuer(input.issuer) !== undefined
  }
  const variants: PolicyVariant[] = [
    { ...base, kind: 'exact', policy: subPolicy(input, sub, kept) }
  ]
  const workflowRef = input.claims.job_workflow_ref
  // Pinning this workflow file would refuse the other jobs the policy admits today.
  if (
    typeof workflowRef === 'string' &&
    workflowRef !== '' &&
    kept.length === 0 &&
    workflows === undefined
  ) {
    variants.push({
      ...base,
      kind: 'workflow-file',
      workflowRef,
      policy: subPolicy(input, sub, kept, {
        [claimKey(input.issuer, 'job_workflow_ref')]: workflowRef
      })
    })
  }
  const repo = parsed.repoPart
  if (repo !== undefined) {
    const wider = (kind: PolicyVariantKind, pattern: string): PolicyVariant => ({
      ...base,
      kind,
      repo,
      policy: subPolicy(input, pattern, kept)
    })
    if (parsed.shape === 'ref' && parsed.ref?.startsWith('refs/heads/') === true)
      variants.push(wider('every-branch', `repo:${repo}:ref:refs/heads/*`))
    if (parsed.shape === 'environment')
      variants.push(wider('every-environment', `repo:${repo}:environment:*`))
    if (parsed.shape !== 'custom') variants.push(wider('repository', `repo:${repo}:*`))
  }
  return variants
}

/** One usual reason a trust policy refuses a token, with the values of this run it names. */
export type MismatchReason =
  | {
      readonly kind: 'environment'
      readonly sub: string
      /** Where this job uses an environment: its name and the `sub` to match instead. */
      readonly uses?: { readonly environment: string; readonly match: string }
    }
  | { readonly kind: 'pull-request'; readonly sub: string; readonly match?: string }
  | { readonly kind: 'other-ref'; readonly ref: string; readonly sub: string }
  | { readonly kind: 'custom-sub'; readonly sub: string }
  | { readonly kind: 'letter-case'; readonly repository: string; readonly capitals: boolean }
  | { readonly kind: 'equals-wildcard' }
  | {
      readonly kind: 'issuer-keys'
      readonly issuer: string
      readonly subKey: string
      readonly audKey: string
    }
  | { readonly kind: 'audience'; readonly audience: string; readonly audKey: string }
  | {
      readonly kind: 'workflow-ref'
      readonly file: string
      readonly ref: string
      readonly value: string
      /** The calling workflow, where the job runs a reusable one. */
      readonly caller?: string
      /** The pin is part of a customised `sub` rather than its own condition. */
      readonly inSub: boolean
      /** The ref the policy expects, where the differing part of the `sub` shows it. */
      readonly pinned?: string
    }
  | {
      readonly kind: 'immutable'
      /** Which side carries the IDs: the token, the policy (and not the token), or neither. */
      readonly form: 'token' | 'policy' | 'neither'
      readonly sub: string
      readonly repoPart: string
      readonly repository: string
      /** A condition that admits both forms, as policy JSON. */
      readonly both?: string
    }
  | {
      readonly kind: 'principal'
      readonly statement: StatementName
      readonly principal: readonly string[]
      readonly providerArn: string
      readonly issuer?: string
    }
  | {
      readonly kind: 'action'
      readonly statement: StatementName
      readonly actions: readonly string[]
    }
  | { readonly kind: 'explicit-deny' }
  | EksReason['reason']

interface Candidate {
  readonly reason: MismatchReason
  readonly score: number
  /** Consistent with this token's evidence (its `sub`, its `aud`, the evaluated policy). */
  readonly applies: boolean
}

/** The failing conditions of a statement: the claim each is about, and its hint. */
function failingConditions(
  statement: TrustStatementCheck | undefined
): { claim: string; hint?: ConditionHint }[] {
  if (statement === undefined) return []
  return statement.conditions
    .filter(condition => condition.result === 'fails')
    .map(condition => ({
      claim: condition.key.toLowerCase().split(':').pop() ?? '',
      ...(condition.hint === undefined ? {} : { hint: condition.hint })
    }))
}

/**
 * The usual reasons for `oidc-trust-policy-mismatch`, most likely first for this run: the
 * shape of its `sub` decides the order, and a failing condition of the evaluated trust policy
 * (where it could be read) comes before everything else.
 */
/** What a failing condition's hint is about: one of these kinds, or what a test says of it. */
type HintMatch = ConditionHint['kind'] | ((hint: ConditionHint) => boolean)

type Fails = (claim: string, ...hints: readonly HintMatch[]) => boolean

/**
 * A customised `sub` whose differing part names an environment (its key, or the value the
 * policy expects or the token has): the job's environment is what the policy turns on.
 */
function partNamesEnvironment(hint: ConditionHint): boolean {
  return (
    hint.kind === 'custom-sub-part' &&
    /environment/u.test(`${hint.key} ${hint.expected} ${hint.actual}`)
  )
}

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
    reason: {
      kind: 'environment',
      sub,
      ...(parsed.shape === 'environment'
        ? {
            uses: {
              environment,
              match: `repo:${parsed.repoPart ?? repository}:environment:${environment}`
            }
          }
        : {})
    },
    score:
      (parsed.shape === 'environment' ? 100 : 20) +
      (fails('sub', 'environment', partNamesEnvironment) ? 200 : 0),
    applies: parsed.shape === 'environment' || fails('sub', 'environment', partNamesEnvironment)
  })
  candidates.push({
    reason: {
      kind: 'pull-request',
      sub,
      ...(parsed.shape === 'pull_request'
        ? { match: `repo:${parsed.repoPart ?? repository}:pull_request` }
        : {})
    },
    score: (parsed.shape === 'pull_request' ? 100 : 15) + (fails('sub', 'pull-request') ? 200 : 0),
    applies: parsed.shape === 'pull_request' || fails('sub', 'pull-request')
  })
  if (parsed.shape === 'ref') {
    candidates.push({
      reason: { kind: 'other-ref', ref: parsed.ref ?? '', sub },
      // Where the policy was read and its `sub` condition holds, the branch is not what refuses.
      score: subHolds ? 10 : 90 + (fails('sub') ? 50 : 0),
      applies: !subHolds
    })
  }
  if (parsed.shape === 'custom') {
    candidates.push({
      reason: { kind: 'custom-sub', sub },
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
    reason: { kind: 'letter-case', repository, capitals: upper },
    score: (upper ? 60 : 30) + (fails('sub', 'letter-case') ? 300 : 0),
    applies: upper || fails('sub', 'letter-case')
  })
  candidates.push({
    reason: { kind: 'equals-wildcard' },
    score: 40 + (fails('sub', 'equals-wildcard') || fails('aud', 'equals-wildcard') ? 300 : 0),
    applies: fails('sub', 'equals-wildcard') || fails('aud', 'equals-wildcard')
  })
  candidates.push(immutableCandidate(input, parsed, fails))
  const host = issuerHost(input.issuer)
  if (input.issuer !== undefined && host !== undefined && host !== GITHUB_ISSUER_HOST) {
    const foreign = fails('sub', 'foreign-key') || fails('aud', 'foreign-key')
    candidates.push({
      reason: {
        kind: 'issuer-keys',
        issuer: input.issuer,
        subKey: claimKey(input.issuer, 'sub'),
        audKey: claimKey(input.issuer, 'aud')
      },
      score: foreign ? 550 : 85,
      applies: true
    })
  }
  candidates.push({
    reason: { kind: 'audience', audience: aud, audKey: claimKey(input.issuer, 'aud') },
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
  return {
    reason: {
      kind: 'workflow-ref',
      file: called.file,
      ref: called.ref,
      value,
      ...(reusable ? { caller: caller.file } : {}),
      inSub,
      ...(segment?.key === 'job_workflow_ref' ? { pinned: segment.expected } : {})
    },
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
  const policyHasIds = fails('sub', 'policy-has-ids')
  return {
    reason: {
      kind: 'immutable',
      form: parsed.immutable ? 'token' : policyHasIds ? 'policy' : 'neither',
      sub,
      repoPart: parsed.repoPart ?? '',
      repository: parsed.repository ?? '',
      ...(forms.length === 2
        ? { both: conditionJson('StringLike', claimKey(input.issuer, 'sub'), forms) }
        : {})
    },
    score:
      (parsed.immutable ? 95 : 5) + (fails('sub', 'token-has-ids', 'policy-has-ids') ? 300 : 0),
    applies: parsed.immutable || fails('sub', 'token-has-ids', 'policy-has-ids')
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
      reason: {
        kind: 'principal',
        statement: statement.name,
        principal: statement.principal,
        providerArn: input.evaluation?.providerArn ?? '',
        ...(input.issuer === undefined ? {} : { issuer: input.issuer })
      },
      score: 500,
      applies: true
    })
  }
  if (statement !== undefined && !statement.actionMatches) {
    candidates.push({
      reason: { kind: 'action', statement: statement.name, actions: statement.actions },
      score: 450,
      applies: true
    })
  }
  if (input.evaluation?.decision === 'explicit-deny') {
    candidates.push({
      reason: { kind: 'explicit-deny' },
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
  const fails: Fails = (claim, ...hints) =>
    failing.some(
      item =>
        item.claim === claim &&
        (hints.length === 0 ||
          hints.some(match => {
            const hint = item.hint
            if (hint === undefined) return false
            return typeof match === 'string' ? hint.kind === match : match(hint)
          }))
    )
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

/** The usual reasons, most likely first for this run. */
export function mismatchReasons(input: MismatchInput): MismatchReason[] {
  return rankedReasons(input).map(item => item.reason)
}

/**
 * The same reasons split by this token's evidence: those it is consistent with (most likely
 * first), and those it rules out or does not point at. Where nothing points anywhere, all apply.
 */
export function splitMismatchReasons(input: MismatchInput): {
  readonly applicable: readonly MismatchReason[]
  readonly others: readonly MismatchReason[]
} {
  const ranked = rankedReasons(input)
  if (!ranked.some(item => item.applies))
    return { applicable: ranked.map(item => item.reason), others: [] }
  return {
    applicable: ranked.filter(item => item.applies).map(item => item.reason),
    others: ranked.filter(item => !item.applies).map(item => item.reason)
  }
}
