/**
 * Markdown and HTML injection, as properties: any string placed in every value the report
 * shows (profile and section names, branch, workflow, job and repository names, the region,
 * OIDC claims, the role ARN, STS's error message, the caller's ARN) renders, in the job summary
 * and the PR comment, as exactly that value: parsed with `marked`, it opens no link, image,
 * heading or HTML element, adds no table cell, mentions nobody, and a code span holding it
 * shows it exactly (line breaks as their visible escapes).
 */
import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { marked, type Token, type Tokens } from 'marked'
import type { Finding, OidcResult, RemoteResult, Report } from '../../src/model.js'
import type { TokenContext } from '../../src/oidc/facts.js'
import { claimsNotice, tokenNotAccepted } from '../../src/report/oidc-findings.js'
import { visibleLineBreaks } from '../../src/report/log-line.js'
import {
  breakMentions,
  cell,
  code,
  escapeHtml,
  escapeText,
  link,
  safeUrl,
  withoutMentions
} from '../../src/report/markdown.js'
import { renderComment } from '../../src/report/pr-comment.js'
import { renderSummary } from '../../src/report/summary.js'
import { identity, makeReport } from './fixtures.js'

/** Each value is wrapped in these, so every place it reached can be found in the parsed tree. */
const START = 'Qv7Start'
const END = 'Qv7End'

/** Characters and pieces that mean something to Markdown, HTML, GFM or GitHub. */
const HOSTILE_PIECES = [
  '`',
  '``',
  '\\',
  '|',
  '\\|',
  '<',
  '>',
  '[',
  ']',
  '(',
  ')',
  '!',
  '*',
  '_',
  '~',
  '$',
  '&',
  '&lt;',
  '&#96;',
  ':',
  '.',
  '#',
  '-',
  '+',
  '1.',
  ' ',
  '    ',
  '"',
  "'",
  '\n',
  '\r',
  '\r\n',
  '\u0085',
  '\u2028',
  '\0',
  '@octocat',
  '@octo-org/team',
  'a@example.com',
  'https://example.com/x',
  'www.example.com',
  '](https://example.com/x)',
  '![i](https://example.com/i.png)',
  '[l](https://example.com/l)',
  '<https://example.com/a>',
  '</details><h1>x</h1>',
  '<img src=x onerror=alert(1)>',
  '<!--',
  '-->',
  '\n# heading\n',
  '\n| a | b |\n',
  '\n---\n',
  '::warning::x',
  '##[error]x'
]

const hostileText = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }
  ),
  maxLength: 12
})

/** A value that can be found again: the hostile text between the two markers. */
const hostileValue = hostileText.map(text => `${START}${text}${END}`)

/**
 * The same value where the place it goes cannot hold a line break or a `]` (a section name,
 * whose quotes the INI reader takes off as the SDK does).
 */
function oneLine(value: string): string {
  return value.replace(/[\r\n\]"']/gu, '')
}

/** The value as a code span or escaped prose must show it. */
function shown(value: string): string {
  return visibleLineBreaks(value).replace(/\0/gu, '\\u0000')
}

/**
 * The forms a value may take: as it is, or as a JSON string's content where a finding shows
 * every character by its escape (`region-invalid`).
 */
function forms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1)
  return [shown(value), json, visibleLineBreaks(json)]
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"' }

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);|&(amp|lt|gt|quot);/gu, (_, number: string | undefined, name) =>
    number === undefined ? (ENTITIES[name as string] ?? '') : String.fromCharCode(Number(number))
  )
}

interface Leaf {
  readonly kind: 'code' | 'text'
  readonly text: string
}

/** Every piece of text the parsed Markdown shows: code spans, and runs of text between them. */
function collect(
  tokens: readonly Token[],
  leaves: Leaf[],
  problems: string[],
  values: readonly string[]
): void {
  let run = ''
  const flush = () => {
    if (run !== '') leaves.push({ kind: 'text', text: run })
    run = ''
  }
  for (const token of tokens) {
    if (
      (token.type === 'text' || token.type === 'escape') &&
      !('tokens' in token && token.tokens)
    ) {
      run += (token as Tokens.Text).text
      continue
    }
    flush()
    visit(token, leaves, problems, values)
  }
  flush()
}

