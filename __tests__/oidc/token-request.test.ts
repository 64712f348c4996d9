import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import net, { type AddressInfo } from 'node:net'
import { Deadline } from '../../src/aws/deadline.js'
import { decodeJwt } from '../../src/jwt.js'
import { requestIdToken, tokenUrl } from '../../src/oidc/token-request.js'
import { startTokenService, type TokenService } from '../fakes/token-service.js'
import { startConnectProxy } from '../e2e/connect-proxy.js'

let service: TokenService

/** A port that was just free: fetch refuses "bad ports" such as 9 before connecting. */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

beforeAll(async () => {
  service = await startTokenService()
})

afterAll(async () => {
  await service.stop()
})

function request(audience = 'sts.amazonaws.com', requestToken?: string) {
  return {
    requestUrl: service.requestUrl,
    requestToken: requestToken ?? service.requestToken,
    audience
  }
}

describe('requesting the OIDC token', () => {
  test('the audience is appended to the URL that already has a query', () => {
    expect(tokenUrl('https://x.example/idtoken?api-version=2.0', 'sts.amazonaws.com')).toBe(
      'https://x.example/idtoken?api-version=2.0&audience=sts.amazonaws.com'
    )
    expect(tokenUrl('https://x.example/idtoken', 'https://github.com/o')).toBe(
      'https://x.example/idtoken?audience=https%3A%2F%2Fgithub.com%2Fo'
    )
  })

  test('returns the token minted for the requested audience', async () => {
    service.setMode('ok')
    const response = await requestIdToken(request('sts.amazonaws.com.cn'), new Deadline(5000))
    expect(response.ok).toBe(true)
    if (!response.ok) return
    expect(decodeJwt(response.token)?.claims.aud).toBe('sts.amazonaws.com.cn')
  })

  test('a wrong request token is refused with 403 and the service message', async () => {
    service.setMode('ok')
    const response = await requestIdToken(request('sts.amazonaws.com', 'wrong'), new Deadline(5000))
    expect(response).toMatchObject({
      ok: false,
      reason: 'http',
      httpStatus: 403,
      detail: 'Unable to authorize the request'
    })
  })

  test('a server error is reported with its status', async () => {
    service.setMode('fail')
    const response = await requestIdToken(request(), new Deadline(5000))
    expect(response).toMatchObject({ ok: false, reason: 'http', httpStatus: 500 })
  })

  test('an answer without value is no-token', async () => {
    service.setMode('no-value')
    const response = await requestIdToken(request(), new Deadline(5000))
    expect(response).toMatchObject({ ok: false, reason: 'no-token' })
  })

  test('a service that never answers ends as a timeout within the deadline', async () => {
    service.setMode('hang')
    const response = await requestIdToken(request(), new Deadline(500))
    expect(response).toMatchObject({ ok: false, reason: 'timeout' })
  })

  test("goes through the proxy the environment names, as the runner's own client does", async () => {
    service.setMode('ok')
    const port = Number(new URL(service.requestUrl).port)
    const proxy = await startConnectProxy({ targetPort: port })
    try {
      // The host is one that only the proxy can reach: it tunnels every CONNECT to the service.
      const url = service.requestUrl.replace('127.0.0.1', 'token.service.invalid')
      const response = await requestIdToken(
        {
          requestUrl: url,
          requestToken: service.requestToken,
          audience: 'sts.amazonaws.com',
          proxy: { url: new URL(proxy.url), display: proxy.url, variable: 'HTTP_PROXY' }
        },
        new Deadline(3000)
      )
      expect(response.ok).toBe(true)
      expect(proxy.requested).toEqual([`token.service.invalid:${port}`])
    } finally {
      await proxy.stop()
    }
  })

  test('a closed port is a network failure naming the error code', async () => {
    const closed = await closedPort()
    const response = await requestIdToken(
      {
        requestUrl: `http://127.0.0.1:${closed}/idtoken?api-version=2.0`,
        requestToken: 't',
        audience: 'a'
      },
      new Deadline(3000)
    )
    expect(response).toMatchObject({ ok: false, reason: 'network', detail: 'ECONNREFUSED' })
  })
})
