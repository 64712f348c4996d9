// Runs before ncc (`npm run bundle`). `@actions/core` declares no `sideEffects`, so the bundler
// must assume that importing any of its modules does something, and keeps and runs all of them
// at start-up: its OIDC client, which pulls in @actions/http-client and undici, and its platform
// helpers, which pull in @actions/exec (about 1 MB, and tens of milliseconds on every run) for a
// publisher that calls none of them. Importing core has no effect beyond defining its functions,
// which is what `"sideEffects": false` states; with it the bundler keeps only what is used.
// Node and Jest ignore the field, so only the bundle sees the difference.
import { readFileSync, writeFileSync } from 'node:fs'

const PURE_PACKAGES = ['@actions/core']

for (const name of PURE_PACKAGES) {
  const file = new URL(`../node_modules/${name}/package.json`, import.meta.url)
  const manifest = JSON.parse(readFileSync(file, 'utf8'))
  if (manifest.sideEffects === false) continue
  manifest.sideEffects = false
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`)
}
