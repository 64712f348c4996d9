/**
 * The one place discovery touches the file system. A path named by a variable may be anything:
 * missing, a directory, a FIFO that would block a read forever, a 10 MB file, unreadable bytes.
 * Every case becomes a status, never an exception.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs'
import type { Stats } from 'node:fs'
import { join } from 'node:path'
import { describeError } from '../errors.js'

export type FileRead =
  | { readonly state: 'read'; readonly text: string }
  | {
      readonly state: 'missing' | 'unreadable' | 'not-a-file' | 'too-large'
      /** The error code or what the path is instead (`EACCES`, `a directory`). */
      readonly detail?: string
    }

/** Reads a file; `maxBytes` (MAX_FILE_BYTES unless given) bounds what is read. */
export type ReadFile = (path: string, maxBytes?: number) => FileRead

/**
 * The most this action reads of a token, a workflow or an event file: larger than any real one.
 */
export const MAX_FILE_BYTES = 4 * 1024 * 1024

/**
 * The most this action reads of a shared credentials or config file. Neither tool has a limit
 * of its own: the JS SDK and the AWS CLI both read a 64 MiB credentials file of comments and use
 * the key pair at its end (measured with credential-provider-node 3.972.99 and botocore 1.43.11;
 * 0.4 s and 1.3 s for 5 MiB). Reading and parsing 16 MiB twice (as each tool reads it) stays
 * well under a second; a larger file is reported as not read by this action, never as holding
 * no credentials.
 */
export const MAX_SHARED_FILE_BYTES = 16 * 1024 * 1024

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

function failure(error: unknown): FileRead {
  const code = errorCode(error)
  if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing' }
  if (code === 'EISDIR') return { state: 'not-a-file', detail: 'a directory' }
  return { state: 'unreadable', detail: code ?? describeError(error) }
}

/** Why a file is not read at all: not a regular file, or larger than any the SDKs would take. */
function refusal(stat: Stats, maxBytes: number): FileRead | undefined {
  if (stat.isDirectory()) return { state: 'not-a-file', detail: 'a directory' }
  if (!stat.isFile()) return { state: 'not-a-file', detail: 'not a regular file' }
  if (stat.size > maxBytes) return { state: 'too-large', detail: `${stat.size} bytes` }
  return undefined
}

/** Reads to the end rather than trusting the size: files in /proc report 0 bytes. */
function readToEnd(descriptor: number, maxBytes: number): FileRead {
  const chunks: Buffer[] = []
  let total = 0
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024)
    const read = readSync(descriptor, chunk, 0, chunk.length, null)
    if (read === 0) break
    chunks.push(chunk.subarray(0, read))
    total += read
    if (total > maxBytes) return { state: 'too-large', detail: `over ${maxBytes} bytes` }
  }
  return { state: 'read', text: Buffer.concat(chunks).toString('utf8') }
}

/**
 * Opens without following into special files: the descriptor is checked to be a regular file
 * before a single byte is read, so a FIFO or a device never blocks discovery.
 */
export const readFileFromDisk: ReadFile = (path, maxBytes = MAX_FILE_BYTES) => {
  if (path === '' || path.includes('\u0000')) return { state: 'missing' }
  let descriptor: number | undefined
  try {
    // O_NONBLOCK keeps the open itself from waiting for a writer on a FIFO.
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
    return refusal(fstatSync(descriptor), maxBytes) ?? readToEnd(descriptor, maxBytes)
  } catch (error: unknown) {
    return failure(error)
  } finally {
    if (descriptor !== undefined) closeSync(descriptor)
  }
}

/** The text of a file, or undefined: for callers that only care whether they got it. */
export function textOf(read: FileRead): string | undefined {
  return read.state === 'read' ? read.text : undefined
}

/**
 * The first entry of `directory` (the SSO token cache) that is neither a regular file nor a
 * directory, by name: the SDK would block opening a FIFO there. Nothing is opened; a directory
 * that cannot be listed has nothing to say.
 */
export function specialFileIn(directory: string): string | undefined {
  let names: string[]
  try {
    names = readdirSync(directory)
  } catch {
    return undefined
  }
  for (const name of names.slice(0, 1000)) {
    try {
      // stat follows a link without opening what it points at.
      const stat = statSync(join(directory, name))
      if (!stat.isFile() && !stat.isDirectory()) return name
    } catch {
      // Gone since the listing: nothing to open.
    }
  }
  return undefined
}
