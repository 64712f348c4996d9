/**
 * The selected profile as the JS SDK's fromIni resolves it: the config and credentials files
 * merged (credentials-file keys win), then, in the SDK's order, a role to assume, static keys,
 * a web identity token file, a credential process, SSO or a login session. A role's
 * `source_profile` chain is followed to the profile whose credentials start it.
 */
import type {
  CredentialSource,
  MissingProfile,
  Origin,
  RawValue,
  Region,
  SourceKind,
  StaticCredentials
} from '../model.js'
import { compact } from './environment.js'
import type { Environment } from '../settings.js'
import { CONTAINER_ENV } from './container.js'
import { ENV } from './environment.js'
import type { ReadFile } from './files.js'
import type { IniEntry, IniProfile } from './ini.js'
import type { LoadedFile } from './shared-files.js'
import { inspectSsoCache, type SsoProfileKeys } from './sso-cache.js'
import { inspectTokenFile } from './web-identity.js'
import { code } from '../report/markdown.js'

interface ProfileValue {
  readonly entry: IniEntry
  readonly file: LoadedFile
}

export type MergedProfile = ReadonlyMap<string, ProfileValue>

/** `mergeConfigFiles(config, credentials)`: per profile, a key in the credentials file wins. */
export function mergeProfiles(files: readonly LoadedFile[]): Map<string, MergedProfile> {
  const merged = new Map<string, Map<string, ProfileValue>>()
  const ordered = [...files].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'config' ? -1 : 1))
  for (const file of ordered) {
    for (const [name, entries] of file.parsed?.profiles ?? new Map<string, IniProfile>()) {
      const profile = merged.get(name) ?? new Map<string, ProfileValue>()
      for (const [key, entry] of entries) profile.set(key, { entry, file })
      merged.set(name, profile)
    }
  }
  return merged
}

export interface ProfileResolution {
  /** The profile's source first, then the profiles its chain reads (`partOf` set). */
  readonly sources: readonly CredentialSource[]
  readonly missing: readonly MissingProfile[]
  readonly secrets: readonly string[]
  readonly region?: Region
}

interface Context {
  readonly merged: ReadonlyMap<string, MergedProfile>
  readonly ssoSessions: ReadonlyMap<string, IniProfile>
  readonly readFile: ReadFile
  readonly now: Date
  readonly home: string
  /** The variables a `credential_source` of `Environment` or `EcsContainer` reads. */
  readonly env: Environment
}

export function originOf(value: ProfileValue): Origin {
  return {
    kind: 'file',
    path: value.file.display,
    line: value.entry.line,
    key: value.entry.key,
    section: value.entry.section
  }
}

function raw(profile: MergedProfile, key: string): RawValue | undefined {
  const value = profile.get(key)
  return value === undefined ? undefined : { raw: value.entry.value, origin: originOf(value) }
}

function text(profile: MergedProfile, key: string): string | undefined {
  return profile.get(key)?.entry.value
}

function has(profile: MergedProfile, key: string): boolean {
  return profile.has(key)
}

const SSO_KEYS = ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name']

function isStatic(profile: MergedProfile): boolean {
  return has(profile, 'aws_access_key_id') && has(profile, 'aws_secret_access_key')
}

function isAssumeRole(profile: MergedProfile): boolean {
  return (
    has(profile, 'role_arn') && has(profile, 'source_profile') !== has(profile, 'credential_source')
  )
}

function isWebIdentity(profile: MergedProfile): boolean {
  return has(profile, 'web_identity_token_file') && has(profile, 'role_arn')
}

function fileKind(file: LoadedFile): SourceKind {
  return file.kind === 'credentials' ? 'shared-credentials-file' : 'config-file'
}

/** The file a profile is mostly written in, for its label. */
function homeOf(profile: MergedProfile, decidingKey?: string): LoadedFile | undefined {
  const deciding = decidingKey === undefined ? undefined : profile.get(decidingKey)
  return deciding?.file ?? [...profile.values()][0]?.file
}

function labelOf(name: string, file: LoadedFile | undefined, role?: string): string {
  const where = file === undefined ? '' : ` in ${file.display}`
  return `profile "${name}"${where}${role === undefined ? '' : ` (${role})`}`
}

