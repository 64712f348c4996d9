/**
 * Discovery: from the runner's environment (given as a parameter) and the files it points to,
 * an immutable description of every configured credential source, in the order the AWS SDK
 * for JavaScript v3 tries them, and which one wins:
 *
 *   inputs → key variables (skipped when a profile is named) → the profile (config and
 *   credentials files) → web identity variables → container endpoint, else instance metadata.
 *
 * Nothing is sent anywhere: remote sources are noted, never probed.
 */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import type { Environment, Settings } from '../settings.js'
import { INPUT } from '../settings.js'
import type {
  CredentialSource,
  Discovery,
  ExaminedProfile,
  MisnamedVariable,
  OidcTokenRequest,
  Origin,
  Region
} from '../model.js'
import { accountIdFromAccessKeyId } from './account-id.js'
import { configSettingsOf, pathSettingsOf } from './config-settings.js'
import { containerSource, instanceMetadataSource, instanceMetadataStatus } from './container.js'
import { ENV, environmentSource, inputSource } from './environment.js'
import { readFileFromDisk, specialFileIn, textOf, type ReadFile } from './files.js'
import { looksLikeKeyMaterial } from './ini.js'
import { misnamedVariables } from './misnamed.js'
import { join } from 'node:path'
import { discoverGitHub, type ReadText } from './github.js'
import { networkSettingsOf } from './network.js'
import { resolveProfileSources } from './profiles.js'
import { homeDirectory, loadSharedFile, passwdHomes } from './shared-files.js'
import { awsCliUse, jsSdkUse } from './tools.js'
import { webIdentitySource } from './web-identity.js'
import type { discoverWorkflow } from './workflow.js'

export interface DiscoveryDependencies {
  /** Reads a file, reporting what stood in the way instead of throwing. */
  readonly readFile: ReadFile
  /** Reads a small text file; undefined when it cannot be read. */
  readonly readText: ReadText
  /** The operating system's idea of the home directory, used when no variable names one. */
  readonly homedir: () => string
  /** The clock that token expiry is judged by. */
  readonly now: () => Date
  /** The working directory a relative path in a file-path variable is opened from. */
  readonly cwd: () => string
  /** A user's home directory, for the `~user/…` botocore expands (from `/etc/passwd`). */
  readonly userHome?: (name: string) => string | undefined
  /**
   * Finds this job's lines in the checked-out workflow file (src/discover/workflow.ts). Given
   * by `loadWorkflowReader` where the job has a checkout, left out where it has none: the YAML
   * parser is a fifth of the code a run loads, and a job without the file does not need it.
   */
  readonly readWorkflow?: typeof discoverWorkflow
}

export const defaultDependencies: DiscoveryDependencies = {
  readFile: readFileFromDisk,
  readText: path => textOf(readFileFromDisk(path)),
  homedir,
  now: () => new Date(),
  cwd: () => process.cwd()
}

/**
 * The workflow reader, loaded only where the workspace holds workflow files
 * (`.github/workflows/`, which `actions/checkout` brings): elsewhere there is nothing to read.
 */
export async function loadWorkflowReader(
  env: Environment,
  exists: (path: string) => boolean = existsSync
): Promise<typeof discoverWorkflow | undefined> {
  const workspace = nonEmpty(env, 'GITHUB_WORKSPACE')
  if (workspace === undefined || !exists(join(workspace, '.github', 'workflows'))) return undefined
  const { discoverWorkflow } = await import('./workflow.js')
  return discoverWorkflow
}

/** Fills in what the caller did not give; a `readFile` alone also answers `readText`. */
function withDefaults(overrides: Partial<DiscoveryDependencies>): DiscoveryDependencies {
  const readFile = overrides.readFile ?? defaultDependencies.readFile
  return {
    ...defaultDependencies,
    readText: path => textOf(readFile(path)),
    ...overrides,
    readFile
  }
}

