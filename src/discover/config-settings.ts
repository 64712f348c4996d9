/**
 * The SDKs' configuration settings that decide how requests are retried, where they go and how
 * TLS is checked, read as both tools read them: the variable first, else the key in the
 * selected profile (the config file's entry over the credentials file's, as the JS SDK merges
 * them; botocore merges the two files into one profile too). An empty variable counts as unset
 * for the JS SDK (`if (!value)`), so only non-empty values are kept. The values are judged by
 * src/checks/config-variable-invalid.ts, where the tools' measured behaviour is recorded.
 */
import { isAbsolute, join, resolve } from 'node:path'
import type { ConfigSetting, PathVariable, ToolFile } from '../model.js'
import type { Environment } from '../settings.js'
import { MAX_SHARED_FILE_BYTES, type ReadFile } from './files.js'
import type { IniEntry } from './ini.js'
import { FILE_ENV, type LoadedFile, type Place } from './shared-files.js'
import { expandVariables } from './tools.js'

/** Each setting's variable and its key in a profile. */
export const CONFIG_SETTINGS: readonly { readonly variable: string; readonly key: string }[] = [
  { variable: 'AWS_MAX_ATTEMPTS', key: 'max_attempts' },
  { variable: 'AWS_RETRY_MODE', key: 'retry_mode' },
  { variable: 'AWS_STS_REGIONAL_ENDPOINTS', key: 'sts_regional_endpoints' },
  { variable: 'AWS_USE_FIPS_ENDPOINT', key: 'use_fips_endpoint' },
  { variable: 'AWS_USE_DUALSTACK_ENDPOINT', key: 'use_dualstack_endpoint' },
  { variable: 'AWS_EC2_METADATA_DISABLED', key: 'ec2_metadata_disabled' },
  {
    variable: 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
    key: 'ec2_metadata_service_endpoint_mode'
  },
  { variable: 'AWS_DEFAULTS_MODE', key: 'defaults_mode' },
  { variable: 'AWS_CA_BUNDLE', key: 'ca_bundle' }
]

/** The profile's entry for `key`, the config file's over the credentials file's. */
function fileEntry(
  files: readonly LoadedFile[],
  profile: string,
  key: string
): { entry: IniEntry; file: LoadedFile } | undefined {
  for (const kind of ['config', 'credentials'] as const) {
    const file = files.find(candidate => candidate.kind === kind)
    const entry = file?.parsed?.profiles.get(profile)?.get(key)
    if (file !== undefined && entry !== undefined && entry.value !== '') return { entry, file }
  }
  return undefined
}

function settingOf(
  env: Environment,
  files: readonly LoadedFile[],
  profile: string,
  setting: { readonly variable: string; readonly key: string }
): ConfigSetting | undefined {
  const value = env[setting.variable]
  if (value !== undefined && value !== '')
    return { variable: setting.variable, value, origin: { kind: 'env', name: setting.variable } }
  const found = fileEntry(files, profile, setting.key)
  if (found === undefined) return undefined
  const { entry, file } = found
  return {
    variable: setting.variable,
    value: entry.value,
    origin: {
      kind: 'file',
      path: file.display,
      line: entry.line,
      key: entry.key,
      section: entry.section
    }
  }
}

/** Settings whose value is a path: what is there (the CA bundle the AWS CLI opens). */
const FILE_SETTINGS: ReadonlySet<string> = new Set(['AWS_CA_BUNDLE'])

function withFile(setting: ConfigSetting, readFile: ReadFile): ConfigSetting {
  if (!FILE_SETTINGS.has(setting.variable)) return setting
  const read = readFile(setting.value)
  return {
    ...setting,
    file: {
      state: read.state,
      ...('detail' in read && read.detail !== undefined ? { detail: read.detail } : {})
    }
  }
}

/** Every configuration setting that is set, for `profile`. */
export function configSettingsOf(
  env: Environment,
  files: readonly LoadedFile[],
  profile: string,
  readFile: ReadFile
): ConfigSetting[] {
  return CONFIG_SETTINGS.map(setting => settingOf(env, files, profile, setting))
    .filter((setting): setting is ConfigSetting => setting !== undefined)
    .map(setting => withFile(setting, readFile))
}

/** The token file variable: both tools open it exactly as written (no `~`, no `$NAME`). */
const TOKEN_FILE = 'AWS_WEB_IDENTITY_TOKEN_FILE'

/** Where a path the tools do not open may point instead, in the order people mean them. */
function candidates(value: string, env: Environment, place: Place): string[] {
  const trimmed = value.trim()
  const expanded = expandVariables(trimmed, env)
  const home = expanded.startsWith('~/') ? join(place.home, expanded.slice(2)) : expanded
  return [...new Set([trimmed, expanded, home])].map(path => resolve(place.cwd, path))
}

/** Whether a readable file is there, up to the size the shared files may have. */
function found(path: string, readFile: ReadFile): boolean {
  return readFile(path, MAX_SHARED_FILE_BYTES).state === 'read'
}

function meantFile(
  value: string,
  opened: readonly string[],
  env: Environment,
  place: Place,
  readFile: ReadFile
): { meant?: string } {
  const meant = candidates(value, env, place).find(
    path => !opened.includes(path) && found(path, readFile)
  )
  return meant === undefined ? {} : { meant }
}

function pathSetting(variable: string, value: string, path: PathVariable): ConfigSetting {
  return {
    variable,
    value,
    origin: { kind: 'env', name: variable },
    file: { state: path.jsSdk.found ? 'read' : 'missing' },
    path
  }
}

/**
 * The file-path variables as both tools open them, where set: the shared files as discovery
 * and the AWS CLI's view read them, the web identity token file as written (measured: neither
 * `readFileSync` in the JS SDK nor botocore's `FileWebIdentityTokenLoader` expands anything;
 * a relative path opens from the working directory). The judge is in
 * src/checks/config-settings.ts.
 */
export function pathSettingsOf(
  env: Environment,
  files: readonly LoadedFile[],
  cliFiles: readonly ToolFile[],
  place: Place,
  readFile: ReadFile
): ConfigSetting[] {
  const shared = files.flatMap(loaded => {
    const variable = FILE_ENV[loaded.kind]
    const value = env[variable]
    const cli = cliFiles.find(file => file.kind === loaded.kind)
    if (value === undefined || value === '' || cli?.path === undefined) return []
    const js = { path: loaded.file.path, found: loaded.file.state === 'read' }
    const awsCli = { path: cli.path, found: cli.found }
    const meant = meantFile(value, [js.path, awsCli.path], env, place, readFile)
    return [pathSetting(variable, value, { cwd: place.cwd, jsSdk: js, awsCli, ...meant })]
  })
  const token = env[TOKEN_FILE]
  if (token === undefined || token === '') return shared
  const opened = isAbsolute(token) ? token : resolve(place.cwd, token)
  const both = { path: opened, found: found(opened, readFile) }
  const meant = meantFile(token, [opened], env, place, readFile)
  return [
    ...shared,
    pathSetting(TOKEN_FILE, token, { cwd: place.cwd, jsSdk: both, awsCli: both, ...meant })
  ]
}
