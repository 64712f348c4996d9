/**
 * A loopback pass-through in front of the emulator that keeps every response body, so a test
 * can learn the temporary credentials AssumeRoleWithWebIdentity handed out and prove they never
 * leak. Requests are forwarded unchanged (Host header included, so SigV4 signatures still
 * verify). The emulator itself never exposes issued secrets, by design.
 */
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface RecordingProxy {
  readonly url: string
  /** Secret values (SecretAccessKey, SessionToken) seen in responses so far. */
  secrets(): string[]
  stop(): Promise<void>
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target)
  const bodies: string[] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((request, response) => {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers
      },
      answer => {
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.on('end', () => {
          const body = Buffer.concat(chunks)
          bodies.push(body.toString('utf8'))
          response.writeHead(answer.statusCode ?? 502, answer.headers)
          response.end(body)
        })
      }
    )
    forward.on('error', () => {
      response.destroy()
    })
    request.pipe(forward)
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    secrets: () =>
      bodies.flatMap(body =>
        [...body.matchAll(/<(SecretAccessKey|SessionToken)>([^<]+)</gu)].map(
          match => match[2] ?? ''
        )
      ),
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}
