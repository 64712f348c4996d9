/**
 * Finds and reads the shared credentials file and the config file where the SDKs look for them:
 * `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE`, else `~/.aws/credentials` and
 * `~/.aws/config` under the home directory the JS SDK would use.
 */
import { join, resolve } from 'node:path'
import type { Origin, SharedFile } from '../model.js'
import type { Environment } from '../settings.js'
import { MAX_SHARED_FILE_BYTES, textOf, type ReadFile } from './files.js'
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

/**
 * Where the files are looked for: the home directory, the working directory a relative path
 * is opened from (each process's own: the step's `working-directory`), and the home directories
 * of other users (`~user/…`, which only the AWS CLI expands).
 */
export interface Place {
  readonly home: string
  readonly cwd: string
  readonly userHome: (name: string) => string | undefined
}

/** A path as the JS SDK opens it: a leading `~/` expanded, anything else as written. */
export function jsSdkPath(value: string, place: Place): string {
  const path = value.startsWith('~/') ? join(place.home, value.slice(2)) : value
  // fs.readFile opens a relative path (` /x`, `x/credentials`, `~user/x`) from the working directory.
  return resolve(place.cwd, path)
}

/**
 * The users' home directories of `/etc/passwd`, which botocore's `os.path.expanduser` looks a
 * `~user/` up in (through `pwd.getpwnam`; a directory service beyond the file is not read).
 */
export function passwdHomes(readFile: ReadFile): (name: string) => string | undefined {
  let homes: Map<string, string> | undefined
  return name => {
    homes ??= new Map(
      (textOf(readFile('/etc/passwd')) ?? '')
        .split('\n')
        .map(line => line.split(':'))
        .filter(fields => fields.length >= 7 && fields[0] !== '')
        .map(fields => [fields[0] ?? '', fields[5] ?? ''])
    )
    return homes.get(name)
  }
}

function locate(
  env: Environment,
  kind: IniFileKind,
  place: Place
): { path: string; origin: Origin } {
  const name = FILE_ENV[kind]
  const configured = env[name]
  if (configured !== undefined && configured !== '') {
    return { path: jsSdkPath(configured, place), origin: { kind: 'env', name } }
  }
  const { home } = place
  return {
    path: join(home, '.aws', kind),
    origin: { kind: 'default', name: `~/.aws/${kind}` }
  }
}

export function loadSharedFile(
  env: Environment,
  kind: IniFileKind,
  place: Place,
  readFile: ReadFile
): LoadedFile {
  const { home } = place
  const { path, origin } = locate(env, kind, place)
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
