/**
 * A loopback emulator of AWS STS and IAM for tests.
 *
 * One `http.Server` on 127.0.0.1 serves both services over the AWS Query protocol
 * (aws-facts C1). Requests are told apart by the service in the SigV4 credential scope, or, for
 * unsigned requests (AssumeRoleWithWebIdentity, oidc-facts §1), by the Action. Signatures are
 * verified for real against secrets the emulator generated, and failures map to the codes of
 * aws-facts C4 / D and oidc-facts §1.
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { handleControl } from './control.js'
import { decodeKeyId, encodeKeyId, generateSecretAccessKey, generateSessionToken } from './keys.js'
import {
  decodeJwt,
  evaluateTrustPolicy,
  globMatch,
  webIdentityContext,
  type ConditionContext,
  type TrustPolicy
} from './oidc.js'
import {
  IncompleteSignatureError,
  formatAmzDate,
  parseAmzDate,
  parseAuthorization,
  verifySignature,
  type ParsedAuthorization
} from './sigv4.js'
import {
  IAM_NAMESPACE,
  STS_NAMESPACE,
  el,
  errorXml,
  isoSeconds,
  list,
  successXml,
  type XmlElement
} from './xml.js'

export { encodeKeyId } from './keys.js'
export { makeWebIdentityToken, GITHUB_ISSUER } from './oidc.js'
export type { TrustPolicy, PolicyStatement } from './oidc.js'
export { assumeRoleTrust } from './oidc.js'

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'
export type KeyStatus = 'Active' | 'Inactive'
export type Service = 'sts' | 'iam'

export interface LastUsed {
  date: Date
  serviceName: string
  region: string
}

export interface CreateAccessKeyOptions {
  accountId: string
  userName: string
  status?: KeyStatus
  /** Backdates CreateDate (ListAccessKeys) by this many days. */
  ageDays?: number
  /** Preset GetAccessKeyLastUsed data; otherwise "N/A" until the key is used. */
  lastUsed?: LastUsed
}

export interface AccessKeyPair {
  accessKeyId: string
  secretAccessKey: string
}

export interface CreateSessionOptions {
  accountId: string
  roleName: string
  sessionName: string
  /** Negative values create already-expired credentials. */
  expiresInSeconds: number
}

export interface SessionCredentials extends AccessKeyPair {
  sessionToken: string
  expiration: Date
  /** `arn:PARTITION:sts::ACCT:assumed-role/ROLE/SESSION` */
  arn: string
  /** `AROA…:SESSION` */
  assumedRoleId: string
}

/** A session the emulator handed out, with its secrets: for tests' leak assertions only. */
export interface IssuedSession extends SessionCredentials {
  /** How it was issued. */
  via: 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'createSessionCredentials'
  /** The ARN of the role the session belongs to. */
  roleArn: string
}

export interface RoleInfo {
  arn: string
  /** `AROA…` */
  roleId: string
  roleName: string
}

export interface OidcProviderOptions {
  /** e.g. `https://token.actions.githubusercontent.com`; matched against the token `iss`. */
  url: string
  clientIds: string[]
}

export interface RoleOptions {
  trustPolicy: TrustPolicy
  /** Seconds, 3600–43200 in AWS; defaults to 3600. */
  maxSessionDuration?: number
  path?: string
  description?: string
}

/** A statement for SimulatePrincipalPolicy; patterns use IAM wildcards (`*`, `?`). */
export interface SimulationStatement {
  effect: 'Allow' | 'Deny'
  /** Action patterns such as `s3:*`, matched case-insensitively. */
  actions: string[]
  /** Resource ARN patterns, matched case-sensitively; defaults to `['*']`. */
  resources?: string[]
  /** Reported as `SourcePolicyId` in MatchedStatements. */
  policyId?: string
}

export type FaultMode = 'hang' | 'reset' | 'http500' | 'throttle' | 'malformed' | 'drip'

export type Fault =
  | {
      mode: FaultMode
      /** Apply to the next N matching requests, then clear; all requests when omitted. */
      times?: number
      /** Only requests whose Action is listed (others pass untouched and are not counted). */
      actions?: string[]
      /** `drip` only: delay between bytes (default 1000 ms). */
      dripIntervalMs?: number
    }
  | {
      mode: 'clockSkew'
      /** Shift of the emulator clock: Date header, signature expiry, token/credential expiry. */
      clockSkewSeconds: number
    }

export interface RequestLogEntry {
  /** Real wall-clock time the request arrived (ISO). */
  time: string
  service?: Service
  action?: string
  /** The access key ID from the Authorization header; never secrets or tokens. */
  accessKeyId?: string
  /** The region of the SigV4 credential scope. */
  region?: string
  signed: boolean
  /** HTTP status returned; undefined for `hang` and `reset`. */
  status?: number
  errorCode?: string
  fault?: FaultMode
}

export interface EmulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number
  /** Base clock in epoch ms (default `Date.now`); the clock skew fault is added on top. */
  clock?: () => number
  /** Record use of keys for GetAccessKeyLastUsed (default true). */
  trackLastUsed?: boolean
  /** Serve the JSON control API under `/__emulator/` (see control.ts). Default false. */
  controlApi?: boolean
  /**
   * Stand for one regional STS endpoint (`sts.REGION.amazonaws.com`), which takes requests signed
   * for its own region only: others get 403 `SignatureDoesNotMatch` "Credential should be scoped
   * to a valid region." as from AWS. Default: every region is served.
   */
  stsRegion?: string
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/** Opt-in Regions (disabled by default for an account; aws-facts D). */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1'
])

const STS_VERSION = '2011-06-15'
const IAM_VERSION = '2010-05-08'
const STS_ACTIONS = new Set([
  'GetCallerIdentity',
  'GetAccessKeyInfo',
  'AssumeRole',
  'AssumeRoleWithWebIdentity'
])
const IAM_ACTIONS = new Set([
  'GetUser',
  'ListAccessKeys',
  'GetAccessKeyLastUsed',
  'SimulatePrincipalPolicy',
  'GetRole'
])
/** Operations that AWS accepts without a signature (oidc-facts §1 "No signing"). */
const UNSIGNED_ACTIONS = new Set(['AssumeRoleWithWebIdentity'])
const SKEW_LIMIT_MS = 15 * 60 * 1000
const MAX_BODY_BYTES = 1024 * 1024
const DAY_MS = 24 * 60 * 60 * 1000

const MSG_INVALID_TOKEN = 'The security token included in the request is invalid.'
const MSG_BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'

