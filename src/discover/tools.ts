/**
 * What the two tools a job most often runs after this step would do with the runner's setup:
 * the AWS SDK for JavaScript v3 (`defaultProvider`, as every Node-based tool uses it) and the
 * AWS CLI v1 (botocore's `create_credential_resolver`). The report says which tool uses what, and
 * a problem in something neither reads cannot fail the step. Every rule here was measured with
 * the real tools (botocore 1.43.11 / aws-cli 1.45.11, @aws-sdk/credential-provider-node
 * 3.972.99); the facts and their sources are in __tests__/differential/facts.ts.
 */
import { join, resolve } from 'node:path'
import type { CredentialSource, Origin, ToolFile, ToolSource, ToolUse } from '../model.js'
import type { Environment } from '../settings.js'
import { cliConfigProfiles, parseCliConfig, type CliSection } from './cli-config.js'
import { ENV, ENVIRONMENT_LABEL } from './environment.js'
import { MAX_SHARED_FILE_BYTES, type ReadFile } from './files.js'
import { displayPath, FILE_ENV, type Place } from './shared-files.js'

function present(env: Environment, name: string): string | undefined {
  return env[name]
}

function nonEmpty(env: Environment, name: string): string | undefined {
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

// ----- the AWS SDK for JavaScript ----------------------------------------------------------------

/**
 * The JS SDK's choice among the sources discovery listed for its profile (`AWS_PROFILE`, else
 * `default`; it ignores `AWS_DEFAULT_PROFILE`). A non-empty `AWS_PROFILE` skips the key variables;
 * a source it cannot use is passed over silently; at the end it says "Could not load credentials
 * from any providers".
 */
export function jsSdkUse(
  env: Environment,
  sources: readonly CredentialSource[],
  profileSources: readonly CredentialSource[]
): ToolUse {
  const named = nonEmpty(env, ENV.profile)
  const profile = named ?? 'default'
  const selected = sources.find(
    source =>
      source.kind !== 'input' &&
      source.skipped === undefined &&
      source.partOf === undefined &&
      !(source.kind === 'environment' && named !== undefined)
  )
  const profilesRead =
    selected?.kind === 'environment'
      ? []
      : [
          profile,
          ...profileSources.flatMap(source =>
            source.profile === undefined ? [] : [source.profile]
          )
        ]
  return {
    tool: 'js-sdk',
    profile,
    ...(named === undefined ? {} : { profileVariable: ENV.profile }),
    profilesRead: [...new Set(profilesRead)],
    readsEnvironmentKeys: named === undefined,
    ...(selected === undefined
      ? { failure: 'Could not load credentials from any providers' }
      : { source: toolSourceOf(selected) })
  }
}

function toolSourceOf(source: CredentialSource): ToolSource {
  const keyId = source.credentials?.accessKeyId
  return {
    kind: source.kind,
    label: source.label,
    ...(source.profile === undefined ? {} : { profile: source.profile }),
    ...(keyId === undefined ? {} : { accessKeyId: keyId.raw, origin: keyId.origin })
  }
}

// ----- the AWS CLI (botocore) --------------------------------------------------------------------

/** A file as the AWS CLI finds and parses it. */
interface CliFile {
  readonly kind: 'credentials' | 'config'
  readonly path?: string
  readonly display?: string
  readonly found: boolean
  readonly variable?: { readonly name: string; readonly value: string }
  readonly sections: ReadonlyMap<string, CliSection>
  readonly parseError?: { readonly line: number; readonly reason: string }
}

/** Python's `os.path.expandvars`: `$NAME` and `${NAME}` of variables that exist; others stay. */
export function expandVariables(path: string, env: Environment): string {
  return path.replace(/\$(\w+)|\$\{([^}]*)\}/gu, (whole, bare?: string, braced?: string) => {
    const value = env[bare ?? braced ?? '']
    return value === undefined ? whole : value
  })
}

/**
 * Python's `os.path.expanduser` as botocore calls it: `~` and `~/…` are the home directory,
 * `~user/…` that user's (unchanged where there is no such user), anything else as written.
 */
export function expandUser(path: string, place: Place): string {
  if (!path.startsWith('~')) return path
  const slash = path.indexOf('/', 1)
  const end = slash < 0 ? path.length : slash
  const name = path.slice(1, end)
  const base = name === '' ? place.home : place.userHome(name)
  if (base === undefined) return path
  return `${base.replace(/\/+$/u, '')}${path.slice(end)}` || '/'
}

