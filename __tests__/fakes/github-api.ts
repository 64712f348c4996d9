/**
 * A loopback fake of the GitHub endpoints the sticky PR comment uses: who the token is
 * (`GET /user`, GraphQL `viewer`), then list (paginated, with a `Link` header), create and
 * update issue comments. It checks the token, and can refuse everything the way GitHub
 * refuses a read-only token. Like GitHub, it refuses `GET /user` to an installation token
 * (the job's `GITHUB_TOKEN`, a GitHub App's) with "Resource not accessible by integration",
 * while GraphQL's `viewer` names the app's bot.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeComment {
  id: number
  body: string
  user: { login: string }
}

export interface FakeGitHubApi {
  readonly url: string
  /** The comments of one issue or pull request, oldest first. */
  comments(repository: string, issue: number): FakeComment[]
  /** Adds a comment as someone else would have written it. */
  addComment(repository: string, issue: number, body: string, login?: string): FakeComment
  /** `forbidden`: every call answers 403 like a token without `pull-requests: write`. */
  setMode(mode: 'ok' | 'forbidden'): void
  /** Whom the token belongs to; comments it creates are written as this login. */
  setIdentity(identity: FakeIdentity): void
  /** The paths of the requests received, in order (`GET /user`, `POST /graphql`). */
  readonly requests: readonly string[]
  stop(): Promise<void>
}

export interface FakeIdentity {
  readonly login: string
  /** `installation`: `GET /user` is refused, as GitHub refuses it to an installation token. */
  readonly kind: 'installation' | 'user'
}

/** The job's own `GITHUB_TOKEN`: an installation token of the GitHub Actions app. */
export const JOB_TOKEN_IDENTITY: FakeIdentity = {
  login: 'github-actions[bot]',
  kind: 'installation'
}

export interface FakeGitHubOptions {
  /** The token GitHub accepts (`Authorization: token …` or `Bearer …`). */
  readonly token: string
  /** Page size the fake uses whatever `per_page` asks, to exercise pagination. */
  readonly pageSize?: number
}

function json(response: http.ServerResponse, status: number, body: unknown, headers = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  response.end(JSON.stringify(body))
}

async function readBody(request: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (text === '') return {}
  const parsed: unknown = JSON.parse(text)
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
}

export async function startGitHubApi(options: FakeGitHubOptions): Promise<FakeGitHubApi> {
  const issues = new Map<string, FakeComment[]>()
  let nextId = 1000
  let mode: 'ok' | 'forbidden' = 'ok'
  let identity = JOB_TOKEN_IDENTITY
  const requests: string[] = []
  const pageSize = options.pageSize ?? 30

  const listOf = (repository: string, issue: number): FakeComment[] => {
    const key = `${repository}#${issue}`
    let list = issues.get(key)
    if (list === undefined) {
      list = []
      issues.set(key, list)
    }
    return list
  }

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      requests.push(`${request.method ?? 'GET'} ${url.pathname}`)
      const auth = request.headers.authorization ?? ''
      if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}`) {
        json(response, 401, { message: 'Bad credentials' })
        return
      }
      if (mode === 'forbidden') {
        json(response, 403, { message: 'Resource not accessible by integration' })
        return
      }
      if (url.pathname === '/user' && request.method === 'GET') {
        if (identity.kind === 'installation')
          json(response, 403, { message: 'Resource not accessible by integration' })
        else json(response, 200, { login: identity.login, type: 'User' })
        return
      }
      if (url.pathname === '/graphql' && request.method === 'POST') {
        const query = String((await readBody(request)).query ?? '')
        if (query.includes('viewer'))
          json(response, 200, { data: { viewer: { login: identity.login } } })
        else json(response, 200, { errors: [{ message: 'unsupported query' }] })
        return
      }
      const list = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/u.exec(url.pathname)
      const one = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/u.exec(url.pathname)
      if (list?.[1] !== undefined && list[2] !== undefined) {
        const comments = listOf(list[1], Number(list[2]))
        if (request.method === 'GET') {
          const page = Number(url.searchParams.get('page') ?? '1')
          const slice = comments.slice((page - 1) * pageSize, page * pageSize)
          const more = page * pageSize < comments.length
          const next = new URL(url.toString())
          next.searchParams.set('page', String(page + 1))
          const host = `http://${request.headers.host ?? '127.0.0.1'}`
          json(
            response,
            200,
            slice,
            more ? { link: `<${host}${next.pathname}${next.search}>; rel="next"` } : {}
          )
          return
        }
        if (request.method === 'POST') {
          const body = await readBody(request)
          const comment = {
            id: nextId++,
            body: String(body.body ?? ''),
            user: { login: identity.login }
          }
          comments.push(comment)
          json(response, 201, comment)
          return
        }
      }
      if (one?.[1] !== undefined && one[2] !== undefined && request.method === 'PATCH') {
        const id = Number(one[2])
        const comment = [...issues.values()].flat().find(candidate => candidate.id === id)
        if (comment === undefined) {
          json(response, 404, { message: 'Not Found' })
          return
        }
        comment.body = String((await readBody(request)).body ?? '')
        json(response, 200, comment)
        return
      }
      json(response, 404, { message: 'Not Found' })
    })().catch((error: unknown) => {
      json(response, 500, { message: String(error) })
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    comments: (repository, issue) => listOf(repository, issue).map(comment => ({ ...comment })),
    addComment: (repository, issue, body, login = 'octocat') => {
      const comment = { id: nextId++, body, user: { login } }
      listOf(repository, issue).push(comment)
      return { ...comment }
    },
    setMode: next => {
      mode = next
    },
    setIdentity: next => {
      identity = next
    },
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close(error => (error === undefined ? resolve() : reject(error)))
      })
  }
}