/** The tags the report itself writes; any other element came from a value. */
const OWN_TAG = /<\/?(?:details|summary|b|sub|code|br)>/gu

/** The PR comment's hidden marker: values inside it are not shown, but must not end it early. */
const MARKER = /^<!-- aws-credentials-doctor (?:(?!-->)[\s\S])*-->\s*$/u

/** An HTML block shows what it holds as HTML: a value there must be HTML-escaped, and whole. */
function htmlProblem(raw: string, values: readonly string[]): string | undefined {
  if (raw.startsWith('<!-- aws-credentials-doctor')) return MARKER.test(raw) ? undefined : raw
  let rest = raw
  for (const value of values) rest = rest.split(escapeHtml(value)).join(' ')
  if (rest.includes(START) || rest.includes(END)) return raw
  return /[<>]/u.test(rest.replace(OWN_TAG, '')) ? raw : undefined
}

function visit(token: Token, leaves: Leaf[], problems: string[], values: readonly string[]): void {
  switch (token.type) {
    case 'codespan':
      leaves.push({ kind: 'code', text: (token as Tokens.Codespan).text })
      return
    case 'link':
    case 'image': {
      const href = (token as Tokens.Link).href
      if (token.type === 'image') problems.push(`an image: ${href}`)
      // Links are the report's own (docs, the run): a value in one is a path segment.
      if (!/^https:\/\/github\.com\/[A-Za-z0-9%\-._~/!$&+,;=:@]*$/u.test(href))
        problems.push(`a link to ${href}`)
      if ((token as Tokens.Link).text.includes(START)) problems.push(`a link made of a value`)
      return
    }
    case 'html': {
      const problem = htmlProblem((token as Tokens.HTML).raw, values)
      if (problem !== undefined) problems.push(`HTML: ${JSON.stringify(problem)}`)
      return
    }
    case 'table': {
      const table = token as Tokens.Table
      for (const row of [table.header, ...table.rows]) {
        if (row.length !== table.header.length) problems.push('a row with another cell count')
        for (const tableCell of row) collect(tableCell.tokens, leaves, problems, values)
      }
      return
    }
    case 'list':
      for (const item of (token as Tokens.List).items)
        collect(item.tokens, leaves, problems, values)
      return
    default:
      if ('tokens' in token && Array.isArray(token.tokens))
        collect(token.tokens as Token[], leaves, problems, values)
  }
}

/**
 * What is wrong with `markdown` where `values` were placed: elements a value made, and any
 * place a value reached without staying whole (its markers apart, or a code span not exactly
 * the value). Returns the texts that hold a value whole, to prove the values were reached.
 */
function inspect(
  markdown: string,
  values: readonly string[]
): { problems: string[]; whole: Set<string> } {
  const leaves: Leaf[] = []
  const problems: string[] = []
  collect(marked.lexer(markdown, { gfm: true }), leaves, problems, values)
  const whole = new Set<string>()
  for (const leaf of leaves) {
    // Prose may hold entities (`marked` decodes some itself) and word joiners that break mentions.
    const texts =
      leaf.kind === 'code'
        ? [leaf.text]
        : [leaf.text, decodeEntities(leaf.text)].map(text => text.replace(/\u2060/gu, ''))
    const [text = ''] = texts
    const starts = text.split(START).length - 1
    if (starts === 0 && text.split(END).length === 1) continue
    if (starts !== text.split(END).length - 1) {
      problems.push(`a value cut apart: ${JSON.stringify(leaf.text)}`)
      continue
    }
    const holds = values.filter(value =>
      forms(value).some(form => texts.some(candidate => candidate.includes(form)))
    )
    if (holds.length === 0) problems.push(`a value changed: ${JSON.stringify(leaf.text)}`)
    // A code span holding a value is that value and nothing else, or a sentence about it.
    for (const value of holds) whole.add(value)
  }
  return { problems, whole }
}