/**
 * Where botocore looks for a shared file: the variable expanded (`os.path.expandvars`, then
 * `os.path.expanduser`), the default under `~/.aws`; an empty variable names no file at all
 * (measured: botocore then reads none, where the JS SDK falls back to the default). A relative
 * path is opened from the working directory.
 */
export function cliPath(
  env: Environment,
  kind: 'credentials' | 'config',
  place: Place
): string | undefined {
  const configured = present(env, FILE_ENV[kind])
  if (configured === undefined) return join(place.home, '.aws', kind)
  if (configured === '') return undefined
  return resolve(place.cwd, expandUser(expandVariables(configured, env), place))
}

function loadCliFile(
  env: Environment,
  kind: 'credentials' | 'config',
  place: Place,
  readFile: ReadFile
): CliFile {
  const { home } = place
  const path = cliPath(env, kind, place)
  const value = present(env, FILE_ENV[kind])
  const named = {
    kind,
    ...(value === undefined ? {} : { variable: { name: FILE_ENV[kind], value } })
  }
  if (path === undefined) return { ...named, found: false, sections: new Map() }
  const read = readFile(path, MAX_SHARED_FILE_BYTES)
  const display = displayPath(path, home)
  if (read.state !== 'read') return { ...named, path, display, found: false, sections: new Map() }
  const parsed = parseCliConfig(read.text)
  return {
    ...named,
    path,
    display,
    found: true,
    sections: kind === 'config' ? cliConfigProfiles(parsed) : parsed.sections,
    ...(parsed.parseError === undefined ? {} : { parseError: parsed.parseError })
  }
}

interface CliContext {
  readonly env: Environment
  readonly credentials: CliFile
  readonly config: CliFile
  /** botocore's `full_config` profiles: the config file's, updated by the credentials file's sections. */
  readonly profiles: ReadonlyMap<string, CliSection>
}

type ChainStep =
  { source: ToolSource; profiles: string[] } | { failure: string; profiles: string[] }

const NO_CREDENTIALS =
  'Unable to locate credentials. You can configure credentials by running "aws configure".'

function mergedProfiles(config: CliFile, credentials: CliFile): Map<string, CliSection> {
  const profiles = new Map<string, CliSection>(config.sections)
  for (const [name, section] of credentials.sections)
    profiles.set(name, new Map([...(profiles.get(name) ?? new Map()), ...section]))
  return profiles
}

function profileLabel(name: string, file: CliFile): string {
  return `profile "${name}" in ${file.display ?? file.kind}`
}

/** Static keys of one file's section, as SharedCredentialProvider and ConfigProvider read them. */
function staticKeys(name: string, file: CliFile, provider: string): ChainStep | undefined {
  const section = file.sections.get(name)
  const keyId = section?.get('aws_access_key_id')
  if (section === undefined || keyId === undefined) return undefined
  if (!section.has('aws_secret_access_key'))
    return {
      failure: `Partial credentials found in ${provider}, missing: aws_secret_access_key`,
      profiles: [name]
    }
  const origin: Origin = {
    kind: 'file',
    path: file.display ?? file.kind,
    line: keyId.line,
    key: 'aws_access_key_id',
    section: file.kind === 'config' && name !== 'default' ? `profile ${name}` : name
  }
  return {
    source: {
      kind: file.kind === 'credentials' ? 'shared-credentials-file' : 'config-file',
      label: profileLabel(name, file),
      profile: name,
      accessKeyId: keyId.value,
      origin
    },
    profiles: [name]
  }
}

const SSO_KEYS = ['sso_start_url', 'sso_session', 'sso_account_id', 'sso_role_name', 'sso_region']

/** The providers botocore builds for one profile, in order, without the environment. */
function profileProviders(name: string, context: CliContext): ChainStep | undefined {
  const profile = context.profiles.get(name)
  const source = (kind: ToolSource['kind'], what: string): ChainStep => ({
    source: { kind, label: `profile "${name}" (${what})`, profile: name },
    profiles: [name]
  })
  if (profile?.has('web_identity_token_file') === true && profile.has('role_arn'))
    return source('web-identity', 'web identity token file')
  if (SSO_KEYS.some(key => profile?.has(key) === true)) return source('sso', 'SSO')
  const shared = staticKeys(name, context.credentials, 'shared-credentials-file')
  if (shared !== undefined) return shared
  if (profile?.has('credential_process') === true) return source('process', 'credential_process')
  return staticKeys(name, context.config, 'config-file')
}

const CREDENTIAL_SOURCES = new Set(['Environment', 'Ec2InstanceMetadata', 'EcsContainer'])

