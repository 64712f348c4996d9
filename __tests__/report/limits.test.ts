import { describe, expect, test } from '@jest/globals'
import { finding } from '../../src/findings.js'
import { annotationsOf, limitAnnotations, type Annotation } from '../../src/report/annotations.js'
import {
  ANNOTATIONS_PER_STEP,
  COMMENT_BUDGET,
  fitSections,
  shortenText,
  shortenValues,
  SUMMARY_BUDGET,
  utf8Bytes,
  VALUE_CHARACTERS,
  type Budget,
  type Section
} from '../../src/report/limits.js'
import { renderComment } from '../../src/report/pr-comment.js'
import { renderSummary, summarySections } from '../../src/report/summary.js'
import { KEY_ID, SECRET, makeReport } from './fixtures.js'

describe('shortenValues', () => {
  test('leaves text without long runs as it is', () => {
    const text = `An ARN \`arn:aws:iam::111122223333:role/${'r'.repeat(60)}\` and https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html`
    expect(shortenValues(text)).toBe(text)
  })

  test('shortens a long run to its start and says how much more there was', () => {
    const value = 'x'.repeat(100000)
    const text = shortenValues(`The profile \`${value}\` does not exist.`)
    expect(text).toBe(`The profile \`${'x'.repeat(120)}…(99,880 more characters)\` does not exist.`)
  })

  test('keeps code spans, table cells and JSON whole', () => {
    const cell = `| name | \`${'a'.repeat(5000)}\` |`
    expect(shortenValues(cell)).toMatch(/^\| name \| `a{120}…\(4,880 more characters\)` \|$/u)
    const json = JSON.stringify([{ message: `${'q'.repeat(3000)}\u200b"${'z'.repeat(3000)}\\` }])
    const shortened = shortenValues(json)
    expect(shortened.length).toBeLessThan(600)
    const [parsed] = JSON.parse(shortened) as { message: string }[]
    expect(parsed?.message).toMatch(/^q{120}…\(2,\d{3} more characters\)/u)
  })

  test('shortens a masked value, which is asterisks as long as the value', () => {
    expect(shortenValues(`Profile "${'*'.repeat(100000)}" is missing.`)).toBe(
      'Profile "***…(99,997 more characters)" is missing.'
    )
    expect(shortenValues(`**${'b'.repeat(10)}** ${'*'.repeat(256)}`)).toBe(
      `**${'b'.repeat(10)}** ${'*'.repeat(256)}`
    )
  })

  test('never splits a character of two UTF-16 units', () => {
    const text = shortenValues('a'.repeat(119) + '😀'.repeat(500))
    expect(text.startsWith(`${'a'.repeat(119)}…(`)).toBe(true)
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/u)
  })

  test('every run it leaves is within the bound, and a second pass changes nothing', () => {
    const text = shortenValues(`${'b'.repeat(257)} ${'c'.repeat(256)} ${'d'.repeat(9000)}`)
    for (const run of text.split(/[\s(]/u)) expect(run.length).toBeLessThanOrEqual(VALUE_CHARACTERS)
    expect(text).toContain('c'.repeat(256))
    expect(shortenValues(text)).toBe(text)
  })
})

describe('shortenText', () => {
  test('cuts to the limit, the note included', () => {
    const text = shortenText('m'.repeat(10000), 4096)
    expect(text.length).toBeLessThanOrEqual(4096)
    expect(text.length).toBeGreaterThan(4090)
    expect(text).toMatch(/m…\(5,\d{3} more characters\)$/u)
    expect(shortenText('short', 4096)).toBe('short')
  })
})

const BYTES: Budget = { limit: 200, measure: utf8Bytes, limitName: 'the test limit' }

function sections(...items: [string, Section['priority'], number][]): Section[] {
  return items.map(([name, priority, size]) => ({
    name,
    priority,
    text: `${name}\n${'é'.repeat(Math.max(0, (size - name.length - 1) / 2))}`
  }))
}

describe('fitSections', () => {
  test('a report within the budget is the sections as they are, with no note', () => {
    const all = sections(['Verdict', 'required', 51], ['Sources', 1, 51])
    expect(fitSections(all, BYTES)).toEqual({
      text: all.map(item => item.text).join('\n'),
      omitted: [],
      cut: false
    })
  })

  test('leaves out the least important sections first, and says which', () => {
    const all = sections(
      ['Verdict', 'required', 61],
      ['Warning one', 5, 41],
      ['Warning two', 5, 41],
      ['Guide', 0, 81]
    )
    const fitted = fitSections(all, BYTES)
    expect(fitted.omitted).toEqual(['Warning two', 'Guide'])
    expect(fitted.cut).toBe(false)
    expect(utf8Bytes(fitted.text)).toBeLessThanOrEqual(BYTES.limit)
    expect(fitted.text).toContain('Warning one')
    expect(fitted.text).toMatch(
      /> 2 sections were left out to stay under the test limit: Warning two, Guide\.$/u
    )
  })

  test('cuts the required sections at a line where they alone are too large', () => {
    const verdict = { name: 'Verdict', priority: 'required' as const, text: 'Verdict line' }
    const errors = {
      name: 'Errors',
      priority: 'required' as const,
      text: Array.from({ length: 50 }, (_, index) => `error line ${index}`).join('\n')
    }
    const fitted = fitSections([verdict, errors, { name: 'Guide', priority: 0, text: 'g' }], BYTES)
    expect(utf8Bytes(fitted.text)).toBeLessThanOrEqual(BYTES.limit)
    expect(fitted.cut).toBe(true)
    expect(fitted.text.startsWith('Verdict line\nerror line 0\n')).toBe(true)
    expect(fitted.text).not.toContain('error line 49')
    expect(fitted.text).toMatch(/\nerror line \d+\n> .*cut short.*the log lists every finding\.$/u)
  })

  test('the real budgets leave room for what @actions/core and GitHub add', () => {
    expect(SUMMARY_BUDGET.limit).toBeLessThan(1024 * 1024)
    expect(COMMENT_BUDGET.limit).toBeLessThan(65536)
  })
})

