// `npm run bundle`: builds dist/ with ncc's API, readable (not minified) so that a reviewer can
// read every change to what runs, in the check-dist diff.
//
// Start-up time is kept low by what is loaded, not by minifying it:
// - `mainFields: ['module', 'main']` picks the ES module build of the packages that offer one
//   (the SDK clients and credential providers, `dist-es`). They declare no side effects, so the
//   bundler keeps only the commands the action uses, and the SDK's own `await import()`s of the
//   credential providers become chunks loaded only when the SDK's chain runs. Packages with an
//   `exports` map (`@smithy/core`, `@aws-sdk/core`) resolve through it as before, so each
//   package is bundled once, in one format.
// - Every `import()` in src/ becomes a chunk (`dist/NNN.index.js`) loaded on first use: the IAM
//   client, the GitHub client, the SDK's credential chain.
//
// ncc's command line cannot set `mainFields`, hence this script. Like the command line it
// removes the old scripts in dist/ first, so a chunk that is no longer built does not linger.
import ncc from '@vercel/ncc'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')

const { code, assets } = await ncc(join(root, 'src', 'index.ts'), {
  target: 'es2022',
  license: 'licenses.txt',
  mainFields: ['module', 'main'],
  minify: false,
  quiet: true
})

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
