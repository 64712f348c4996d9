/**
 * Every offline check, in one list. A check is pure: it reads the discovery model and the
 * settings and returns findings. The report orders findings by the registry in
 * src/findings.ts, so the order here only groups related checks.
 */
import type { Discovery, Finding } from '../model.js'
import { accessKeyIdMalformed } from './access-key-id-malformed.js'
import type { Check, CheckSettings } from './check.js'
import { configVariableInvalid } from './config-variable-invalid.js'
import { credentialVariableMisnamed } from './credential-variable-misnamed.js'
import { credentialsFileMalformed } from './credentials-file-malformed.js'
import { dependabotSecretsUnavailable } from './dependabot-secrets-unavailable.js'
import { emptyCredentialVariable } from './empty-credential-variable.js'
import { endpointOverrideUnreachable } from './endpoint-override-unreachable.js'
import { exampleCredentials } from './example-credentials.js'
import { forkPrSecretsUnavailable } from './fork-pr-secrets-unavailable.js'
import { incompleteCredentials } from './incomplete-credentials.js'
import { invisibleCharacters } from './invisible-characters.js'
import { keysSwapped } from './keys-swapped.js'
import { longTermCredentials } from './long-term-credentials.js'
import { noCredentials } from './no-credentials.js'
import { placeholderCredentials } from './placeholder-credentials.js'
import { precedenceConflict } from './precedence-conflict.js'
import { profileNotFound } from './profile-not-found.js'
import { quotedValue } from './quoted-value.js'
import { regionInvalid } from './region-invalid.js'
import { secretAccessKeyMalformed } from './secret-access-key-malformed.js'
import { sessionTokenMissing } from './session-token-missing.js'
import { sessionTokenUnexpected } from './session-token-unexpected.js'
import { roleProfileMfaRequired } from './role-profile-mfa-required.js'
import { ssoLoginRequired } from './sso-login-required.js'
import { webIdentityTokenInvalid } from './web-identity-token-invalid.js'

export const CHECKS: readonly Check[] = [
  // Why no credentials reached the job.
  forkPrSecretsUnavailable,
  dependabotSecretsUnavailable,
  emptyCredentialVariable,
  credentialVariableMisnamed,
  profileNotFound,
  incompleteCredentials,
  noCredentials,
  // What is wrong with the values.
  placeholderCredentials,
  exampleCredentials,
  keysSwapped,
  quotedValue,
  invisibleCharacters,
  accessKeyIdMalformed,
  secretAccessKeyMalformed,
  sessionTokenMissing,
  sessionTokenUnexpected,
  // Where the requests would go.
  regionInvalid,
  configVariableInvalid,
  endpointOverrideUnreachable,
  // Files, token files, and tools that disagree.
  credentialsFileMalformed,
  webIdentityTokenInvalid,
  ssoLoginRequired,
  roleProfileMfaRequired,
  precedenceConflict,
  longTermCredentials
]

export function runChecks(discovery: Discovery, settings: CheckSettings): Finding[] {
  return CHECKS.flatMap(check => check.run(discovery, settings))
}
