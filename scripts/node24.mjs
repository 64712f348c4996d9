// `npm run test:node24`: the end-to-end suites again, with the bundle run by Node 24, the
// runtime action.yml declares (`runs.using: node24`), while jest itself runs on this machine's
// Node. The binary comes from the npm registry (the `node` package at major 24) and is kept in
// node_modules/.cache/node24, so a second run needs no download. Where the registry cannot be
// reached the script says so and exits 0: it is an extra check, not a gate that needs a network.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const prefix = join(root, 'node_modules', '.cache', 'node24')
const binary = join(prefix, 'node_modules', 'node', 'bin', 'node')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function versionOf(path) {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

if (!existsSync(binary) || !versionOf(binary)?.startsWith('v24.')) {
  mkdirSync(prefix, { recursive: true })
  const install = spawnSync(
    npm,
    ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', 'node@24'],
    { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 300_000 }
  )
  if (install.status !== 0 || !existsSync(binary)) {
    const reason = (install.stderr ?? '').trim().split('\n').pop() || 'no binary was installed'
    console.log(`Skipped: Node 24 could not be installed from the npm registry (${reason}).`)
    process.exit(0)
  }
}

const version = versionOf(binary)
if (!version?.startsWith('v24.')) {
  console.error(`The Node binary in ${prefix} is ${version ?? 'not runnable'}, not Node 24.`)
  process.exit(1)
}
console.log(`The end-to-end suites, with dist/index.js run by Node ${version}:`)
const jest = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '__tests__/e2e', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      ACD_E2E_NODE: binary,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim()
    }
  }
)
process.exit(jest.status ?? 1)
