/**
 * A loopback stand-in for the EC2 instance metadata service (IMDSv2 token `PUT`, role list,
 * credentials), with the failure modes the doctor must tell apart. Listens on 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type ImdsMode =
  /** IMDSv2: token, role list, credentials. */
  | 'ok'
  /** The token `PUT` is never answered; IMDSv2 is required, so a tokenless `GET` gets 401. */
  | 'hop-limit'
  /** The token `PUT` is never answered; tokenless `GET`s are served (IMDSv1 allowed). */
  | 'hop-limit-v1'
  /** No token support at all (`PUT` answered 405): IMDSv1 only. */
  | 'v1-only'
  /** No instance profile: the role list is 404. */
  | 'no-role'
  /** Credentials whose `Expiration` has passed. */
  | 'expired'
  /** Connections accepted, nothing ever answered: a black hole where no IMDS is. */
  | 'silent'

export interface FakeImds {
  readonly url: string
  /** Every request, as `METHOD path [token]`. */
  readonly requests: string[]
  stop(): Promise<void>
}

const TOKEN = 'fake-imds-token'
const ROLE = 'ci-runner-role'

export async function startImds(
  mode: ImdsMode,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }
): Promise<FakeImds> {
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const token = req.headers['x-aws-ec2-metadata-token']
    requests.push(`${req.method ?? ''} ${req.url ?? ''}${token === undefined ? '' : ' [token]'}`)
    if (mode === 'silent') return // never answered; ended when the server stops
    if (req.method === 'PUT' && req.url === '/latest/api/token') {
      if (mode === 'hop-limit' || mode === 'hop-limit-v1') return // dropped: never answered
      if (mode === 'v1-only') {
        res.writeHead(405).end()
        return
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end(TOKEN)
      return
    }
    const v1Allowed = mode === 'hop-limit-v1' || mode === 'v1-only'
    if (token !== TOKEN && !v1Allowed) {
      res.writeHead(401).end()
      return
    }
    if (req.url === '/latest/meta-data/iam/security-credentials/') {
      if (mode === 'no-role') res.writeHead(404).end()
      else res.writeHead(200).end(ROLE)
      return
    }
    if (req.url === `/latest/meta-data/iam/security-credentials/${ROLE}`) {
      const expiration = new Date(Date.now() + (mode === 'expired' ? -3600_000 : 3600_000))
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          Code: 'Success',
          Type: 'AWS-HMAC',
          AccessKeyId: credentials.accessKeyId,
          SecretAccessKey: credentials.secretAccessKey,
          Token: credentials.sessionToken,
          // IMDS gives whole seconds ("2026-01-01T00:00:00Z"), the form botocore parses.
          Expiration: expiration.toISOString().replace(/\.\d{3}Z$/u, 'Z')
        })
      )
      return
    }
    res.writeHead(404).end()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