/** A mention GitHub would notify: `@` after a non-word character, then a login. */
function mentions(markdown: string): string[] {
  const leaves: Leaf[] = []
  collect(marked.lexer(markdown, { gfm: true }), leaves, [], [])
  return leaves
    .filter(leaf => leaf.kind === 'text')
    .flatMap(leaf => decodeEntities(leaf.text).match(/(?:^|[^\w@])@[A-Za-z0-9][\w-]*/gu) ?? [])
}

const HOME = '/home/runner'
const ROLE = 'arn:aws:iam::111122223333:role/'

/** An offline report in which every value the environment and the config file give is `value`. */
function offlineReport(value: string, region: string): Report {
  return makeReport({
    env: {
      HOME,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PROFILE: value,
      AWS_DEFAULT_PROFILE: `${value}-default`,
      AWS_REGION: region,
      GITHUB_WORKFLOW: value,
      GITHUB_JOB: value,
      GITHUB_REF: `refs/heads/${value}`,
      GITHUB_HEAD_REF: value,
      GITHUB_REPOSITORY: `octo-org/${value}`,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_RUN_ID: value
    },
    files: {
      [`${HOME}/.aws/config`]: `[profile ${oneLine(value)}x]\nregion = eu-west-1\nsource_profile = ${oneLine(value)}\nrole_arn = ${ROLE}x\n`
    }
  })
}

/** A report on the OIDC path where the token's claims, the role and STS's message are `value`. */
function oidcReport(value: string): Report {
  const claims = { sub: value, aud: value, iss: 'https://token.actions.githubusercontent.com' }
  const context: TokenContext = {
    tokenSource: 'github-oidc',
    roleArn: `${ROLE}${value}`,
    source: 'role-to-assume',
    claims: {
      shown: { ...claims, ref: value, repository: value, environment: value },
      sub: value,
      audiences: [value],
      issuer: claims.iss
    }
  }
  const answer = { code: 'InvalidIdentityToken', message: value }
  const findings: Finding[] = [
    tokenNotAccepted(context, answer),
    claimsNotice(context.claims ?? { shown: {}, audiences: [] }, context, new Date())
  ]
  const oidc: OidcResult = {
    tokenSource: 'github-oidc',
    roleArn: context.roleArn,
    claims: context.claims?.shown ?? {},
    stsError: answer
  }
  const remote: Partial<RemoteResult> = { findings, oidc }
  return makeReport({
    env: { GITHUB_WORKFLOW: value, GITHUB_JOB: value, GITHUB_EVENT_NAME: 'pull_request' },
    remote
  })
}

/** A working run whose caller ARN is `value`. */
function passingReport(value: string): Report {
  return makeReport({ remote: { identity: identity(`arn:aws:iam::111122223333:user/${value}`) } })
}

function withPullRequest(report: Report): Report {
  const github = { ...report.discovery.github, pullRequestNumber: 7 }
  return { ...report, discovery: { ...report.discovery, github } }
}

function expectInert(markdown: string, values: readonly string[], reached: readonly string[]) {
  const { problems, whole } = inspect(markdown, values)
  expect(problems).toEqual([])
  for (const value of reached) expect(whole.has(value)).toBe(true)
}

/** The summary and the PR comment of `report`: both inert, the comment without mentions. */
function expectReportInert(report: Report, values: readonly string[], reached: readonly string[]) {
  expectInert(renderSummary(report), values, reached)
  const comment = renderComment(report)
  expectInert(comment, values, reached.slice(0, 1))
  expect(mentions(comment)).toEqual([])
}

describe('hostile values in the summary and the PR comment', () => {
  test('profile, section, branch, workflow, job, repository and region names stay whole', () => {
    fc.assert(
      fc.property(hostileValue, hostileValue, (value, region) => {
        const report = withPullRequest(offlineReport(value, region))
        expectReportInert(report, [value, oneLine(value), region], [value, region])
      }),
      { numRuns: 150 }
    )
  })

  test.each([
    ['OIDC claims, the role ARN and what STS said', oidcReport],
    ["the caller's ARN", passingReport]
  ])('%s stay whole', (_what, reportOf) => {
    fc.assert(
      fc.property(hostileValue, value => {
        expectReportInert(withPullRequest(reportOf(value)), [value], [value])
      }),
      { numRuns: 150 }
    )
  })

  test('the branch name of the issue renders as a code span, not a link or a heading', () => {
    for (const branch of ['x`(https://example.com/x)', 'x`</details><h1>big</h1>']) {
      const value = `${START}${branch}${END}`
      expectReportInert(
        withPullRequest(offlineReport(value, 'eu-west-1')),
        [value, oneLine(value)],
        [value]
      )
    }
  })
})

