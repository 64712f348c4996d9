/**
 * A minimal HTTP proxy for the end-to-end tests: it answers `CONNECT host:port` by opening a
 * tunnel to one fixed target (the emulator), whatever host was asked for, or refuses with a
 * chosen status. It records which hosts were asked for, never what passed through.
 */
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT`, for `HTTPS_PROXY` / `HTTP_PROXY`. */
  readonly url: string
  /** The `host:port` of every CONNECT request, in order. */
  readonly requested: readonly string[]
  stop(): Promise<void>
}

export interface ConnectProxyOptions {
  /** Where every tunnel leads: the emulator's port on 127.0.0.1. */
  readonly targetPort: number
  /** Refuse every CONNECT with this status instead (407 asks for proxy authentication). */
  readonly refuseWith?: number
}

export async function startConnectProxy(options: ConnectProxyOptions): Promise<ConnectProxy> {
  const requested: string[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((_request, response) => {
    response.writeHead(405).end()
  })
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    requested.push(request.url ?? '')
    if (options.refuseWith !== undefined) {
      client.end(`HTTP/1.1 ${options.refuseWith} Refused\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    const upstream = net.connect(options.targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requested,
    stop: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}
