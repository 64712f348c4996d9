// ncc writes an ESM bundle; dist/package.json tells Node to load it as a module whatever the
// consuming repository's own package.json says.
import { writeFileSync } from 'node:fs'
writeFileSync(
  new URL('../dist/package.json', import.meta.url),
  JSON.stringify({ type: 'module' }, null, 2) + '\n'
)
