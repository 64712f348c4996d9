/**
 * A loopback fake of the runner's OIDC token service (`ACTIONS_ID_TOKEN_REQUEST_URL`): it checks
 * the bearer request token, and answers `{"value": "<JWT>"}` with a GitHub-shaped token whose
 * claims the test chooses and whose `aud` is the audience asked for. The JWT is well-formed but
 * unsigned (random signature bytes): the action only reads claims, and the emulator does not
 * verify signatures. It can also refuse (403), fail (500), answer without a token, or hang.
 */
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { makeWebIdentityToken } from '../emulator/oidc.js'

export type TokenServiceMode = 'ok' | 'refuse' | 'fail' | 'hang' | 'no-value'

export interface TokenRequestRecord {
  readonly audience: string | undefined
  readonly authorized: boolean
}

export interface TokenService {
  /** The value for `ACTIONS_ID_TOKEN_REQUEST_URL` (already carries `?api-version=2.0`). */
  readonly requestUrl: string
  /** The value for `ACTIONS_ID_TOKEN_REQUEST_TOKEN`. */
  readonly requestToken: string
  /** Environment variables that give a job `id-token: write`. */
  env(): Record<string, string>
  /** Claims of the next tokens (merged over GitHub-shaped defaults; `undefined` drops one). */
  setClaims(claims: Record<string, unknown>, lifetimeSeconds?: number, issuedAt?: number): void
  setMode(mode: TokenServiceMode): void
  /** Every token handed out, for leak checks. */
  readonly issued: readonly string[]
  readonly requests: readonly TokenRequestRecord[]
  stop(): Promise<void>
}

export async function startTokenService(): Promise<TokenService> {
  // Random only: a readable prefix would make its 8-character fragments (masked as a secret's)
  // collide with ordinary words such as finding IDs.
  const requestToken = randomBytes(32).toString('base64url')
  const issued: string[] = []
  const requests: TokenRequestRecord[] = []
  const sockets = new Set<Socket>()
  let mode: TokenServiceMode = 'ok'
  let claims: Record<string, unknown> = {}
  let lifetimeSeconds: number | undefined
  let issuedAt: number | undefined

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const authorized = request.headers.authorization === `Bearer ${requestToken}`
    const audience = url.searchParams.get('audience') ?? undefined
    requests.push({ audience, authorized })
    if (mode === 'hang') return
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    if (!authorized || mode === 'refuse') {
      reply(403, { message: 'Unable to authorize the request' })
      return
    }
    if (mode === 'fail') {
      reply(500, { message: 'Internal server error' })
      return
    }
    if (mode === 'no-value') {
      reply(200, { count: 0 })
      return
    }
    const token = makeWebIdentityToken(
      { ...(audience === undefined ? {} : { aud: audience }), ...claims },
      {
        ...(lifetimeSeconds === undefined ? {} : { lifetimeSeconds }),
        ...(issuedAt === undefined ? {} : { nowSeconds: issuedAt })
      }
    )
    issued.push(token)
    reply(200, { value: token })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const requestUrl = `http://127.0.0.1:${port}/_apis/distributedtask/idtoken?api-version=2.0`
  return {
    requestUrl,
    requestToken,
    env: () => ({
      ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken
    }),
    setClaims(next, lifetime, at) {
      claims = next
      lifetimeSeconds = lifetime
      issuedAt = at
    },
    setMode(next) {
      mode = next
    },
    issued,
    requests,
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}
