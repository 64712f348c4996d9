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
  return headRepo !== undefined && baseRepo !== undefined && headRepo !== baseRepo
}

function pullRequestNumber(event: Record<string, unknown> | undefined): number | undefined {
  const value = asRecord(event?.pull_request)?.number ?? event?.number
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

export function discoverGitHub(env: Environment, readText: ReadText): GitHubContext {
  const event = readEvent(env, readText)
  const eventName = nonEmpty(env.GITHUB_EVENT_NAME)
  const repository = nonEmpty(env.GITHUB_REPOSITORY)
  const actor = nonEmpty(env.GITHUB_ACTOR)
  const triggeringActor = nonEmpty(env.GITHUB_TRIGGERING_ACTOR)
  const dependabot = 'dependabot[bot]'
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
    isForkPullRequest: isFork(eventName, event, repository),
    // Dependabot's runs are those it triggered; a person re-running one gets their own secrets.
    isDependabot: (triggeringActor ?? actor) === dependabot,
    oidcRequestAvailable:
      nonEmpty(env.ACTIONS_ID_TOKEN_REQUEST_URL) !== undefined &&
      nonEmpty(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) !== undefined
  }
  return context
}
