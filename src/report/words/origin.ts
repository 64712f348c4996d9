/** How the words of the offline findings name a value and where it came from. */
import type { CredentialPart, Origin } from '../../model.js'
import { code } from '../markdown.js'

export const PART_NAMES: Readonly<Record<CredentialPart, string>> = {
  accessKeyId: 'access key ID',
  secretAccessKey: 'secret access key',
  sessionToken: 'session token'
}

/** Names where a value came from, for messages: `AWS_SECRET_ACCESS_KEY`, `~/.aws/credentials line 3`. */
export function describeOrigin(origin: Origin): string {
  switch (origin.kind) {
    case 'env':
      return `environment variable ${code(origin.name)}`
    case 'input':
      return `input ${code(origin.name)}`
    case 'file':
      return `${code(origin.key)} in ${code(origin.path)} line ${origin.line} (section ${code(`[${origin.section}]`)})`
    case 'default':
      return origin.name
  }
}

/** The name of a value for messages: `AWS_SECRET_ACCESS_KEY`, or `the secret access key`. */
export function nameOfValue(origin: Origin, part: CredentialPart): string {
  if (origin.kind === 'env') return code(origin.name)
  if (origin.kind === 'input') return `input ${code(origin.name)}`
  if (origin.kind === 'file') return `${code(origin.key)} (${origin.path} line ${origin.line})`
  return `the ${PART_NAMES[part]}`
}
