/**
 * `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` for the AWS clients. The SDK's HTTP handler ignores
 * them, so a self-hosted runner behind a proxy would report STS as unreachable when the AWS CLI
 * on the same runner gets through. Requests are tunnelled with `CONNECT`, as curl and the
 * runner's own HTTP client do. The variables come from discovery (`Discovery.network.proxy`).
 */
import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import tls from 'node:tls'
import type { ProxySettings } from '../model.js'

export interface ProxyRoute {
  /** Where the proxy is, for connecting. */
  readonly url: URL
  /** The proxy as it may be shown: scheme, host and port, never a user name or password. */
  readonly display: string
  /** The variable it was read from. */
  readonly variable: string
}

/** Marks errors that happened between the runner and the proxy, for classification. */
export interface ProxyErrorFields {
  /** `connect`: reaching the proxy failed; `tunnel`: the proxy refused to open the tunnel. */
  proxyStage?: 'connect' | 'tunnel'
  /** The HTTP status the proxy answered the `CONNECT` with. */
  proxyStatus?: number
}

function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/gu, '')
  return name === 'localhost' || name.startsWith('127.') || name === '::1'
}

/**
 * `NO_PROXY` as curl reads it: `*`, host names (which also cover their subdomains), `.domain`,
 * optional `:port`. Loopback addresses are never proxied, as in the runner's own HTTP client.
 */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (isLoopback(target.hostname)) return true
  if (noProxy === undefined) return false
  const host = target.hostname.toLowerCase()
  const port = portOf(target)
  return noProxy
    .split(/[,\s]+/u)
    .some(raw => noProxyEntryMatches(raw.trim().toLowerCase(), host, port))
}

function portOf(target: URL): string {
  if (target.port !== '') return target.port
  return target.protocol === 'https:' ? '443' : '80'
}

function noProxyEntryMatches(entry: string, host: string, port: string): boolean {
  if (entry === '') return false
  if (entry === '*') return true
  const [name = '', entryPort] = entry.split(/:(?=\d+$)/u)
  if (entryPort !== undefined && entryPort !== port) return false
  const domain = name.replace(/^\*?\./u, '')
  return host === domain || host.endsWith(`.${domain}`)
}

/** The proxy a request to `target` goes through, or undefined for a direct connection. */
export function proxyFor(target: string, settings: ProxySettings): ProxyRoute | undefined {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    return undefined
  }
  const found = url.protocol === 'https:' ? settings.https : settings.http
  if (found === undefined) return undefined
  if (bypassesProxy(url, settings.noProxy)) return undefined
  const { variable, value } = found
  let proxy: URL
  try {
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//iu.test(value) ? value : `http://${value}`)
  } catch {
    return undefined
  }
  const port = proxy.port === '' ? '' : `:${proxy.port}`
  return { url: proxy, display: `${proxy.protocol}//${proxy.hostname}${port}`, variable }
}

function markProxyError(error: Error, fields: ProxyErrorFields): Error {
  return Object.assign(error, fields)
}

type ConnectionCallback = (error: Error | null, stream?: Duplex) => void

/**
 * Opens a `CONNECT` tunnel through the proxy to `host:port`, and hands the raw socket on.
 * The proxy's credentials, if the URL holds any, go in `Proxy-Authorization` and nowhere else.
 */
function openTunnel(
  proxy: URL,
  host: string,
  port: number,
  done: (error: Error | null, socket?: Duplex) => void
): void {
  const user = decodeURIComponent(proxy.username)
  const password = decodeURIComponent(proxy.password)
  const authorization =
    user === '' && password === ''
      ? {}
      : { 'Proxy-Authorization': `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }
  const request = (proxy.protocol === 'https:' ? https : http).request({
    host: proxy.hostname,
    port: proxy.port === '' ? (proxy.protocol === 'https:' ? 443 : 80) : Number(proxy.port),
    method: 'CONNECT',
    path: `${host}:${port}`,
    headers: { Host: `${host}:${port}`, ...authorization },
    agent: false
  })
  request.once('connect', (response: http.IncomingMessage, socket: Duplex) => {
    if (response.statusCode !== 200) {
      socket.destroy()
      const error = new Error(`The proxy answered CONNECT with HTTP ${response.statusCode ?? '?'}`)
      Object.assign(error, { code: 'EPROXYCONNECT' })
      done(
        markProxyError(error, {
          proxyStage: 'tunnel',
          ...(response.statusCode === undefined ? {} : { proxyStatus: response.statusCode })
        })
      )
      return
    }
    done(null, socket)
  })
  request.once('error', (error: Error) => done(markProxyError(error, { proxyStage: 'connect' })))
  request.end()
}

function targetOf(options: http.ClientRequestArgs, fallbackPort: number): [string, number] {
  const host = options.hostname ?? options.host ?? 'localhost'
  const port = typeof options.port === 'number' ? options.port : Number(options.port ?? NaN)
  return [host, Number.isFinite(port) ? port : fallbackPort]
}

/** An agent for `https:` targets: TLS to the target inside the proxy's tunnel. */
class HttpsTunnelAgent extends https.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: false })
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (error: Error | null, stream: Duplex) => void
  ): Duplex | null | undefined {
    const done = callback as ConnectionCallback | undefined
    const [host, port] = targetOf(options, 443)
    openTunnel(this.proxy, host, port, (error, socket) => {
      if (error !== null || socket === undefined) {
        done?.(error ?? new Error('The proxy tunnel failed'))
        return
      }
      const secure = tls.connect({
        socket,
        servername: options.servername ?? host,
        ...(options.rejectUnauthorized === undefined
          ? {}
          : { rejectUnauthorized: options.rejectUnauthorized })
      })
      done?.(null, secure)
    })
    return undefined
  }
}

/** An agent for `http:` targets (endpoint overrides): the plain request inside the tunnel. */
class HttpTunnelAgent extends http.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: false })
  }

  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void
  ): Duplex | null | undefined {
    const done = callback as ConnectionCallback | undefined
    const [host, port] = targetOf(options, 80)
    openTunnel(this.proxy, host, port, (error, socket) => {
      if (error !== null || socket === undefined) done?.(error ?? new Error('The proxy failed'))
      else done?.(null, socket)
    })
    return undefined
  }
}

/** The agents to give the SDK's HTTP handler for a route through `proxy`. */
export function proxyAgents(proxy: ProxyRoute): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  return { httpAgent: new HttpTunnelAgent(proxy.url), httpsAgent: new HttpsTunnelAgent(proxy.url) }
}
