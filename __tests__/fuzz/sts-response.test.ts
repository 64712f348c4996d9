/**
 * getCallerIdentity against a loopback server that answers with random and hostile bodies,
 * status codes and headers: truncated or deeply nested XML, entity bombs, binary, huge values,
 * bodies cut short. The result is always an outcome that classification turns into a finding,
 * never an exception; a well-formed answer is read back exactly.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { classifyStsFailure } from '../../src/aws/classify.js'
import { Deadline } from '../../src/aws/deadline.js'
import { getCallerIdentity, type StsOutcome } from '../../src/aws/sts.js'
import { hostileString } from './arbitraries.js'

/** What the server does with the next requests. */
interface Scenario {
  readonly status: number
  readonly body: Buffer
  readonly contentType?: string
  readonly date?: string
  /** Declare more bytes than are sent, then end or drop the connection. */
  readonly cut?: 'short-length' | 'destroy'
}

let scenario: Scenario = { status: 200, body: Buffer.from('') }
let server: http.Server
let endpoint = ''
const sockets = new Set<Socket>()
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason)
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  server = http.createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const { status, body, contentType, date, cut } = scenario
      const headers: Record<string, string> = {
        'Content-Type': contentType ?? 'text/xml',
        'Content-Length': String(body.length + (cut === undefined ? 0 : 64))
      }
      if (date !== undefined) headers.Date = date
      response.writeHead(status, headers)
      if (cut === 'destroy') {
        response.write(body, () => response.socket?.destroy())
        return
      }
      response.end(body)
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await new Promise<void>(resolve => server.close(() => resolve()))
  process.off('unhandledRejection', onUnhandled)
})

const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'

function escapeXml(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
}

function successXml(account: string, arn: string, userId: string): string {
  return `<GetCallerIdentityResponse xmlns="${NAMESPACE}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>${userId}</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`
}

function errorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-2</RequestId></ErrorResponse>`
}

/** Text safe to put in XML unescaped is rare in hostile strings; these are hostile on purpose. */
const xmlValue = fc.oneof(
  hostileString(64, 200),
  hostileString(64, 200).map(escapeXml),
  fc.constantFrom('', '<![CDATA[x]]>', '&amp;&lt;', '&unknown;', '&#0;', '&#xD800;', ']]>')
)

const billionLaughs = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [<!ENTITY lol "lol">',
  ...Array.from(
    { length: 9 },
    (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level === 0 ? '' : level};`.repeat(10)}">`
  ),
  ']>',
  `<GetCallerIdentityResponse xmlns="${NAMESPACE}"><GetCallerIdentityResult><Arn>&lol9;</Arn><UserId>u</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`
].join('')

const bodyText = fc.oneof(
  fc.tuple(xmlValue, xmlValue, xmlValue).map(([a, b, c]) => successXml(a, b, c)),
  fc.tuple(xmlValue, xmlValue).map(([code, message]) => errorXml(code, message)),
  // Cut anywhere: a proxy or a dropped connection that ends the body early.
  fc
    .tuple(
      fc.constantFrom(successXml('123456789012', 'arn:aws:iam::123456789012:user/x', 'AIDA')),
      fc.nat()
    )
    .map(([xml, cut]) => xml.slice(0, cut % xml.length)),
  fc
    .tuple(fc.integer({ min: 1, max: 60_000 }), fc.boolean())
    .map(([depth, inResult]) =>
      inResult
        ? `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>`
        : `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`
    ),
  fc.constant(billionLaughs),
  fc.jsonValue({ maxDepth: 4 }).map(value => JSON.stringify(value)),
  hostileString(500, 200)
)

const bodyBytes = fc.oneof(
  { weight: 5, arbitrary: bodyText.map(text => Buffer.from(text, 'utf8')) },
  // Invalid UTF-8 and arbitrary binary.
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }).map(bytes => Buffer.from(bytes)) },
  // A large value inside an otherwise valid answer.
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 100_000, max: 2_000_000 })
      .map(size => Buffer.from(successXml('123456789012', 'x'.repeat(size), 'u')))
  }
)

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record(
  {
    status: fc.oneof(
      fc.constantFrom(200, 400, 403, 404, 413, 429, 500, 502, 503),
      fc.integer({ min: 200, max: 599 })
    ),
    body: bodyBytes,
    contentType: fc.constantFrom(
      'text/xml',
      'application/json',
      'text/html',
      'application/octet-stream'
    ),
    date: fc.constantFrom('Mon, 01 Jan 1990 00:00:00 GMT', 'not a date', new Date().toUTCString()),
    // Rarer than the rest: a body cut short costs a wait for the deadline.
    cut: fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<'short-length' | 'destroy'>('short-length', 'destroy')
      }
    )
  },
  { requiredKeys: ['status', 'body', 'cut'] }
)

const FINDINGS_FROM_STS = new Set([
  'sts-timeout',
  'sts-unreachable',
  'sts-service-error',
  'invalid-client-token-id',
  'signature-mismatch',
  'expired-token',
  'clock-skew'
])

/**
 * A short budget keeps hostile runs quick: it leaves no room for a retry's pause (retries are
 * the fault suite's concern; parsing is this one's), and a body cut short waits only that
 * long. Well-formed answers get room for a loaded machine.
 */
async function call(budgetMs = 300): Promise<StsOutcome> {
  return getCallerIdentity({ region: 'us-east-1', endpoint }, CREDENTIALS, new Deadline(budgetMs))
}

describe('getCallerIdentity under hostile answers', () => {
  test('always returns an outcome that classifies into an STS finding', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async next => {
        scenario = next
        const outcome = await call()
        if (outcome.ok) {
          expect(typeof outcome.identity.account).toBe('string')
          expect(typeof outcome.identity.arn).toBe('string')
          expect(next.status).toBeLessThan(300)
          return
        }
        // The code may be empty where the server sent `<Code></Code>`; it is still a failure.
        expect(typeof outcome.failure.code).toBe('string')
        expect(['service', 'network', 'timeout', 'unreadable']).toContain(outcome.failure.kind)
        const classified = classifyStsFailure(outcome.failure, {
          endpoint,
          region: 'us-east-1',
          timeoutSeconds: 1,
          clockSkewMs: 0
        })
        expect(FINDINGS_FROM_STS.has(classified.id)).toBe(true)
        expect(classified.severity).toBe('error')
      }),
      { numRuns: 80 }
    )
    expect(unhandled).toEqual([])
  }, 90_000)

  test('a well-formed answer is read back exactly', async () => {
    const plain = fc.string({ minLength: 1, maxLength: 40 }).filter(value => value.trim() === value)
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^\d{12}$/u),
        plain,
        plain,
        async (account, name, session) => {
          const arn = `arn:aws:sts::${account}:assumed-role/${name}/${session}`
          const userId = `AROAEXAMPLE:${session}`
          scenario = {
            status: 200,
            body: Buffer.from(successXml(account, escapeXml(arn), escapeXml(userId)))
          }
          const outcome = await call(5000)
          expect(outcome.ok).toBe(true)
          if (outcome.ok) {
            expect(outcome.identity).toEqual({
              account,
              arn,
              userId,
              principalType: 'assumed-role'
            })
          }
        }
      ),
      { numRuns: 60 }
    )
  }, 60_000)
})
