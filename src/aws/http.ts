/**
 * The HTTP layer shared by every AWS client: real timeouts (the SDK has none by default) and a
 * record of the server's `Date` header, because the SDK silently corrects clock skew and we
 * must see it to report it.
 */
import { state as nodeSupportWarning } from '@aws-sdk/core/client'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { Deadline } from './deadline.js'
import { proxyAgents, type ProxyRoute } from './proxy.js'

export interface ResponseRecord {
  /** The server's clock, from the last response's `Date` header. */
  serverDate?: Date
  /** The runner's clock when that response arrived. */
  localDate?: Date
  statusCode?: number
}

// Under Node 20 (tests, `npm start`), every SDK client would print a seven-line
// NodeVersionSupportWarning: SDK releases after January 2027 need Node 22. The action runs on
// node24 and pins its SDK, so it tells the user of this step nothing. Marking it as already
// shown is the SDK's own switch (AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED sets the same
// flag) and silences that one warning only; every client the action makes passes through here.
nodeSupportWarning.warningEmitted = true

/**
 * Client settings the SDK would otherwise read from the environment and the config file, fixed
 * for every client the action makes: its requests must not depend on the job's configuration.
 * An invalid `AWS_DEFAULTS_MODE` rejects a promise inside the client, and each request would
 * fail as an unreadable answer; `config-variable-invalid` reports the value instead.
 */
export const FIXED_CLIENT_SETTINGS = { defaultsMode: 'legacy' } as const

/** An HTTP handler bounded by the deadline, going through `proxy` when one applies. */
export function httpHandler(deadline: Deadline, proxy?: ProxyRoute): NodeHttpHandler {
  const remaining = Math.max(1, deadline.remaining())
  return new NodeHttpHandler({
    connectionTimeout: remaining,
    requestTimeout: remaining,
    // Without this the SDK only logs a warning on a request timeout and keeps waiting.
    throwOnRequestTimeout: true,
    ...(proxy === undefined ? {} : proxyAgents(proxy))
  })
}

interface MiddlewareClient {
  middlewareStack: {
    add: (
      middleware: (
        next: (args: unknown) => Promise<unknown>
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'deserialize'; priority: 'low'; name: string }
    ) => void
  }
}

function headerValue(output: unknown, name: string): string | undefined {
  if (typeof output !== 'object' || output === null) return undefined
  const response = (output as { response?: unknown }).response
  if (typeof response !== 'object' || response === null) return undefined
  const headers = (response as { headers?: unknown }).headers
  if (typeof headers !== 'object' || headers === null) return undefined
  const value = (headers as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : undefined
}

function statusOf(output: unknown): number | undefined {
  const response = (output as { response?: { statusCode?: unknown } } | undefined)?.response
  return typeof response?.statusCode === 'number' ? response.statusCode : undefined
}

/**
 * Adds a middleware just above the HTTP handler (below the deserializer), where the raw
 * response is still visible, to note its `Date` header on success and on error alike.
 * `currentRecord` names the record of the attempt under way.
 */
export function recordResponses(client: unknown, currentRecord: () => ResponseRecord): void {
  ;(client as MiddlewareClient).middlewareStack.add(
    next => async args => {
      const output = await next(args)
      const record = currentRecord()
      const date = headerValue(output, 'date')
      const parsed = date === undefined ? undefined : new Date(date)
      if (parsed !== undefined && !Number.isNaN(parsed.getTime())) {
        record.serverDate = parsed
        record.localDate = new Date()
      }
      const status = statusOf(output)
      if (status !== undefined) record.statusCode = status
      return output
    },
    { step: 'deserialize', priority: 'low', name: 'recordResponseDate' }
  )
}

/** Runner clock minus server clock, in milliseconds; undefined without a `Date` header. */
export function clockSkewMs(record: ResponseRecord): number | undefined {
  if (record.serverDate === undefined || record.localDate === undefined) return undefined
  // The Date header has one-second resolution: anything within it is no skew.
  const skew = record.localDate.getTime() - record.serverDate.getTime()
  return Math.abs(skew) < 1000 ? 0 : skew
}
