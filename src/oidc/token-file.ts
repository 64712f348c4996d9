/**
 * Web identity token files (`AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN`, or a profile's
 * `web_identity_token_file` with `role_arn`): which ones the job has, and reading one. The
 * token read here is a secret: the caller masks it before anything else.
 */
import { readFileSync, statSync } from 'node:fs'
import type { Discovery } from '../model.js'
import { decodeJwt } from '../jwt.js'
import type { LocalTokenProblem } from './facts.js'

export interface WebIdentityTarget {
  readonly roleArn: string
  readonly tokenFile: string
  /** The source label, for findings. */
  readonly source: string
}

/**
 * The web identity source the job uses, as discovery describes it (`details.roleArn` and
 * `details.tokenFile`, from the variables or from a profile). A web identity source that
 * another source shadows is not what the job's tools use, so it is not diagnosed here.
 */
export function webIdentityTargets(discovery: Discovery): WebIdentityTarget[] {
  const selected = discovery.selected
  if (selected?.kind !== 'web-identity') return []
  const roleArn = selected.details.roleArn?.trim()
  const tokenFile = selected.details.tokenFile?.trim()
  if (roleArn === undefined || roleArn === '' || tokenFile === undefined || tokenFile === '')
    return []
  return [{ roleArn, tokenFile, source: selected.label }]
}

export type TokenFileRead =
  | { readonly ok: true; readonly token: string }
  | { readonly ok: false; readonly problem: LocalTokenProblem; readonly detail?: string }

export type ReadFile = (path: string) => string

/** STS accepts tokens of up to 20,000 characters; anything far larger is not a token file. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024

/** Reads a regular file of token size; a FIFO or a device would block or never end. */
function readSmallFile(path: string): string {
  const stats = statSync(path)
  if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' })
  if (stats.size > MAX_TOKEN_FILE_BYTES)
    throw Object.assign(new Error('too large for a token'), { code: 'EFBIG' })
  return readFileSync(path, 'utf8')
}

export function readTokenFile(path: string, read: ReadFile = readSmallFile): TokenFileRead {
  let text: string
  try {
    text = read(path)
  } catch (error: unknown) {
    const code =
      typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
    if (code === 'ENOENT') return { ok: false, problem: 'missing' }
    return {
      ok: false,
      problem: 'unreadable',
      detail: typeof code === 'string' ? code : 'read failed'
    }
  }
  // Judged and sent trimmed: the question here is whether the token is accepted, and a trailing
  // newline (common in files written by `echo`) is not what decides that.
  const token = text.trim()
  if (token === '') return { ok: false, problem: 'empty' }
  if (decodeJwt(token) === undefined) return { ok: false, problem: 'not-jwt' }
  return { ok: true, token }
}
