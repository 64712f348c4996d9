/**
 * The words of every offline finding whose check returns facts: one function per ID, in a table
 * keyed by every ID of `CheckFactsById` (src/checks/facts.ts), so an ID without words, or words
 * for an ID that has no facts, fails `npm run typecheck`. Each function writes the finding's
 * Markdown (title where it differs from the definition's, message, remediation, evidence) from
 * the facts alone, escaping every value it quotes.
 */
import type { CheckFact, CheckFactsId } from '../../checks/facts.js'
import type { Finding } from '../../model.js'
import { credentialsFileMalformed } from './credentials-file-malformed.js'
import { credentialVariableMisnamed } from './credential-variable-misnamed.js'
import { exampleCredentials } from './example-credentials.js'
import { endpointOverrideUnreachable } from './endpoint-override.js'
import { emptyCredentialVariable, incompleteCredentials } from './key-pair.js'
import { invisibleCharacters } from './invisible-characters.js'
import { accessKeyIdMalformed, secretAccessKeyMalformed } from './key-malformed.js'
import { keysSwapped } from './keys-swapped.js'
import { longTermCredentials } from './long-term-credentials.js'
import { placeholderCredentials } from './placeholder-credentials.js'
import { quotedValue } from './quoted-value.js'
import { regionInvalid } from './region-invalid.js'
import { roleProfileMfaRequired } from './role-profile-mfa-required.js'
import { dependabotSecretsUnavailable, forkPrSecretsUnavailable } from './secrets-unavailable.js'
import { ssoLoginRequired, ssoProfileIncomplete } from './sso.js'
import { sessionTokenMissing, sessionTokenUnexpected } from './session-token.js'

/** The one words function of a finding: its facts in, the finding as the report shows it out. */
export type Words<Id extends CheckFactsId> = (fact: CheckFact<Id>) => Finding<Id>

export const WORDS: { readonly [Id in CheckFactsId]: Words<Id> } = {
  'keys-swapped': keysSwapped,
  'region-invalid': regionInvalid,
  'fork-pr-secrets-unavailable': forkPrSecretsUnavailable,
  'dependabot-secrets-unavailable': dependabotSecretsUnavailable,
  'role-profile-mfa-required': roleProfileMfaRequired,
  'session-token-missing': sessionTokenMissing,
  'session-token-unexpected': sessionTokenUnexpected,
  'long-term-credentials': longTermCredentials,
  'empty-credential-variable': emptyCredentialVariable,
  'incomplete-credentials': incompleteCredentials,
  'credential-variable-misnamed': credentialVariableMisnamed,
  'example-credentials': exampleCredentials,
  'quoted-value': quotedValue,
  'placeholder-credentials': placeholderCredentials,
  'invisible-characters': invisibleCharacters,
  'access-key-id-malformed': accessKeyIdMalformed,
  'secret-access-key-malformed': secretAccessKeyMalformed,
  'sso-login-required': ssoLoginRequired,
  'sso-profile-incomplete': ssoProfileIncomplete,
  'credentials-file-malformed': credentialsFileMalformed,
  'endpoint-override-unreachable': endpointOverrideUnreachable
}

/** The finding a fact stands for, in the words of its ID. */
export function worded<Id extends CheckFactsId>(fact: CheckFact<Id>): Finding<Id> {
  const words: Words<Id> = WORDS[fact.id]
  return words(fact)
}