function nonEmpty(env: Environment, name: string): string | undefined {
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

function named(
  env: Environment,
  settings: Settings
): { name: string; origin: Origin; explicit: boolean } {
  if (settings.profile !== undefined)
    return {
      name: settings.profile,
      origin: { kind: 'input', name: INPUT.profile },
      explicit: true
    }
  for (const name of [ENV.profile, ENV.defaultProfile]) {
    const value = nonEmpty(env, name)
    if (value !== undefined) return { name: value, origin: { kind: 'env', name }, explicit: true }
  }
  return { name: 'default', origin: { kind: 'default', name: 'default profile' }, explicit: false }
}

/**
 * The profile to examine: the `profile` input, then `AWS_PROFILE`, then `AWS_DEFAULT_PROFILE`
 * (which the AWS CLI reads and the JS SDK does not), then `default`. The one statement of the
 * rule that a named profile shadows the key variables: the JS SDK skips them once the input or
 * `AWS_PROFILE` names one, not for `AWS_DEFAULT_PROFILE`.
 */
export function resolveProfile(
  settings: Settings,
  env: Environment
): ExaminedProfile & { explicit: boolean } {
  const profile = named(env, settings)
  const variables = {
    ...(env[ENV.profile] === undefined ? {} : { AWS_PROFILE: env[ENV.profile] }),
    ...(env[ENV.defaultProfile] === undefined
      ? {}
      : { AWS_DEFAULT_PROFILE: env[ENV.defaultProfile] })
  }
  const skipsKeyVariables =
    profile.origin.kind === 'input' ||
    (profile.origin.kind === 'env' && profile.origin.name === ENV.profile)
  return { ...profile, skipsKeyVariables, variables }
}

export function resolveRegion(
  settings: Settings,
  env: Environment,
  profileRegion?: Region
): Region {
  if (settings.region !== undefined)
    return { value: settings.region, origin: { kind: 'input', name: INPUT.region } }
  // Raw, as the SDK reads it: a stray space or newline makes the SDK refuse the region
  // (`region-invalid`), so it must not be trimmed away here.
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = nonEmpty(env, name)
    if (value !== undefined) return { value, origin: { kind: 'env', name } }
  }
  return profileRegion ?? { value: 'us-east-1', origin: { kind: 'default', name: 'us-east-1' } }
}

/**
 * Which source the SDK would use. Inputs always win (the action checks what it was given).
 * The JS SDK skips the key variables when a profile is named (see `resolveProfile`), and
 * passes over every skipped source.
 */
export function selectSource(
  sources: readonly CredentialSource[],
  profileSkipsEnvironment: boolean
): CredentialSource | undefined {
  return sources.find(
    source =>
      source.skipped === undefined &&
      source.partOf === undefined &&
      !(source.kind === 'environment' && profileSkipsEnvironment)
  )
}

/** A key ID that is not shaped like one may be a secret pasted in the wrong place. */
function mayBeSecret(keyId: string): boolean {
  return !/^[A-Z0-9]{16,24}$/u.test(keyId.trim())
}

/**
 * The secret-shaped parts of a key ID that is not one (a whole pair joined into it): masked on
 * their own too, since a tool that splits the value could print the secret half alone.
 */
