/**
 * The examples of the finding pages that need AWS's answers run here, end to end: the bundled
 * action against a fresh STS/IAM emulator per page. A page declares the state of AWS it assumes
 * in a `json emulator` block (calls of the emulator's control API, in order); its `yaml` block is
 * the workflow, whose doctor step's `with:` gives the inputs and whose literal `env:` values
 * the variables; `ini file=~/…` blocks are files under the runner's home; a `json token-service`
 * block starts the runner's OIDC token service (which is what `id-token: write` gives a job). The
 * credentials the emulator issues first stand for the secrets (or for the credentials an earlier
 * configure-aws-credentials step exported). What the page's
 * `**Reported:**` line says (the ID, its severity and title, and every `output=value` it names)
 * must be what the run gives, and no secret may appear in anything it wrote.
 *
 * Offline findings and classified STS answers are run by `__tests__/docs-examples.test.ts`.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { handleControl } from '../emulator/control.js'
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/emulator.js'
import { startContainerEndpoint, type ContainerMode } from '../fakes/container-endpoint.js'
import { startImds, type ImdsMode } from '../fakes/imds.js'
import { startSsoPortal, type PortalMode } from '../fakes/sso-portal.js'
import { startTokenService, type TokenServiceMode } from '../fakes/token-service.js'
import { ROOT, cleanUp, expectNoLeak, runAction, type RunResult } from './harness.js'

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

/** The runner's OIDC token service, as a page declares it. */
interface TokenServiceState {
  /** `unreachable`: the service's address is given to the job, but nothing listens there. */
  readonly mode?: TokenServiceMode | 'unreachable'
  /** Claims over GitHub-shaped defaults (`repo:octo-org/octo-repo:ref:refs/heads/main`). */
  readonly claims?: Record<string, unknown>
  readonly lifetimeSeconds?: number
  /** The token was issued this long before the run: a stalled runner. */
  readonly issuedSecondsAgo?: number
}

