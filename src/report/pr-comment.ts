/**
 * The sticky pull request comment: one per workflow and job, found again by a hidden marker
 * and updated in place, never duplicated. Rendering and the decision are pure; the GitHub
 * client is loaded only when a comment will actually be written or looked up.
 */
import type { Report } from '../model.js'
import type { PrCommentMode } from '../settings.js'
import { describeError, errorProperty } from '../errors.js'
import { repositoryFix } from './fixes.js'
import { docsUrl } from './links.js'
import { COMMENT_BUDGET, fitSections, type Section } from './limits.js'
import { breakMentions, code, escapeHtml, link, pathSegment, withoutMentions } from './markdown.js'
import { ReportReferences } from './references.js'
import { renderSteps, STATUS_ICON, verdictTitle } from './summary.js'

const MARKER_PREFIX = '<!-- aws-credentials-doctor'

/** Text safe inside an HTML comment: no `--`, no `>`. */
function commentSafe(text: string): string {
  return text.replace(/-{2,}/gu, '-').replace(/>/gu, '')
}

/** The hidden marker that names the workflow and job the comment belongs to. */
export function commentMarker(report: Report): string {
  const github = report.discovery.github
  const workflow = report.discovery.workflow?.path ?? github.workflow ?? 'workflow'
  return `${MARKER_PREFIX} workflow="${commentSafe(workflow)}" job="${commentSafe(github.job ?? 'job')}" -->`
}

/**
 * The short version of the summary: verdict, the cause, the fix, and where to read more,
 * within GitHub's limit for a comment. `finish` is what the publisher does to the text before
 * it is measured (redaction, long values shortened).
 */
export function renderComment(
  report: Report,
  finish: (text: string) => string = text => text
): string {
  const github = report.discovery.github
  const references = new ReportReferences(report.discovery)
  const cause = report.findings.find(item => item.id === report.cause)
  const lines = [
    commentMarker(report),
    `### ${STATUS_ICON[report.status]} ${withoutMentions(verdictTitle(report))}`,
    ''
  ]
  if (cause === undefined) {
    const identity = report.remote.identity
    if (identity !== undefined)
      lines.push(`STS accepted the credentials: ${code(identity.arn)}.`, '')
  } else {
    lines.push(
      `**${code(cause.id)}**: ${withoutMentions(cause.message)}`,
      '',
      `**How to fix:** ${withoutMentions(cause.remediation)}`,
      ''
    )
    const steps = repositoryFix(cause, report, references)
    if (steps.length > 0)
      lines.push(
        ...renderSteps(steps.map(step => ({ ...step, text: withoutMentions(step.text) }))),
        ''
      )
    const others = report.findings.filter(item => item.severity !== 'notice' && item !== cause)
    if (others.length > 0) lines.push(`Also: ${others.map(item => code(item.id)).join(', ')}.`, '')
  }
  const bodyEnd = lines.length
  const server = github.serverUrl ?? 'https://github.com'
  const links = [
    github.repository === undefined || github.runId === undefined
      ? undefined
      : link(
          'Full report in the job summary',
          `${server}/${github.repository.split('/').map(pathSegment).join('/')}/actions/runs/${pathSegment(github.runId)}`
        ),
    cause === undefined ? undefined : link(`About ${code(cause.id)}`, docsUrl(cause.id, github))
  ].filter((link): link is string => link !== undefined)
  if (links.length > 0) lines.push(links.join(' · '), '')
  lines.push(
    `<sub>aws-credentials-doctor · ${escapeHtml(breakMentions([github.workflow, github.job].filter(part => part !== undefined).join(' / ')))} · updated by run ${escapeHtml(breakMentions(github.runId ?? 'unknown'))}</sub>`
  )
  // The marker and the verdict stay whatever happens: the marker is how the comment is found.
  const sections: Section[] = [
    { name: 'Verdict', priority: 'required', text: finish(lines.slice(0, 3).join('\n')) },
    { name: 'Cause', priority: 'required', text: finish(lines.slice(3, bodyEnd).join('\n')) },
    { name: 'Links', priority: 0, text: finish(lines.slice(bodyEnd).join('\n')) }
  ]
  return fitSections(
    sections.filter(item => item.text !== ''),
    COMMENT_BUDGET
  ).text
}

export type CommentPlan =
  | { readonly kind: 'skip'; readonly reason?: string }
  /** Create or update; `updateOnly` refreshes an earlier comment but never starts one. */
  | { readonly kind: 'upsert'; readonly issueNumber: number; readonly updateOnly: boolean }

/**
 * Whether to comment. `on-failure` comments when the credentials fail, and otherwise only
 * refreshes an earlier comment, so a fixed pull request does not keep showing the failure.
 */
export function planComment(
  report: Report,
  mode: PrCommentMode,
  token: string | undefined
): CommentPlan {
  if (mode === 'never') return { kind: 'skip' }
  const github = report.discovery.github
  if (github.pullRequestNumber === undefined)
    return { kind: 'skip', reason: 'this run is not for a pull request' }
  if (github.repository === undefined)
    return { kind: 'skip', reason: 'GITHUB_REPOSITORY is not set' }
  if (token === undefined) return { kind: 'skip', reason: 'the `github-token` input is empty' }
  if (github.isForkPullRequest)
    return {
      kind: 'skip',
      reason: 'pull requests from forks get a read-only token, which cannot comment'
    }
  return {
    kind: 'upsert',
    issueNumber: github.pullRequestNumber,
    updateOnly: mode === 'on-failure' && report.status !== 'fail'
  }
}

