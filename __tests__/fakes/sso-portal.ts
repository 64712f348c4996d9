/**
 * A loopback stand-in for the IAM Identity Center portal (`portal.sso.REGION.amazonaws.com`),
 * reached by the JS SDK and the AWS CLI through `AWS_ENDPOINT_URL_SSO` (both honour it: the
 * SSO client's service ID is `SSO`). It answers `GET /federation/credentials?role_name=…&
 * account_id=…` with the `x-amz-sso_bearer_token` header as the portal does:
 *
 * - the success shape is the SSO model's `GetRoleCredentialsResponse` (botocore
 *   data/sso/2019-06-10/service-2.json): `roleCredentials` with `expiration` in milliseconds;
 * - errors are restJson1 errors: the status the model gives (UnauthorizedException 401,
 *   ResourceNotFoundException 404, TooManyRequestsException 429, InvalidRequestException 400
 *   (also for an `account_id` that is not 12 digits); the portal's unmodelled
 *   ForbiddenException 403), an `x-amzn-errortype` header and a JSON body with `message`. The
 *   messages are the portal's as users report them ("Session token not found or invalid",
 *   "No access").
 *
 * Listens on 127.0.0.1 only. Records each request without the token's value.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type PortalMode = 'ok' | '400' | '401' | '403' | '404' | '429'

export interface PortalRequest {
  readonly method: string
  readonly path: string
  readonly roleName: string | null
  readonly accountId: string | null
  /** Whether the header carried exactly the token the portal expects. */
  readonly tokenMatches: boolean
}

export interface FakeSsoPortal {
  /** The value for `AWS_ENDPOINT_URL_SSO`. */
  readonly url: string
  readonly requests: PortalRequest[]
  setMode(mode: PortalMode): void
  stop(): Promise<void>
}

export interface RoleCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string
}

const ERRORS: Readonly<Record<Exclude<PortalMode, 'ok'>, [number, string, string]>> = {
  // The model's InvalidRequestException (400); the message is this fake's own.
  '400': [400, 'InvalidRequestException', 'The request is not valid'],
  '401': [401, 'UnauthorizedException', 'Session token not found or invalid'],
  '403': [403, 'ForbiddenException', 'No access'],
  '404': [404, 'ResourceNotFoundException', 'Could not find the requested resource'],
  '429': [429, 'TooManyRequestsException', 'Rate exceeded']
}

export async function startSsoPortal(
  accessToken: string,
  credentials: RoleCredentials,
  initial: PortalMode = 'ok'
): Promise<FakeSsoPortal> {
  let mode: PortalMode = initial
  const requests: PortalRequest[] = []
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const token = req.headers['x-amz-sso_bearer_token']
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      roleName: url.searchParams.get('role_name'),
      accountId: url.searchParams.get('account_id'),
      tokenMatches: token === accessToken
    })
    req.resume()
    const failure =
      url.pathname !== '/federation/credentials'
        ? ([404, 'ResourceNotFoundException', 'Not found'] as const)
        : token !== accessToken
          ? ERRORS['401']
          : // An account ID that is not 12 digits is a malformed request, whatever the mode.
            !/^\d{12}$/u.test(url.searchParams.get('account_id') ?? '')
            ? ERRORS['400']
            : mode === 'ok'
              ? undefined
              : ERRORS[mode]
    if (failure !== undefined) {
      const [status, type, message] = failure
      res
        .writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type })
        .end(JSON.stringify({ message }))
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        roleCredentials: {
          ...credentials,
          expiration: Date.now() + 3600_000
        }
      })
    )
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setMode: next => {
      mode = next
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
