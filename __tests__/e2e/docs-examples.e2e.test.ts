/**
 * The examples of the finding pages that need AWS's answers run here, end to end: the bundled
 * action against a fresh STS/IAM emulator per page. A page declares the state of AWS it assumes
 * in a `json emulator` block (calls of the emulator's control API, in order); its `yaml` block is
 * the workflow, whose doctor step's `with:` gives the inputs and whose literal `env:` values
 * the variables; `ini file=~/…` blocks are files under the runner's home. The credentials the emulator issues first stand for the secrets (or for the
 * credentials an earlier configure-aws-credentials step exported). What the page's
 * `**Reported:**` line says (the ID, its severity and title, and every `output=value` it names)
 * must be what the run gives, and no secret may appear in anything it wrote.
 *
 * Offline findings and classified STS answers are run by `__tests__/docs-examples.test.ts`.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { handleControl } from '../emulator/control.js'
import { startEmulator, type EmulatorOptions } from '../emulator/emulator.js'
import { ROOT, cleanUp, expectNoLeak, runAction } from './harness.js'

const DOCS = join(ROOT, 'docs', 'findings')

/** The action's output names, so that a `name=value` span of a page is known to be one. */
const OUTPUTS = new Set(
  [
    ...readFileSync(join(ROOT, 'action.yml'), 'utf8')
      .slice(readFileSync(join(ROOT, 'action.yml'), 'utf8').indexOf('\noutputs:'))
      .matchAll(/^ {2}([a-z0-9-]+):\s*$/gmu)
  ].map(match => match[1] ?? '')
)

/** A call of the emulator's control API: the method, then its arguments. */
type ControlCall = readonly [string, ...unknown[]]

interface Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
}

export interface EmulatedExample {
  /** Options the emulator starts with (`trackLastUsed: false`: IAM has not recorded a use yet). */
  readonly options: EmulatorOptions
  readonly calls: readonly ControlCall[]
  /** Files under the runner's home (`ini file=~/.aws/config` blocks), by relative path. */
  readonly homeFiles: Readonly<Record<string, string>>
  readonly inputs: Readonly<Record<string, string>>
  readonly env: Readonly<Record<string, string>>
}

interface PageClaim {
  readonly id: string
  readonly severity: string
  readonly title: string | undefined
  readonly outputs: Readonly<Record<string, string>>
}

function exampleSection(text: string): string {
  const start = text.indexOf('\n## Example\n')
  if (start < 0) return ''
  const next = text.indexOf('\n## ', start + 12)
  return text.slice(start, next < 0 ? undefined : next)
}

function blocks(section: string): { info: string; content: string }[] {
  return [...section.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gmu)].map(match => ({
    info: (match[1] ?? '').trim(),
    content: match[2] ?? ''
  }))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Literal values only: `${{ … }}` expressions are the secrets the emulator stands in for. */
function literals(map: unknown): Record<string, string> {
  if (!isRecord(map)) return {}
  return Object.fromEntries(
    Object.entries(map)
      .filter(([, value]) => value !== null && !String(value).includes('${{'))
      .map(([name, value]) => [name, String(value)])
  )
}

/** The workflow's variables (workflow, job, step) and the doctor step's inputs. */
function workflowParts(yamlText: string): {
  env: Record<string, string>
  inputs: Record<string, string>
} {
  const workflow: unknown = parse(yamlText)
  const env: Record<string, string> = {}
  let inputs: Record<string, string> = {}
  if (!isRecord(workflow)) return { env, inputs }
  Object.assign(env, literals(workflow.env))
  for (const job of Object.values(isRecord(workflow.jobs) ? workflow.jobs : {})) {
    if (!isRecord(job)) continue
    Object.assign(env, literals(job.env))
    for (const step of Array.isArray(job.steps) ? (job.steps as unknown[]) : []) {
      if (!isRecord(step) || !String(step.uses ?? '').includes('aws-credentials-doctor')) continue
      Object.assign(env, literals(step.env))
      inputs = literals(step.with)
    }
  }
  return { env, inputs }
}