export interface IssueComment {
  readonly id: number
  readonly body: string
  /** The login of the comment's author (`github-actions[bot]`, `octocat`). */
  readonly author: string
}

/** The calls the sticky comment needs, on one pull request. */
export interface IssueCommentsApi {
  /** The login the token acts as, or undefined where GitHub would not tell. */
  identity(): Promise<string | undefined>
  list(): Promise<IssueComment[]>
  create(body: string): Promise<number>
  update(id: number, body: string): Promise<void>
}

/**
 * Who writes with the job's `GITHUB_TOKEN`. An installation token (the job's, or another
 * GitHub App's) may not call `GET /user`; where neither that nor GraphQL's `viewer` answers,
 * the token is taken for the input's default, the job's own.
 */
export const ACTIONS_BOT = 'github-actions[bot]'

/** GitHub logins are case-insensitive. */
function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

export type CommentOutcome =
  | { readonly kind: 'created' | 'updated'; readonly id: number }
  | { readonly kind: 'unchanged'; readonly reason: string }

/**
 * Finds this workflow and job's comment by its marker: updates it, or creates the first one.
 * Only a comment the token's own identity wrote counts: anyone can write the marker, and a
 * planted copy must neither be overwritten nor stop the action from writing its own.
 */
export async function upsertComment(
  api: IssueCommentsApi,
  marker: string,
  body: string,
  updateOnly: boolean
): Promise<CommentOutcome> {
  const self = (await api.identity()) ?? ACTIONS_BOT
  const existing = (await api.list()).find(
    comment => sameLogin(comment.author, self) && comment.body.includes(marker)
  )
  if (existing !== undefined) {
    await api.update(existing.id, body)
    return { kind: 'updated', id: existing.id }
  }
  if (updateOnly)
    return {
      kind: 'unchanged',
      reason: 'the credentials did not fail and no earlier comment exists'
    }
  return { kind: 'created', id: await api.create(body) }
}

export interface GitHubApiTarget {
  readonly token: string
  /** `GITHUB_API_URL`; api.github.com where unset. */
  readonly apiUrl?: string
  readonly repository: string
  readonly issueNumber: number
  /** Bounds every request: the step must end on time whatever GitHub does. */
  readonly signal: AbortSignal
}

/** The comments API through `@actions/github`'s Octokit, imported only when it is needed. */
export async function githubCommentsApi(target: GitHubApiTarget): Promise<IssueCommentsApi> {
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(target.token, {
    ...(target.apiUrl === undefined || target.apiUrl === '' ? {} : { baseUrl: target.apiUrl })
  })
  // `octokit.paginate` drops per-call `request` options, the signal among them, so a silent
  // API hung the step; the hook puts the signal on every request, paginated or not.
  octokit.hook.before('request', options => {
    options.request = { ...options.request, signal: target.signal }
  })
  const [owner = '', repo = ''] = target.repository.split('/')
  const scope = { owner, repo, issue_number: target.issueNumber }
  const request = { signal: target.signal }
  return {
    identity: async () => {
      // A user's token (a PAT) answers `GET /user`; an installation token is refused there
      // ("Resource not accessible by integration") but GraphQL's `viewer` names its bot.
      try {
        return (await octokit.rest.users.getAuthenticated({ request })).data.login
      } catch {
        try {
          const answer = await octokit.graphql<{ viewer?: { login?: string } }>(
            'query { viewer { login } }',
            { request }
          )
          return answer.viewer?.login
        } catch {
          return undefined
        }
      }
    },
    list: async () => {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        ...scope,
        per_page: 100,
        request
      })
      return comments.map(comment => ({
        id: comment.id,
        body: comment.body ?? '',
        author: comment.user?.login ?? ''
      }))
    },
    create: async body => {
      const response = await octokit.rest.issues.createComment({ ...scope, body, request })
      return response.data.id
    },
    update: async (id, body) => {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body, request })
    }
  }
}

/** GitHub's refusal of the token, by HTTP status; undefined for any other status. */
function refusalWords(status: unknown): string | undefined {
  if (status === 403 || status === 404)
    return `the token may not comment on this pull request (HTTP ${String(status)}); grant \`permissions: pull-requests: write\` to the job`
  return status === 401 ? 'the token was rejected (HTTP 401)' : undefined
}

/** Why a comment could not be written, in words for the log; never fails the step. */
export function describeCommentError(error: unknown): string {
  const refused = refusalWords(
    typeof error === 'object' && error !== null && 'status' in error
      ? (error as { status: unknown }).status
      : undefined
  )
  if (refused !== undefined) return refused
  // Abort reasons are DOMExceptions, which need not be `instanceof Error` across realms.
  const name = errorProperty(error, 'name')
  if (name === 'AbortError' || name === 'TimeoutError') return 'GitHub did not answer in time'
  const message = errorProperty(error, 'message')
  return message !== undefined && !(error instanceof Error) ? message : describeError(error)
}
