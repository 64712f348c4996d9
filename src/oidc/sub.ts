/**
 * Reads the `sub` claim of a GitHub OIDC token: which of GitHub's shapes it has, and its parts.
 * The shape decides which trust-policy mistakes are likely, so it is recognised exactly:
 * GitHub's default `sub` is `repo:OWNER/REPO:` followed by `environment:NAME`, `pull_request`
 * or `ref:refs/…`, with any `:` inside a value written `%3A`; anything else is a customised
 * template. Newer repositories use the immutable form `repo:OWNER@OWNER_ID/REPO@REPO_ID:…`.
 */

export type SubShape = 'environment' | 'pull_request' | 'ref' | 'custom'

export interface ParsedSub {
  readonly shape: SubShape
  /** True for the form that carries owner and repository IDs (`OWNER@ID/REPO@ID`). */
  readonly immutable: boolean
  /** `OWNER/REPO` (without IDs), where the `sub` names a repository. */
  readonly repository?: string
  /** The `repo:` value exactly as the `sub` carries it, IDs included. */
  readonly repoPart?: string
  readonly ownerId?: string
  readonly repositoryId?: string
  /** What follows the repository in a default `sub`: `environment:prod`, `pull_request`, `ref:refs/heads/main`. */
  readonly context?: string
  readonly environment?: string
  readonly ref?: string
  /** Claim keys of a customised template, in template order, as far as they can be told apart. */
  readonly templateKeys?: readonly string[]
}

const IMMUTABLE_REPO = /^([^@/:]+)@(\d+)\/([^@/:]+)@(\d+)$/u
const PLAIN_REPO = /^[^@/:]+\/[^@/:]+$/u

function repoParts(value: string): Pick<
  ParsedSub,
  'immutable' | 'repository' | 'repoPart' | 'ownerId' | 'repositoryId'
> & {
  valid: boolean
} {
  const immutable = IMMUTABLE_REPO.exec(value)
  if (immutable !== null) {
    const [, owner = '', ownerId = '', repo = '', repositoryId = ''] = immutable
    return {
      valid: true,
      immutable: true,
      repository: `${owner}/${repo}`,
      repoPart: value,
      ownerId,
      repositoryId
    }
  }
  if (PLAIN_REPO.test(value))
    return { valid: true, immutable: false, repository: value, repoPart: value }
  return { valid: false, immutable: false }
}

/** Keys GitHub allows in `include_claim_keys`, to tell a template's keys from its values. */
const TEMPLATE_KEYS = new Set([
  'repo',
  'context',
  'actor',
  'actor_id',
  'base_ref',
  'environment',
  'event_name',
  'head_ref',
  'job_workflow_ref',
  'job_workflow_sha',
  'ref',
  'ref_type',
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'repository_visibility',
  'runner_environment',
  'workflow',
  'workflow_ref',
  'workflow_sha',
  'enterprise',
  'enterprise_id',
  'check_run_id',
  'run_attempt'
])

function templateKeys(segments: readonly string[]): string[] {
  return segments.filter(
    (segment, index) =>
      (TEMPLATE_KEYS.has(segment) || segment.startsWith('repo_property_')) &&
      (index === 0 || segments[index - 1] !== segment)
  )
}

export function parseSub(sub: string): ParsedSub {
  const segments = sub.split(':')
  const [first, repoValue, kind, ...rest] = segments
  const repo = first === 'repo' && repoValue !== undefined ? repoParts(repoValue) : undefined
  if (repo?.valid !== true)
    return { shape: 'custom', immutable: false, templateKeys: templateKeys(segments) }
  const base = repoFields(repo)
  const shape = defaultShape(kind, rest)
  if (shape !== undefined) return { ...base, ...shape }
  return { shape: 'custom', ...base, templateKeys: templateKeys(segments) }
}

function repoFields(
  repo: ReturnType<typeof repoParts>
): Pick<ParsedSub, 'immutable' | 'repository' | 'repoPart' | 'ownerId' | 'repositoryId'> {
  return {
    immutable: repo.immutable,
    ...(repo.repository === undefined ? {} : { repository: repo.repository }),
    ...(repo.repoPart === undefined ? {} : { repoPart: repo.repoPart }),
    ...(repo.ownerId === undefined ? {} : { ownerId: repo.ownerId }),
    ...(repo.repositoryId === undefined ? {} : { repositoryId: repo.repositoryId })
  }
}

