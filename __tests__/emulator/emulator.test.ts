/**
 * Tests of the STS/IAM emulator through the REAL AWS SDK v3 clients, so that what the emulator
 * accepts and returns is what the SDK actually sends and parses.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  STSClient,
  type AssumeRoleCommandOutput,
  type AssumeRoleWithWebIdentityCommandOutput,
  type STSClientConfig
} from '@aws-sdk/client-sts'
import {
  GetAccessKeyLastUsedCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  SimulatePrincipalPolicyCommand,
  type EvaluationResult,
  type IAMClientConfig
} from '@aws-sdk/client-iam'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import {
  Emulator,
  GITHUB_ISSUER,
  encodeKeyId,
  makeWebIdentityToken,
  startEmulator,
  type PolicyStatement,
  type TrustPolicy
} from './emulator.js'
import { decodeKeyId } from './keys.js'
import { formatAmzDate, parseAmzDate } from './sigv4.js'

const ACCOUNT = '123456789012'
const OTHER_ACCOUNT = '111122223333'

interface Creds {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator()
})

afterAll(async () => {
  await emu.stop()
})

afterEach(() => {
  emu.setFault(undefined)
})

function sts(
  credentials?: Creds,
  region = 'us-east-1',
  extra: Partial<STSClientConfig> = {}
): STSClient {
  return new STSClient({ endpoint: emu.url, region, credentials, maxAttempts: 1, ...extra })
}

function iam(credentials: Creds, extra: Partial<IAMClientConfig> = {}): IAMClient {
  return new IAMClient({
    endpoint: emu.url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    ...extra
  })
}

interface Failure {
  name: string
  message: string
  status?: number
  fault?: string
  /** The `<Code>` of the error XML. For modelled errors `name` is the SDK class name instead. */
  awsCode?: string
  /** Node's error code (ECONNRESET, ETIMEDOUT…) for transport failures. */
  code?: string
}

/** Awaits a call that must fail and returns the SDK error's observable parts. */
async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise
  } catch (err: unknown) {
    if (!(err instanceof Error)) throw err
    const extra = err as Error & {
      $metadata?: { httpStatusCode?: number }
      $fault?: string
      Code?: string
      code?: string
    }
    return {
      name: err.name,
      message: err.message,
      status: extra.$metadata?.httpStatusCode,
      fault: extra.$fault,
      awsCode: extra.Code,
      code: extra.code
    }
  }
  throw new Error('expected the call to fail')
}

function userKey(userName = 'alice', accountId = ACCOUNT): Creds {
  return emu.createAccessKey({ accountId, userName })
}

// -----------------------------------------------------------------------------------------------

describe('key IDs (aws-facts B1/B3)', () => {
  const vectors: Array<[string, string]> = [
    ['ASIAY34FZKBOKMUTVV7A', '609629065308'],
    ['ASIAY34FZKBNKMUTVV7A', '609629065306'],
    ['ASIAY34FZKAOKMUTVV7A', '609629065244'],
    ['AIDAUH3H6EGKDO36JYJH3', '291738886548'],
    ['ASIAVJ2E6QGR2WZILJFM', '364679954851'],
    ['ASIAQNZGKIQY56JQ7WML', '029608264753'],
    ['AKIA6RVFFB77RE7OLMKI', '999999999999'],
    ['ASIAQAAAAAAAGMKEM7X5', '000000000000'],
    ['AKIARZPUZDIKGB2VALC4', '123456789012']
  ]

  it.each(vectors)('decodes %s to %s and re-encodes it bit for bit', (id, account) => {
    const decoded = decodeKeyId(id)
    expect(decoded.accountId).toBe(account)
    expect(decoded.newFormat).toBe(true)
    const again = encodeKeyId(id.slice(0, 4), account, {
      length: id.length - 4,
      low7: decoded.low7,
      tail: decoded.tail
    })
    expect(again).toBe(id)
  })

  it('old-format documentation key decodes to garbage (B3 note)', () => {
    const decoded = decodeKeyId('AKIAIOSFODNN7EXAMPLE')
    expect(decoded.newFormat).toBe(false)
    expect(decoded.accountId).toBe('581039954779')
  })

  it('random encodings round-trip and are new-format', () => {
    for (let i = 0; i < 200; i++) {
      const account = String(Math.floor(Math.random() * 1e12)).padStart(12, '0')
      const id = encodeKeyId('AKIA', account)
      expect(id).toMatch(/^AKIA[QRSTUVWXYZ234567][A-Z2-7]{15}$/)
      expect(decodeKeyId(id).accountId).toBe(account)
    }
    expect(decodeKeyId(encodeKeyId('AKIA', '000000000000')).accountId).toBe('000000000000')
    expect(decodeKeyId(encodeKeyId('AKIA', '999999999999')).accountId).toBe('999999999999')
  })

  it('generated credentials have the real shapes', () => {
    const key = emu.createAccessKey({ accountId: ACCOUNT, userName: 'shape' })
    expect(key.accessKeyId).toMatch(/^AKIA[Q-Z2-7][A-Z2-7]{15}$/)
    expect(decodeKeyId(key.accessKeyId).accountId).toBe(ACCOUNT)
    expect(key.secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/)
    const session = emu.createSessionCredentials({
      accountId: OTHER_ACCOUNT,
      roleName: 'shape-role',
      sessionName: 's',
      expiresInSeconds: 60
    })
    expect(session.accessKeyId).toMatch(/^ASIA[Q-Z2-7][A-Z2-7]{15}$/)
    expect(decodeKeyId(session.accessKeyId).accountId).toBe(OTHER_ACCOUNT)
    expect(session.sessionToken.startsWith('IQoJb3JpZ2luX2Vj')).toBe(true)
    expect(session.sessionToken.length).toBeGreaterThan(400)
    expect(session.sessionToken).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(session.assumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:s$/)
  })
})

// -----------------------------------------------------------------------------------------------