/** The page's example as a run: undefined when the page declares no emulator state. */
export function emulatedExample(text: string): EmulatedExample | undefined {
  const found = blocks(exampleSection(text))
  const state = found.find(block => block.info === 'json emulator')
  if (state === undefined) return undefined
  // The block is the list of calls, or `{ "options": {…}, "calls": […] }`.
  const declared = JSON.parse(state.content) as
    ControlCall[] | { options: EmulatorOptions; calls: ControlCall[] }
  const { options, calls } = Array.isArray(declared) ? { options: {}, calls: declared } : declared
  const homeFiles = Object.fromEntries(
    found.flatMap(block => {
      const path = /\bfile=~\/(\S+)/u.exec(block.info)?.[1]
      return path === undefined ? [] : [[path, block.content]]
    })
  )
  const workflow = found.find(block => block.info === 'yaml')
  return {
    options,
    calls,
    homeFiles,
    ...(workflow === undefined ? { env: {}, inputs: {} } : workflowParts(workflow.content))
  }
}

/** The Reported line: ID, severity, the title it quotes, and the outputs it names. */
export function pageClaim(text: string): PageClaim | undefined {
  const line = text.split('\n').find(item => item.startsWith('**Reported:**'))
  const head =
    line === undefined ? null : /^\*\*Reported:\*\* `([a-z0-9-]+)` \(([a-z]+)\)/u.exec(line)
  if (line === undefined || head === null) return undefined
  const titled = /titled (`+) ?(.+?) ?\1(?!`)/u.exec(line)
  // The first value named for an output is the example's; a later one describes a variant
  // ("at 20 minutes it would be `status=fail`").
  const outputs: Record<string, string> = {}
  for (const [, name = '', value = ''] of line.matchAll(/`([a-z0-9-]+)=([^`]*)`/gu))
    if (OUTPUTS.has(name) && !(name in outputs)) outputs[name] = value
  return { id: head[1] ?? '', severity: head[2] ?? '', title: titled?.[2], outputs }
}

function isCredentials(value: unknown): value is Credentials {
  return (
    isRecord(value) &&
    typeof value.accessKeyId === 'string' &&
    typeof value.secretAccessKey === 'string'
  )
}

/** `$KEY` in an argument is the access key ID of the credentials issued first. */
function withKey(value: unknown, key: string | undefined): unknown {
  if (value === '$KEY' && key !== undefined) return key
  if (Array.isArray(value)) return value.map(item => withKey(item, key))
  return value
}

const pages = readdirSync(DOCS)
  .filter(name => name.endsWith('.md') && name !== 'README.md')
  .map(name => ({ id: name.slice(0, -'.md'.length), text: readFileSync(join(DOCS, name), 'utf8') }))
  .filter(page => emulatedExample(page.text) !== undefined)

afterAll(() => cleanUp())

describe('the example of a finding about what AWS answered', () => {
  test('pages declare the emulator state they assume', () => {
    expect(pages.map(page => page.id)).toEqual(
      expect.arrayContaining(['access-key-inactive', 'root-credentials', 'settings-invalid'])
    )
  })

  test.each(pages)('$id: the bundled action reports what the page says', async ({ id, text }) => {
    const example = emulatedExample(text)
    const claim = pageClaim(text)
    if (example === undefined || claim === undefined) throw new Error(`${id}: no example`)
    expect(claim.id).toBe(id)
    const emulator = await startEmulator(example.options)
    try {
      let credentials: Credentials | undefined
      for (const [method, ...args] of example.calls) {
        const body = Buffer.from(JSON.stringify(withKey(args, credentials?.accessKeyId)))
        const reply = await handleControl(emulator, 'POST', `/__emulator/${method}`, body)
        expect({ method, status: reply.status }).toEqual({ method, status: 200 })
        if (credentials === undefined && isCredentials(reply.json)) credentials = reply.json
      }
      const result = await runAction({
        endpoint: emulator.url,
        inputs: example.inputs,
        homeFiles: example.homeFiles,
        env: {
          AWS_REGION: 'us-east-1',
          ...(credentials === undefined
            ? {}
            : {
                AWS_ACCESS_KEY_ID: credentials.accessKeyId,
                AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
                ...(credentials.sessionToken === undefined
                  ? {}
                  : { AWS_SESSION_TOKEN: credentials.sessionToken })
              }),
          ...example.env
        }
      })
      const own = result.findings.filter(item => item.id === id)
      expect({ id, ids: result.ids }).toEqual({ id, ids: expect.arrayContaining([id]) })
      expect(own.map(item => item.severity)).toContain(claim.severity)
      if (claim.title !== undefined) expect(own.map(item => item.title)).toContain(claim.title)
      for (const [name, value] of Object.entries(claim.outputs))
        expect({ name, value: result.outputs[name] }).toEqual({ name, value })
      expectNoLeak(result, [credentials?.secretAccessKey, credentials?.sessionToken])
    } finally {
      await emulator.stop()
    }
  })
})
