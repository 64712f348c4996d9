/**
 * The workflow file that runs this job, read from the checkout so that the report can point at
 * the line that sets a credential variable (annotations on the pull request's diff) and name
 * the secret behind it. Optional by nature: without `actions/checkout` there is no file.
 */
import { isAbsolute, join, normalize } from 'node:path'
import type { WorkflowFile } from '../model.js'
import type { Environment } from '../settings.js'
import type { ReadText } from './github.js'

/** Workflow files are small; anything larger is not one worth scanning line by line. */
const MAX_WORKFLOW_CHARS = 512 * 1024

/**
 * The workflow's path from the repository root, from `GITHUB_WORKFLOW_REF`
 * (`owner/repo/.github/workflows/ci.yml@refs/heads/main`). Undefined when the ref names a
 * workflow of another repository (a reusable workflow's caller elsewhere) or is not a path
 * under `.github/workflows/`.
 */
export function workflowPath(
  workflowRef: string | undefined,
  repository: string | undefined
): string | undefined {
  if (workflowRef === undefined || workflowRef === '') return undefined
  const at = workflowRef.lastIndexOf('@')
  const qualified = at === -1 ? workflowRef : workflowRef.slice(0, at)
  const segments = qualified.split('/')
  if (segments.length < 3) return undefined
  const owner = `${segments[0] ?? ''}/${segments[1] ?? ''}`
  // Repository names are case-insensitive on GitHub; the ref and the variable may differ in case.
  if (repository !== undefined && owner.toLowerCase() !== repository.toLowerCase()) return undefined
  const path = normalize(segments.slice(2).join('/'))
  if (isAbsolute(path) || !path.startsWith('.github/workflows/') || path.includes('..'))
    return undefined
  return path
}

export function discoverWorkflow(env: Environment, readText: ReadText): WorkflowFile | undefined {
  const workspace = env.GITHUB_WORKSPACE
  if (workspace === undefined || workspace === '') return undefined
  const path = workflowPath(env.GITHUB_WORKFLOW_REF, env.GITHUB_REPOSITORY)
  if (path === undefined) return undefined
  const text = readText(join(workspace, path))
  if (text === undefined || text.length > MAX_WORKFLOW_CHARS) return undefined
  return { path, text }
}