describe('STS GetCallerIdentity and SigV4 verification', () => {
  it('identifies an IAM user key and logs the call without secrets', async () => {
    const key = userKey('alice')
    emu.clearRequestLog()
    const out = await sts(key, 'eu-west-1').send(new GetCallerIdentityCommand({}))
    expect(out.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`)
    expect(out.Account).toBe(ACCOUNT)
    expect(out.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/)
    expect(decodeKeyId(out.UserId ?? '').accountId).toBe(ACCOUNT)
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
    const log = emu.requestLog()
    expect(log).toEqual([
      expect.objectContaining({
        service: 'sts',
        action: 'GetCallerIdentity',
        accessKeyId: key.accessKeyId,
        region: 'eu-west-1',
        signed: true,
        status: 200
      })
    ])
    expect(JSON.stringify(log)).not.toContain(key.secretAccessKey)
  })

  it('identifies the root user', async () => {
    const key = emu.createRootKey(ACCOUNT)
    const out = await sts(key).send(new GetCallerIdentityCommand({}))
    expect(out.Arn).toBe(`arn:aws:iam::${ACCOUNT}:root`)
    expect(out.UserId).toBe(ACCOUNT)
    expect(out.Account).toBe(ACCOUNT)
  })

  it('identifies role-session credentials', async () => {
    const creds = emu.createSessionCredentials({
      accountId: ACCOUNT,
      roleName: 'deployer',
      sessionName: 'GitHubActions',
      expiresInSeconds: 900
    })
    const out = await sts(creds, 'us-west-2').send(new GetCallerIdentityCommand({}))
    expect(out.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deployer/GitHubActions`)
    expect(out.UserId).toBe(creds.assumedRoleId)
    expect(JSON.stringify(emu.requestLog())).not.toContain(creds.sessionToken)
  })

  it('unknown key → 403 InvalidClientTokenId', async () => {
    const key = { accessKeyId: encodeKeyId('AKIA', ACCOUNT), secretAccessKey: 'x'.repeat(40) }
    const err = await failure(sts(key).send(new GetCallerIdentityCommand({})))
    expect(err).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
      fault: 'client',
      message: 'The security token included in the request is invalid.'
    })
  })

  it('deleted key → InvalidClientTokenId', async () => {
    const key = userKey('deleted')
    emu.deleteAccessKey(key.accessKeyId)
    const err = await failure(sts(key).send(new GetCallerIdentityCommand({})))
    expect(err.name).toBe('InvalidClientTokenId')
  })

  it('wrong secret → 403 SignatureDoesNotMatch', async () => {
    const key = userKey()
    // Change the last character for certain: a generated secret may already end in X.
    const last = key.secretAccessKey.endsWith('X') ? 'Y' : 'X'
    const err = await failure(
      sts({ ...key, secretAccessKey: `${key.secretAccessKey.slice(0, 39)}${last}` }).send(
        new GetCallerIdentityCommand({})
      )
    )
    expect(err).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
    })
  })

  it('secret with a trailing newline → SignatureDoesNotMatch (aws-facts D whitespace)', async () => {
    const key = userKey()
    const err = await failure(
      sts({ ...key, secretAccessKey: `${key.secretAccessKey}\n` }).send(
        new GetCallerIdentityCommand({})
      )
    )
    expect(err.name).toBe('SignatureDoesNotMatch')
  })

  it('inactive key → InvalidClientTokenId; reactivated key works', async () => {
    const key = emu.createAccessKey({ accountId: ACCOUNT, userName: 'bob', status: 'Inactive' })
    const err = await failure(sts(key).send(new GetCallerIdentityCommand({})))
    expect(err).toMatchObject({ name: 'InvalidClientTokenId', status: 403 })
    emu.setKeyStatus(key.accessKeyId, 'Active')
    await expect(sts(key).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Account: ACCOUNT
    })
  })

  it('ASIA key without its session token, or with another one → InvalidClientTokenId', async () => {
    const a = emu.createSessionCredentials({
      accountId: ACCOUNT,
      roleName: 'r',
      sessionName: 'a',
      expiresInSeconds: 900
    })
    const b = emu.createSessionCredentials({
      accountId: ACCOUNT,
      roleName: 'r',
      sessionName: 'b',
      expiresInSeconds: 900
    })
    const noToken = { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }
    expect((await failure(sts(noToken).send(new GetCallerIdentityCommand({})))).name).toBe(
      'InvalidClientTokenId'
    )
    const swapped = { ...noToken, sessionToken: b.sessionToken }
    expect((await failure(sts(swapped).send(new GetCallerIdentityCommand({})))).name).toBe(
      'InvalidClientTokenId'
    )
  })

  it('AKIA key with a leftover session token → InvalidClientTokenId', async () => {
    const key = userKey()
    const other = emu.createSessionCredentials({
      accountId: ACCOUNT,
      roleName: 'r',
      sessionName: 'x',
      expiresInSeconds: 900
    })
    const err = await failure(
      sts({ ...key, sessionToken: other.sessionToken }).send(new GetCallerIdentityCommand({}))
    )
    expect(err.name).toBe('InvalidClientTokenId')
  })

  it('expired session credentials → 403 ExpiredToken', async () => {
    const creds = emu.createSessionCredentials({
      accountId: ACCOUNT,
      roleName: 'r',
      sessionName: 'old',
      expiresInSeconds: -60
    })
    const err = await failure(sts(creds).send(new GetCallerIdentityCommand({})))
    expect(err).toMatchObject({
      name: 'ExpiredToken',
      status: 403,
      message: 'The security token included in the request is expired'
    })
  })

  it('unsigned request → 403 MissingAuthenticationToken with Date and x-amzn-RequestId', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15'
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toBe('text/xml')
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(res.headers.get('date')).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    const text = await res.text()
    expect(text).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">')
    expect(text).toContain('<Type>Sender</Type>')
    expect(text).toContain('<Code>MissingAuthenticationToken</Code>')
    expect(text).toContain('<Message>Request is missing Authentication Token</Message>')
    expect(text).toContain(`<RequestId>${res.headers.get('x-amzn-requestid') ?? ''}</RequestId>`)
  })

  it('SDK request with the Authorization header stripped → MissingAuthenticationToken', async () => {
    const client = sts(userKey())
    client.middlewareStack.add(
      next => async args => {
        const request = args.request as { headers: Record<string, string> }
        delete request.headers.authorization
        return next(args)
      },
      { step: 'deserialize', priority: 'low', name: 'stripAuthorization' }
    )
    const err = await failure(client.send(new GetCallerIdentityCommand({})))
    expect(err).toMatchObject({ name: 'MissingAuthenticationToken', status: 403 })
  })

  it('malformed Authorization header → 400 IncompleteSignature', async () => {
    const client = sts(userKey())
    client.middlewareStack.add(
      next => async args => {
        const request = args.request as { headers: Record<string, string> }
        // A blank inside the Credential value, as a key ID with a trailing space produces.
        request.headers.authorization = (request.headers.authorization ?? '').replace('/', ' /')
        return next(args)
      },
      { step: 'deserialize', priority: 'low', name: 'breakAuthorization' }
    )
    const err = await failure(client.send(new GetCallerIdentityCommand({})))
    expect(err).toMatchObject({ name: 'IncompleteSignature', status: 400 })
    expect(err.message).toContain(
      'not a valid key=value pair (missing equal-sign) in Authorization header'
    )
  })

  it('a body altered after signing → SignatureDoesNotMatch', async () => {
    const client = sts(userKey())
    client.middlewareStack.add(
      next => async args => {
        const request = args.request as { body: string; headers: Record<string, string> }
        request.body = `${request.body}&Extra=1`
        request.headers['content-length'] = String(Buffer.byteLength(request.body))
        return next(args)
      },
      { step: 'deserialize', priority: 'low', name: 'tamper' }
    )
    expect((await failure(client.send(new GetCallerIdentityCommand({})))).name).toBe(
      'SignatureDoesNotMatch'
    )
  })

  it('the SDK honours AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_IAM pointing at the emulator', async () => {
    const saved = { sts: process.env.AWS_ENDPOINT_URL_STS, iam: process.env.AWS_ENDPOINT_URL_IAM }
    process.env.AWS_ENDPOINT_URL_STS = emu.url
    process.env.AWS_ENDPOINT_URL_IAM = emu.url
    try {
      const key = userKey('env-user')
      const who = await new STSClient({
        region: 'eu-west-1',
        credentials: key,
        maxAttempts: 1
      }).send(new GetCallerIdentityCommand({}))
      expect(who.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/env-user`)
      const me = await new IAMClient({
        region: 'us-east-1',
        credentials: key,
        maxAttempts: 1
      }).send(new GetUserCommand({}))
      expect(me.User?.UserName).toBe('env-user')
      expect(emu.requestLog().slice(-2)).toEqual([
        expect.objectContaining({ service: 'sts', region: 'eu-west-1', status: 200 }),
        expect.objectContaining({ service: 'iam', region: 'us-east-1', status: 200 })
      ])
    } finally {
      if (saved.sts === undefined) delete process.env.AWS_ENDPOINT_URL_STS
      else process.env.AWS_ENDPOINT_URL_STS = saved.sts
      if (saved.iam === undefined) delete process.env.AWS_ENDPOINT_URL_IAM
      else process.env.AWS_ENDPOINT_URL_IAM = saved.iam
    }
  })

  it('GetAccessKeyInfo returns the account only', async () => {
    const key = userKey()
    const other = emu.createAccessKey({ accountId: OTHER_ACCOUNT, userName: 'x' })
    const out = await sts(key).send(new GetAccessKeyInfoCommand({ AccessKeyId: other.accessKeyId }))
    expect(out.Account).toBe(OTHER_ACCOUNT)
    const unknown = await sts(key).send(
      new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIARZPUZDIKGB2VALC4' })
    )
    expect(unknown.Account).toBe('123456789012')
  })
})

// -----------------------------------------------------------------------------------------------

describe('clock skew', () => {
  it('skew beyond 15 min → SignatureDoesNotMatch "Signature expired" in the AWS format', async () => {
    emu.setFault({ mode: 'clockSkew', clockSkewSeconds: 1800 })
    const before = Date.now()
    const err = await failure(sts(userKey()).send(new GetCallerIdentityCommand({})))
    expect(err).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 })
    const m =
      /^Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 15 min\.\)$/.exec(
        err.message
      )
    expect(m).not.toBeNull()
    const [, signed = '', limit = '', now = ''] = m ?? []
    expect(Math.abs((parseAmzDate(signed) ?? 0) - before)).toBeLessThan(5000)
    expect(parseAmzDate(limit)).toBe((parseAmzDate(now) ?? 0) - 15 * 60 * 1000)
    expect(Math.abs((parseAmzDate(now) ?? 0) - before - 1800 * 1000)).toBeLessThan(5000)
  })

  it('emulator clock behind by more than 15 min → "Signature not yet current"', async () => {
    emu.setClockSkew(-1800)
    const err = await failure(sts(userKey()).send(new GetCallerIdentityCommand({})))
    expect(err.name).toBe('SignatureDoesNotMatch')
    expect(err.message).toMatch(
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/
    )
  })

  it('skew within 15 min is accepted', async () => {
    emu.setClockSkew(600)
    await expect(sts(userKey()).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Account: ACCOUNT
    })
  })

  it('the Date header carries the skewed clock', async () => {
    emu.setClockSkew(3600)
    const res = await fetch(emu.url, { method: 'POST', body: 'Action=GetCallerIdentity' })
    const date = Date.parse(res.headers.get('date') ?? '')
    expect(Math.abs(date - Date.now() - 3600 * 1000)).toBeLessThan(5000)
  })

  it('the JS SDK corrects its clock from the Date header: a reused client then succeeds', async () => {
    emu.setClockSkew(1800)
    const client = sts(userKey())
    expect((await failure(client.send(new GetCallerIdentityCommand({})))).name).toBe(
      'SignatureDoesNotMatch'
    )
    // Same client, no retry configured: systemClockOffset was learned from the error response.
    await expect(client.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Account: ACCOUNT
    })
    // With retries on (the default 3 attempts), the very first call already succeeds on attempt 2.
    const fresh = sts(userKey(), 'us-east-1', { maxAttempts: 3 })
    const out = await fresh.send(new GetCallerIdentityCommand({}))
    expect(out.$metadata.attempts).toBe(2)
  })
})

// -----------------------------------------------------------------------------------------------

describe('regions and partitions', () => {
  it('opt-in region is refused until enabled for the account', async () => {
    const accountId = '444455556666'
    const key = emu.createAccessKey({ accountId, userName: 'regional' })
    const err = await failure(sts(key, 'af-south-1').send(new GetCallerIdentityCommand({})))
    expect(err).toMatchObject({ name: 'InvalidClientTokenId', status: 403 })
    emu.enableRegion(accountId, 'af-south-1')
    const out = await sts(key, 'af-south-1').send(new GetCallerIdentityCommand({}))
    expect(out.Account).toBe(accountId)
    // Enabling is per account.
    const otherKey = userKey()
    expect(
      (await failure(sts(otherKey, 'af-south-1').send(new GetCallerIdentityCommand({})))).name
    ).toBe('InvalidClientTokenId')
    expect(emu.requestLog().some(e => e.region === 'af-south-1' && e.status === 200)).toBe(true)
  })

  it('standing for one regional endpoint, it refuses a signature scoped to another region', async () => {
    const regional = await startEmulator({ stsRegion: 'us-east-1' })
    try {
      const key = regional.createAccessKey({ accountId: '444455556677', userName: 'scoped' })
      const client = (region: string) =>
        new STSClient({ endpoint: regional.url, region, credentials: key, maxAttempts: 1 })
      const err = await failure(client('eu-west-1').send(new GetCallerIdentityCommand({})))
      expect(err).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 })
      expect(err.message).toContain('Credential should be scoped to a valid region')
      const out = await client('us-east-1').send(new GetCallerIdentityCommand({}))
      expect(out.Account).toBe('444455556677')
    } finally {
      await regional.stop()
    }
  })

  it('aws-cn key works in cn- regions only; commercial key fails there', async () => {
    const cnAccount = '210987654321'
    emu.configureAccount(cnAccount, { partition: 'aws-cn' })
    const cnKey = emu.createAccessKey({ accountId: cnAccount, userName: 'cn-user' })
    const out = await sts(cnKey, 'cn-north-1').send(new GetCallerIdentityCommand({}))
    expect(out.Arn).toBe(`arn:aws-cn:iam::${cnAccount}:user/cn-user`)
    expect(
      (await failure(sts(cnKey, 'us-east-1').send(new GetCallerIdentityCommand({})))).name
    ).toBe('InvalidClientTokenId')
    expect(
      (await failure(sts(userKey(), 'cn-north-1').send(new GetCallerIdentityCommand({})))).name
    ).toBe('InvalidClientTokenId')
  })

  it('aws-us-gov key fails at a commercial region', async () => {
    const govAccount = '333344445555'
    emu.configureAccount(govAccount, { partition: 'aws-us-gov' })
    const key = emu.createAccessKey({ accountId: govAccount, userName: 'gov' })
    expect((await failure(sts(key, 'us-east-1').send(new GetCallerIdentityCommand({})))).name).toBe(
      'InvalidClientTokenId'
    )
    const out = await sts(key, 'us-gov-west-1').send(new GetCallerIdentityCommand({}))
    expect(out.Arn).toBe(`arn:aws-us-gov:iam::${govAccount}:user/gov`)
  })
})

// -----------------------------------------------------------------------------------------------

describe('fault modes', () => {
  it('hang: the client times out (requestTimeout) and stop() still closes the socket', async () => {
    emu.setFault({ mode: 'hang' })
    const client = sts(userKey(), 'us-east-1', {
      requestHandler: new NodeHttpHandler({ requestTimeout: 500, throwOnRequestTimeout: true })
    })
    const started = Date.now()
    const err = await failure(client.send(new GetCallerIdentityCommand({})))
    expect(err.name).toBe('TimeoutError')
    expect(Date.now() - started).toBeLessThan(3000)
    const entry = emu.requestLog().at(-1)
    expect(entry?.fault).toBe('hang')
    expect(entry?.status).toBeUndefined()
  })

  it('hang: stop() destroys hung sockets so nothing keeps the process alive', async () => {
    const local = await startEmulator()
    local.setFault({ mode: 'hang' })
    const client = new STSClient({
      endpoint: local.url,
      region: 'us-east-1',
      credentials: local.createAccessKey({ accountId: ACCOUNT, userName: 'u' }),
      maxAttempts: 1
    })
    const pending = failure(client.send(new GetCallerIdentityCommand({})))
    await new Promise(resolve => setTimeout(resolve, 200))
    const started = Date.now()
    await local.stop()
    expect(Date.now() - started).toBeLessThan(1000)
    const err = await pending
    expect(err.message).toMatch(/socket hang up|ECONNRESET/)
  })

  it('reset: the socket is destroyed after the request is read', async () => {
    emu.setFault({ mode: 'reset' })
    const err = await failure(sts(userKey()).send(new GetCallerIdentityCommand({})))
    expect(err.code ?? err.message).toMatch(/ECONNRESET|socket hang up/)
  })

  it('http500: 500 InternalFailure, a server fault', async () => {
    emu.setFault({ mode: 'http500' })
    const err = await failure(sts(userKey()).send(new GetCallerIdentityCommand({})))
    expect(err).toMatchObject({ name: 'InternalFailure', status: 500, fault: 'server' })
  })

  it('throttle: 400 Throttling "Rate exceeded"; the SDK retries it when allowed', async () => {
    emu.setFault({ mode: 'throttle' })
    const err = await failure(sts(userKey()).send(new GetCallerIdentityCommand({})))
    expect(err).toMatchObject({ name: 'Throttling', status: 400, message: 'Rate exceeded' })
    emu.setFault({ mode: 'throttle', times: 1 })
    const out = await sts(userKey(), 'us-east-1', { maxAttempts: 2 }).send(
      new GetCallerIdentityCommand({})
    )
    expect(out.$metadata.attempts).toBe(2)
  })

  it('malformed: a 200 with truncated XML makes the SDK throw', async () => {
    emu.setFault({ mode: 'malformed' })
    const err = await failure(sts(userKey()).send(new GetCallerIdentityCommand({})))
    // A plain Error (no AWS name or Code), but with $metadata.httpStatusCode 200.
    expect(err).toMatchObject({ name: 'Error', status: 200, awsCode: undefined })
    expect(err.message).toContain('XML parse error')
  })

  it('drip: the body arrives one byte at a time; requestTimeout does not bound it, socketTimeout does', async () => {
    // Fast drip: still a valid response.
    emu.setFault({ mode: 'drip', dripIntervalMs: 2 })
    await expect(sts(userKey()).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Account: ACCOUNT
    })

    // Default 1 byte/s: requestTimeout is cleared once headers arrive, so only an idle socket
    // timeout or an abort signal stops the call.
    emu.setFault({ mode: 'drip' })
    const client = sts(userKey(), 'us-east-1', {
      requestHandler: new NodeHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true })
    })
    const abort = new AbortController()
    const pending = failure(
      client.send(new GetCallerIdentityCommand({}), { abortSignal: abort.signal })
    )
    const raced = await Promise.race([
      pending.then(() => 'settled'),
      new Promise(r => setTimeout(() => r('still running'), 1200))
    ])
    expect(raced).toBe('still running')
    abort.abort()
    // Aborting after the headers arrived does not give an AbortError: the body stream is torn
    // down and the SDK surfaces Node's "aborted" (raw, or wrapped as "AWS SDK error wrapper for
    // Error: aborted" when it happens during deserialization).
    const aborted = await pending
    expect(aborted.name).not.toBe('AbortError')
    expect(aborted.message).toMatch(/\baborted\b/)

    const idle = sts(userKey(), 'us-east-1', {
      requestHandler: new NodeHttpHandler({ socketTimeout: 400 })
    })
    const err = await failure(idle.send(new GetCallerIdentityCommand({})))
    expect(err.name).toBe('TimeoutError')
  })

  it('times and actions limit a fault', async () => {
    const key = userKey()
    emu.setFault({ mode: 'http500', times: 1, actions: ['GetUser'] })
    await expect(sts(key).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined()
    expect((await failure(iam(key).send(new GetUserCommand({})))).name).toBe('InternalFailure')
    await expect(iam(key).send(new GetUserCommand({}))).resolves.toBeDefined()
  })
})

// -----------------------------------------------------------------------------------------------

describe('IAM', () => {
  const account = '555566667777'

  it('GetUser: the caller, a named user, root, and a role session', async () => {
    const key = emu.createAccessKey({ accountId: account, userName: 'carol' })
    emu.createAccessKey({ accountId: account, userName: 'dave' })
    const me = await iam(key).send(new GetUserCommand({}))
    expect(me.User).toMatchObject({
      UserName: 'carol',
      Arn: `arn:aws:iam::${account}:user/carol`,
      Path: '/'
    })
    expect(me.User?.CreateDate).toBeInstanceOf(Date)
    const dave = await iam(key).send(new GetUserCommand({ UserName: 'dave' }))
    expect(dave.User?.UserName).toBe('dave')
    const missing = await failure(iam(key).send(new GetUserCommand({ UserName: 'nobody' })))
    // Modelled error: `name` is the SDK class, `Code` the wire code.
    expect(missing).toMatchObject({
      name: 'NoSuchEntityException',
      awsCode: 'NoSuchEntity',
      status: 404
    })
    expect(missing.message).toBe('The user with name nobody cannot be found.')

    const root = await iam(emu.createRootKey(account)).send(new GetUserCommand({}))
    expect(root.User?.UserName).toBeUndefined()
    expect(root.User).toMatchObject({ Arn: `arn:aws:iam::${account}:root`, UserId: account })

    const session = emu.createSessionCredentials({
      accountId: account,
      roleName: 'ci',
      sessionName: 's',
      expiresInSeconds: 900
    })
    const err = await failure(iam(session).send(new GetUserCommand({})))
    expect(err).toMatchObject({
      name: 'ValidationError',
      status: 400,
      message: 'Must specify userName when calling with non-User credentials'
    })
  })

  it('ListAccessKeys: metadata with status and backdated CreateDate', async () => {
    const a = emu.createAccessKey({ accountId: account, userName: 'erin', ageDays: 400 })
    const b = emu.createAccessKey({ accountId: account, userName: 'erin', status: 'Inactive' })
    const out = await iam(a).send(new ListAccessKeysCommand({}))
    expect(out.IsTruncated).toBe(false)
    const byId = new Map((out.AccessKeyMetadata ?? []).map(m => [m.AccessKeyId, m]))
    expect(byId.size).toBe(2)
    expect(byId.get(a.accessKeyId)).toMatchObject({ UserName: 'erin', Status: 'Active' })
    expect(byId.get(b.accessKeyId)).toMatchObject({ UserName: 'erin', Status: 'Inactive' })
    const age = Date.now() - (byId.get(a.accessKeyId)?.CreateDate?.getTime() ?? 0)
    expect(Math.round(age / 86_400_000)).toBe(400)
    const session = emu.createSessionCredentials({
      accountId: account,
      roleName: 'ci',
      sessionName: 's',
      expiresInSeconds: 900
    })
    expect((await failure(iam(session).send(new ListAccessKeysCommand({})))).name).toBe(
      'ValidationError'
    )
    const named = await iam(session).send(new ListAccessKeysCommand({ UserName: 'erin' }))
    expect(named.AccessKeyMetadata).toHaveLength(2)
  })

  it('GetAccessKeyLastUsed: preset, never used ("N/A"), and tracked from use', async () => {
    const caller = emu.createAccessKey({ accountId: account, userName: 'frank' })
    const preset = emu.createAccessKey({
      accountId: account,
      userName: 'frank',
      lastUsed: { date: new Date('2026-01-02T03:04:05Z'), serviceName: 's3', region: 'eu-west-1' }
    })
    const never = emu.createAccessKey({ accountId: account, userName: 'frank' })
    const client = iam(caller)
    const p = await client.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: preset.accessKeyId })
    )
    expect(p.UserName).toBe('frank')
    expect(p.AccessKeyLastUsed).toEqual({
      LastUsedDate: new Date('2026-01-02T03:04:05Z'),
      ServiceName: 's3',
      Region: 'eu-west-1'
    })
    const n = await client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: never.accessKeyId }))
    expect(n.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' })
    await sts(never, 'eu-central-1').send(new GetCallerIdentityCommand({}))
    const used = await client.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: never.accessKeyId })
    )
    expect(used.AccessKeyLastUsed).toMatchObject({ ServiceName: 'sts', Region: 'eu-central-1' })
    expect(used.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date)
    const foreign = emu.createAccessKey({ accountId: OTHER_ACCOUNT, userName: 'z' })
    const err = await failure(
      client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: foreign.accessKeyId }))
    )
    expect(err).toMatchObject({ name: 'NoSuchEntityException', status: 404 })
  })

  it('GetRole: AssumeRolePolicyDocument is URL-encoded JSON', async () => {
    const policy: TrustPolicy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Federated: 'x' }, Action: 'sts:AssumeRoleWithWebIdentity' }
      ]
    }
    const info = emu.addRole(account, 'app-role', {
      trustPolicy: policy,
      maxSessionDuration: 7200,
      path: '/ci/'
    })
    const out = await iam(emu.createAccessKey({ accountId: account, userName: 'gina' })).send(
      new GetRoleCommand({ RoleName: 'app-role' })
    )
    expect(out.Role).toMatchObject({
      RoleName: 'app-role',
      RoleId: info.roleId,
      Arn: `arn:aws:iam::${account}:role/ci/app-role`,
      Path: '/ci/',
      MaxSessionDuration: 7200
    })
    const doc = out.Role?.AssumeRolePolicyDocument ?? ''
    expect(doc.startsWith('%7B')).toBe(true)
    expect(JSON.parse(decodeURIComponent(doc))).toEqual(policy)
    const err = await failure(
      iam(emu.createAccessKey({ accountId: account, userName: 'gina' })).send(
        new GetRoleCommand({ RoleName: 'nope' })
      )
    )
    expect(err).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The role with name nope cannot be found.'
    })
  })

  it('SimulatePrincipalPolicy: allowed, implicitDeny, explicitDeny with the deciding statement', async () => {
    const key = emu.createAccessKey({ accountId: account, userName: 'henry' })
    const arn = `arn:aws:iam::${account}:user/henry`
    emu.setPolicy(arn, [
      { effect: 'Allow', actions: ['s3:*'], policyId: 'S3Full' },
      { effect: 'Allow', actions: ['ec2:Describe*'], resources: ['*'] },
      {
        effect: 'Deny',
        actions: ['s3:DeleteBucket'],
        resources: ['arn:aws:s3:::prod-*'],
        policyId: 'NoProdDelete'
      }
    ])
    const out = await iam(key).send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: arn,
        ActionNames: ['s3:GetObject', 's3:DeleteBucket', 'iam:CreateUser', 'EC2:DescribeInstances'],
        ResourceArns: ['arn:aws:s3:::prod-data']
      })
    )
    const decisions: Record<string, EvaluationResult | undefined> = Object.fromEntries(
      (out.EvaluationResults ?? []).map(r => [r.EvalActionName ?? '', r])
    )
    expect(decisions['s3:GetObject']).toMatchObject({
      EvalDecision: 'allowed',
      EvalResourceName: 'arn:aws:s3:::prod-data'
    })
    expect(decisions['s3:GetObject']?.MatchedStatements?.[0]?.SourcePolicyId).toBe('S3Full')
    expect(decisions['s3:DeleteBucket']?.EvalDecision).toBe('explicitDeny')
    expect(decisions['s3:DeleteBucket']?.MatchedStatements?.map(s => s.SourcePolicyId)).toEqual([
      'NoProdDelete'
    ])
    expect(decisions['iam:CreateUser']).toMatchObject({
      EvalDecision: 'implicitDeny',
      MatchedStatements: []
    })
    expect(decisions['EC2:DescribeInstances']?.EvalDecision).toBe('allowed')

    // Without ResourceArns the resource is "*", which a resource-scoped Deny does not match.
    const star = await iam(key).send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:DeleteBucket'] })
    )
    expect(star.EvaluationResults?.[0]).toMatchObject({
      EvalResourceName: '*',
      EvalDecision: 'allowed'
    })
  })

  it('SimulatePrincipalPolicy rejects an assumed-role ARN and unknown users', async () => {
    const key = emu.createAccessKey({ accountId: account, userName: 'ivan' })
    const bad = await failure(
      iam(key).send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:sts::${account}:assumed-role/ci/s`,
          ActionNames: ['s3:GetObject']
        })
      )
    )
    expect(bad).toMatchObject({
      name: 'InvalidInputException',
      awsCode: 'InvalidInput',
      status: 400
    })
    const none = await failure(
      iam(key).send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${account}:user/ghost`,
          ActionNames: ['s3:GetObject']
        })
      )
    )
    expect(none).toMatchObject({ name: 'NoSuchEntityException', status: 404 })
  })

  it('denyIam: 403 AccessDenied naming the caller, action and resource', async () => {
    const key = emu.createAccessKey({ accountId: account, userName: 'judy' })
    const arn = `arn:aws:iam::${account}:user/judy`
    emu.denyIam(arn)
    const err = await failure(iam(key).send(new GetUserCommand({})))
    expect(err).toMatchObject({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${arn} is not authorized to perform: iam:GetUser on resource: ${arn}`
    })
    expect((await failure(iam(key).send(new ListAccessKeysCommand({})))).name).toBe('AccessDenied')
    // STS GetCallerIdentity needs no permission (aws-facts C2).
    await expect(sts(key).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined()
    emu.denyIam(arn, ['SimulatePrincipalPolicy'])
    await expect(iam(key).send(new GetUserCommand({}))).resolves.toBeDefined()
    emu.allowIam(arn)
  })

  it('denyIam on a role applies to its sessions', async () => {
    const session = emu.createSessionCredentials({
      accountId: account,
      roleName: 'locked',
      sessionName: 's1',
      expiresInSeconds: 900
    })
    emu.denyIam(`arn:aws:iam::${account}:role/locked`)
    const err = await failure(iam(session).send(new GetRoleCommand({ RoleName: 'locked' })))
    expect(err.name).toBe('AccessDenied')
    expect(err.message).toBe(
      `User: arn:aws:sts::${account}:assumed-role/locked/s1 is not authorized to perform: iam:GetRole on resource: arn:aws:iam::${account}:role/locked`
    )
  })

  it('an action sent to the wrong service → 400 InvalidAction', async () => {
    const key = emu.createAccessKey({ accountId: account, userName: 'kim' })
    const client = iam(key)
    // Rewrite the body before signing so the signature stays valid: an STS action signed for iam.
    client.middlewareStack.add(
      next => async args => {
        const request = args.request as { body: string; headers: Record<string, string> }
        request.body = request.body.replace('Action=GetUser', 'Action=GetCallerIdentity')
        request.headers['content-length'] = String(Buffer.byteLength(request.body))
        return next(args)
      },
      { step: 'build', priority: 'low', name: 'swapAction' }
    )
    const err = await failure(client.send(new GetUserCommand({})))
    expect(err).toMatchObject({
      name: 'InvalidAction',
      status: 400,
      message: 'Could not find operation GetCallerIdentity for version 2010-05-08'
    })
  })
})

