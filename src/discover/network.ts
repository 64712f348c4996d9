/**
 * Where the action's requests go, resolved once from the environment and the config file: the
 * endpoint overrides of STS and IAM as the AWS SDKs read them, and the proxy variables. Checked
 * with the JS SDK (3.x) and the AWS CLI (botocore 1.43.11) against loopback servers; both agree:
 *
 * - `AWS_ENDPOINT_URL_<SERVICE>` beats `AWS_ENDPOINT_URL`, and both beat the config file;
 * - in the config file, the profile's `[services NAME]` section (`sts =` / `  endpoint_url = …`)
 *   beats the profile's own `endpoint_url`;
 * - `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or `ignore_configured_endpoint_urls = true` in
 *   the profile, where the variable is not `false`) ignores every override, the variables too.
 */
import type { EndpointOverride, NetworkSettings, ProxySettings, ProxyVariable } from '../model.js'
import type { Environment } from '../settings.js'
import type { IniEntry, IniProfile } from './ini.js'
import type { LoadedFile } from './shared-files.js'

export type Service = 'STS' | 'IAM'

const IGNORE_VARIABLE = 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'
const IGNORE_KEY = 'ignore_configured_endpoint_urls'

function firstSet(env: Environment, names: readonly string[]): ProxyVariable | undefined {
  for (const variable of names) {
    const value = env[variable]?.trim()
    if (value !== undefined && value !== '') return { variable, value }
  }
  return undefined
}

/** The proxy variables, lower-case first as curl and the runner's HTTP client read them. */
export function proxySettingsOf(env: Environment): ProxySettings {
  const https = firstSet(env, ['https_proxy', 'HTTPS_PROXY'])
  const http = firstSet(env, ['http_proxy', 'HTTP_PROXY'])
  const noProxy = firstSet(env, ['no_proxy', 'NO_PROXY'])?.value
  return {
    ...(https === undefined ? {} : { https }),
    ...(http === undefined ? {} : { http }),
    ...(noProxy === undefined ? {} : { noProxy })
  }
}

/** The SDK's `booleanSelector`: exactly `true` or `false`; anything else counts as unset. */
function flag(value: string | undefined): boolean | undefined {
  if (value === 'true') return true
  if (value === 'false') return false
  return undefined
}

/** The profile's keys as the SDK's config loader sees them: the config file's win. */
function profileEntries(files: readonly LoadedFile[], profile: string): Map<string, IniEntry> {
  const merged = new Map<string, IniEntry>()
  for (const kind of ['credentials', 'config'] as const) {
    const entries = files.find(file => file.kind === kind)?.parsed?.profiles.get(profile)
    for (const [key, entry] of entries ?? new Map<string, IniEntry>()) merged.set(key, entry)
  }
  return merged
}

function fileOverride(
  entry: IniEntry | undefined,
  variable: string,
  config: LoadedFile | undefined
): EndpointOverride | undefined {
  const url = entry?.value.trim()
  if (entry === undefined || url === undefined || url === '' || config === undefined)
    return undefined
  return {
    url,
    variable,
    origin: {
      kind: 'file',
      path: config.display,
      line: entry.line,
      key: entry.key,
      section: entry.section
    }
  }
}

/**
 * The config file's override: the `[services]` section the profile names, else the profile's
 * `endpoint_url`. A profile naming a services section that does not exist makes the SDK's
 * loader give up on the file altogether.
 */
function configOverride(
  service: Service,
  profile: ReadonlyMap<string, IniEntry>,
  config: LoadedFile | undefined
): EndpointOverride | undefined {
  const servicesName = profile.get('services')?.value
  if (servicesName !== undefined && servicesName !== '') {
    const section: IniProfile | undefined = config?.parsed?.services.get(servicesName)
    if (section === undefined) return undefined
    const key = `${service.toLowerCase()}.endpoint_url`
    const found = fileOverride(section.get(key), key, config)
    if (found !== undefined) return found
  }
  return fileOverride(profile.get('endpoint_url'), 'endpoint_url', config)
}

function endpointOverride(
  env: Environment,
  service: Service,
  profile: ReadonlyMap<string, IniEntry>,
  config: LoadedFile | undefined
): EndpointOverride | undefined {
  for (const variable of [`AWS_ENDPOINT_URL_${service}`, 'AWS_ENDPOINT_URL']) {
    const url = env[variable]?.trim()
    if (url !== undefined && url !== '')
      return { url, variable, origin: { kind: 'env', name: variable } }
  }
  return configOverride(service, profile, config)
}

/** Endpoint overrides for the services the action calls, and the proxy, for `profile`. */
export function networkSettingsOf(
  env: Environment,
  files: readonly LoadedFile[],
  profile: string
): NetworkSettings {
  const entries = profileEntries(files, profile)
  const config = files.find(file => file.kind === 'config')
  const proxy = proxySettingsOf(env)
  const ignore = flag(env[IGNORE_VARIABLE]) ?? flag(entries.get(IGNORE_KEY)?.value) ?? false
  if (ignore) return { endpoints: {}, proxy }
  const sts = endpointOverride(env, 'STS', entries, config)
  const iam = endpointOverride(env, 'IAM', entries, config)
  return {
    endpoints: { ...(sts === undefined ? {} : { sts }), ...(iam === undefined ? {} : { iam }) },
    proxy
  }
}
