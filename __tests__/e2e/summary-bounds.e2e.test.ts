/**
 * The summary stays short where a person reads it first: over the representative runs (the
 * same ones the README's screenshots show), the verdict block holds the cause, the one fix and
 * whether a re-run helps, within bounds; no fix step or command is said twice.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { cleanUp, expectNoLeak } from './harness.js'
import {
  REPRESENTATIVE_RUNS,
  startRepresentativeContext,
  type RepresentativeContext
} from './representative-runs.js'

/** The first screen: what a reader sees before scrolling. */
const FIRST_SCREEN = 2048
const VERDICT_LIMIT = 1200

let context: RepresentativeContext

beforeAll(async () => {
  context = await startRepresentativeContext()
})

afterAll(async () => {
  await context.stop()
  cleanUp()
})

/** Everything before the identity table: heading, cause, fix, re-run. */
function verdictBlock(summary: string): string {
  const end = summary.indexOf('| Identity |')
  return end === -1 ? summary : summary.slice(0, end)
}

/** The contents of every fenced block of the main text (outside collapsed `<details>`). */
function commands(summary: string): string[] {
  const main = summary.replace(/<details>[\s\S]*?<\/details>/gu, '')
  return [...main.matchAll(/^ *```[a-z]*\n([\s\S]*?)^ *```/gmu)].map(match =>
    (match[1] ?? '')
      .split('\n')
      .map(line => line.trim())
      .join('\n')
      .trim()
  )
}

/** Numbered fix steps of the main text. */
function steps(summary: string): string[] {
  const main = summary.replace(/<details>[\s\S]*?<\/details>/gu, '')
  return [...main.matchAll(/^\d+\. (.+)$/gmu)].map(match => match[1] ?? '')
}

/**
 * The names (code spans and URLs) each section of the main text repeats. A section runs from
 * one heading, verdict line (`**Fix:**`, `**Re-run:**`) or the identity table to the next; its
 * heading, fenced commands, table rows and collapsed blocks are not counted.
 */
function repeatedNames(summary: string): string[] {
  const main = summary
    .replace(/<details>[\s\S]*?<\/details>/gu, '')
    .replace(/^ *```[a-z]*\n[\s\S]*?^ *```/gmu, '')
    // A table row names its subject in its first cell: rows are records, not prose.
    .replace(/^\|.*\|$/gmu, '')
  return main
    .split(/^#{2,4} .*$|^(?=\| Identity \||\*\*Fix:\*\*|\*\*Re-run:\*\*)/mu)
    .flatMap(section => {
      const spans = [...section.matchAll(/`([^`\n]+)`/gu)].map(match => match[1] ?? '')
      const urls = [...section.replace(/`[^`\n]+`/gu, '').matchAll(/https?:\/\/[^\s`)]+/gu)]
      // Names: variables, secrets, paths, ARNs, URLs; not short words such as a claim key (`sub`).
      const names = [...spans, ...urls.map(match => match[0])].filter(name => name.length >= 6)
      return [...new Set(duplicates(names))]
    })
}

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => value !== '' && values.indexOf(value) !== index)
}

describe('the summary of each representative run', () => {
  test.each(REPRESENTATIVE_RUNS.map(run => [run.name, run] as const))(
    '%s: cause, fix and re-run on the first screen, each said once',
    async (_, representative) => {
      const { result, secrets } = await representative.run(context)
      expect(result.outputs.status).toBe(representative.status)
      expect(result.outputs.cause).toBe(representative.cause)
      expect(result.outputs.retryable).toBe(representative.retryable)
      const verdict = verdictBlock(result.summary)
      expect(verdict.length).toBeLessThan(VERDICT_LIMIT)
      const first = result.summary.slice(0, FIRST_SCREEN)
      if (representative.status === 'pass') {
        expect(first).toMatch(/^## ✅ AWS credentials work/u)
        expect(first).not.toContain('**Re-run:**')
      } else {
        expect(first).toContain(`**Cause:** \`${representative.cause}\``)
        expect(first).toContain('**Fix:**')
        expect(verdict).toMatch(
          representative.retryable === 'true'
            ? /\*\*Re-run:\*\* Re-running is safe and may succeed/u
            : /\*\*Re-run:\*\* Re-running will not help: .+ must change first\./u
        )
      }
      if (representative.name === 'oidc-refused') {
        // The claims a policy conditions on in the main text, the others one click away; the
        // reasons this token rules out collapsed too.
        const main = result.summary.replace(/<details>[\s\S]*?<\/details>/gu, '')
        expect(main).toContain('| `sub` | `repo:octo-org/octo-repo:ref:refs/heads/feature/login` |')
        expect(main).not.toContain('| `job_workflow_ref` |')
        expect(result.summary).toContain('| `job_workflow_ref` |')
        expect(main).toContain('**Another branch or tag.**')
        expect(main).not.toContain('**An environment replaces the branch.**')
        expect(result.summary).toContain('**An environment replaces the branch.**')
      }
      expect(duplicates(commands(result.summary))).toEqual([])
      expect(duplicates(steps(result.summary))).toEqual([])
      expect(repeatedNames(result.summary)).toEqual([])
      expectNoLeak(result, secrets)
    }
  )
})