// -----------------------------------------------------------------------------------------------

describe('AssumeRoleWithWebIdentity', () => {
  const account = '666677778888'
  let providerArn: string
  let roleArn: string
  const sub = 'repo:octo-org/octo-repo:ref:refs/heads/main'

  function trust(condition: PolicyStatement['Condition']): TrustPolicy {
    return {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: providerArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: condition
        }
      ]
    }
  }

  beforeAll(() => {
    providerArn = emu.addOidcProvider(account, {
      url: GITHUB_ISSUER,
      clientIds: ['sts.amazonaws.com']
    })
    roleArn = emu.addRole(account, 'gha', {
      trustPolicy: trust({
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' }
      }),
      maxSessionDuration: 7200
    }).arn
  })

  function assume(
    token: string,
    overrides: { RoleArn?: string; RoleSessionName?: string; DurationSeconds?: number } = {}
  ): Promise<AssumeRoleWithWebIdentityCommandOutput> {
    // No credentials: the operation is unsigned (oidc-facts §1).
    return sts(undefined, 'us-east-1').send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: 'GitHubActions',
        WebIdentityToken: token,
        ...overrides
      })
    )
  }

  it('succeeds unsigned, and the credentials it returns work', async () => {
    emu.clearRequestLog()
    const out = await sts(undefined).send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: 'GitHubActions',
        WebIdentityToken: makeWebIdentityToken({ sub }),
        DurationSeconds: 3600
      })
    )
    expect(emu.requestLog()[0]).toMatchObject({
      action: 'AssumeRoleWithWebIdentity',
      signed: false,
      status: 200
    })
    expect(out.SubjectFromWebIdentityToken).toBe(sub)
    expect(out.Provider).toBe(providerArn)
    expect(out.Audience).toBe('sts.amazonaws.com')
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account}:assumed-role/gha/GitHubActions`)
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:GitHubActions$/)
    const c = out.Credentials
    expect(c?.AccessKeyId).toMatch(/^ASIA/)
    expect(c?.SessionToken?.startsWith('IQoJb3JpZ2luX2Vj')).toBe(true)
    const ttl = (c?.Expiration?.getTime() ?? 0) - Date.now()
    expect(ttl).toBeGreaterThan(3590_000)
    expect(ttl).toBeLessThanOrEqual(3600_000)
    const who = await sts({
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? ''
    }).send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toBe(out.AssumedRoleUser?.Arn)
    expect(who.UserId).toBe(out.AssumedRoleUser?.AssumedRoleId)
  })

  it('no provider in the role account → 400 InvalidIdentityToken', async () => {
    const token = makeWebIdentityToken({ iss: 'https://token.actions.githubusercontent.com/' })
    const err = await failure(assume(token))
    expect(err).toMatchObject({
      name: 'InvalidIdentityTokenException',
      awsCode: 'InvalidIdentityToken',
      status: 400,
      message:
        'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com/'
    })
    const otherAccountRole = `arn:aws:iam::${OTHER_ACCOUNT}:role/gha`
    const err2 = await failure(assume(makeWebIdentityToken({ sub }), { RoleArn: otherAccountRole }))
    expect(err2.message).toBe(
      'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com'
    )
  })

  it('audience not in the provider client IDs → InvalidIdentityToken "Incorrect token audience"', async () => {
    const err = await failure(
      assume(makeWebIdentityToken({ sub, aud: 'https://github.com/octo-org' }))
    )
    expect(err).toMatchObject({
      name: 'InvalidIdentityTokenException',
      awsCode: 'InvalidIdentityToken',
      status: 400,
      message: 'Incorrect token audience'
    })
  })

  it('expired token → 400 ExpiredTokenException with epoch seconds', async () => {
    const iat = Math.floor(Date.now() / 1000) - 1000
    const err = await failure(assume(makeWebIdentityToken({ sub }, { nowSeconds: iat })))
    expect(err).toMatchObject({
      name: 'ExpiredTokenException',
      awsCode: 'ExpiredTokenException',
      status: 400
    })
    const m =
      /^Token expired: current date\/time (\d+) must be before the expiration date\/time (\d+)$/.exec(
        err.message
      )
    expect(m?.[2]).toBe(String(iat + 300))
    expect(Math.abs(Number(m?.[1]) - Date.now() / 1000)).toBeLessThan(5)
  })

  it('unparseable token → InvalidIdentityToken', async () => {
    expect((await failure(assume('not-a-jwt'))).awsCode).toBe('InvalidIdentityToken')
    expect((await failure(assume('a.b.c'))).awsCode).toBe('InvalidIdentityToken')
  })

  it('malformed RoleArn → 400 ValidationError "Request ARN is invalid"', async () => {
    const err = await failure(
      assume(makeWebIdentityToken({ sub }), { RoleArn: `arn:aws:iam::${account}:user/gha` })
    )
    expect(err).toMatchObject({
      name: 'ValidationError',
      status: 400,
      message: 'Request ARN is invalid'
    })
  })

  it('RoleSessionName failing the pattern or the length → ValidationError with the AWS texts', async () => {
    const token = makeWebIdentityToken({ sub })
    const bad = await failure(assume(token, { RoleSessionName: 'dependabot[bot]' }))
    expect(bad).toMatchObject({
      name: 'ValidationError',
      status: 400,
      message:
        "1 validation error detected: Value 'dependabot[bot]' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
    })
    const long = 'x'.repeat(65)
    const tooLong = await failure(assume(token, { RoleSessionName: long }))
    expect(tooLong.message).toBe(
      `1 validation error detected: Value '${long}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`
    )
    const short = await failure(assume(token, { RoleSessionName: 'x' }))
    expect(short.message).toContain('Member must have length greater than or equal to 2')
  })

  it('model constraints: DurationSeconds over 43200, token shorter than 4 chars', async () => {
    const long = await failure(assume(makeWebIdentityToken({ sub }), { DurationSeconds: 50000 }))
    expect(long).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '50000' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"
    })
    const short = await failure(assume('abc'))
    expect(short).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4"
    })
  })

  it('DurationSeconds above the role maximum → ValidationError', async () => {
    const err = await failure(assume(makeWebIdentityToken({ sub }), { DurationSeconds: 7201 }))
    expect(err).toMatchObject({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    })
    await expect(
      assume(makeWebIdentityToken({ sub }), { DurationSeconds: 7200 })
    ).resolves.toBeDefined()
  })

  it('missing role or non-matching trust policy → 403 AccessDenied', async () => {
    const denied = {
      name: 'AccessDenied',
      status: 403,
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    }
    const missing = await failure(
      assume(makeWebIdentityToken({ sub }), { RoleArn: `arn:aws:iam::${account}:role/none` })
    )
    expect(missing).toMatchObject(denied)
    // Case matters (oidc-facts §3 "Case sensitivity").
    const wrongCase = await failure(
      assume(makeWebIdentityToken({ sub: 'repo:Octo-Org/octo-repo:ref:refs/heads/main' }))
    )
    expect(wrongCase).toMatchObject(denied)
    const otherRepo = await failure(
      assume(makeWebIdentityToken({ sub: 'repo:octo-org/other:ref:refs/heads/main' }))
    )
    expect(otherRepo).toMatchObject(denied)
  })

  it('StringEquals takes "*" literally; StringLike honours * and ?', async () => {
    emu.addRole(account, 'literal', {
      trustPolicy: trust({
        StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' }
      })
    })
    const literal = `arn:aws:iam::${account}:role/literal`
    expect((await failure(assume(makeWebIdentityToken({ sub }), { RoleArn: literal }))).name).toBe(
      'AccessDenied'
    )

    emu.addRole(account, 'env', {
      trustPolicy: trust({
        StringEquals: { 'token.actions.githubusercontent.com:aud': ['other', 'sts.amazonaws.com'] },
        StringLike: {
          'token.actions.githubusercontent.com:sub': ['repo:octo-org/octo-repo:environment:pro?']
        }
      })
    })
    const env = `arn:aws:iam::${account}:role/env`
    const ok = await assume(
      makeWebIdentityToken({ sub: 'repo:octo-org/octo-repo:environment:prod' }),
      { RoleArn: env }
    )
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account}:assumed-role/env/GitHubActions`)
    // A branch run of the same repo gets a ref: sub and is refused (oidc-facts §4 first row).
    expect((await failure(assume(makeWebIdentityToken({ sub }), { RoleArn: env }))).name).toBe(
      'AccessDenied'
    )
  })

  it('an explicit Deny statement wins', async () => {
    emu.addRole(account, 'denying', {
      trustPolicy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: providerArn },
            Action: 'sts:AssumeRoleWithWebIdentity'
          },
          {
            Effect: 'Deny',
            Principal: { Federated: providerArn },
            Action: 'sts:*',
            Condition: {
              StringLike: { 'token.actions.githubusercontent.com:sub': '*:pull_request' }
            }
          }
        ]
      }
    })
    const arn = `arn:aws:iam::${account}:role/denying`
    await expect(assume(makeWebIdentityToken({ sub }), { RoleArn: arn })).resolves.toBeDefined()
    const pr = makeWebIdentityToken({ sub: 'repo:octo-org/octo-repo:pull_request' })
    expect((await failure(assume(pr, { RoleArn: arn }))).name).toBe('AccessDenied')
  })
})

describe('AssumeRole', () => {
  const account = '222233334444'

  function trustAws(principal: string | string[]): TrustPolicy {
    return {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }]
    }
  }

  function assumeRole(
    credentials: Creds,
    roleArn: string,
    overrides: { RoleSessionName?: string; DurationSeconds?: number; ExternalId?: string } = {}
  ): Promise<AssumeRoleCommandOutput> {
    return sts(credentials).send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'deploy-run', ...overrides })
    )
  }

  function sessionCreds(out: AssumeRoleCommandOutput): Creds {
    return {
      accessKeyId: out.Credentials?.AccessKeyId ?? '',
      secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
      sessionToken: out.Credentials?.SessionToken ?? ''
    }
  }

  it('a trusted user assumes the role, and GetCallerIdentity with the session says so', async () => {
    const caller = emu.createAccessKey({ accountId: account, userName: 'deployer' })
    const role = emu.addRole(account, 'deploy', {
      trustPolicy: trustAws(`arn:aws:iam::${account}:user/deployer`)
    })
    emu.clearRequestLog()
    const out = await assumeRole(caller, role.arn)
    expect(emu.requestLog()[0]).toMatchObject({
      action: 'AssumeRole',
      signed: true,
      accessKeyId: caller.accessKeyId,
      status: 200
    })
    const sessionArn = `arn:aws:sts::${account}:assumed-role/deploy/deploy-run`
    expect(out.AssumedRoleUser).toEqual({
      Arn: sessionArn,
      AssumedRoleId: `${role.roleId}:deploy-run`
    })
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(out.Credentials?.SessionToken?.startsWith('IQoJb3JpZ2luX2Vj')).toBe(true)
    const ttl = (out.Credentials?.Expiration?.getTime() ?? 0) - Date.now()
    expect(ttl).toBeGreaterThan(3590_000)
    expect(ttl).toBeLessThanOrEqual(3600_000)

    const who = await sts(sessionCreds(out)).send(new GetCallerIdentityCommand({}))
    expect(who).toMatchObject({
      Arn: sessionArn,
      UserId: `${role.roleId}:deploy-run`,
      Account: account
    })
    expect(emu.issuedSessions().at(-1)).toMatchObject({
      via: 'AssumeRole',
      roleArn: role.arn,
      arn: sessionArn,
      accessKeyId: out.Credentials?.AccessKeyId,
      secretAccessKey: out.Credentials?.SecretAccessKey,
      sessionToken: out.Credentials?.SessionToken
    })
  })

  it('a caller the trust policy does not name → 403 AccessDenied naming caller and role', async () => {
    const trusted = emu.createAccessKey({ accountId: account, userName: 'trusted' })
    const other = emu.createAccessKey({ accountId: account, userName: 'intruder' })
    const role = emu.addRole(account, 'narrow', {
      trustPolicy: trustAws(`arn:aws:iam::${account}:user/trusted`)
    })
    const before = emu.issuedSessions().length
    const err = await failure(assumeRole(other, role.arn))
    expect(err).toMatchObject({
      name: 'AccessDenied',
      awsCode: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${account}:user/intruder is not authorized to perform: sts:AssumeRole on resource: ${role.arn}`
    })
    expect(emu.issuedSessions()).toHaveLength(before)
    await expect(assumeRole(trusted, role.arn)).resolves.toBeDefined()
  })

  it('an unknown role → the same AccessDenied, which does not tell that the role is missing', async () => {
    const caller = emu.createAccessKey({ accountId: account, userName: 'deployer' })
    const missing = `arn:aws:iam::${account}:role/does-not-exist`
    const err = await failure(assumeRole(caller, missing))
    expect(err).toMatchObject({
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${account}:user/deployer is not authorized to perform: sts:AssumeRole on resource: ${missing}`
    })
  })

  it('an account principal (root ARN or bare ID) trusts every caller of that account, across accounts', async () => {
    const insider = emu.createAccessKey({ accountId: ACCOUNT, userName: 'cross' })
    const outsider = emu.createAccessKey({ accountId: OTHER_ACCOUNT, userName: 'cross' })
    const byRoot = emu.addRole(account, 'cross-root', {
      trustPolicy: trustAws(`arn:aws:iam::${ACCOUNT}:root`)
    })
    const byId = emu.addRole(account, 'cross-id', { trustPolicy: trustAws([ACCOUNT]) })
    const out = await assumeRole(insider, byRoot.arn)
    expect(out.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${account}:assumed-role/cross-root/deploy-run`
    )
    await expect(assumeRole(insider, byId.arn)).resolves.toBeDefined()
    expect((await failure(assumeRole(outsider, byRoot.arn))).message).toBe(
      `User: arn:aws:iam::${OTHER_ACCOUNT}:user/cross is not authorized to perform: sts:AssumeRole on resource: ${byRoot.arn}`
    )
  })

  it('a role ARN in the trust policy admits its sessions (role chaining), limited to one hour', async () => {
    const caller = emu.createAccessKey({ accountId: account, userName: 'chain-start' })
    const first = emu.addRole(account, 'first', {
      trustPolicy: trustAws(`arn:aws:iam::${account}:user/chain-start`),
      maxSessionDuration: 43200
    })
    const second = emu.addRole(account, 'second', {
      trustPolicy: trustAws(first.arn),
      maxSessionDuration: 43200
    })
    const hop = sessionCreds(await assumeRole(caller, first.arn))
    const out = await assumeRole(hop, second.arn)
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account}:assumed-role/second/deploy-run`)
    const long = await failure(assumeRole(hop, second.arn, { DurationSeconds: 7200 }))
    expect(long).toMatchObject({
      name: 'ValidationError',
      status: 400,
      message:
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
    })
  })

  it('DurationSeconds above the role maximum, and RoleSessionName out of pattern → ValidationError', async () => {
    const caller = emu.createAccessKey({ accountId: account, userName: 'deployer' })
    const role = emu.addRole(account, 'short', {
      trustPolicy: trustAws(`arn:aws:iam::${account}:user/deployer`),
      maxSessionDuration: 3600
    })
    expect(await failure(assumeRole(caller, role.arn, { DurationSeconds: 3601 }))).toMatchObject({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    })
    expect(
      await failure(assumeRole(caller, role.arn, { RoleSessionName: 'dependabot[bot]' }))
    ).toMatchObject({
      name: 'ValidationError',
      status: 400,
      message:
        "1 validation error detected: Value 'dependabot[bot]' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
    })
    expect(
      (await failure(assumeRole(caller, `arn:aws:iam::${account}:user/deployer`))).message
    ).toBe('Request ARN is invalid')
  })

  it('conditions on sts:ExternalId are evaluated', async () => {
    const caller = emu.createAccessKey({ accountId: account, userName: 'vendor' })
    const role = emu.addRole(account, 'vendor-access', {
      trustPolicy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${account}:user/vendor` },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': 'tenant-42' } }
          }
        ]
      }
    })
    expect((await failure(assumeRole(caller, role.arn))).name).toBe('AccessDenied')
    expect((await failure(assumeRole(caller, role.arn, { ExternalId: 'tenant-4' }))).name).toBe(
      'AccessDenied'
    )
    await expect(assumeRole(caller, role.arn, { ExternalId: 'tenant-42' })).resolves.toBeDefined()
  })

  it('a Federated-only trust policy does not admit AWS callers', async () => {
    const caller = emu.createAccessKey({ accountId: account, userName: 'deployer' })
    const role = emu.addRole(account, 'oidc-only', {
      trustPolicy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`
            },
            Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity']
          }
        ]
      }
    })
    expect((await failure(assumeRole(caller, role.arn))).name).toBe('AccessDenied')
  })
})

// -----------------------------------------------------------------------------------------------

describe('start.ts CLI', () => {
  it('prints one JSON line with a usable URL and seed credentials, and exits on SIGTERM', async () => {
    // Resolved from this file so the test does not depend on Jest's working directory.
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url))
    const start = fileURLToPath(new URL('./start.ts', import.meta.url))
    const child = spawn(tsx, [start], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    try {
      const lines = createInterface({ input: child.stdout })
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve)
        child.once('exit', code => reject(new Error(`start.ts exited early with ${String(code)}`)))
      })
      const info = JSON.parse(first) as {
        url: string
        control: string
        accountId: string
        user: Creds & { userName: string }
        oidc: { roleArn: string; webIdentityToken: string }
      }
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const client = new STSClient({
        endpoint: info.url,
        region: 'us-east-1',
        credentials: info.user,
        maxAttempts: 1
      })
      const who = await client.send(new GetCallerIdentityCommand({}))
      expect(who.Arn).toBe(`arn:aws:iam::${info.accountId}:user/ci-user`)
      const assumed = await new STSClient({
        endpoint: info.url,
        region: 'us-east-1',
        maxAttempts: 1
      }).send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: info.oidc.roleArn,
          RoleSessionName: 'cli',
          WebIdentityToken: info.oidc.webIdentityToken
        })
      )
      expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA/)

      // The control API configures the other process.
      const set = await fetch(`${info.control}setFault`, {
        method: 'POST',
        body: JSON.stringify([{ mode: 'throttle', times: 1 }])
      })
      expect(set.status).toBe(200)
      expect((await failure(client.send(new GetCallerIdentityCommand({})))).name).toBe('Throttling')
      const log = (await (await fetch(`${info.control}log`)).json()) as Array<{
        errorCode?: string
      }>
      expect(log.at(-1)?.errorCode).toBe('Throttling')
    } finally {
      const exited = new Promise<number | null>(resolve =>
        child.once('exit', code => resolve(code))
      )
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    }
  }, 30_000)
})

// Keep the helper exported from sigv4 exercised: formatting is used by the skew messages.
test('formatAmzDate/parseAmzDate round-trip', () => {
  const t = Date.UTC(2026, 10, 27, 12, 30, 0)
  expect(formatAmzDate(t)).toBe('20261127T123000Z')
  expect(parseAmzDate('20261127T123000Z')).toBe(t)
})
