// `npm run bundle`: builds dist/ with ncc's API, readable (not minified) so that a reviewer can
// read every change to what runs, in the check-dist diff.
//
// Start-up time is kept low by what is loaded, not by minifying it:
// - `mainFields: ['module', 'main']` picks the ES module build of the packages that offer one
//   (the SDK clients and credential providers, `dist-es`). They declare no side effects, so the
//   bundler keeps only the commands the action uses, and the SDK's own `await import()`s of the
//   credential providers become chunks loaded only when the SDK's chain runs.
// - Packages with an `exports` map resolve through it, and ncc asks for the conditions
//   `import` and `node`, in the map's order. `@smithy/core` and `@aws-sdk/core` list `node`
//   (their CommonJS build, one module per entry point that cannot be trimmed) before `import`,
//   so the whole of both, every protocol the SDK knows (CBOR, JSON, REST-XML) included, was
//   loaded on every run for the one Query protocol STS and IAM speak. For the time of the build
//   (see `withEsmExports`) such maps lose the `node` condition where an `import` one follows, so
//   these packages too are bundled from their ES module build, trimmed to what is used. Node and
//   Jest never see the change: the manifests are restored when ncc is done.
// - Every `import()` in src/ becomes a chunk (`dist/NNN.index.js`) loaded on first use: the IAM
//   client, the GitHub client, the SDK's credential chain.
//
// ncc's command line cannot set `mainFields`, hence this script. Like the command line it
// removes the old scripts in dist/ first, so a chunk that is no longer built does not linger.
import ncc from '@vercel/ncc'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')

/** The scopes whose packages ship both builds behind one `exports` map. */
const DUAL_BUILD_SCOPES = ['@smithy', '@aws-sdk']

/**
 * A conditions object without `node` where `import` comes after it, so that a resolver that
 * accepts both takes the ES module build; nested objects (subpaths, `browser`) alike.
 */
function preferImport(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const keys = Object.keys(value)
  const dropNode =
    keys.includes('node') &&
    keys.includes('import') &&
    keys.indexOf('node') < keys.indexOf('import')
  return Object.fromEntries(
    keys.filter(key => !(dropNode && key === 'node')).map(key => [key, preferImport(value[key])])
  )
}

/** Runs `build` with the dual-build manifests rewritten by `preferImport`, then restores them. */
async function withEsmExports(build) {
  const originals = new Map()
  const restore = () => {
    for (const [file, text] of originals) writeFileSync(file, text)
    originals.clear()
  }
  const onSignal = signal => {
    restore()
    process.kill(process.pid, signal)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    for (const scope of DUAL_BUILD_SCOPES) {
      const folder = join(root, 'node_modules', scope)
      if (!existsSync(folder)) continue
      for (const name of readdirSync(folder)) {
        const file = join(folder, name, 'package.json')
        if (!existsSync(file)) continue
        const text = readFileSync(file, 'utf8')
        const manifest = JSON.parse(text)
        if (manifest.exports === undefined) continue
        const exports = preferImport(manifest.exports)
        if (JSON.stringify(exports) === JSON.stringify(manifest.exports)) continue
        originals.set(file, text)
        writeFileSync(file, `${JSON.stringify({ ...manifest, exports }, null, 2)}\n`)
      }
    }
    return await build()
  } finally {
    restore()
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }
}

const { code, assets } = await withEsmExports(() =>
  ncc(join(root, 'src', 'index.ts'), {
    target: 'es2022',
    license: 'licenses.txt',
    mainFields: ['module', 'main'],
    minify: false,
    quiet: true
  })
)

mkdirSync(dist, { recursive: true })
for (const name of readdirSync(dist))
  if (name.endsWith('.js') || name.endsWith('.cjs')) rmSync(join(dist, name))
// The shebang lets `npx .` (and a `bin` link) start the bundle from a clone; the runner runs
// `node dist/index.js`, for which it is a comment.
writeFileSync(join(dist, 'index.js'), code.startsWith('#!') ? code : `#!/usr/bin/env node\n${code}`)
for (const [name, asset] of Object.entries(assets)) {
  mkdirSync(dirname(join(dist, name)), { recursive: true })
  writeFileSync(join(dist, name), asset.source)
}
// The bundle is an ES module; dist/package.json tells Node so, whatever the package.json of the
// repository that checks the action out says.
writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`)
