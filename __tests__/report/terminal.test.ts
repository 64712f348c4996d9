import { describe, expect, test } from '@jest/globals'
import { renderSummary } from '../../src/report/summary.js'
import { forThisMachine, renderTerminal, supportsColor } from '../../src/report/terminal.js'
import { KEY_ID, SECRET, WORKFLOW, makeReport } from './fixtures.js'

const ESCAPE = '\u001b['

describe('colour detection', () => {
  test('colours on a TTY unless NO_COLOR is set; FORCE_COLOR forces them on pipes', () => {
    expect(supportsColor({}, true)).toBe(true)
    expect(supportsColor({}, false)).toBe(false)
    expect(supportsColor({ NO_COLOR: '1' }, true)).toBe(false)
    expect(supportsColor({ NO_COLOR: '' }, true)).toBe(true)
    expect(supportsColor({ TERM: 'dumb' }, true)).toBe(false)
    expect(supportsColor({ FORCE_COLOR: '1' }, false)).toBe(true)
    expect(supportsColor({ FORCE_COLOR: '0' }, true)).toBe(false)
  })
})

describe('words for a laptop', () => {
  test('the runner is this machine; self-hosted runners and the runner service stay named', () => {
    expect(
      forThisMachine(
        "The runner's clock is off. This runner has no role; the runner cannot reach STS from this runner."
      )
    ).toBe(
      "This machine's clock is off. This machine has no role; this machine cannot reach STS from this machine."
    )
    const kept = 'On self-hosted runners, check which `HOME` the runner service uses.'
    expect(forThisMachine(kept)).toBe(kept)
  })
})

describe('the terminal report', () => {
  const report = makeReport({
    env: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: `${SECRET}\n` },
    workflow: WORKFLOW
  })
  const markdown = renderSummary(report)

  test('without colours: plain text, no Markdown syntax, the same words', () => {
    const text = renderTerminal(markdown, { color: false })
    expect(text).not.toContain(ESCAPE)
    expect(text.split('\n')[0]).toMatch(/^❌ AWS credentials fail: /u)
    expect(text).not.toMatch(/^#+ /mu)
    expect(text).not.toContain('**')
    expect(text).not.toContain('```')
    expect(text).not.toContain('<details>')
    expect(text).toContain('gh secret set PROD_AWS_SECRET --repo octo-org/octo-repo')
    expect(text).toContain('FINDINGS')
  })

  test("placeholders in code spans survive while the summary's own HTML is dropped", () => {
    const text = renderTerminal('Users → `<user>` → keys<br>next', { color: false })
    expect(text).toContain('Users → <user> → keys')
    expect(text).not.toContain('<br>')
  })

  test('tables become aligned columns', () => {
    const text = renderTerminal('| Kind | Source |\n|---|---|\n| `env` | a \\| b |\n| x | y |', {
      color: false
    })
    expect(text.split('\n')).toEqual(['  Kind  Source', '  env   a | b', '  x     y'])
  })

  test('a cell with several lines keeps its column on each, and rows are set apart', () => {
    const text = renderTerminal(
      '| Kind | Status | Details |\n|---|---|---|\n| `config-file` | **in use** | role: `arn`<br>chain: "a" assumes arn |\n| x | shadowed | y |',
      { color: false }
    )
    expect(text.split('\n')).toEqual([
      '  Kind         Status    Details',
      '  config-file  in use    role: arn',
      '                         chain: "a" assumes arn',
      '',
      '  x            shadowed  y'
    ])
  })

  test('with colours: escape sequences, a red verdict for a failure', () => {
    const text = renderTerminal(markdown, { color: true })
    expect(text).toContain(ESCAPE)
    expect(text.split('\n')[0]).toContain(`${ESCAPE}31m`)
  })
})