describe('code()', () => {
  test('any text comes back exactly from the code span it makes', () => {
    fc.assert(
      fc.property(hostileText, text => {
        const [paragraph] = marked.lexer(`a ${code(text)} b`)
        const tokens = (paragraph as Tokens.Paragraph | undefined)?.tokens ?? []
        const spans = tokens.filter(token => token.type === 'codespan')
        if (text === '') expect(code(text)).toBe('<code></code>')
        else expect(spans.map(span => (span as Tokens.Codespan).text)).toEqual([shown(text)])
      }),
      { numRuns: 500 }
    )
  })

  test('the fence is longer than any backtick run, with padding only where needed', () => {
    expect(code('plain')).toBe('`plain`')
    expect(code('a`b')).toBe('``a`b``')
    expect(code('``x')).toBe('``` ``x ```')
    expect(code(' x')).toBe('`  x `')
    expect(code('   ')).toBe('`   `')
    expect(code('a\nb\r')).toBe('`a\\nb\\r`')
  })

  test('in a table cell, a pipe neither splits the cell nor shows its escape', () => {
    fc.assert(
      fc.property(hostileText, text => {
        const value = `${START}${text}${END}`
        const table = `| a | b |\n|---|---|\n| ${cell(code(value))} | ${cell(escapeText(value))} |\n`
        expectInert(table, [value], [value])
        const [parsed] = marked.lexer(table)
        expect((parsed as Tokens.Table).rows).toHaveLength(1)
      }),
      { numRuns: 300 }
    )
  })
})

describe('escapeHtml() and escapeText()', () => {
  test('HTML text opens no element and shows the value', () => {
    expect(escapeHtml('</details><h1 class="x">&\'')).toBe(
      '&lt;/details&gt;&lt;h1 class=&quot;x&quot;&gt;&amp;&#39;'
    )
    fc.assert(
      fc.property(hostileValue, value => {
        expectInert(`<sub>footer ${escapeHtml(value)}</sub>`, [value], [value])
        expectInert(`<details><summary>${escapeHtml(value)}</summary>\n\n</details>`, [value], [])
      }),
      { numRuns: 300 }
    )
  })

  test('prose opens no link, emphasis or block, and shows the value', () => {
    expect(escapeText('[l](https://example.com)')).toBe('\\[l\\](https\\://example.com)')
    expect(escapeText('my_profile ~/.aws')).toBe('my_profile ~/.aws')
    fc.assert(
      fc.property(hostileValue, value => {
        expectInert(`- ${escapeText(value)} and more`, [value], [value])
        expectInert(escapeText(value), [value], [value])
      }),
      { numRuns: 300 }
    )
  })
})

describe('mentions', () => {
  test('no user or team is mentioned from prose; code spans keep the value', () => {
    const text = withoutMentions(`ask @octocat or @octo-org/team, see ${code('@octocat')}`)
    expect(mentions(text)).toEqual([])
    expect(text).toContain('`@octocat`')
    expect(text).toContain('@\u2060octocat')
    expect(mentions(escapeHtml(breakMentions('@octo-org/admins')))).toEqual([])
  })
})

describe('links', () => {
  test('only http(s), and nothing in the URL ends the destination', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined()
    expect(safeUrl('not a url')).toBeUndefined()
    expect(link('x', 'data:text/html,hi')).toBe('x')
    expect(link('x', 'https://example.com/a) [b](c <d> e')).toBe(
      '[x](https://example.com/a%29%20%5Bb%5D%28c%20%3Cd%3E%20e)'
    )
  })
})