function secretShapedRuns(keyId: string): string[] {
  return keyId
    .split(/(?:AKIA|ASIA)[A-Z0-9]{16}/u)
    .map(part => part.replace(/^[\s:;|=,"'`]+|[\s:;|=,"'`]+$/gu, ''))
    .filter(part => part.length >= 16)
}

/** A key ID that may be a secret (or hold one), masked whole and by its secret half. */
function keyIdSecrets(keyId: string | undefined): string[] {
  return keyId !== undefined && mayBeSecret(keyId) ? [keyId, ...secretShapedRuns(keyId)] : []
}

/** Secret values held by the sources: secrets, session tokens, and misplaced secrets. */
export function secretsOf(sources: readonly CredentialSource[]): string[] {
  return sources.flatMap(source => {
    const credentials = source.credentials
    const keyId = credentials?.accessKeyId?.raw
    return [
      credentials?.secretAccessKey?.raw,
      credentials?.sessionToken?.raw,
      credentials?.legacySessionToken?.raw,
      ...keyIdSecrets(keyId)
    ].filter((value): value is string => value !== undefined && value !== '')
  })
}

/**
 * Profile and region names that are key material pasted in the wrong place (a secret in
 * `AWS_PROFILE`): masked like any secret, so the report says `Profile "***"` and never prints
 * the value.
 */
function misplacedSecrets(settings: Settings, env: Environment): string[] {
  return [
    settings.profile,
    env[ENV.profile],
    env[ENV.defaultProfile],
    settings.region,
    env.AWS_REGION,
    env.AWS_DEFAULT_REGION
  ].filter((name): name is string => name !== undefined && looksLikeKeyMaterial(name))
}

/**
 * The value of a misnamed variable, where it is a secret: one meant as the secret or the
 * session token, or any value that looks like key material.
 */
function misnamedSecret(variable: MisnamedVariable, env: Environment): string[] {
  // Only set, non-empty variables are misnamed ones.
  const value = env[variable.name] ?? ''
  const secretName =
    variable.meant === 'AWS_SECRET_ACCESS_KEY' || variable.meant === 'AWS_SESSION_TOKEN'
  return secretName || looksLikeKeyMaterial(value) ? [value] : []
}

/** The account in the selected key ID, judged on the value without quotes or stray characters. */
function offlineAccountOf(selected: CredentialSource | undefined): string | undefined {
  const keyId = selected?.credentials?.accessKeyId?.raw
  if (keyId === undefined) return undefined
  // The same repair the format checks judge by: invisible characters and quotes removed.
  const repaired = keyId.replace(/[^\x21-\x7e]/gu, '').replace(/^["'`]+|["'`]+$/gu, '')
  return accountIdFromAccessKeyId(repaired)
}

/** The OIDC token request, where the runner granted one (`id-token: write`). */
function oidcTokenRequestOf(env: Environment): OidcTokenRequest | undefined {
  const url = nonEmpty(env, 'ACTIONS_ID_TOKEN_REQUEST_URL')
  const token = nonEmpty(env, 'ACTIONS_ID_TOKEN_REQUEST_TOKEN')
  return url === undefined || token === undefined ? undefined : { url, token }
}

export function discover(
  settings: Settings,
  env: Environment,
  overrides: Partial<DiscoveryDependencies> = {}
): Discovery {
  const dependencies = withDefaults(overrides)
  const now = dependencies.now()
  const profile = resolveProfile(settings, env)
  const home = homeDirectory(env, dependencies.homedir)
  const place = {
    home,
    cwd: dependencies.cwd(),
    userHome: dependencies.userHome ?? passwdHomes(dependencies.readFile)
  }
  const files = [
    loadSharedFile(env, 'credentials', place, dependencies.readFile),
    loadSharedFile(env, 'config', place, dependencies.readFile)
  ]
  const profiled = resolveProfileSources(
    profile.name,
    profile.origin,
    profile.explicit,
    files,
    dependencies.readFile,
    now,
    home,
    env
  )
  const webIdentity = webIdentitySource(env, dependencies.readFile, now)
  const container = containerSource(env)
  const remote = container.source ?? instanceMetadataSource(env)
  const sources = [
    inputSource(settings),
    environmentSource(env),
    ...profiled.sources,
    webIdentity.source,
    remote
  ].filter((source): source is CredentialSource => source !== undefined)
  // Later steps of the job see no inputs: the JS SDK there reads `AWS_PROFILE` (else `default`),
  // which may not be the profile this action examines (`profile` input, `AWS_DEFAULT_PROFILE`).
  const jsProfile = nonEmpty(env, ENV.profile) ?? 'default'
  const jsProfiled =
    jsProfile === profile.name
      ? profiled
      : resolveProfileSources(
          jsProfile,
          { kind: 'env', name: ENV.profile },
          nonEmpty(env, ENV.profile) !== undefined,
          files,
          dependencies.readFile,
          now,
          home,
          env
        )
  const jsSources = [
    environmentSource(env),
    ...jsProfiled.sources,
    webIdentity.source,
    remote
  ].filter((source): source is CredentialSource => source !== undefined)
  const tools = {
    jsSdk: jsSdkUse(env, jsSources, jsProfiled.sources),
    awsCli: awsCliUse(env, place, dependencies.readFile)
  }
  const selected = selectSource(sources, profile.skipsKeyVariables)
  const offlineAccountId = offlineAccountOf(selected)
  const oidcTokenRequest = oidcTokenRequestOf(env)
  const misnamed = misnamedVariables(env)
  const configSettings = [
    ...configSettingsOf(env, files, profile.name, dependencies.readFile),
    ...pathSettingsOf(env, files, tools.awsCli.files ?? [], place, dependencies.readFile)
  ]
  const secrets = new Set([
    ...secretsOf(sources),
    ...files.flatMap(file => file.parsed?.secrets ?? []),
    ...profiled.secrets,
    ...secretsOf(jsProfiled.sources),
    ...jsProfiled.secrets,
    ...webIdentity.secrets,
    ...container.secrets,
    ...(oidcTokenRequest === undefined ? [] : [oidcTokenRequest.token]),
    ...misplacedSecrets(settings, env),
    ...misnamed.flatMap(variable => misnamedSecret(variable, env)),
    // A secret pasted into a setting's place is masked like the region's (see misplacedSecrets);
    // a path (the CA bundle) is not a secret.
    ...configSettings
      .filter(setting => setting.file === undefined)
      .map(setting => setting.value)
      .filter(looksLikeKeyMaterial)
  ])
  const github = discoverGitHub(env, dependencies.readText)
  return {
    misnamedVariables: misnamed,
    configSettings,
    sources,
    secrets: [...secrets].filter(secret => secret !== ''),
    ...(selected === undefined ? {} : { selected }),
    ...(offlineAccountId === undefined ? {} : { offlineAccountId }),
    region: resolveRegion(settings, env, profiled.region),
    profile: {
      name: profile.name,
      origin: profile.origin,
      skipsKeyVariables: profile.skipsKeyVariables,
      variables: profile.variables
    },
    github,
    network: networkSettingsOf(env, files, profile.name),
    ...ssoCacheStatus(home),
    instanceMetadata: instanceMetadataStatus(env),
    ...(container.endpoint === undefined ? {} : { containerEndpoint: container.endpoint }),
    ...(oidcTokenRequest === undefined ? {} : { oidcTokenRequest }),
    workflow: dependencies.readWorkflow?.(github, dependencies.readText),
    shared: {
      files: files.map(file => file.file),
      missingProfiles: profiled.missing
    },
    tools
  }
}

function ssoCacheStatus(home: string): { ssoCacheSpecialFile?: string } {
  const special = specialFileIn(join(home, '.aws', 'sso', 'cache'))
  return special === undefined ? {} : { ssoCacheSpecialFile: special }
}