function credentialsOf(profile: MergedProfile): StaticCredentials | undefined {
  const credentials = compact({
    accessKeyId: raw(profile, 'aws_access_key_id'),
    secretAccessKey: raw(profile, 'aws_secret_access_key'),
    sessionToken: raw(profile, 'aws_session_token'),
    legacySessionToken: raw(profile, 'aws_security_token')
  })
  return Object.keys(credentials).length === 0 ? undefined : credentials
}

/** `credential_process` with its arguments withheld: they may carry tokens. */
export function describeProcess(command: string): string {
  const words = command.match(/"[^"]*"|'[^']*'|\S+/gu) ?? []
  const program = (words[0] ?? '').replace(/^["']|["']$/gu, '')
  const count = words.length - 1
  return count === 0
    ? code(program)
    : `${code(program)} with ${count} argument${count === 1 ? '' : 's'} (not shown)`
}

function detailsOf(
  profile: MergedProfile,
  keys: Readonly<Record<string, string>>
): Record<string, string> {
  const details: Record<string, string> = {}
  for (const [key, name] of Object.entries(keys)) {
    const value = text(profile, key)
    if (value !== undefined) details[name] = value
  }
  return details
}

interface Described {
  readonly source: CredentialSource
  readonly secrets: readonly string[]
}

function webIdentityOf(
  name: string,
  profile: MergedProfile,
  context: Context,
  role?: string
): Described {
  const tokenValue = profile.get('web_identity_token_file')
  const path = tokenValue?.entry.value ?? ''
  const inspection = inspectTokenFile(
    path,
    tokenValue === undefined
      ? { kind: 'default', name: 'web_identity_token_file' }
      : originOf(tokenValue),
    context.readFile,
    context.now
  )
  return {
    source: {
      kind: 'web-identity',
      label: labelOf(name, homeOf(profile, 'web_identity_token_file'), role),
      profile: name,
      details: {
        ...detailsOf(profile, { role_arn: 'roleArn', role_session_name: 'roleSessionName' }),
        tokenFile: path
      },
      tokenFile: inspection.status
    },
    secrets: inspection.secrets
  }
}

function ssoDetails(profile: MergedProfile, context: Context): Record<string, string> {
  const details = detailsOf(profile, {
    sso_session: 'ssoSession',
    sso_start_url: 'ssoStartUrl',
    sso_region: 'ssoRegion',
    sso_account_id: 'ssoAccountId',
    sso_role_name: 'ssoRoleName'
  })
  const sessionName = text(profile, 'sso_session')
  if (sessionName !== undefined) {
    const session = context.ssoSessions.get(sessionName)
    if (session === undefined) {
      details.ssoSession = `${sessionName} (no [sso-session ${sessionName}] section in the config file)`
    } else {
      const startUrl = session.get('sso_start_url')?.value
      const region = session.get('sso_region')?.value
      if (startUrl !== undefined) details.ssoStartUrl = startUrl
      if (region !== undefined) details.ssoRegion = region
    }
  }
  details.note = 'SSO needs a cached login (`aws sso login`), which CI runners rarely have'
  return details
}

/** The keys fromSSO reads, with an `[sso-session X]` section's start URL and region merged in. */
function ssoKeysOf(profile: MergedProfile, context: Context): SsoProfileKeys {
  const sessionName = text(profile, 'sso_session')
  const session = sessionName === undefined ? undefined : context.ssoSessions.get(sessionName)
  const startUrl = session?.get('sso_start_url')?.value ?? text(profile, 'sso_start_url')
  const region = session?.get('sso_region')?.value ?? text(profile, 'sso_region')
  const keys: {
    -readonly [K in keyof SsoProfileKeys]: SsoProfileKeys[K]
  } = { sessionDefined: session !== undefined }
  if (sessionName !== undefined) keys.ssoSession = sessionName
  if (startUrl !== undefined) keys.ssoStartUrl = startUrl
  if (region !== undefined) keys.ssoRegion = region
  const accountId = text(profile, 'sso_account_id')
  const roleName = text(profile, 'sso_role_name')
  if (accountId !== undefined) keys.ssoAccountId = accountId
  if (roleName !== undefined) keys.ssoRoleName = roleName
  return keys
}

/**
 * What a profile provides on its own, in the JS SDK's order after the role check: static keys,
 * web identity, a process, SSO, a login session; or nothing (a skipped source).
 */
function describeOwn(
  name: string,
  profile: MergedProfile,
  context: Context,
  role?: string
): Described {
  const base = { profile: name }
  if (isStatic(profile)) {
    const file = homeOf(profile, 'aws_access_key_id')
    return {
      source: {
        ...base,
        kind: file === undefined ? 'shared-credentials-file' : fileKind(file),
        label: labelOf(name, file, role),
        credentials: credentialsOf(profile) ?? {},
        details: {}
      },
      secrets: []
    }
  }
  if (isWebIdentity(profile)) return webIdentityOf(name, profile, context, role)
  const process = text(profile, 'credential_process')
  if (process !== undefined) {
    return {
      source: {
        ...base,
        kind: 'process',
        label: labelOf(name, homeOf(profile, 'credential_process'), role),
        details: { process: describeProcess(process) }
      },
      secrets: []
    }
  }
  if (SSO_KEYS.some(key => has(profile, key))) {
    const cache = inspectSsoCache(
      ssoKeysOf(profile, context),
      context.home,
      context.readFile,
      context.now
    )
    return {
      source: {
        ...base,
        kind: 'sso',
        label: labelOf(
          name,
          homeOf(
            profile,
            SSO_KEYS.find(key => has(profile, key))
          ),
          role
        ),
        details: ssoDetails(profile, context),
        ssoToken: cache.status
      },
      secrets: cache.secrets
    }
  }
  if (has(profile, 'login_session')) {
    const file = homeOf(profile, 'login_session')
    return {
      source: {
        ...base,
        kind: file === undefined ? 'config-file' : fileKind(file),
        label: labelOf(name, file, role),
        details: { loginSession: text(profile, 'login_session') ?? '' }
      },
      secrets: []
    }
  }
  const file = homeOf(profile)
  const credentials = credentialsOf(profile)
  const keys = [...profile.keys()].filter(key => !key.includes('.'))
  return {
    source: {
      ...base,
      kind: file === undefined ? 'shared-credentials-file' : fileKind(file),
      label: labelOf(name, file, role),
      ...(credentials === undefined ? {} : { credentials }),
      details: {},
      skipped:
        credentials === undefined
          ? `the profile holds no credentials${keys.length === 0 ? '' : ` (only ${keys.slice(0, 5).join(', ')})`}`
          : 'the profile holds only half of a key pair'
    },
    secrets: []
  }
}

const CREDENTIAL_SOURCES: Readonly<Record<string, string>> = {
  Environment: 'the key variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
  Ec2InstanceMetadata: 'the EC2 instance role (IMDS)',
  EcsContainer: 'the container credentials endpoint'
}

function nonEmpty(env: Environment, name: string): boolean {
  return (env[name] ?? '') !== ''
}

/**
 * Why a known `credential_source` has nothing to read in this environment, in the JS SDK's
 * terms: `EcsContainer` runs fromHttp and fromContainerMetadata, which both need a non-empty
 * container credentials variable; `Environment` runs fromEnv, which needs both key variables
 * non-empty (@aws-sdk/credential-provider-ini `resolveCredentialSource`). Their refusal lets the
 * SDK's chain go on to its next provider, which on a self-hosted EC2 runner is the instance
 * role (measured in __tests__/differential/role-profiles.test.ts).
 */
export function emptyCredentialSource(value: string, env: Environment): string | undefined {
  if (
    value === 'EcsContainer' &&
    !nonEmpty(env, CONTAINER_ENV.relativeUri) &&
    !nonEmpty(env, CONTAINER_ENV.fullUri)
  )
    return `its credential_source EcsContainer has nothing to read: neither ${CONTAINER_ENV.relativeUri} nor ${CONTAINER_ENV.fullUri} is set`
  if (
    value === 'Environment' &&
    !(nonEmpty(env, ENV.accessKeyId) && nonEmpty(env, ENV.secretAccessKey))
  )
    return `its credential_source Environment has nothing to read: ${ENV.accessKeyId} and ${ENV.secretAccessKey} are not both set`
  return undefined
}

/** What following a role profile's `source_profile` chain found, step by step. */
interface ChainWalk {
  readonly chain: CredentialSource[]
  readonly missing: MissingProfile[]
  readonly secrets: string[]
  readonly steps: string[]
  /**
   * The role profile has `mfa_serial`: the JS SDK then stops at its MFA check (an error that
   * ends its chain) before any source is read, so an empty source is not passed over.
   */
  readonly mfa: boolean
}

/** A source profile that itself assumes a role from a further source profile. */
function chainsOn(next: MergedProfile): boolean {
  // Within a chain the JS SDK takes static keys first, before any role of the source profile.
  return (
    !isStatic(next) &&
    has(next, 'role_arn') &&
    has(next, 'source_profile') &&
    !has(next, 'credential_source')
  )
}

/**
 * Follows `source_profile` from `name` to the profile whose own credentials start the chain,
 * recording each step in `walk`; the reason the chain cannot work, where it cannot.
 */
function walkSourceProfiles(
  name: string,
  profile: MergedProfile,
  label: string,
  context: Context,
  walk: ChainWalk
): string | undefined {
  let reference = profile.get('source_profile')
  let from = name
  // The JS SDK marks a profile visited when it follows a reference to it, not the profile it
  // starts from: `source_profile` naming the profile itself is followed once, and its own static
  // keys then assume its role (measured; both tools accept it).
  const visited: string[] = []
  while (reference !== undefined) {
    const current = reference.entry.value
    if (visited.includes(current)) return loopReason(name, [...visited, current])
    visited.push(current)
    const next = context.merged.get(current)
    if (next === undefined) {
      walk.missing.push({ name: current, origin: originOf(reference), referencedBy: from })
      return `its source_profile "${current}" does not exist`
    }
    const role = `source_profile of "${from}"`
    if (!chainsOn(next)) return chainEnd(current, next, { role, label, context, walk, reference })
    walk.chain.push({
      kind: fileKind(homeOf(next, 'role_arn') ?? reference.file),
      label: labelOf(current, homeOf(next, 'role_arn'), role),
      profile: current,
      details: detailsOf(next, { role_arn: 'roleArn', source_profile: 'sourceProfile' }),
      ...(next.has('mfa_serial') ? { mfaSerial: raw(next, 'mfa_serial') } : {}),
      partOf: label
    })
    walk.steps.push(
      `with credentials of "${current}", which assumes ${text(next, 'role_arn') ?? 'a role'}`
    )
    from = current
    reference = next.get('source_profile')
  }
  return undefined
}

/** A `source_profile` chain that comes back to a profile it has followed, in the JS SDK's words. */
function loopReason(name: string, followed: readonly string[]): string {
  const visited = followed.slice(0, -1).join(', ')
  return `its source_profile chain loops: ${[name, ...followed.slice(0, -1)].join(' → ')} (the JS SDK: "Detected a cycle attempting to resolve credentials for profile ${name}. Profiles visited: ${visited}")`
}

/** The last profile of a chain: a `credential_source`, or credentials of its own. */
function chainEnd(
  current: string,
  next: MergedProfile,
  at: {
    readonly role: string
    readonly label: string
    readonly context: Context
    readonly walk: ChainWalk
    readonly reference: NonNullable<ReturnType<MergedProfile['get']>>
  }
): string | undefined {
  const { role, label, context, walk, reference } = at
  if (!isStatic(next) && has(next, 'credential_source')) {
    const value = text(next, 'credential_source') ?? ''
    walk.chain.push({
      kind: fileKind(homeOf(next, 'credential_source') ?? reference.file),
      label: labelOf(current, homeOf(next, 'credential_source'), role),
      profile: current,
      details: {
        credentialSource: `${value}: ${CREDENTIAL_SOURCES[value] ?? 'not a known source'}`
      },
      partOf: label
    })
    walk.steps.push(`with credentials of "${current}" (${CREDENTIAL_SOURCES[value] ?? value})`)
    const empty = walk.mfa ? undefined : emptyCredentialSource(value, context.env)
    return empty === undefined
      ? undefined
      : `its source_profile "${current}": ${empty.replace(/^its /u, '')}`
  }
  const own = describeOwn(current, next, context, role)
  walk.secrets.push(...own.secrets)
  walk.chain.push({ ...own.source, partOf: label })
  if (own.source.skipped !== undefined)
    return `its source_profile "${current}": ${own.source.skipped.replace(/^the profile /u, '')}`
  walk.steps.push(
    `with credentials of "${current}" (${own.source.kind} in ${labelOf(current, homeOf(next)).replace(/^profile "[^"]*" in /u, '')})`
  )
  return undefined
}

/**
 * The profile's own `credential_source`, noted in its details and steps; why the SDK refuses
 * it, where it names no source the SDK knows, or why it passes it over, where the source has
 * nothing to read in `env` (not given where the profile's MFA check stops the SDK first).
 */
function credentialSourceOf(
  profile: MergedProfile,
  details: Record<string, string>,
  steps: string[],
  env: Environment | undefined
): string | undefined {
  const credentialSource = text(profile, 'credential_source')
  if (credentialSource === undefined) return undefined
  const meaning = CREDENTIAL_SOURCES[credentialSource]
  details.credentialSource =
    meaning === undefined ? credentialSource : `${credentialSource}: ${meaning}`
  if (meaning === undefined)
    return `credential_source "${credentialSource}" is not one of Environment, Ec2InstanceMetadata, EcsContainer`
  steps.push(`with ${meaning}`)
  return env === undefined ? undefined : emptyCredentialSource(credentialSource, env)
}

/** A profile that assumes a role, with the chain of profiles whose credentials it starts from. */
function describeAssumeRole(
  name: string,
  profile: MergedProfile,
  context: Context
): { described: Described; chain: CredentialSource[]; missing: MissingProfile[] } {
  const roleFile = homeOf(profile, 'role_arn')
  const label = labelOf(name, roleFile)
  const details = detailsOf(profile, {
    role_arn: 'roleArn',
    source_profile: 'sourceProfile',
    role_session_name: 'roleSessionName',
    duration_seconds: 'durationSeconds'
  })
  if (has(profile, 'external_id')) details.externalId = 'set (not shown)'
  const mfa = text(profile, 'mfa_serial')
  const mfaSerial = raw(profile, 'mfa_serial')
  if (mfa !== undefined)
    details.mfaSerial = `${mfa}: the SDK needs an MFA code for this role, which a CI job cannot type`
  const walk: ChainWalk = {
    chain: [],
    missing: [],
    secrets: [],
    steps: [`"${name}" assumes ${details.roleArn ?? 'a role'}`],
    mfa: mfa !== undefined
  }
  const { chain, missing, secrets, steps } = walk
  const skipped =
    credentialSourceOf(profile, details, steps, mfa === undefined ? context.env : undefined) ??
    walkSourceProfiles(name, profile, label, context, walk)
  details.chain = steps.join(', ')
  return {
    described: {
      source: {
        kind: roleFile === undefined ? 'config-file' : fileKind(roleFile),
        label,
        profile: name,
        details,
        ...(mfaSerial === undefined ? {} : { mfaSerial }),
        ...(skipped === undefined ? {} : { skipped })
      },
      secrets
    },
    chain,
    missing
  }
}

/**
 * The sources a profile contributes: itself (kind by what it holds) and the profiles of its
 * role chain. A profile named explicitly that neither file defines is reported as missing.
 */
export function resolveProfileSources(
  name: string,
  nameOrigin: Origin,
  explicit: boolean,
  files: readonly LoadedFile[],
  readFile: ReadFile,
  now: Date,
  home: string,
  env: Environment
): ProfileResolution {
  const merged = mergeProfiles(files)
  const ssoSessions =
    files.find(file => file.kind === 'config')?.parsed?.ssoSessions ?? new Map<string, IniProfile>()
  const context: Context = { merged, ssoSessions, readFile, now, home, env }
  const profile = merged.get(name)
  if (profile === undefined) {
    return {
      sources: [],
      missing: explicit ? [{ name, origin: nameOrigin }] : [],
      secrets: []
    }
  }
  const regionValue = profile.get('region')
  const region =
    regionValue === undefined || regionValue.entry.value.trim() === ''
      ? undefined
      : { value: regionValue.entry.value.trim(), origin: originOf(regionValue) }
  const withRegion = region === undefined ? {} : { region }
  if (isAssumeRole(profile)) {
    const { described, chain, missing } = describeAssumeRole(name, profile, context)
    return {
      sources: [described.source, ...chain],
      missing,
      secrets: described.secrets,
      ...withRegion
    }
  }
  const own = describeOwn(name, profile, context)
  return { sources: [own.source], missing: [], secrets: own.secrets, ...withRegion }
}