/** The context of one of GitHub's default shapes, or undefined for a customised template. */
function defaultShape(
  kind: string | undefined,
  rest: readonly string[]
): Pick<ParsedSub, 'shape' | 'context' | 'environment' | 'ref'> | undefined {
  if (kind === 'pull_request' && rest.length === 0)
    return { shape: 'pull_request', context: 'pull_request' }
  const value = rest.length === 1 ? (rest[0] ?? '') : ''
  if (kind === 'environment' && value !== '')
    return {
      shape: 'environment',
      context: `environment:${value}`,
      environment: decodeValue(value)
    }
  if (kind === 'ref' && value.startsWith('refs/'))
    return { shape: 'ref', context: `ref:${value}`, ref: decodeValue(value) }
  return undefined
}

/** GitHub writes a `:` inside a value as `%3A`. */
function decodeValue(value: string): string {
  return value.replace(/%3A/giu, ':')
}

/** The single word the model uses for the shape: the immutable form wins, since it changes the repository part. */
export function shapeName(parsed: ParsedSub): SubShape | 'immutable' {
  return parsed.immutable ? 'immutable' : parsed.shape
}

export interface SubSegment {
  readonly key: string
  readonly value: string
}

/**
 * The `key:value` pairs of a `sub`, split at the keys GitHub allows in a template (a value runs
 * to the next key): `repo:o/r:environment:prod:job_workflow_ref:o/w/.github/workflows/d.yml@refs/heads/main`
 * gives `repo`, `environment` and `job_workflow_ref`.
 */
export function subSegments(sub: string): SubSegment[] {
  const segments: { key: string; parts: string[] }[] = []
  for (const part of sub.split(':')) {
    const current = segments.at(-1)
    const isKey = TEMPLATE_KEYS.has(part) || part.startsWith('repo_property_')
    // `ref:refs/heads/x` and `environment:ref` keep a key-like word as a value when a key precedes it.
    if (isKey && (current === undefined || current.parts.length > 0))
      segments.push({ key: part, parts: [] })
    else if (current !== undefined) current.parts.push(part)
    else segments.push({ key: '', parts: [part] })
  }
  return segments.map(item => ({ key: item.key, value: item.parts.join(':') }))
}

/**
 * Where a `sub` pattern of the policy and the token's `sub` have the same keys in the same order
 * and differ in one value: that key and both values. It names the part of a customised `sub`
 * that refuses (a reusable workflow's `job_workflow_ref`, say), instead of the whole string.
 */
export function differingSegment(
  patterns: readonly string[],
  sub: string,
  matches: (pattern: string, value: string) => boolean
): { key: string; expected: string; actual: string } | undefined {
  const actual = subSegments(sub)
  for (const pattern of patterns) {
    const expected = subSegments(pattern)
    if (expected.length !== actual.length) continue
    if (expected.some((item, index) => item.key !== actual[index]?.key)) continue
    const differing = expected.filter(
      (item, index) => !matches(item.value, actual[index]?.value ?? '')
    )
    const first = differing[0]
    if (differing.length === 1 && first !== undefined)
      return {
        key: first.key,
        expected: first.value,
        actual: actual[expected.indexOf(first)]?.value ?? ''
      }
  }
  return undefined
}

/** `owner/repo/.github/workflows/file.yml@ref` → the file and the ref. */
export function splitWorkflowRef(value: string): { file: string; ref: string } | undefined {
  const at = value.lastIndexOf('@')
  if (at <= 0) return undefined
  return { file: value.slice(0, at), ref: value.slice(at + 1) }
}

/**
 * Both forms of a `sub`: GitHub's immutable form (`repo:OWNER@OWNER_ID/REPO@REPO_ID:…`) is used
 * by repositories created on or after 2026-07-15, opted-in ones, and after a rename or transfer
 * (GitHub changelog 2026-04-23; configure-aws-credentials README), so a policy that lists both
 * keeps working across the switch. The IDs are exact where known, else `*` (owner names hold no
 * `@`, and a `:` inside a value is written `%3A`, so the pattern stays within this repository).
 */
const IMMUTABLE_SUB = /^repo:([^@/:]+)@[^/:]+\/([^@/:]+)@[^:]+(:.*)$/u
const NAMED_SUB = /^repo:([^@/:]+)\/([^@/:]+)(:.*)$/u

export function bothSubForms(
  sub: string,
  ids: { owner?: string; repository?: string } = {}
): string[] {
  if (IMMUTABLE_SUB.test(sub)) return [sub, sub.replace(IMMUTABLE_SUB, 'repo:$1/$2$3')]
  if (!NAMED_SUB.test(sub)) return [sub]
  const ownerId = ids.owner ?? '*'
  const repositoryId = ids.repository ?? '*'
  return [
    sub,
    sub.replace(
      NAMED_SUB,
      (_match, owner: string, repo: string, context: string) =>
        `repo:${owner}@${ownerId}/${repo}@${repositoryId}${context}`
    )
  ]
}
