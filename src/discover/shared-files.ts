/**
 * Finds and reads the shared credentials file and the config file where the SDKs look for them:
 * `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE`, else `~/.aws/credentials` and
 * `~/.aws/config` under the home directory the JS SDK would use.
 */
import { join } from 'node:path'
import type { Origin, SharedFile } from '../model.js'
import type { Environment } from '../settings.js'
import { MAX_SHARED_FILE_BYTES, type ReadFile } from './files.js'
import { displayHeader, parseIni, type IniFileKind, type ParsedIni } from './ini.js'

export const FILE_ENV: Readonly<Record<IniFileKind, string>> = {
  credentials: 'AWS_SHARED_CREDENTIALS_FILE',
  config: 'AWS_CONFIG_FILE'
}

/** A shared file as read, with the path to show (under `~` where it is in the home directory). */
export interface LoadedFile {
  readonly kind: IniFileKind
  readonly file: SharedFile
  readonly display: string
  readonly parsed?: ParsedIni
}

/** The JS SDK's `getHomeDir`: HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH, then the OS. */
export function homeDirectory(env: Environment, osHome: () => string): string {
  const { HOME, USERPROFILE, HOMEPATH, HOMEDRIVE } = env
  if (HOME !== undefined && HOME !== '') return HOME
  if (USERPROFILE !== undefined && USERPROFILE !== '') return USERPROFILE
  if (HOMEPATH !== undefined && HOMEPATH !== '') return `${HOMEDRIVE ?? 'C:\\'}${HOMEPATH}`
  return osHome()
}

export function displayPath(path: string, home: string): string {
  if (home !== '' && home !== '/' && path.startsWith(`${home}/`))
    return `~/${path.slice(home.length + 1)}`
  return path
}

function locate(
  env: Environment,
  kind: IniFileKind,
  home: string
): { path: string; origin: Origin } {
  const name = FILE_ENV[kind]
  const configured = env[name]
  if (configured !== undefined && configured !== '') {
    // The JS SDK expands a leading `~/` itself; any other path is used as written.
    const path = configured.startsWith('~/') ? join(home, configured.slice(2)) : configured
    return { path, origin: { kind: 'env', name } }
  }
  return {
    path: join(home, '.aws', kind),
    origin: { kind: 'default', name: `~/.aws/${kind}` }
  }
}

export function loadSharedFile(
  env: Environment,
  kind: IniFileKind,
  home: string,
  readFile: ReadFile
): LoadedFile {
  const { path, origin } = locate(env, kind, home)
  const display = displayPath(path, home)
  const read = readFile(path, MAX_SHARED_FILE_BYTES)
  if (read.state !== 'read') {
    return {
      kind,
      display,
      file: {
        kind,
        path,
        display,
        origin,
        state: read.state,
        ...(read.detail === undefined ? {} : { detail: read.detail }),
        profiles: [],
        ignoredSections: [],
        issues: []
      }
    }
  }
  const parsed = parseIni(read.text, kind)
  return {
    kind,
    display,
    parsed,
    file: {
      kind,
      path,
      display,
      origin,
      state: 'read',
      // Names as they may be shown: a secret pasted as a section name stays hidden.
      profiles: [...parsed.profiles.keys()].map(displayHeader),
      ignoredSections: parsed.ignoredSections,
      issues: parsed.issues
    }
  }
}