function hasStatic(section: CliSection | undefined): boolean {
  return (
    section?.has('aws_access_key_id') === true || section?.has('aws_secret_access_key') === true
  )
}

function isRole(section: CliSection | undefined): boolean {
  return section?.has('role_arn') === true && !section.has('web_identity_token_file')
}

/** AssumeRoleProvider: the role profile's configuration checked, then its source followed. */
function assumeRole(name: string, context: CliContext, visited: string[]): ChainStep {
  const profile = context.profiles.get(name)
  const sourceProfile = profile?.get('source_profile')?.value
  const credentialSource = profile?.get('credential_source')?.value
  const chain = [...visited, name]
  if (sourceProfile !== undefined && credentialSource !== undefined)
    return {
      failure: `The profile "${name}" contains both source_profile and credential_source.`,
      profiles: chain
    }
  if (credentialSource !== undefined)
    return fromCredentialSource(name, credentialSource, chain, context.env)
  if (sourceProfile === undefined)
    return {
      failure:
        'Partial credentials found in assume-role, missing: source_profile or credential_source',
      profiles: chain
    }
  return fromSourceProfile(name, sourceProfile, context, chain)
}

/**
 * Whether botocore's provider for a `credential_source` finds nothing to read: its
 * ContainerProvider needs a container credentials variable to be present (even empty), its
 * EnvProvider a non-empty `AWS_ACCESS_KEY_ID` (botocore/credentials.py). Where it finds nothing,
 * AssumeRoleProvider raises CredentialRetrievalError (measured in
 * __tests__/differential/role-profiles.test.ts).
 */