function annotation(severity: Annotation['severity'], index: number): Annotation {
  return {
    severity,
    id: `${severity}-${index}`,
    title: `${severity}-${index}: title`,
    message: 'm'
  }
}

describe('limitAnnotations', () => {
  const errors = Array.from({ length: 15 }, (_, index) => annotation('error', index))
  const warnings = Array.from({ length: 12 }, (_, index) => annotation('warning', index))

  test("a failing step keeps one error for setFailed's; the last slot counts the rest", () => {
    const shown = limitAnnotations([...errors, ...warnings], {
      failed: true,
      where: 'the job summary'
    })
    const shownErrors = shown.filter(item => item.severity === 'error')
    expect(shownErrors).toHaveLength(ANNOTATIONS_PER_STEP - 1)
    expect(shownErrors.slice(0, 8)).toEqual(errors.slice(0, 8))
    expect(shownErrors[8]?.title).toBe('aws-credentials-doctor: 7 more errors')
    expect(shownErrors[8]?.message).toBe(
      'GitHub shows 10 errors per step: 7 more are listed in the job summary: error-8, error-9, error-10, error-11, error-12, error-13, error-14.'
    )
    const shownWarnings = shown.filter(item => item.severity === 'warning')
    expect(shownWarnings).toHaveLength(ANNOTATIONS_PER_STEP)
    expect(shownWarnings[9]?.title).toBe('aws-credentials-doctor: 3 more warnings')
  })

  test('a step that passes has all ten; exactly ten need no count', () => {
    const shown = limitAnnotations([...errors.slice(0, 10), ...warnings.slice(0, 10)], {
      failed: false,
      where: 'the log'
    })
    expect(shown).toEqual([...errors.slice(0, 10), ...warnings.slice(0, 10)])
    const failing = limitAnnotations(errors.slice(0, 10), { failed: true, where: 'the log' })
    expect(failing.map(item => item.title)).toEqual([
      ...errors.slice(0, 8).map(item => item.title),
      'aws-credentials-doctor: 2 more errors'
    ])
  })

  test("over a real report, in the report's order", () => {
    const extra = Array.from({ length: 12 }, (_, index) =>
      finding('clock-skew', { message: `Skew ${index}.`, remediation: 'Sync the clock.' })
    )
    const report = makeReport({
      env: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET },
      extraFindings: extra
    })
    const all = annotationsOf(report)
    const shown = limitAnnotations(all, { failed: report.failed, where: 'the job summary' })
    const warnings = shown.filter(item => item.severity === 'warning')
    expect(warnings).toHaveLength(10)
    expect(warnings.slice(0, 9)).toEqual(
      all.filter(item => item.severity === 'warning').slice(0, 9)
    )
    expect(warnings[9]?.message).toContain('3 more are listed in the job summary')
  })
})

describe('the summary and the comment within their limits', () => {
  const huge = 'v'.repeat(300000)
  const extra = [
    ...Array.from({ length: 4 }, (_, index) =>
      finding('region-invalid', { message: `Region ${index} \`${huge}\`.`, remediation: 'Fix it.' })
    ),
    ...Array.from({ length: 4 }, (_, index) =>
      finding('clock-skew', { message: `Skew ${index} ${huge}.`, remediation: 'Sync.' })
    )
  ]
  const report = makeReport({
    env: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET },
    extraFindings: extra
  })

  test('without shortened values, warnings are left out before any error', () => {
    const summary = renderSummary(report)
    expect(utf8Bytes(summary)).toBeLessThanOrEqual(SUMMARY_BUDGET.limit)
    expect(summary).toMatch(/sections were left out to stay under GitHub's 1 MiB limit/u)
    const names = summarySections(report).map(item => item.name)
    expect(names).toContain('warning `clock-skew`')
    expect(summary.match(/^> .*$/mu)?.[0]).toContain('warning `clock-skew`')
    expect(summary).toContain('## ❌')
  })

  test('with them shortened, everything fits and nothing is left out', () => {
    const summary = renderSummary(report, { finish: shortenValues })
    expect(summary).not.toContain('left out')
    expect(summary).toContain('…(299,880 more characters)')
    expect(utf8Bytes(summary)).toBeLessThan(200000)
  })

  test('the comment keeps its marker and stays within 65,536 characters', () => {
    const cause = finding('region-invalid', { message: `\`${huge}\``, remediation: huge })
    const failing = makeReport({
      env: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET },
      extraFindings: [cause]
    })
    const body = renderComment(failing)
    expect(body.length).toBeLessThanOrEqual(COMMENT_BUDGET.limit)
    expect(body.startsWith('<!-- aws-credentials-doctor')).toBe(true)
    expect(body).toMatch(/cut short to stay under GitHub's limit of 65,536 characters/u)
  })
})
