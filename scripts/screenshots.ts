/**
 * Screenshots of real job summaries for the README: runs the bundled action (dist/index.js)
 * for the passing, warning and failing representative runs (__tests__/e2e/representative-runs.ts,
 * the ones the summary's bounds test measures), renders
 * each summary as GitHub-flavoured Markdown with GitHub's stylesheet, and photographs it with
 * headless Chromium (Debian's `chromium` package: `apt-get install -y chromium
 * fonts-noto-color-emoji`).
 *
 *   npm run bundle && npm run screenshots
 *
 * Writes docs/images/summary-{pass,warn,fail}.png, the Markdown they show (.md beside them),
 * docs/images/oidc-guide.png (the passing run's guide, expanded) and the README's example.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { marked } from 'marked'
import { cleanUp } from '../__tests__/e2e/harness.js'
import {
  REPRESENTATIVE_RUNS,
  startRepresentativeContext,
  type RepresentativeRun
} from '../__tests__/e2e/representative-runs.js'
import { updateReadme } from './readme-tables.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const IMAGES = join(ROOT, 'docs', 'images')
const WIDTH = 1040
/** The README shows the passing, warning and failing runs the summary's bounds test measures. */
const SHOWN = ['pass', 'warn', 'fail'] as const
const SCENARIOS: readonly RepresentativeRun[] = REPRESENTATIVE_RUNS.filter(run =>
  (SHOWN as readonly string[]).includes(run.name)
)

function stylesheet(): string {
  const require = createRequire(import.meta.url)
  return readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8')
}

/** The summary as GitHub shows it: GFM, GitHub's Markdown styles, in a job-summary frame. */
function page(markdown: string, css: string): string {
  const body = marked.parse(markdown, { gfm: true, async: false })
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>0</title>
<style>
${css}
html, body { margin: 0; background: #f6f8fa; }
.frame { width: ${WIDTH - 48}px; margin: 16px 24px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }
.frame header { padding: 12px 24px; border-bottom: 1px solid #d0d7de; font: 600 14px -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
.markdown-body { padding: 16px 24px 8px; font-size: 14px; }
.markdown-body pre { font-size: 12px; }
</style></head>
<body><div class="frame"><header>deploy summary</header><article class="markdown-body">${body}</article></div>
<script>document.title = String(document.documentElement.scrollHeight)</script>
</body></html>`
}

function chromium(args: readonly string[]): string {
  return execFileSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--hide-scrollbars',
      ...args
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60000 }
  )
}

function screenshot(html: string, output: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'acd-shot-'))
  try {
    const file = join(scratch, 'summary.html')
    writeFileSync(file, html)
    const profile = join(scratch, 'profile')
    const url = `file://${file}`
    // First pass measures the page (the script writes its height into the title), the second
    // photographs exactly that much.
    const dom = chromium([
      `--user-data-dir=${profile}`,
      `--window-size=${WIDTH},800`,
      '--dump-dom',
      url
    ])
    const height = Number(/<title>(\d+)<\/title>/u.exec(dom)?.[1] ?? '1600')
    chromium([
      `--user-data-dir=${profile}`,
      `--window-size=${WIDTH},${Math.min(Math.max(height, 200), 6000)}`,
      `--screenshot=${output}`,
      url
    ])
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** The OIDC guide alone, opened, as a reader who expands it sees it. */
function guideOnly(summary: string): string | undefined {
  const start = summary.indexOf('<details><summary><b>Move this workflow to OIDC')
  if (start === -1) return undefined
  return summary.slice(start).replace('<details>', '<details open>')
}

/** The top of the failing summary (verdict, cause, fix) as a quote in the README. */
function readmeExample(summary: string): string {
  const top = summary.slice(0, summary.indexOf('| Identity |')).trimEnd()
  return [
    ...top.split('\n').map(line => (line === '' ? '>' : `> ${line}`)),
    '',
    'The complete Markdown of each run: [failing](docs/images/summary-fail.md),',
    '[warning](docs/images/summary-warn.md), [passing](docs/images/summary-pass.md).'
  ].join('\n')
}

/** Whether Debian's Chromium can be started: checked before any file is written. */
function chromiumAvailable(): boolean {
  const probe = spawnSync('chromium', ['--version'], { encoding: 'utf8', timeout: 20000 })
  return probe.status === 0
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) {
    // Nothing is written: the committed screenshots and their Markdown stay as they are.
    console.error(
      'npm run screenshots needs Chromium, which is not installed: apt-get install -y chromium fonts-noto-color-emoji'
    )
    process.exitCode = 1
    return
  }
  mkdirSync(IMAGES, { recursive: true })
  const css = stylesheet()
  const context = await startRepresentativeContext()
  try {
    for (const scenario of SCENARIOS) {
      const { result } = await scenario.run(context)
      if (result.outputs.status !== scenario.name) {
        throw new Error(
          `The ${scenario.name} scenario ended as ${result.outputs.status ?? 'nothing'}: ${result.stderr}`
        )
      }
      writeFileSync(join(IMAGES, `summary-${scenario.name}.md`), result.summary)
      screenshot(page(result.summary, css), join(IMAGES, `summary-${scenario.name}.png`))
      console.log(`docs/images/summary-${scenario.name}.png (${result.outputs.cause || 'pass'})`)
      const guide = scenario.name === 'pass' ? guideOnly(result.summary) : undefined
      if (guide !== undefined) {
        screenshot(page(guide, css), join(IMAGES, 'oidc-guide.png'))
        console.log('docs/images/oidc-guide.png')
      }
      if (scenario.name === 'fail') {
        const readme = join(ROOT, 'README.md')
        writeFileSync(
          readme,
          updateReadme(readFileSync(readme, 'utf8'), { example: readmeExample(result.summary) })
        )
        console.log('README.md example updated')
      }
    }
  } finally {
    await context.stop()
    cleanUp()
  }
}

await main()
