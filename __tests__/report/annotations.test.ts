import { describe, expect, test } from '@jest/globals'
import { finding } from '../../src/findings.js'
import { annotationsOf } from '../../src/report/annotations.js'
import { KEY_ID, SECRET, WORKFLOW, WORKFLOW_PATH, makeReport } from './fixtures.js'

function lineOf(text: string, fragment: string): number {
  return text.split('\n').findIndex(line => line.includes(fragment)) + 1
}

describe('annotations', () => {
  test('every error and warning, titled with its ID, at the workflow line that set it', () => {
    const report = makeReport({
      env: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: `${SECRET}\n` },
      workflow: WORKFLOW,
      extraFindings: [
        finding('clock-skew', { message: 'The clock is 7 minutes ahead.', remediation: 'Sync it.' })
      ]
    })
    const annotations = annotationsOf(report)
    const important = report.findings.filter(item => item.severity !== 'notice')
    expect(annotations.map(a => a.title.split(':')[0])).toEqual(important.map(item => item.id))
    const invisible = annotations.find(a => a.title.startsWith('invisible-characters:'))
    expect(invisible).toMatchObject({
      severity: 'error',
      file: WORKFLOW_PATH,
      line: lineOf(WORKFLOW, 'PROD_AWS_SECRET')
    })
    expect(invisible?.message).toContain('gh secret set PROD_AWS_SECRET --repo octo-org/octo-repo')
    expect(invisible?.message).toContain('docs/findings/invisible-characters.md')
    expect(invisible?.message).not.toContain('`')
    const skew = annotations.find(a => a.title.startsWith('clock-skew:'))
    expect(skew?.severity).toBe('warning')
    expect(skew?.file).toBeUndefined()
  })

  test('notices are not annotated', () => {
    const report = makeReport({ env: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET } })
    expect(report.findings.map(item => item.id)).toContain('long-term-credentials')
    expect(annotationsOf(report)).toEqual([])
  })

  test('an input passed in with: points at that line', () => {
    const workflow = `${WORKFLOW}          aws-secret-access-key: \${{ secrets.INPUT_SECRET }}\n`
    const report = makeReport({
      env: {
        INPUT_AWS_SECRET_ACCESS_KEY: ` ${SECRET}`,
        'INPUT_AWS-SECRET-ACCESS-KEY': ` ${SECRET}`,
        'INPUT_AWS-ACCESS-KEY-ID': KEY_ID
      },
      workflow
    })
    const annotation = annotationsOf(report).find(a => a.title.startsWith('invisible-characters:'))
    expect(annotation?.line).toBe(lineOf(workflow, 'INPUT_SECRET'))
  })
})
