/**
 * JSON control API, so an emulator started by start.ts (another process) can be configured the
 * way in-process tests use the Emulator methods. Served under `/__emulator/` only when the
 * emulator is built with `controlApi: true`; real AWS endpoints only use `POST /`, so the paths
 * cannot collide with SDK traffic.
 *
 *   GET  /__emulator/log                      → RequestLogEntry[]
 *   POST /__emulator/issuedSessions           → IssuedSession[] (secrets included)
 *   POST /__emulator/<method>  body: [args…]   → the method's return value (or null)
 *
 * A non-array JSON body is taken as the single argument. Dates (`lastUsed.date`) are ISO strings.
 */
import type {
  CreateAccessKeyOptions,
  CreateSessionOptions,
  Emulator,
  Fault,
  KeyStatus,
  OidcProviderOptions,
  Partition,
  RoleOptions,
  SimulationStatement
} from './emulator.js'
import { makeWebIdentityToken } from './oidc.js'

export interface ControlReply {
  status: number
  json: unknown
}

class BadRequest extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function str(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new BadRequest(`${what} must be a string`)
  return value
}

function obj(value: unknown, what: string): Record<string, unknown> {
  if (!isObject(value)) throw new BadRequest(`${what} must be an object`)
  return value
}

function optionalStrings(value: unknown, what: string): string[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) {
    throw new BadRequest(`${what} must be an array of strings`)
  }
  return value as string[]
}

function accessKeyOptions(value: unknown): CreateAccessKeyOptions {
  const o = obj(value, 'options')
  const lastUsed = o.lastUsed === undefined ? undefined : obj(o.lastUsed, 'lastUsed')
  return {
    accountId: str(o.accountId, 'accountId'),
    userName: str(o.userName, 'userName'),
    status: o.status === undefined ? undefined : (str(o.status, 'status') as KeyStatus),
    ageDays: typeof o.ageDays === 'number' ? o.ageDays : undefined,
    lastUsed:
      lastUsed === undefined
        ? undefined
        : {
            date: new Date(str(lastUsed.date, 'lastUsed.date')),
            serviceName: str(lastUsed.serviceName, 'lastUsed.serviceName'),
            region: str(lastUsed.region, 'lastUsed.region')
          }
  }
}

/** Runs one control call. Argument shapes are checked only as far as needed to be safe. */
async function call(emulator: Emulator, method: string, args: unknown[]): Promise<unknown> {
  const [a, b, c] = args
  switch (method) {
    case 'createAccessKey':
      return emulator.createAccessKey(accessKeyOptions(a))
    case 'createRootKey':
      return emulator.createRootKey(str(a, 'accountId'))
    case 'createSessionCredentials': {
      const o = obj(a, 'options')
      const options: CreateSessionOptions = {
        accountId: str(o.accountId, 'accountId'),
        roleName: str(o.roleName, 'roleName'),
        sessionName: str(o.sessionName, 'sessionName'),
        expiresInSeconds: typeof o.expiresInSeconds === 'number' ? o.expiresInSeconds : 3600
      }
      return emulator.createSessionCredentials(options)
    }
    case 'configureAccount': {
      const o = b === undefined ? {} : obj(b, 'options')
      emulator.configureAccount(str(a, 'accountId'), {
        partition:
          o.partition === undefined ? undefined : (str(o.partition, 'partition') as Partition)
      })
      return null
    }
    case 'enableRegion':
      emulator.enableRegion(str(a, 'accountId'), str(b, 'region'))
      return null
    case 'disableRegion':
      emulator.disableRegion(str(a, 'accountId'), str(b, 'region'))
      return null
    case 'setKeyStatus':
      emulator.setKeyStatus(str(a, 'accessKeyId'), str(b, 'status') as KeyStatus)
      return null
    case 'deactivateKeyLagging':
      emulator.deactivateKeyLagging(str(a, 'accessKeyId'))
      return null
    case 'deleteAccessKey':
      emulator.deleteAccessKey(str(a, 'accessKeyId'))
      return null
    case 'addOidcProvider': {
      const o = obj(b, 'options')
      const options: OidcProviderOptions = {
        url: str(o.url, 'url'),
        clientIds: optionalStrings(o.clientIds, 'clientIds') ?? []
      }
      return emulator.addOidcProvider(str(a, 'accountId'), options)
    }
    case 'addRole': {
      const o = obj(c, 'options')
      // The trust policy is stored as given; evaluation narrows it defensively.
      const options = {
        ...o,
        trustPolicy: obj(o.trustPolicy, 'trustPolicy')
      } as unknown as RoleOptions
      return emulator.addRole(str(a, 'accountId'), str(b, 'roleName'), options)
    }
    case 'setPolicy':
      if (!Array.isArray(b)) throw new BadRequest('statements must be an array')
      emulator.setPolicy(str(a, 'principalArn'), b as SimulationStatement[])
      return null
    case 'denyIam':
      emulator.denyIam(str(a, 'principalArn'), optionalStrings(b, 'actions'))
      return null
    case 'allowIam':
      emulator.allowIam(str(a, 'principalArn'))
      return null
    case 'setFault':
      emulator.setFault(
        a === undefined || a === null ? undefined : (obj(a, 'fault') as unknown as Fault)
      )
      return null
    case 'setClockSkew':
      if (typeof a !== 'number') throw new BadRequest('seconds must be a number')
      emulator.setClockSkew(a)
      return null
    case 'clearRequestLog':
      emulator.clearRequestLog()
      return null
    case 'issuedSessions':
      // Secrets included: the control API is loopback-only test plumbing, like the seed line.
      return emulator.issuedSessions()
    case 'makeWebIdentityToken': {
      // Minted against the emulator's clock, so skewed emulators get tokens valid for them.
      const claims = a === undefined ? {} : obj(a, 'claims')
      const o = b === undefined ? {} : obj(b, 'options')
      return makeWebIdentityToken(claims, {
        nowSeconds: Math.floor(emulator.now() / 1000),
        lifetimeSeconds: typeof o.lifetimeSeconds === 'number' ? o.lifetimeSeconds : undefined
      })
    }
    default:
      throw new BadRequest(`unknown control method ${method}`)
  }
}

export async function handleControl(
  emulator: Emulator,
  httpMethod: string,
  path: string,
  body: Buffer
): Promise<ControlReply> {
  const method = path.slice('/__emulator/'.length)
  if (httpMethod === 'GET' && method === 'log') return { status: 200, json: emulator.requestLog() }
  if (httpMethod !== 'POST') return { status: 405, json: { error: 'use POST' } }
  try {
    const text = body.toString('utf8').trim()
    const parsed: unknown = text === '' ? [] : JSON.parse(text)
    const args = Array.isArray(parsed) ? parsed : [parsed]
    const result = await call(emulator, method, args)
    return { status: 200, json: result ?? null }
  } catch (err) {
    const status = err instanceof BadRequest || err instanceof SyntaxError ? 400 : 500
    return { status, json: { error: err instanceof Error ? err.message : String(err) } }
  }
}
