/**
 * Every offline check, in one list. A check is pure: it reads the discovery model and the
 * settings and returns findings.
 */
import type { Discovery, Finding } from '../model.js'
import type { Check, CheckSettings } from './check.js'
import { emptyCredentialVariable } from './empty-credential-variable.js'
import { exampleCredentials } from './example-credentials.js'
import { incompleteCredentials } from './incomplete-credentials.js'
import { invisibleCharacters } from './invisible-characters.js'
import { keyFormat } from './key-format.js'
import { longTermCredentials } from './long-term-credentials.js'
import { sessionTokenMissing } from './session-token-missing.js'

export const CHECKS: readonly Check[] = [
  emptyCredentialVariable,
  incompleteCredentials,
  invisibleCharacters,
  exampleCredentials,
  keyFormat,
  sessionTokenMissing,
  longTermCredentials
]

export function runChecks(discovery: Discovery, settings: CheckSettings): Finding[] {
  return CHECKS.flatMap(check => check.run(discovery, settings))
}
