/**
 * The GitHub context of the run, read from the runner's variables and the event payload.
 * Everything here decides which explanation fits (a fork, Dependabot, OIDC availability).
 */
import type { Environment } from '../settings.js'
import type { GitHubContext } from '../model.js'

export type ReadText = (path: string) => string | undefined

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function stringAt(value: unknown, ...path: string[]): string | undefined {
  let current: unknown = value
  for (const key of path) current = asRecord(current)?.[key]
  return typeof current === 'string' ? current : undefined
}

function readEvent(env: Environment, readText: ReadText): Record<string, unknown> | undefined {
  const path = env.GITHUB_EVENT_PATH
  if (path === undefined || path === '') return undefined
  const text = readText(path)
  if (text === undefined) return undefined
  try {
    return asRecord(JSON.parse(text))
  } catch {
    // A broken payload only means less context; it is not the user's credential problem.
    return undefined
  }
}

const PULL_REQUEST_EVENTS = new Set([
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment'
])

/**
 * A fork pull request is one whose head repository differs from the base repository, or is
 * gone (a deleted fork leaves `head.repo` null). `pull_request_target` runs in the base
 * repository with its secrets, so it is never treated as a fork here.
 */
function isFork(
  eventName: string | undefined,
  event: Record<string, unknown> | undefined,
  repository: string | undefined
): boolean {
  if (eventName === undefined || !PULL_REQUEST_EVENTS.has(eventName)) return false
  const pullRequest = asRecord(event?.pull_request)
  if (pullRequest === undefined) return false
  const head = asRecord(pullRequest.head)
  if (head === undefined) return false
  if (head.repo === null) return true
  const headRepo = stringAt(head, 'repo', 'full_name')
  const baseRepo = stringAt(pullRequest, 'base', 'repo', 'full_name') ?? repository
  // Owner and repository names are case-insensitive on GitHub.
  return (
    headRepo !== undefined &&
    baseRepo !== undefined &&
    headRepo.toLowerCase() !== baseRepo.toLowerCase()
  )
}

function headRepository(event: Record<string, unknown> | undefined): string | undefined {
  const head = asRecord(asRecord(event?.pull_request)?.head)
  if (head === undefined) return undefined
  if (head.repo === null) return '(deleted)'
  return stringAt(head, 'repo', 'full_name')
}

function pullRequestNumber(event: Record<string, unknown> | undefined): number | undefined {
  const value = asRecord(event?.pull_request)?.number ?? event?.number
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined
}

const DEPENDABOT = 'dependabot[bot]'

/**
 * GitHub restricts secrets by `github.actor`, which stays Dependabot's when a person re-runs
 * the workflow ("these restrictions apply even if the workflow is re-run by a different
 * actor"). `pull_request_target` is restricted only for pull requests Dependabot opened.
 */
function isDependabotRun(
  eventName: string | undefined,
  event: Record<string, unknown> | undefined,
  actor: string | undefined
): boolean {
  if (actor !== DEPENDABOT) return false
  if (eventName !== 'pull_request_target') return true
  return stringAt(event, 'pull_request', 'user', 'login') === DEPENDABOT
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

/** Whether the action runs on a runner (or under a tool that stands in for one). */
export function isOnRunner(env: Environment): boolean {
  return (
    env.GITHUB_ACTIONS === 'true' ||
    (env.GITHUB_OUTPUT ?? '') !== '' ||
    (env.GITHUB_STEP_SUMMARY ?? '') !== ''
  )
}

export function discoverGitHub(env: Environment, readText: ReadText): GitHubContext {
  const event = readEvent(env, readText)
  const eventName = nonEmpty(env.GITHUB_EVENT_NAME)
  const repository = nonEmpty(env.GITHUB_REPOSITORY)
  const actor = nonEmpty(env.GITHUB_ACTOR)
  const triggeringActor = nonEmpty(env.GITHUB_TRIGGERING_ACTOR)
  const context: GitHubContext = {
    eventName,
    repository,
    actor,
    triggeringActor,
    ref: nonEmpty(env.GITHUB_REF),
    refName: nonEmpty(env.GITHUB_REF_NAME),
    headRef: nonEmpty(env.GITHUB_HEAD_REF),
    baseRef: nonEmpty(env.GITHUB_BASE_REF),
    workflowRef: nonEmpty(env.GITHUB_WORKFLOW_REF),
    workspace: nonEmpty(env.GITHUB_WORKSPACE),
    serverUrl: nonEmpty(env.GITHUB_SERVER_URL),
    runId: nonEmpty(env.GITHUB_RUN_ID),
    job: nonEmpty(env.GITHUB_JOB),
    workflow: nonEmpty(env.GITHUB_WORKFLOW),
    actionRepository: nonEmpty(env.GITHUB_ACTION_REPOSITORY),
    actionRef: nonEmpty(env.GITHUB_ACTION_REF),
    pullRequestNumber: pullRequestNumber(event),
    headRepository: headRepository(event),
    isForkPullRequest: isFork(eventName, event, repository),
    isDependabot: isDependabotRun(eventName, event, actor),
    oidcRequestAvailable:
      nonEmpty(env.ACTIONS_ID_TOKEN_REQUEST_URL) !== undefined &&
      nonEmpty(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) !== undefined,
    onRunner: isOnRunner(env),
    runnerEnvironment: nonEmpty(env.RUNNER_ENVIRONMENT),
    apiUrl: nonEmpty(env.GITHUB_API_URL)
  }
  return context
}
