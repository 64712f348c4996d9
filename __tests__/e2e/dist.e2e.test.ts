/**
 * dist/ is what runs on a runner: the main bundle and the chunks it loads with `import()` on
 * first use. Every chunk any script of dist/ can ask for must be there, and every script there
 * must be one of them (a left-over chunk is dead weight a reviewer has to read). The runs of the
 * other e2e suites then load the chunks from a copy of dist/ alone (see harness.ts).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { BUNDLE } from './harness.js'

const DIST = dirname(BUNDLE)
const CHUNK_FILE = /^(\d+)\.index\.js$/u
/**
 * How webpack's runtime asks for a chunk: `__nccwpck_require__.e(/* import() *\/ 631)` in the
 * main bundle, `__webpack_require__.e(…)` inside a chunk.
 */
const CHUNK_REQUEST = /__(?:nccwpck|webpack)_require__\.e\((?:\/\*[^*]*\*\/\s*)?(\d+)\)/gu

function scripts(): string[] {
  return readdirSync(DIST).filter(name => name.endsWith('.js'))
}

function requestedChunks(): Set<string> {
  const ids = new Set<string>()
  for (const name of scripts())
    for (const match of readFileSync(join(DIST, name), 'utf8').matchAll(CHUNK_REQUEST))
      if (match[1] !== undefined) ids.add(match[1])
  return ids
}

describe('dist/', () => {
  test('holds every chunk the bundle can load, and nothing else', () => {
    const requested = requestedChunks()
    const present = new Set(scripts().flatMap(name => CHUNK_FILE.exec(name)?.[1] ?? []))
    expect(requested.size).toBeGreaterThan(0)
    expect([...present].sort()).toEqual([...requested].sort())
    expect(scripts().filter(name => name !== 'index.js' && !CHUNK_FILE.test(name))).toEqual([])
  })

  test('is readable: not minified', () => {
    for (const name of scripts()) {
      const text = readFileSync(join(DIST, name), 'utf8')
      // Minified code packs thousands of characters into each line; readable code averages
      // under a hundred (a few long lines, such as the SDK's endpoint rule sets, stay).
      const perLine = Math.round(text.length / text.split('\n').length)
      expect({ name, perLine: perLine <= 120 }).toEqual({ name, perLine: true })
    }
  })

  test('is loaded as ES modules', () => {
    expect(JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8'))).toEqual({
      type: 'module'
    })
  })
})
