/**
 * Seeded runner setups of the kinds real teams have: key variables (whole, half, empty), profile
 * variables (set, empty, naming nothing, with a stray space), and ~/.aws files with good profiles,
 * stale broken ones, and the section and layout variants the two tools read differently. The same
 * seed gives the same setups (the secrets aside, which nothing compares).
 */
import { encodeKeyId, generateSecretAccessKey } from '../emulator/keys.js'
import type { Setup } from './real-tools.js'

/** mulberry32: small, seedable, good enough to pick among cases. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(next: () => number, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)]
  if (item === undefined) throw new Error('nothing to pick from')
  return item
}

interface Key {
  readonly id: string
  readonly secret: string
}

/** A key whose ID says which setup and which place it came from (`low7` carries the place). */
function keyFor(index: number, place: number): Key {
  const account = String(100000000000 + index).padStart(12, '0')
  return {
    id: encodeKeyId('AKIA', account, { low7: place, tail: 0n }),
    secret: generateSecretAccessKey()
  }
}

const pair = (key: Key): string =>
  `aws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`

type Part = (index: number) => {
  env?: Record<string, string>
  credentials?: string
  config?: string
}

const ENV_KEYS: readonly Part[] = [
  () => ({}),
  index => {
    const key = keyFor(index, 1)
    return { env: { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret } }
  },
  index => ({ env: { AWS_ACCESS_KEY_ID: keyFor(index, 1).id } }),
  index => ({ env: { AWS_SECRET_ACCESS_KEY: keyFor(index, 1).secret } }),
  index => ({ env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: keyFor(index, 1).secret } })
]

const PROFILE_VARIABLES: readonly Part[] = [
  () => ({}),
  () => ({ env: { AWS_PROFILE: 'ci' } }),
  () => ({ env: { AWS_PROFILE: 'missing' } }),
  () => ({ env: { AWS_PROFILE: '' } }),
  () => ({ env: { AWS_PROFILE: 'ci ' } }),
  () => ({ env: { AWS_DEFAULT_PROFILE: 'ci' } }),
  () => ({ env: { AWS_DEFAULT_PROFILE: 'missing' } }),
  () => ({ env: { AWS_PROFILE: 'ci', AWS_DEFAULT_PROFILE: 'default' } })
]

const CREDENTIALS: readonly Part[] = [
  () => ({}),
  index => ({ credentials: `[default]\n${pair(keyFor(index, 2))}` }),
  index => ({ credentials: `[default]\naws_access_key_id = ${keyFor(index, 2).id}\n` }),
  index => ({ credentials: `[ci]\n${pair(keyFor(index, 3))}` }),
  index => ({ credentials: `[default]\n${pair(keyFor(index, 2))}[ci]\n${pair(keyFor(index, 3))}` }),
  index => ({ credentials: `[profile ci]\n${pair(keyFor(index, 3))}` }),
  index => ({
    credentials: `[default]\n${pair(keyFor(index, 2))}[ci]#rotated\n${pair(keyFor(index, 3))}`
  }),
  index => ({ credentials: `[DEFAULT]\n${pair(keyFor(index, 2))}[ci]\nregion = us-east-1\n` }),
  index => ({ credentials: `stray line\n[default]\n${pair(keyFor(index, 2))}` }),
  index => ({ credentials: `[default]\naws_access_key_id = ${keyFor(index, 2).id}\n` })
]

const CONFIG: readonly Part[] = [
  () => ({}),
  index => ({ config: `[default]\nregion = us-east-1\n${pair(keyFor(index, 4))}` }),
  index => ({ config: `[profile ci]\n${pair(keyFor(index, 5))}` }),
  index => ({ config: `[ci]\n${pair(keyFor(index, 5))}` }),
  index => ({ config: `[default]\naws_secret_access_key = ${keyFor(index, 2).secret}\n` }),
  () => ({
    config: '[default]\nrole_arn = arn:aws:iam::111122223333:role/gone\nsource_profile = stale\n'
  }),
  index => ({
    config: `[default]\n${pair(keyFor(index, 4))}[profile default]\n${pair(keyFor(index, 5))}`
  }),
  index => ({
    config: `[profile default]\n${pair(keyFor(index, 5))}[default]\n${pair(keyFor(index, 4))}`
  }),
  () => ({ config: '[default]\nregion = us-east-1\ns3 =\n  addressing_style path\n' }),
  () => ({ config: '[default]\n# r\u00e9gion de secours\nregion = us-east-1\n' })
]

const PATHS: readonly Part[] = [
  () => ({}),
  () => ({}),
  () => ({ env: { AWS_SHARED_CREDENTIALS_FILE: '' } }),
  () => ({ env: { AWS_SHARED_CREDENTIALS_FILE: '$HOME/.aws/credentials' } }),
  () => ({ env: { AWS_CONFIG_FILE: '~/.aws/config' } })
]

/** The config file's Latin-1 variant: the same text, saved in ISO-8859-1. */
function encode(path: string, text: string): string | Buffer {
  return path.endsWith('config') && text.includes('\u00e9') ? Buffer.from(text, 'latin1') : text
}

export function generateSetups(seed: number, count: number): Setup[] {
  const next = random(seed)
  const setups: Setup[] = []
  for (let index = 0; index < count; index += 1) {
    const parts = [ENV_KEYS, PROFILE_VARIABLES, CREDENTIALS, CONFIG, PATHS].map(list =>
      pick(next, list)(index)
    )
    const env = Object.assign({}, ...parts.map(part => part.env ?? {})) as Record<string, string>
    const files: Record<string, string | Buffer> = {}
    const credentials = parts.map(part => part.credentials).find(text => text !== undefined)
    const config = parts.map(part => part.config).find(text => text !== undefined)
    if (credentials !== undefined) files['.aws/credentials'] = credentials
    if (config !== undefined) files['.aws/config'] = encode('.aws/config', config)
    setups.push({ env, files })
  }
  return setups
}