export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

/** An AWS error to render as the Query error envelope (aws-facts C3). */
class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender'
  ) {
    super(message)
  }
}

interface UserRecord {
  userName: string
  userId: string
  arn: string
  path: string
  createDate: number
}

interface RoleRecord {
  roleName: string
  roleId: string
  arn: string
  path: string
  trustPolicy: TrustPolicy
  maxSessionDuration: number
  description?: string
  createDate: number
}

interface ProviderRecord {
  /** The URL without `https://`, as IAM keys providers (and as ARNs show it). */
  host: string
  arn: string
  clientIds: string[]
}

interface AccountRecord {
  id: string
  partition: Partition
  enabledRegions: Set<string>
  users: Map<string, UserRecord>
  roles: Map<string, RoleRecord>
  providers: Map<string, ProviderRecord>
}

type Principal =
  | { kind: 'user'; accountId: string; arn: string; user: UserRecord }
  | { kind: 'root'; accountId: string; arn: string }
  | {
      kind: 'session'
      accountId: string
      arn: string
      role: RoleRecord
      sessionName: string
    }

interface KeyRecord {
  accessKeyId: string
  secret: string
  status: KeyStatus
  createDate: number
  principal: Principal
  sessionToken?: string
  expiration?: number
  lastUsed?: { date: number; serviceName: string; region: string }
}

/** What a request resolved to, filled in as processing goes, for the log and the envelope. */
interface RequestContext {
  requestId: string
  service?: Service
  action?: string
  accessKeyId?: string
  region?: string
  signed: boolean
}

interface Reply {
  status: number
  body: string
  errorCode?: string
}

type Params = URLSearchParams

// ---------------------------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------------------------

export class Emulator {
  private readonly server: http.Server
  private readonly sockets = new Set<Socket>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly accounts = new Map<string, AccountRecord>()
  private readonly keys = new Map<string, KeyRecord>()
  /** Keys deactivated in IAM that authentication still accepts (see deactivateKeyLagging). */
  private readonly lagging = new Set<string>()
  private readonly policies = new Map<string, SimulationStatement[]>()
  /** Principal ARN → denied IAM actions (`undefined` = every IAM action). */
  private readonly iamDenials = new Map<string, Set<string> | undefined>()
  private readonly log: RequestLogEntry[] = []
  private readonly issued: IssuedSession[] = []
  private fault: (Fault & { mode: FaultMode }) | undefined
  private faultRemaining: number | undefined
  private clockSkewMs = 0
  private readonly baseClock: () => number
  private readonly trackLastUsed: boolean
  private readonly controlApi: boolean
  private port = 0

  constructor(private readonly options: EmulatorOptions = {}) {
    this.baseClock = options.clock ?? Date.now
    this.trackLastUsed = options.trackLastUsed ?? true
    this.controlApi = options.controlApi ?? false
    this.server = http.createServer((req, res) => {
      this.onRequest(req, res).catch((err: unknown) => {
        // Only reachable on emulator bugs; answer so the client does not hang.
        if (!res.headersSent) {
          res.statusCode = 500
          res.end(String(err))
        }
      })
    })
    this.server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  /** Listens on 127.0.0.1 (ephemeral port unless `options.port`). */
  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    this.port = (this.server.address() as AddressInfo).port
    return this
  }

  /** Closes the server and destroys every open socket, hung or dripping ones included. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer)
    this.timers.clear()
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
    if (!this.server.listening) return
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  /** `http://127.0.0.1:PORT` — use as `endpoint`, `AWS_ENDPOINT_URL_STS` and `_IAM`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** The emulator's clock in epoch ms (base clock plus skew). */
  now(): number {
    return this.baseClock() + this.clockSkewMs
  }

  // ----- configuration -------------------------------------------------------------------------

  /** Creates or updates an account; accounts are also created implicitly in the `aws` partition. */
  configureAccount(accountId: string, options: { partition?: Partition } = {}): void {
    const account = this.account(accountId)
    if (options.partition !== undefined && options.partition !== account.partition) {
      account.partition = options.partition
      // ARNs embed the partition; rebuild the ones already issued.
      for (const user of account.users.values()) user.arn = this.userArn(account, user)
      for (const role of account.roles.values()) role.arn = this.roleArn(account, role)
      for (const p of account.providers.values()) p.arn = this.providerArn(account, p.host)
      for (const key of this.keys.values()) {
        if (key.principal.accountId === accountId) key.principal = this.refreshArn(key.principal)
      }
    }
  }

  /** Enables an opt-in region for an account (aws-facts D). */
  enableRegion(accountId: string, region: string): void {
    this.account(accountId).enabledRegions.add(region)
  }

  disableRegion(accountId: string, region: string): void {
    this.account(accountId).enabledRegions.delete(region)
  }

  /** Creates an IAM user's long-term AKIA key (the user is created if needed). */
  createAccessKey(options: CreateAccessKeyOptions): AccessKeyPair {
    const account = this.account(options.accountId)
    let user = account.users.get(options.userName)
    if (user === undefined) {
      user = {
        userName: options.userName,
        userId: encodeKeyId('AIDA', account.id, { length: 17 }),
        arn: '',
        path: '/',
        createDate: this.now() - (options.ageDays ?? 0) * DAY_MS
      }
      user.arn = this.userArn(account, user)
      account.users.set(user.userName, user)
    }
    const record = this.newKey('AKIA', account.id, {
      kind: 'user',
      accountId: account.id,
      arn: user.arn,
      user
    })
    record.status = options.status ?? 'Active'
    record.createDate = this.now() - (options.ageDays ?? 0) * DAY_MS
    if (options.lastUsed !== undefined) {
      record.lastUsed = {
        date: options.lastUsed.date.getTime(),
        serviceName: options.lastUsed.serviceName,
        region: options.lastUsed.region
      }
    }
    return { accessKeyId: record.accessKeyId, secretAccessKey: record.secret }
  }

  /** Creates a root-user key: ARN `arn:aws:iam::ACCT:root`, UserId = the account ID. */
  createRootKey(accountId: string, options: { status?: KeyStatus } = {}): AccessKeyPair {
    const account = this.account(accountId)
    const record = this.newKey('AKIA', account.id, {
      kind: 'root',
      accountId: account.id,
      arn: `arn:${account.partition}:iam::${account.id}:root`
    })
    record.status = options.status ?? 'Active'
    return { accessKeyId: record.accessKeyId, secretAccessKey: record.secret }
  }