export interface EmulatedExample {
  /** Options the emulator starts with (`trackLastUsed: false`: IAM has not recorded a use yet). */
  readonly options: EmulatorOptions
  readonly calls: readonly ControlCall[]
  /** Files under the runner's home (`ini file=~/.aws/config` blocks), by relative path. */
  readonly homeFiles: Readonly<Record<string, string>>
  /** Files outside the home (`text file=/var/run/…`): written elsewhere, the variables naming them rewritten. */
  readonly absoluteFiles: Readonly<Record<string, string>>
  readonly tokenService: TokenServiceState | undefined
  /** An instance metadata server (`json imds`) that serves the credentials issued first. */
  readonly imds: { readonly mode: ImdsMode } | undefined
  /**
   * A container credentials endpoint (`json container-endpoint`) that serves the credentials
   * issued first, checking the `Authorization` value `token` where given. The test points
   * `AWS_CONTAINER_CREDENTIALS_FULL_URI` at it: the page's address is not on loopback.
   */
  readonly container: { readonly mode: ContainerMode; readonly token?: string } | undefined
  /**
   * The IAM Identity Center portal (`json sso-portal`), answering in `mode` with the credentials
   * issued first. The test gives the SSO profile of the page's `~/.aws/config` a valid cached
   * login (a cache file only a sign-in writes, with a fresh expiry) and points
   * `AWS_ENDPOINT_URL_SSO` at the portal.
   */
  readonly ssoPortal: { readonly mode: PortalMode } | undefined
  /** The workflow file, written to the checkout as `.github/workflows/ci.yml`. */
  readonly workflow: string | undefined
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
    // What the runner sets from the labels it was picked by.
    env.RUNNER_ENVIRONMENT = JSON.stringify(job['runs-on'] ?? '').includes('self-hosted')
      ? 'self-hosted'
      : 'github-hosted'
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
  const files = (absolute: boolean): Record<string, string> =>
    Object.fromEntries(
      found.flatMap(block => {
        const path = /\bfile=(\S+)/u.exec(block.info)?.[1]
        if (path === undefined || path.startsWith('/') !== absolute) return []
        // `newline=no`: the file has no final line break (a token file written by a program).
        const content = /\bnewline=no\b/u.test(block.info)
          ? block.content.replace(/\n$/u, '')
          : block.content
        return [[absolute ? path : path.replace(/^~\//u, ''), content]]
      })
    )
  const json = <T>(info: string): T | undefined => {
    const block = found.find(item => item.info === info)
    return block === undefined ? undefined : (JSON.parse(block.content) as T)
  }
  const workflow = found.find(block => block.info === 'yaml')?.content
  return {
    options,
    calls,
    homeFiles: files(false),
    absoluteFiles: files(true),
    tokenService: json<TokenServiceState>('json token-service'),
    imds: json<{ mode: ImdsMode }>('json imds'),
    container: json<{ mode: ContainerMode; token?: string }>('json container-endpoint'),
    ssoPortal: json<{ mode: PortalMode }>('json sso-portal'),
    workflow,
    ...(workflow === undefined ? { env: {}, inputs: {} } : workflowParts(workflow))
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

/** Gives the emulator the page's state; the credentials it issued first, if any. */
async function applyCalls(
  emulator: Emulator,
  calls: readonly ControlCall[]
): Promise<Credentials | undefined> {
  let credentials: Credentials | undefined
  for (const [method, ...args] of calls) {
    const body = Buffer.from(JSON.stringify(withKey(args, credentials?.accessKeyId)))
    const reply = await handleControl(emulator, 'POST', `/__emulator/${method}`, body)
    expect({ method, status: reply.status }).toEqual({ method, status: 200 })
    if (credentials === undefined && isCredentials(reply.json)) credentials = reply.json
  }
  return credentials
}

function credentialVariables(credentials: Credentials | undefined): Record<string, string> {
  if (credentials === undefined) return {}
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined
      ? {}
      : { AWS_SESSION_TOKEN: credentials.sessionToken })
  }
}

/** A fake the run talks to: the variables that point the job at it, and what it must not leak. */
interface Started {
  readonly env: Readonly<Record<string, string>>
  /** Files the fake needs under the runner's home (a cached login), by relative path. */
  readonly files?: Readonly<Record<string, string>>
  readonly secrets: readonly string[]
  stop(): Promise<void>
}

const NOTHING: Started = { env: {}, secrets: [], stop: async () => undefined }

async function startTokens(state: TokenServiceState | undefined, now: number): Promise<Started> {
  if (state === undefined) return NOTHING
  const tokens = await startTokenService()
  const env = tokens.env()
  tokens.setClaims(
    state.claims ?? {},
    state.lifetimeSeconds,
    state.issuedSecondsAgo === undefined
      ? undefined
      : Math.floor(now / 1000) - state.issuedSecondsAgo
  )
  if (state.mode === 'unreachable') {
    await tokens.stop()
    return { env, secrets: [tokens.requestToken], stop: async () => undefined }
  }
  tokens.setMode(state.mode ?? 'ok')
  return {
    env,
    get secrets() {
      return [tokens.requestToken, ...tokens.issued]
    },
    stop: () => tokens.stop()
  }
}

/** The endpoint that hands out the credentials issued first, where the page has one. */
async function startProvider(
  example: EmulatedExample,
  credentials: Credentials | undefined
): Promise<Started | undefined> {
  const served = { sessionToken: '', ...credentials } as Required<Credentials>
  if (example.imds !== undefined) {
    const imds = await startImds(example.imds.mode, served)
    const env = { AWS_EC2_METADATA_DISABLED: 'false', AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url }
    return { env, secrets: [], stop: () => imds.stop() }
  }
  if (example.container !== undefined) {
    const fake = await startContainerEndpoint(
      example.container.mode,
      served,
      example.container.token
    )
    return {
      env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: fake.url },
      secrets: [],
      stop: () => fake.stop()
    }
  }
  if (example.ssoPortal !== undefined) return startPortal(example, served)
  return undefined
}

/**
 * The portal, and the cached login the JS SDK sends it: the cache file is named by the SHA-1 of
 * the profile's `sso_session` name, or of its `sso_start_url` for a legacy profile
 * (`getSSOTokenFilepath` in @aws-sdk/shared-ini-file-loader).
 */
async function startPortal(
  example: EmulatedExample,
  served: Required<Credentials>
): Promise<Started> {
  const config = example.homeFiles['.aws/config'] ?? ''
  const setting = (name: string): string | undefined =>
    new RegExp(`^${name}\\s*=\\s*(\\S+)`, 'mu').exec(config)?.[1]
  const startUrl = setting('sso_start_url') ?? ''
  const key = setting('sso_session') ?? startUrl
  const accessToken = `aoa${randomBytes(24).toString('hex')}`
  const portal = await startSsoPortal(accessToken, served, example.ssoPortal?.mode)
  const login = JSON.stringify({
    startUrl,
    region: setting('sso_region') ?? 'us-east-1',
    accessToken,
    expiresAt: new Date(Date.now() + 3600_000).toISOString()
  })
  const cacheFile = `.aws/sso/cache/${createHash('sha1').update(key).digest('hex')}.json`
  return {
    env: { AWS_ENDPOINT_URL_SSO: portal.url },
    files: { [cacheFile]: login },
    secrets: [accessToken],
    stop: () => portal.stop()
  }
}

/** Files the page puts outside the home, written under `root`; variables naming them follow. */
function placeFiles(example: EmulatedExample, root: string): Record<string, string> {
  const moved: Record<string, string> = {}
  for (const [path, content] of Object.entries(example.absoluteFiles)) {
    const target = join(root, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
    moved[path] = target
  }
  return Object.fromEntries(
    Object.entries(example.env).map(([name, value]) => [name, moved[value] ?? value])
  )
}

/** The page's example, run: what it gave, and every secret the run could have seen. */
async function runExample(
  example: EmulatedExample
): Promise<{ result: RunResult; secrets: (string | undefined)[] }> {
  const emulator = await startEmulator(example.options)
  const root = mkdtempSync(join(tmpdir(), 'acd-docs-'))
  const started: Started[] = []
  try {
    const credentials = await applyCalls(emulator, example.calls)
    started.push(await startTokens(example.tokenService, emulator.now()))
    const provider = await startProvider(example, credentials)
    if (provider !== undefined) started.push(provider)
    const result = await runAction({
      endpoint: emulator.url,
      inputs: example.inputs,
      homeFiles: Object.assign({}, example.homeFiles, ...started.map(item => item.files ?? {})),
      ...(example.workflow === undefined
        ? {}
        : { workspaceFiles: { '.github/workflows/ci.yml': example.workflow } }),
      env: {
        AWS_REGION: 'us-east-1',
        // The credentials stand for the secrets, unless an endpoint hands them out.
        ...(provider === undefined ? credentialVariables(credentials) : {}),
        ...placeFiles(example, root),
        ...Object.assign({}, ...started.map(item => item.env))
      }
    })
    const secrets = [
      credentials?.secretAccessKey,
      credentials?.sessionToken,
      ...emulator
        .issuedSessions()
        .flatMap(session => [session.secretAccessKey, session.sessionToken]),
      ...started.flatMap(item => item.secrets)
    ]
    return { result, secrets }
  } finally {
    for (const item of started) await item.stop()
    await emulator.stop()
    rmSync(root, { recursive: true, force: true })
  }
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
    const { result, secrets } = await runExample(example)
    const own = result.findings.filter(item => item.id === id)
    expect({ id, ids: result.ids }).toEqual({ id, ids: expect.arrayContaining([id]) })
    expect(own.map(item => item.severity)).toContain(claim.severity)
    if (claim.title !== undefined) expect(own.map(item => item.title)).toContain(claim.title)
    for (const [name, value] of Object.entries(claim.outputs))
      expect({ name, value: result.outputs[name] }).toEqual({ name, value })
    expectNoLeak(result, secrets)
  })
})
