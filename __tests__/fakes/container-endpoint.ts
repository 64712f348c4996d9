/**
 * A loopback stand-in for the container credentials endpoint (ECS agent, EKS Pod Identity
 * agent), with the failure modes the doctor must tell apart. Listens on 127.0.0.1 only; a hung
 * request is answered by nothing and ended when the server stops.
 */
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type ContainerMode = 'ok' | '403' | '404' | 'bad-json' | 'expired' | 'hang'

export interface FakeContainerEndpoint {
  /** The full URI of the credentials path. */
  readonly url: string
  /** Every request, as `GET path [authorization]` (never the header's value). */
  readonly requests: string[]
  stop(): Promise<void>
}

export const CREDENTIALS_PATH = '/v1/credentials'

export async function startContainerEndpoint(
  mode: ContainerMode,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string },
  /** The `Authorization` value required, where the endpoint checks one (EKS Pod Identity). */
  requiredToken?: string
): Promise<FakeContainerEndpoint> {
  const requests: string[] = []
  const hung: ServerResponse[] = []
  const server: Server = createServer((req, res) => {
    const authorization = req.headers.authorization
    requests.push(
      `${req.method ?? ''} ${req.url ?? ''}${authorization === undefined ? '' : ' [authorization]'}`
    )
    if (mode === 'hang') {
      hung.push(res)
      return
    }
    if (mode === '403' || (requiredToken !== undefined && authorization !== requiredToken)) {
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"Message":"denied"}')
      return
    }
    if (mode === '404' || req.url !== CREDENTIALS_PATH) {
      res.writeHead(404).end()
      return
    }
    if (mode === 'bad-json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"AccessKeyId": 1}')
      return
    }
    const expiration = new Date(Date.now() + (mode === 'expired' ? -3600_000 : 3600_000))
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        Token: credentials.sessionToken,
        Expiration: expiration.toISOString()
      })
    )
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${CREDENTIALS_PATH}`,
    requests,
    stop: () =>
      new Promise<void>(resolve => {
        for (const res of hung) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