  /**
   * Issues role-session credentials (ASIA key, secret, session token) as if from AssumeRole.
   * The role is created with an empty trust policy if it does not exist yet.
   */
  createSessionCredentials(options: CreateSessionOptions): SessionCredentials {
    const account = this.account(options.accountId)
    if (!account.roles.has(options.roleName)) {
      this.addRole(options.accountId, options.roleName, {
        trustPolicy: { Version: '2012-10-17', Statement: [] }
      })
    }
    const role = account.roles.get(options.roleName)
    if (role === undefined) throw new Error('unreachable: role was just created')
    return this.issueSession(
      account,
      role,
      options.sessionName,
      options.expiresInSeconds,
      'createSessionCredentials'
    )
  }

  setKeyStatus(accessKeyId: string, status: KeyStatus): void {
    const key = this.keys.get(accessKeyId)
    if (key === undefined) throw new Error(`unknown key ${accessKeyId}`)
    key.status = status
    this.lagging.delete(accessKeyId)
  }

  /**
   * Marks a key Inactive in IAM (ListAccessKeys shows it) while requests signed with it are
   * still accepted: the seconds after a real deactivation, before it reaches every endpoint
   * (IAM is eventually consistent, aws-facts D "Newly created or rotated key").
   */
  deactivateKeyLagging(accessKeyId: string): void {
    this.setKeyStatus(accessKeyId, 'Inactive')
    this.lagging.add(accessKeyId)
  }

  /** Deletes a key: afterwards it is unknown (InvalidClientTokenId), like a deleted AWS key. */
  deleteAccessKey(accessKeyId: string): void {
    this.keys.delete(accessKeyId)
  }

