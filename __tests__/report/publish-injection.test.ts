/**
 * The real publisher, with the real `@actions/core` writing to a captured stdout: whatever a
 * profile name, a config section name, an OIDC claim, the workflow name, the region or an STS
 * message holds, the runner reads in stdout only the commands the publisher meant, each whole.
 */
import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals'
import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { finding } from '../../src/findings.js'
import { annotationsOf, limitAnnotations } from '../../src/report/annotations.js'
import { Publisher } from '../../src/report/publish.js'
import { runnerCommands, type RunnerCommand } from '../e2e/harness.js'
import { KEY_ID, SECRET, makeReport } from './fixtures.js'
import { HOSTILE } from './hostile.js'

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })), {
    minLength: 1,
    maxLength: 10
  })
  .map(parts => parts.join(''))

let base = ''
const saved = { ...process.env }
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'acd-publish-injection-'))
  // Outputs go to their file, as on a runner: stdout holds only what the publisher writes there.
  process.env.GITHUB_OUTPUT = join(base, 'output')
  process.env.GITHUB_STEP_SUMMARY = join(base, 'summary.md')
  writeFileSync(process.env.GITHUB_OUTPUT, '')
  writeFileSync(process.env.GITHUB_STEP_SUMMARY, '')
})
afterAll(() => {
  process.env = saved
  rmSync(base, { recursive: true, force: true })
})
afterEach(() => {
  jest.restoreAllMocks()
  // core.setFailed sets it for the test process.
  process.exitCode = undefined
})

/** The title property of a command `@actions/core` wrote, decoded as the runner decodes it. */
function title(command: RunnerCommand): string | undefined {
  const match = /^::[^\s:]+ (.*?)::/su.exec(command.line.replace(/^[\s\u0085]+/u, ''))
  const property = match?.[1]?.split(',').find(part => part.startsWith('title='))
  return property
    ?.slice('title='.length)
    .replace(/%2C/gu, ',')
    .replace(/%3A/gu, ':')
    .replace(/%0D/gu, '\r')
    .replace(/%0A/gu, '\n')
    .replace(/%25/gu, '%')
}

interface Values {
  readonly profile: string
  readonly section: string
  readonly claim: string
  readonly workflow: string
  readonly region: string
  readonly sts: string
}

async function publish(values: Values): Promise<{ stdout: string; expected: string[] }> {
  const written: string[] = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
  const config = '/home/runner/.aws/config'
  const report = makeReport({
    env: {
      HOME: '/home/runner',
      GITHUB_WORKFLOW: values.workflow,
      AWS_PROFILE: values.profile,
      AWS_CONFIG_FILE: config,
      AWS_REGION: values.region,
      AWS_ACCESS_KEY_ID: KEY_ID,
      AWS_SECRET_ACCESS_KEY: SECRET
    },
    files: { [config]: `[profile ${values.section}]\nregion = ${values.region}\n` },
    remote: { oidcSub: values.claim },
    extraFindings: [
      finding('sts-service-error', {
        message: `STS answered: ${values.sts}`,
        remediation: `Claim sub ${values.claim}.`
      })
    ]
  })
  const publisher = new Publisher({ ...process.env })
  publisher.mask(SECRET)
  publisher.info(`Workflow ${values.workflow}, profile ${values.profile}`)
  await publisher.publish(report, { annotate: true, summary: true, failOn: 'error' })
  const expected = limitAnnotations(annotationsOf(report), {
    failed: report.failed,
    where: 'the job summary and the log'
  }).map(item => `${item.severity} ${item.title}`)
  return { stdout: written.join(''), expected }
}

describe('the real publisher over hostile values', () => {
  test('stdout holds only the commands it meant, each whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          profile: hostile,
          section: hostile,
          claim: hostile,
          workflow: hostile,
          region: hostile,
          sts: hostile
        }),
        async values => {
          const { stdout, expected } = await publish(values)
          jest.restoreAllMocks()
          const commands = runnerCommands(stdout)
          expect(commands.filter(command => command.form === 'legacy')).toEqual([])
          const names = new Set(commands.map(command => command.name))
          for (const name of names)
            expect(['add-mask', 'error', 'warning', 'debug']).toContain(name)
          expect(commands.filter(command => command.name === 'add-mask').map(c => c.data)).toEqual([
            SECRET
          ])
          // Each annotation it meant, in its order, then setFailed's error (which has no title).
          const annotations = commands.filter(c => c.name === 'error' || c.name === 'warning')
          const failure = annotations.at(-1)
          expect(failure?.name).toBe('error')
          expect(failure === undefined ? 'none' : title(failure)).toBeUndefined()
          const meant = annotations.slice(0, -1).map(c => `${c.name} ${title(c) ?? ''}`)
          expect(meant).toEqual(expected)
          expect(annotations.filter(c => c.name === 'error').length).toBeLessThanOrEqual(10)
          expect(annotations.filter(c => c.name === 'warning').length).toBeLessThanOrEqual(10)
        }
      ),
      { numRuns: 60 }
    )
  })
})
