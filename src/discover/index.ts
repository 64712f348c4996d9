/**
 * Discovery: from the runner's environment (given as a parameter) and the files it points to,
 * an immutable description of every configured credential source, in the order the AWS SDK
 * for JavaScript v3 tries them, and which one wins.
 */
import { readFileSync } from 'node:fs'
import type { Environment, Settings } from '../settings.js'
import { INPUT } from '../settings.js'
import type { CredentialSource, Discovery, Origin, Region } from '../model.js'
import { environmentSource, inputSource, isUsableStatic } from './environment.js'
import { discoverGitHub, type ReadText } from './github.js'

export interface DiscoveryDependencies {
  /** Reads a small text file; undefined when it cannot be read. */
  readonly readText: ReadText
}

export const defaultDependencies: DiscoveryDependencies = {
  readText: path => {
    try {
      return readFileSync(path, 'utf8')
    } catch {
      return undefined
    }
  }
}

function nonEmpty(env: Environment, name: string): string | undefined {
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

export function resolveProfile(
  settings: Settings,
  env: Environment
): { name: string; origin: Origin; explicit: boolean } {
  if (settings.profile !== undefined) {
    return {
      name: settings.profile,
      origin: { kind: 'input', name: INPUT.profile },
      explicit: true
    }
  }
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']) {
    const value = nonEmpty(env, name)
    if (value !== undefined) return { name: value, origin: { kind: 'env', name }, explicit: true }
  }
  return { name: 'default', origin: { kind: 'default', name: 'default profile' }, explicit: false }
}

export function resolveRegion(
  settings: Settings,
  env: Environment,
  profileRegion?: Region
): Region {
  if (settings.region !== undefined)
    return { value: settings.region, origin: { kind: 'input', name: INPUT.region } }
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = nonEmpty(env, name)?.trim()
    if (value !== undefined && value !== '') return { value, origin: { kind: 'env', name } }
  }
  return profileRegion ?? { value: 'us-east-1', origin: { kind: 'default', name: 'us-east-1' } }
}

/**
 * Which source the SDK would use. Inputs always win (the action checks what it was given).
 * The JS SDK skips the key variables when a profile is named (`AWS_PROFILE`), and needs both
 * key and secret non-empty before it takes them.
 */
function selectSource(
  sources: readonly CredentialSource[],
  profileExplicit: boolean
): CredentialSource | undefined {
  for (const source of sources) {
    if (source.kind === 'input') return source
    if (source.kind === 'environment') {
      if (!profileExplicit && isUsableStatic(source.credentials)) return source
      continue
    }
    return source
  }
  return undefined
}

/** Secret values held by the sources: every secret access key and session token. */
export function secretsOf(sources: readonly CredentialSource[]): string[] {
  return sources.flatMap(source =>
    [source.credentials?.secretAccessKey?.raw, source.credentials?.sessionToken?.raw].filter(
      (value): value is string => value !== undefined && value !== ''
    )
  )
}

export function discover(
  settings: Settings,
  env: Environment,
  dependencies: DiscoveryDependencies = defaultDependencies
): Discovery {
  const profile = resolveProfile(settings, env)
  const sources = [inputSource(settings), environmentSource(env)].filter(
    (source): source is CredentialSource => source !== undefined
  )
  const selected = selectSource(sources, profile.explicit)
  return {
    sources,
    secrets: secretsOf(sources),
    ...(selected === undefined ? {} : { selected }),
    region: resolveRegion(settings, env),
    profile: { name: profile.name, origin: profile.origin },
    github: discoverGitHub(env, dependencies.readText),
    env
  }
}