  /** Registers an OIDC provider (IAM CreateOpenIDConnectProvider) and returns its ARN. */
  addOidcProvider(accountId: string, options: OidcProviderOptions): string {
    const account = this.account(accountId)
    const host = options.url.replace(/^https:\/\//, '')
    const provider: ProviderRecord = {
      host,
      arn: this.providerArn(account, host),
      clientIds: [...options.clientIds]
    }
    account.providers.set(host, provider)
    return provider.arn
  }

  /**
   * Creates a role, or updates it in place (sessions already issued keep pointing at it).
   * Returns its ARN and unique ID.
   */
  addRole(accountId: string, roleName: string, options: RoleOptions): RoleInfo {
    const account = this.account(accountId)
    let role = account.roles.get(roleName)
    if (role === undefined) {
      role = {
        roleName,
        roleId: encodeKeyId('AROA', account.id, { length: 17 }),
        arn: '',
        path: '/',
        trustPolicy: options.trustPolicy,
        maxSessionDuration: 3600,
        createDate: this.now()
      }
      account.roles.set(roleName, role)
    }
    role.path = options.path ?? '/'
    role.trustPolicy = options.trustPolicy
    role.maxSessionDuration = options.maxSessionDuration ?? 3600
    role.description = options.description
    role.arn = this.roleArn(account, role)
    return { arn: role.arn, roleId: role.roleId, roleName }
  }

  /** Sets the statements SimulatePrincipalPolicy evaluates for `principalArn` (exact ARN). */
  setPolicy(principalArn: string, statements: SimulationStatement[]): void {
    this.policies.set(principalArn, statements)
  }

  /**
   * Denies IAM calls made by `principalArn` (the caller ARN GetCallerIdentity reports; for a
   * role session the role ARN works too): every IAM action, or only `actions` (e.g. `GetUser`).
   */
  denyIam(principalArn: string, actions?: string[]): void {
    this.iamDenials.set(principalArn, actions === undefined ? undefined : new Set(actions))
  }

  allowIam(principalArn: string): void {
    this.iamDenials.delete(principalArn)
  }

  /** Sets (or with `undefined` clears) the failure mode; clearing also resets clock skew. */
  setFault(fault: Fault | undefined): void {
    if (fault === undefined) {
      this.fault = undefined
      this.faultRemaining = undefined
      this.clockSkewMs = 0
      return
    }
    if (fault.mode === 'clockSkew') {
      this.setClockSkew(fault.clockSkewSeconds)
      return
    }
    this.fault = fault
    this.faultRemaining = fault.times
  }

  /** Shifts the emulator's clock without touching a transport fault. */
  setClockSkew(seconds: number): void {
    this.clockSkewMs = seconds * 1000
  }

  /** A copy of the request log (no secrets are ever recorded). */
  requestLog(): RequestLogEntry[] {
    return this.log.map(entry => ({ ...entry }))
  }

  clearRequestLog(): void {
    this.log.length = 0
  }

  /**
   * Every session issued so far (AssumeRole, AssumeRoleWithWebIdentity, createSessionCredentials),
   * secrets and tokens included, oldest first. Test-only: it lets a test assert that credentials
   * the code under test obtained by itself never leak, though the test never saw them.
   */
  issuedSessions(): IssuedSession[] {
    return this.issued.map(session => ({ ...session, expiration: new Date(session.expiration) }))
  }

  // ----- record helpers ------------------------------------------------------------------------

  private account(accountId: string): AccountRecord {
    if (!/^\d{12}$/.test(accountId)) throw new Error(`account ID must be 12 digits: ${accountId}`)
    let account = this.accounts.get(accountId)
    if (account === undefined) {
      account = {
        id: accountId,
        partition: 'aws',
        enabledRegions: new Set(),
        users: new Map(),
        roles: new Map(),
        providers: new Map()
      }
      this.accounts.set(accountId, account)
    }
    return account
  }

  private userArn(account: AccountRecord, user: UserRecord): string {
    return `arn:${account.partition}:iam::${account.id}:user${user.path}${user.userName}`
  }

  private roleArn(account: AccountRecord, role: RoleRecord): string {
    return `arn:${account.partition}:iam::${account.id}:role${role.path}${role.roleName}`
  }

  private providerArn(account: AccountRecord, host: string): string {
    return `arn:${account.partition}:iam::${account.id}:oidc-provider/${host}`
  }

  private sessionArn(account: AccountRecord, role: RoleRecord, sessionName: string): string {
    // The role path is not part of an assumed-role ARN (oidc-facts §5).
    return `arn:${account.partition}:sts::${account.id}:assumed-role/${role.roleName}/${sessionName}`
  }

  private refreshArn(principal: Principal): Principal {
    const account = this.account(principal.accountId)
    switch (principal.kind) {
      case 'user':
        return { ...principal, arn: principal.user.arn }
      case 'root':
        return { ...principal, arn: `arn:${account.partition}:iam::${account.id}:root` }
      case 'session':
        return {
          ...principal,
          arn: this.sessionArn(account, principal.role, principal.sessionName)
        }
    }
  }

  private newKey(prefix: 'AKIA' | 'ASIA', accountId: string, principal: Principal): KeyRecord {
    let accessKeyId = encodeKeyId(prefix, accountId)
    while (this.keys.has(accessKeyId)) accessKeyId = encodeKeyId(prefix, accountId)
    const record: KeyRecord = {
      accessKeyId,
      secret: generateSecretAccessKey(),
      status: 'Active',
      createDate: this.now(),
      principal
    }
    this.keys.set(accessKeyId, record)
    return record
  }

  private issueSession(
    account: AccountRecord,
    role: RoleRecord,
    sessionName: string,
    expiresInSeconds: number,
    via: IssuedSession['via']
  ): SessionCredentials {
    const arn = this.sessionArn(account, role, sessionName)
    const record = this.newKey('ASIA', account.id, {
      kind: 'session',
      accountId: account.id,
      arn,
      role,
      sessionName
    })
    record.sessionToken = generateSessionToken()
    // Whole seconds, as STS reports Expiration without milliseconds.
    record.expiration = Math.floor(this.now() / 1000) * 1000 + expiresInSeconds * 1000
    const session: SessionCredentials = {
      accessKeyId: record.accessKeyId,
      secretAccessKey: record.secret,
      sessionToken: record.sessionToken,
      expiration: new Date(record.expiration),
      arn,
      assumedRoleId: `${role.roleId}:${sessionName}`
    }
    this.issued.push({
      ...session,
      expiration: new Date(record.expiration),
      via,
      roleArn: role.arn
    })
    return session
  }

  // ----- HTTP plumbing -------------------------------------------------------------------------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const received = new Date().toISOString()
    const body = await readBody(req)
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (this.controlApi && path.startsWith('/__emulator/')) {
      const { status, json } = await handleControl(this, req.method ?? 'GET', path, body)
      const text = JSON.stringify(json)
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text)
      })
      res.end(text)
      return
    }

    const params = requestParams(req.url ?? '/', body)
    const action = params.get('Action') ?? undefined
    const ctx: RequestContext = { requestId: randomUUID(), action, signed: false }
    const entry: RequestLogEntry = { time: received, action, signed: false }
    this.log.push(entry)

    const fault = this.takeFault(action)
    if (fault !== undefined) entry.fault = fault.mode
    if (fault?.mode === 'hang') {
      // Keep the socket open and silent; stop() destroys it.
      return
    }
    if (fault?.mode === 'reset') {
      req.socket.destroy()
      return
    }

    let reply: Reply
    if (fault?.mode === 'http500') {
      ctx.service = this.guessService(req, action)
      reply = this.errorReply(
        ctx,
        new AwsError(
          500,
          'InternalFailure',
          'The request processing has failed because of an unknown error, exception or failure.',
          'Receiver'
        )
      )
    } else if (fault?.mode === 'throttle') {
      ctx.service = this.guessService(req, action)
      reply = this.errorReply(ctx, new AwsError(400, 'Throttling', 'Rate exceeded'))
    } else {
      reply = this.process(req, body, params, ctx)
    }
    entry.service = ctx.service
    entry.accessKeyId = ctx.accessKeyId
    entry.region = ctx.region
    entry.signed = ctx.signed
    entry.errorCode = reply.errorCode

    if (fault?.mode === 'malformed') {
      // A 200 whose XML stops mid-element: what a proxy cutting the body short produces.
      const cut = reply.body.slice(0, Math.max(20, Math.floor(reply.body.length / 2)))
      reply = { status: 200, body: `${cut}<<garbage&` }
      entry.errorCode = undefined
    }
    entry.status = reply.status

    const headers = {
      'Content-Type': 'text/xml',
      'Content-Length': String(Buffer.byteLength(reply.body)),
      'x-amzn-RequestId': ctx.requestId,
      // Explicit Date so Node does not add the real-clock one: the skew fault must show here,
      // since the JS SDK corrects its clock from this header (aws-facts D "Clock handling").
      Date: new Date(this.now()).toUTCString()
    }
    if (fault?.mode === 'drip') {
      this.drip(res, reply, headers, fault.dripIntervalMs ?? 1000)
      return
    }
    res.writeHead(reply.status, headers)
    res.end(reply.body)
  }

  private drip(
    res: http.ServerResponse,
    reply: Reply,
    headers: Record<string, string>,
    intervalMs: number
  ): void {
    res.writeHead(reply.status, headers)
    res.flushHeaders()
    const bytes = Buffer.from(reply.body)
    let offset = 0
    const timer = setInterval(() => {
      if (res.destroyed || offset >= bytes.length) {
        clearInterval(timer)
        this.timers.delete(timer)
        if (!res.destroyed) res.end()
        return
      }
      res.write(bytes.subarray(offset, offset + 1))
      offset++
    }, intervalMs)
    this.timers.add(timer)
    res.on('close', () => {
      clearInterval(timer)
      this.timers.delete(timer)
    })
  }

  private takeFault(action: string | undefined): (Fault & { mode: FaultMode }) | undefined {
    const fault = this.fault
    if (fault === undefined) return undefined
    if (fault.actions !== undefined && (action === undefined || !fault.actions.includes(action))) {
      return undefined
    }
    if (this.faultRemaining !== undefined) {
      this.faultRemaining--
      if (this.faultRemaining <= 0) {
        this.fault = undefined
        this.faultRemaining = undefined
      }
    }
    return fault
  }

  private guessService(req: http.IncomingMessage, action: string | undefined): Service {
    const auth = req.headers.authorization
    if (typeof auth === 'string') {
      const m = /Credential=[^/]*\/[^/]*\/[^/]*\/([^/]*)\//.exec(auth)
      if (m?.[1] === 'iam') return 'iam'
      if (m?.[1] === 'sts') return 'sts'
    }
    return action !== undefined && IAM_ACTIONS.has(action) ? 'iam' : 'sts'
  }

  private errorReply(ctx: RequestContext, error: AwsError): Reply {
    const namespace = ctx.service === 'iam' ? IAM_NAMESPACE : STS_NAMESPACE
    return {
      status: error.status,
      body: errorXml(namespace, error.type, error.code, error.message, ctx.requestId),
      errorCode: error.code
    }
  }

  private process(
    req: http.IncomingMessage,
    body: Buffer,
    params: Params,
    ctx: RequestContext
  ): Reply {
    ctx.service = this.guessService(req, ctx.action)
    try {
      const authHeader = req.headers.authorization
      let caller: KeyRecord | undefined
      if (authHeader !== undefined) {
        ctx.signed = true
        let auth: ParsedAuthorization
        try {
          auth = parseAuthorization(authHeader)
        } catch (err) {
          if (err instanceof IncompleteSignatureError) {
            throw new AwsError(400, 'IncompleteSignature', err.message)
          }
          throw err
        }
        ctx.accessKeyId = auth.accessKeyId
        ctx.region = auth.region
        if (auth.service === 'sts' || auth.service === 'iam') ctx.service = auth.service
        caller = this.authenticate(req, body, auth)
      } else if (ctx.action === undefined || !UNSIGNED_ACTIONS.has(ctx.action)) {
        throw new AwsError(
          403,
          'MissingAuthenticationToken',
          'Request is missing Authentication Token'
        )
      }
      const result = this.dispatch(ctx, params, caller)
      const namespace = ctx.service === 'iam' ? IAM_NAMESPACE : STS_NAMESPACE
      return {
        status: 200,
        body: successXml(ctx.action ?? '', namespace, result, ctx.requestId)
      }
    } catch (err) {
      if (err instanceof AwsError) return this.errorReply(ctx, err)
      throw err
    }
  }

  // ----- authentication ------------------------------------------------------------------------

  /**
   * Checks the key, its token, partition and region, the date window, then the signature, in
   * that order: AWS rejects an unusable key before it looks at the signature.
   */
  private authenticate(
    req: http.IncomingMessage,
    body: Buffer,
    auth: ParsedAuthorization
  ): KeyRecord {
    const key = this.keys.get(auth.accessKeyId)
    if (key === undefined || (key.status !== 'Active' && !this.lagging.has(key.accessKeyId))) {
      throw new AwsError(403, 'InvalidClientTokenId', MSG_INVALID_TOKEN)
    }
    const tokenHeader = req.headers['x-amz-security-token']
    const token = Array.isArray(tokenHeader) ? tokenHeader.join(',') : tokenHeader
    if (key.sessionToken === undefined ? token !== undefined : token !== key.sessionToken) {
      // ASIA without (or with someone else's) token, or an AKIA key with a leftover token.
      throw new AwsError(403, 'InvalidClientTokenId', MSG_INVALID_TOKEN)
    }
    const account = this.account(key.principal.accountId)
    if (partitionOfRegion(auth.region) !== account.partition) {
      throw new AwsError(403, 'InvalidClientTokenId', MSG_INVALID_TOKEN)
    }
    if (
      auth.service === 'sts' &&
      OPT_IN_REGIONS.has(auth.region) &&
      !account.enabledRegions.has(auth.region)
    ) {
      throw new AwsError(403, 'InvalidClientTokenId', MSG_INVALID_TOKEN)
    }
    const served = this.options.stsRegion
    if (auth.service === 'sts' && served !== undefined && auth.region !== served) {
      throw new AwsError(
        403,
        'SignatureDoesNotMatch',
        'Credential should be scoped to a valid region. '
      )
    }

    const amzDateHeader = req.headers['x-amz-date']
    const amzDate = typeof amzDateHeader === 'string' ? amzDateHeader : undefined
    const requestTime = amzDate === undefined ? undefined : parseAmzDate(amzDate)
    if (amzDate === undefined || requestTime === undefined) {
      throw new AwsError(
        400,
        'IncompleteSignature',
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
      )
    }
    if (amzDate.slice(0, 8) !== auth.scopeDate) {
      throw new AwsError(
        403,
        'SignatureDoesNotMatch',
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`
      )
    }
    const now = Math.floor(this.now() / 1000) * 1000
    if (requestTime < now - SKEW_LIMIT_MS) {
      throw new AwsError(
        403,
        'SignatureDoesNotMatch',
        `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - SKEW_LIMIT_MS)} (${formatAmzDate(now)} - 15 min.)`
      )
    }
    if (requestTime > now + SKEW_LIMIT_MS) {
      throw new AwsError(
        403,
        'SignatureDoesNotMatch',
        `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + SKEW_LIMIT_MS)} (${formatAmzDate(now)} + 15 min.)`
      )
    }
    const signed = {
      method: req.method ?? 'POST',
      url: req.url ?? '/',
      rawHeaders: req.rawHeaders,
      body
    }
    if (!verifySignature(signed, auth, amzDate, key.secret)) {
      throw new AwsError(403, 'SignatureDoesNotMatch', MSG_BAD_SIGNATURE)
    }
    if (key.expiration !== undefined && key.expiration <= this.now()) {
      throw new AwsError(
        403,
        'ExpiredToken',
        'The security token included in the request is expired'
      )
    }
    if (this.trackLastUsed) {
      key.lastUsed = { date: this.now(), serviceName: auth.service, region: auth.region }
    }
    return key
  }

  // ----- dispatch ------------------------------------------------------------------------------

  private dispatch(
    ctx: RequestContext,
    params: Params,
    caller: KeyRecord | undefined
  ): XmlElement[] {
    const action = ctx.action ?? ''
    const service = ctx.service ?? 'sts'
    const known = service === 'iam' ? IAM_ACTIONS : STS_ACTIONS
    if (!known.has(action)) {
      const version = service === 'iam' ? IAM_VERSION : STS_VERSION
      throw new AwsError(
        400,
        'InvalidAction',
        `Could not find operation ${action} for version ${version}`
      )
    }
    if (action === 'AssumeRoleWithWebIdentity') return this.assumeRoleWithWebIdentity(params)
    if (caller === undefined) {
      throw new AwsError(
        403,
        'MissingAuthenticationToken',
        'Request is missing Authentication Token'
      )
    }
    switch (action) {
      case 'GetCallerIdentity':
        return this.getCallerIdentity(caller)
      case 'GetAccessKeyInfo':
        return this.getAccessKeyInfo(params)
      case 'AssumeRole':
        return this.assumeRole(caller, params)
      case 'GetUser':
        return this.getUser(caller, params)
      case 'ListAccessKeys':
        return this.listAccessKeys(caller, params)
      case 'GetAccessKeyLastUsed':
        return this.getAccessKeyLastUsed(caller, params)
      case 'SimulatePrincipalPolicy':
        return this.simulatePrincipalPolicy(caller, params)
      case 'GetRole':
        return this.getRole(caller, params)
      default:
        throw new AwsError(400, 'InvalidAction', `Could not find operation ${action}`)
    }
  }

  // ----- STS -----------------------------------------------------------------------------------

  private getCallerIdentity(caller: KeyRecord): XmlElement[] {
    const p = caller.principal
    const userId =
      p.kind === 'user'
        ? p.user.userId
        : p.kind === 'root'
          ? p.accountId
          : `${p.role.roleId}:${p.sessionName}`
    return [el('Arn', p.arn), el('UserId', userId), el('Account', p.accountId)]
  }

  /**
   * Account only (aws-facts B4). Known keys report their owner; unknown new-format IDs report
   * the account encoded in them, which is what the offline algorithm of B1 also yields.
   * Unknown old-format IDs are an emulator choice (AWS behaviour is UNVERIFIED): ValidationError.
   */
  private getAccessKeyInfo(params: Params): XmlElement[] {
    const id = params.get('AccessKeyId') ?? ''
    if (id.length < 16) {
      throw validationError([
        `Value '${id}' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16`
      ])
    }
    const known = this.keys.get(id)
    if (known !== undefined) return [el('Account', known.principal.accountId)]
    let decoded: ReturnType<typeof decodeKeyId> | undefined
    try {
      decoded = decodeKeyId(id)
    } catch {
      decoded = undefined
    }
    if (decoded === undefined || !decoded.newFormat) {
      throw new AwsError(400, 'ValidationError', `The access key ID '${id}' is not valid.`)
    }
    return [el('Account', decoded.accountId)]
  }

  /**
   * AssumeRole, signed by the caller. Check order (an emulator choice; AWS's is UNVERIFIED):
   * parameters → ARN → role exists and trusts the caller → role chaining limit → max duration.
   * A missing role gives the same AccessDenied as a trust policy that does not name the caller,
   * as in AWS, which does not tell callers which roles exist.
   */
  private assumeRole(caller: KeyRecord, params: Params): XmlElement[] {
    const externalId = params.get('ExternalId')
    const { roleArn, sessionName, duration, accountId, roleName } = roleRequest(params, [])
    const account = this.account(accountId)
    const p = caller.principal
    const denied = new AwsError(
      403,
      'AccessDenied',
      `User: ${p.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`
    )
    const role = account.roles.get(roleName)
    if (
      role === undefined ||
      role.arn !== roleArn.replace(/^arn:[^:]+:/, `arn:${account.partition}:`)
    ) {
      throw denied
    }
    const callerAccount = this.account(p.accountId)
    // IAM condition keys are case-insensitive: stored lower-case, as webIdentityContext does.
    const context: ConditionContext = new Map([
      ['aws:principalarn', [p.kind === 'session' ? p.role.arn : p.arn]],
      ['aws:principalaccount', [p.accountId]],
      ['sts:rolesessionname', [sessionName]]
    ])
    if (externalId !== null) context.set('sts:externalid', [externalId])
    const decision = evaluateTrustPolicy(
      role.trustPolicy,
      'sts:AssumeRole',
      {
        kind: 'aws',
        arn: p.arn,
        accountId: p.accountId,
        partition: callerAccount.partition,
        ...(p.kind === 'session' ? { roleArn: p.role.arn } : {})
      },
      context
    )
    if (decision !== 'allow') throw denied
    if (p.kind === 'session' && duration > 3600) {
      throw new AwsError(
        400,
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
      )
    }
    if (duration > role.maxSessionDuration) {
      throw new AwsError(
        400,
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
      )
    }
    const session = this.issueSession(account, role, sessionName, duration, 'AssumeRole')
    // Element order as in the AssumeRole example of the STS API reference.
    return [
      el('AssumedRoleUser', [el('Arn', session.arn), el('AssumedRoleId', session.assumedRoleId)]),
      el('Credentials', [
        el('AccessKeyId', session.accessKeyId),
        el('SecretAccessKey', session.secretAccessKey),
        el('SessionToken', session.sessionToken),
        el('Expiration', isoSeconds(session.expiration.getTime()))
      ])
    ]
  }

  private assumeRoleWithWebIdentity(params: Params): XmlElement[] {
    const token = params.get('WebIdentityToken')
    // Model constraints first (oidc-facts §1 "Request parameters"), reported all at once.
    const problems: string[] = []
    if (token === null) {
      problems.push(
        `Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null`
      )
    } else if (token.length < 4 || token.length > 20000) {
      // The token is a sensitive member, so AWS leaves its value out of the message.
      problems.push(
        `Value at 'webIdentityToken' failed to satisfy constraint: Member must have length ${token.length < 4 ? 'greater than or equal to 4' : 'less than or equal to 20000'}`
      )
    }
    const { roleArn, sessionName, duration, accountId, roleName } = roleRequest(params, problems)
    // Unreachable (a null token is one of the problems roleRequest throws), but TS cannot tell.
    if (token === null) throw validationError(problems)
    const account = this.account(accountId)

    const decoded = decodeJwt(token)
    if (decoded === undefined) {
      // Wording is the STS model's description of InvalidIdentityToken; the real message for an
      // unparseable token is UNVERIFIED.
      throw new AwsError(
        400,
        'InvalidIdentityToken',
        'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.'
      )
    }
    const { payload } = decoded
    const iss = typeof payload.iss === 'string' ? payload.iss : ''
    const provider = iss.startsWith('https://')
      ? account.providers.get(iss.slice('https://'.length))
      : undefined
    if (provider === undefined) {
      throw new AwsError(
        400,
        'InvalidIdentityToken',
        `No OpenIDConnect provider found in your account for ${iss}`
      )
    }
    const audiences =
      typeof payload.aud === 'string'
        ? [payload.aud]
        : Array.isArray(payload.aud)
          ? payload.aud.filter((a): a is string => typeof a === 'string')
          : []
    const audience = audiences.find(a => provider.clientIds.includes(a))
    if (audience === undefined) {
      throw new AwsError(400, 'InvalidIdentityToken', 'Incorrect token audience')
    }
    const nowSeconds = Math.floor(this.now() / 1000)
    if (typeof payload.exp !== 'number') {
      throw new AwsError(400, 'InvalidIdentityToken', 'Token is missing the expiration (exp) claim')
    }
    if (nowSeconds >= payload.exp) {
      throw new AwsError(
        400,
        'ExpiredTokenException',
        `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${payload.exp}`
      )
    }

    const denied = new AwsError(
      403,
      'AccessDenied',
      'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    )
    const role = account.roles.get(roleName)
    // A role path in the request ARN must match the role's path too.
    if (
      role === undefined ||
      role.arn !== roleArn.replace(/^arn:[^:]+:/, `arn:${account.partition}:`)
    ) {
      throw denied
    }
    const context = webIdentityContext(provider.host, payload, audience)
    const decision = evaluateTrustPolicy(
      role.trustPolicy,
      'sts:AssumeRoleWithWebIdentity',
      { kind: 'federated', providerArn: provider.arn },
      context
    )
    if (decision !== 'allow') throw denied
    if (duration > role.maxSessionDuration) {
      throw new AwsError(
        400,
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
      )
    }

    const session = this.issueSession(
      account,
      role,
      sessionName,
      duration,
      'AssumeRoleWithWebIdentity'
    )
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined
    return [
      el('Credentials', [
        el('AccessKeyId', session.accessKeyId),
        el('SecretAccessKey', session.secretAccessKey),
        el('SessionToken', session.sessionToken),
        el('Expiration', isoSeconds(session.expiration.getTime()))
      ]),
      el('SubjectFromWebIdentityToken', sub),
      el('AssumedRoleUser', [el('AssumedRoleId', session.assumedRoleId), el('Arn', session.arn)]),
      // oidc-facts §5: real responses carry the provider ARN, not the issuer.
      el('Provider', provider.arn),
      el('Audience', audience)
    ]
  }

  // ----- IAM -----------------------------------------------------------------------------------

  /** Per-principal IAM denial (aws-facts C4 AccessDenied row). */
  private checkIamAllowed(caller: KeyRecord, action: string, resource: string): void {
    const p = caller.principal
    const arns = p.kind === 'session' ? [p.arn, p.role.arn] : [p.arn]
    for (const arn of arns) {
      if (!this.iamDenials.has(arn)) continue
      const actions = this.iamDenials.get(arn)
      if (actions === undefined || actions.has(action)) {
        throw new AwsError(
          403,
          'AccessDenied',
          `User: ${p.arn} is not authorized to perform: iam:${action} on resource: ${resource}`
        )
      }
    }
  }

  /** The user named by `UserName`, or the calling user; errors as real IAM gives them. */
  private targetUser(
    caller: KeyRecord,
    params: Params,
    action: string
  ): { account: AccountRecord; user?: UserRecord } {
    const p = caller.principal
    const account = this.account(p.accountId)
    const userName = params.get('UserName')
    if (userName === null) {
      if (p.kind === 'session') {
        this.checkIamAllowed(caller, action, p.arn)
        throw new AwsError(
          400,
          'ValidationError',
          'Must specify userName when calling with non-User credentials'
        )
      }
      this.checkIamAllowed(caller, action, p.arn)
      return p.kind === 'user' ? { account, user: p.user } : { account }
    }
    this.checkIamAllowed(
      caller,
      action,
      `arn:${account.partition}:iam::${account.id}:user/${userName}`
    )
    const user = account.users.get(userName)
    if (user === undefined) {
      throw new AwsError(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`)
    }
    return { account, user }
  }

  private getUser(caller: KeyRecord, params: Params): XmlElement[] {
    const { account, user } = this.targetUser(caller, params, 'GetUser')
    if (user === undefined) {
      // Root: a User without UserName (aws-facts C4 notes, "Root user").
      return [
        el('User', [
          el('UserId', account.id),
          el('Arn', `arn:${account.partition}:iam::${account.id}:root`),
          el('CreateDate', isoSeconds(this.now() - 365 * DAY_MS))
        ])
      ]
    }
    return [
      el('User', [
        el('Path', user.path),
        el('UserName', user.userName),
        el('UserId', user.userId),
        el('Arn', user.arn),
        el('CreateDate', isoSeconds(user.createDate))
      ])
    ]
  }

  private listAccessKeys(caller: KeyRecord, params: Params): XmlElement[] {
    const { account, user } = this.targetUser(caller, params, 'ListAccessKeys')
    const owned = [...this.keys.values()].filter(k =>
      user === undefined
        ? k.principal.kind === 'root' && k.principal.accountId === account.id
        : k.principal.kind === 'user' && k.principal.user === user
    )
    return [
      el('UserName', user?.userName),
      list(
        'AccessKeyMetadata',
        owned.map(k => [
          el('UserName', user?.userName),
          el('AccessKeyId', k.accessKeyId),
          el('Status', k.status),
          el('CreateDate', isoSeconds(k.createDate))
        ])
      ),
      el('IsTruncated', false)
    ]
  }

  private getAccessKeyLastUsed(caller: KeyRecord, params: Params): XmlElement[] {
    const id = params.get('AccessKeyId') ?? ''
    const account = this.account(caller.principal.accountId)
    const key = this.keys.get(id)
    const owner =
      key?.principal.kind === 'user'
        ? key.principal.user.arn
        : `arn:${account.partition}:iam::${account.id}:root`
    this.checkIamAllowed(caller, 'GetAccessKeyLastUsed', owner)
    // Session keys are not IAM access keys; keys of other accounts are not visible.
    if (
      key === undefined ||
      key.sessionToken !== undefined ||
      key.principal.accountId !== account.id
    ) {
      throw new AwsError(404, 'NoSuchEntity', `The Access Key with id ${id} cannot be found`)
    }
    const used = key.lastUsed
    return [
      el('UserName', key.principal.kind === 'user' ? key.principal.user.userName : undefined),
      el('AccessKeyLastUsed', [
        el('LastUsedDate', used === undefined ? undefined : isoSeconds(used.date)),
        el('ServiceName', used?.serviceName ?? 'N/A'),
        el('Region', used?.region ?? 'N/A')
      ])
    ]
  }

  private getRole(caller: KeyRecord, params: Params): XmlElement[] {
    const account = this.account(caller.principal.accountId)
    const roleName = params.get('RoleName') ?? ''
    this.checkIamAllowed(
      caller,
      'GetRole',
      `arn:${account.partition}:iam::${account.id}:role/${roleName}`
    )
    const role = account.roles.get(roleName)
    if (role === undefined) {
      throw new AwsError(404, 'NoSuchEntity', `The role with name ${roleName} cannot be found.`)
    }
    return [
      el('Role', [
        el('Path', role.path),
        // Real IAM returns the trust policy URL-encoded; clients must decodeURIComponent it.
        el('AssumeRolePolicyDocument', encodeURIComponent(JSON.stringify(role.trustPolicy))),
        el('MaxSessionDuration', role.maxSessionDuration),
        el('RoleId', role.roleId),
        el('RoleName', role.roleName),
        el('Description', role.description),
        el('Arn', role.arn),
        el('CreateDate', isoSeconds(role.createDate)),
        el('RoleLastUsed', [])
      ])
    ]
  }

  private simulatePrincipalPolicy(caller: KeyRecord, params: Params): XmlElement[] {
    const source = params.get('PolicySourceArn') ?? ''
    this.checkIamAllowed(caller, 'SimulatePrincipalPolicy', source)
    const actions = memberList(params, 'ActionNames')
    const resources = memberList(params, 'ResourceArns')
    if (actions.length === 0) {
      throw validationError([
        `Value null at 'actionNames' failed to satisfy constraint: Member must not be null`
      ])
    }
    const sourceType = this.resolvePolicySource(source)
    const statements = this.policies.get(source) ?? []
    const results: XmlElement[][] = []
    for (const action of actions) {
      for (const resource of resources.length > 0 ? resources : ['*']) {
        const matches = statements.filter(
          s =>
            s.actions.some(a => globMatch(a, action, true)) &&
            (s.resources ?? ['*']).some(r => globMatch(r, resource))
        )
        const denies = matches.filter(s => s.effect === 'Deny')
        const allows = matches.filter(s => s.effect === 'Allow')
        const decision =
          denies.length > 0 ? 'explicitDeny' : allows.length > 0 ? 'allowed' : 'implicitDeny'
        const deciding = denies.length > 0 ? denies : allows
        results.push([
          el('EvalActionName', action),
          el('EvalResourceName', resource),
          el('EvalDecision', decision),
          list(
            'MatchedStatements',
            deciding.map(s => [
              el(
                'SourcePolicyId',
                s.policyId ?? (s.effect === 'Deny' ? 'emulator-deny' : 'emulator-allow')
              ),
              el('SourcePolicyType', sourceType),
              el('StartPosition', [el('Line', 1), el('Column', 1)]),
              el('EndPosition', [el('Line', 1), el('Column', 2)])
            ])
          ),
          list('MissingContextValues', [])
        ])
      }
    }
    return [list('EvaluationResults', results), el('IsTruncated', false)]
  }

  /**
   * Validates PolicySourceArn like IAM: users and roles must exist (or have a policy set);
   * an assumed-role ARN is rejected, since it names a session, not an IAM entity. The
   * InvalidInput wording is the emulator's (not in the fact sheets).
   */
  private resolvePolicySource(arn: string): string {
    const m = /^arn:[^:]+:iam::(\d{12}):(user|role|group)\/(?:.*\/)?([^/]+)$/.exec(arn)
    if (m === null) {
      throw new AwsError(
        400,
        'InvalidInput',
        `Invalid Entity Arn: ${arn} does not clearly define entity type and name.`
      )
    }
    const [, accountId = '', kind = '', name = ''] = m
    if (this.policies.has(arn)) return kind
    const account = this.account(accountId)
    const exists =
      kind === 'user'
        ? account.users.get(name)?.arn === arn
        : kind === 'role'
          ? account.roles.get(name)?.arn === arn
          : false
    if (!exists)
      throw new AwsError(404, 'NoSuchEntity', `The ${kind} with name ${name} cannot be found.`)
    return kind
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** The parameters AssumeRole and AssumeRoleWithWebIdentity share, checked and parsed. */
interface RoleRequest {
  roleArn: string
  sessionName: string
  duration: number
  accountId: string
  roleName: string
}

/**
 * Checks RoleArn, RoleSessionName and DurationSeconds against the STS model (oidc-facts §1
 * "Request parameters") and throws every violation at once, with those the operation found in
 * its own members (`memberProblems`, listed in model order between the session name and the
 * duration), as one ValidationError; then checks the ARN's shape ("Request ARN is invalid").
 */
function roleRequest(params: Params, memberProblems: readonly string[]): RoleRequest {
  const roleArn = params.get('RoleArn')
  const sessionName = params.get('RoleSessionName')
  const durationText = params.get('DurationSeconds')
  const duration = durationText === null ? 3600 : Number(durationText)
  const problems: string[] = []
  if (roleArn === null) {
    problems.push(`Value null at 'roleArn' failed to satisfy constraint: Member must not be null`)
  } else if (roleArn.length < 20 || roleArn.length > 2048) {
    problems.push(
      `Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length ${roleArn.length < 20 ? 'greater than or equal to 20' : 'less than or equal to 2048'}`
    )
  }
  if (sessionName === null) {
    problems.push(
      `Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null`
    )
  } else {
    if (!/^[\w+=,.@-]*$/.test(sessionName)) {
      problems.push(
        `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`
      )
    }
    if (sessionName.length > 64) {
      problems.push(
        `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`
      )
    } else if (sessionName.length < 2) {
      problems.push(
        `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2`
      )
    }
  }
  problems.push(...memberProblems)
  if (!Number.isInteger(duration) || duration > 43200) {
    problems.push(
      `Value '${durationText ?? ''}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`
    )
  } else if (duration < 900) {
    problems.push(
      `Value '${durationText ?? ''}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`
    )
  }
  if (problems.length > 0 || roleArn === null || sessionName === null) {
    throw validationError(problems)
  }
  const arnMatch =
    /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/.exec(
      roleArn
    )
  if (arnMatch === null) throw new AwsError(400, 'ValidationError', 'Request ARN is invalid')
  const [, , accountId = '', roleName = ''] = arnMatch
  return { roleArn, sessionName, duration, accountId, roleName }
}

/** `1 validation error detected: …` / `2 validation errors detected: …; …` (oidc-facts §1). */
function validationError(problems: string[]): AwsError {
  const n = problems.length
  return new AwsError(
    400,
    'ValidationError',
    `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`
  )
}

/** Query-protocol list parameters: `Name.member.1`, `Name.member.2`, … in index order. */
function memberList(params: Params, name: string): string[] {
  const items: Array<[number, string]> = []
  const prefix = `${name}.member.`
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue
    const index = Number(key.slice(prefix.length))
    if (Number.isInteger(index)) items.push([index, value])
  }
  return items.sort((a, b) => a[0] - b[0]).map(([, v]) => v)
}

/** Query parameters from the URL and the form body (the SDK only uses the body). */
function requestParams(url: string, body: Buffer): Params {
  const q = url.indexOf('?')
  const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1))
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v)
  return params
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.socket.destroy()
        reject(new Error('request body too large'))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Creates and starts an emulator. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new Emulator(options).start()
}