function sourceIsEmpty(credentialSource: string, env: Environment): boolean {
  if (credentialSource === 'EcsContainer')
    return (
      present(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') === undefined &&
      present(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI') === undefined
    )
  return credentialSource === 'Environment' && nonEmpty(env, ENV.accessKeyId) === undefined
}

/** `credential_source`: the role is assumed with the environment's or the instance's credentials. */
function fromCredentialSource(
  name: string,
  credentialSource: string,
  chain: string[],
  env: Environment
): ChainStep {
  if (!CREDENTIAL_SOURCES.has(credentialSource))
    return {
      failure: `The credential source "${credentialSource}" referenced in profile "${name}" is not valid.`,
      profiles: chain
    }
  if (sourceIsEmpty(credentialSource, env))
    return {
      failure: `Error when retrieving credentials from ${credentialSource}: No credentials found in credential_source referenced in profile ${name}`,
      profiles: chain
    }
  return {
    source: {
      kind: 'config-file',
      label: `profile "${name}" (assumes its role with ${credentialSource})`,
      profile: name
    },
    profiles: chain
  }
}

/** `source_profile`: the role is assumed with that profile's credentials, followed to their end. */
function fromSourceProfile(
  name: string,
  sourceProfile: string,
  context: CliContext,
  chain: string[]
): ChainStep {
  const next = context.profiles.get(sourceProfile)
  if (next === undefined)
    return {
      failure: `The source_profile "${sourceProfile}" referenced in the profile "${name}" does not exist.`,
      profiles: chain
    }
  const selfWithKeys = sourceProfile === name && hasStatic(next)
  if (chain.includes(sourceProfile) && !selfWithKeys)
    return {
      failure: `Infinite loop in credential configuration detected. Attempting to load from profile ${sourceProfile} which has already been visited. Visited profiles: [${chain.map(item => `'${item}'`).join(', ')}]`,
      profiles: chain
    }
  const base =
    hasStatic(next) || !isRole(next)
      ? (profileProviders(sourceProfile, context) ?? {
          failure: `The source profile "${sourceProfile}" must have credentials.`,
          profiles: [sourceProfile]
        })
      : assumeRole(sourceProfile, context, chain)
  const profiles = [...new Set([...chain, ...base.profiles])]
  if ('failure' in base) return { failure: base.failure, profiles }
  // The CLI signs with the role's session, not with the source profile's key: the role's
  // profile is what tells two tools' choices apart, as it is in the JS SDK's view.
  return {
    source: {
      kind: 'config-file',
      label: `profile "${name}" (assumes its role with the credentials of ${base.source.label})`,
      profile: name
    },
    profiles
  }
}

function environmentKeys(env: Environment): ChainStep | undefined {
  const keyId = nonEmpty(env, ENV.accessKeyId)
  if (keyId === undefined) return undefined
  if (nonEmpty(env, ENV.secretAccessKey) === undefined)
    return {
      failure: `Partial credentials found in env, missing: ${ENV.secretAccessKey}`,
      profiles: []
    }
  return {
    source: {
      kind: 'environment',
      label: ENVIRONMENT_LABEL,
      accessKeyId: keyId,
      origin: { kind: 'env', name: ENV.accessKeyId }
    },
    profiles: []
  }
}

function remoteSources(env: Environment): ChainStep | undefined {
  if (
    nonEmpty(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') !== undefined ||
    nonEmpty(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI') !== undefined
  )
    return { source: { kind: 'container', label: 'container credentials endpoint' }, profiles: [] }
  if ((env.AWS_EC2_METADATA_DISABLED ?? 'false').toLowerCase() === 'true') return undefined
  return {
    source: { kind: 'instance-metadata', label: 'EC2 instance metadata (IMDS)' },
    profiles: []
  }
}

/** `create_credential_resolver`: env → assume role → web identity → SSO → files → process → remote. */
function cliChain(profile: string, context: CliContext): ChainStep {
  const env = context.env
  const fromEnv = environmentKeys(env)
  if (fromEnv !== undefined) return fromEnv
  if (isRole(context.profiles.get(profile))) return assumeRole(profile, context, [])
  if (
    nonEmpty(env, 'AWS_WEB_IDENTITY_TOKEN_FILE') !== undefined &&
    nonEmpty(env, 'AWS_ROLE_ARN') !== undefined
  )
    return {
      source: { kind: 'web-identity', label: 'AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE' },
      profiles: [profile]
    }
  const own = profileProviders(profile, context)
  if (own !== undefined) return own
  return remoteSources(env) ?? { failure: NO_CREDENTIALS, profiles: [profile] }
}

/**
 * AWS CLI v1's choice: it parses both files before anything else (a file it cannot parse fails
 * every command), takes `AWS_DEFAULT_PROFILE` before `AWS_PROFILE` (an empty value included), stops
 * where that profile is in neither file (even with key variables set), and otherwise prefers the
 * key variables to any profile.
 */
export function awsCliUse(env: Environment, place: Place, readFile: ReadFile): ToolUse {
  const config = loadCliFile(env, 'config', place, readFile)
  const credentials = loadCliFile(env, 'credentials', place, readFile)
  const { variable, named } = cliProfileVariable(env)
  const base = {
    tool: 'aws-cli' as const,
    profile: named ?? 'default',
    ...(variable === undefined ? {} : { profileVariable: variable }),
    files: [config, credentials].map(toolFile)
  }
  const broken = [config, credentials].find(file => file.parseError !== undefined)
  if (broken !== undefined) return { ...base, ...unparseable(broken) }
  const context: CliContext = {
    env,
    credentials,
    config,
    profiles: mergedProfiles(config, credentials)
  }
  if (named !== undefined && !context.profiles.has(named))
    return {
      ...base,
      profilesRead: [named],
      readsEnvironmentKeys: false,
      failure: `The config profile (${named}) could not be found`
    }
  const step = cliChain(named === undefined || named === '' ? 'default' : named, context)
  return {
    ...base,
    profilesRead: step.profiles,
    readsEnvironmentKeys: nonEmpty(env, ENV.accessKeyId) !== undefined,
    ...('failure' in step ? { failure: step.failure } : { source: step.source })
  }
}

function toolFile(file: CliFile): ToolFile {
  return {
    kind: file.kind,
    found: file.found,
    ...(file.variable === undefined ? {} : { variable: file.variable }),
    ...(file.path === undefined ? {} : { path: file.path }),
    ...(file.display === undefined ? {} : { display: file.display })
  }
}

/** The variable that names the AWS CLI's profile, `AWS_DEFAULT_PROFILE` first, and its value. */
function cliProfileVariable(env: Environment): { variable?: string; named?: string } {
  const variable = [ENV.defaultProfile, ENV.profile].find(name => present(env, name) !== undefined)
  if (variable === undefined) return {}
  const named = present(env, variable)
  return named === undefined ? { variable } : { variable, named }
}

/** A file the AWS CLI cannot parse: every command fails before any credential is looked at. */
function unparseable(
  broken: CliFile
): Omit<ToolUse, 'tool' | 'profile' | 'profileVariable' | 'files'> {
  return {
    profilesRead: [],
    readsEnvironmentKeys: false,
    failure: `Unable to parse config file: ${broken.path ?? ''}`,
    unparseable: {
      path: broken.display ?? broken.path ?? '',
      line: broken.parseError?.line ?? 1,
      reason: broken.parseError?.reason ?? ''
    }
  }
}
