/**
 * Server-side AWS Signature Version 4 verification: parse the Authorization header, rebuild the
 * canonical request and string to sign from what actually arrived on the wire, and recompute the
 * signature with the secret the emulator holds.
 *
 * Everything is computed from the raw request (raw header list, raw path, raw body) rather than
 * from Node's parsed/merged view, because the point is to catch client-side signing mistakes.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

export const ALGORITHM = 'AWS4-HMAC-SHA256'

export interface ParsedAuthorization {
  accessKeyId: string
  /** `YYYYMMDD` from the credential scope. */
  scopeDate: string
  region: string
  service: string
  /** `scopeDate/region/service/aws4_request` */
  scope: string
  signedHeaders: string[]
  signature: string
}

/** Why the header could not be parsed; the caller maps this to 400 IncompleteSignature. */
export class IncompleteSignatureError extends Error {}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=ID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b,
 * Signature=hex`. Messages mimic the real ones quoted in aws-facts C4 (IncompleteSignature row).
 */
export function parseAuthorization(header: string): ParsedAuthorization {
  const space = header.indexOf(' ')
  const algorithm = space < 0 ? header : header.slice(0, space)
  if (algorithm !== ALGORITHM) {
    throw new IncompleteSignatureError(
      `Unsupported AWS 'algorithm': '${algorithm}' in Authorization header: '${header}'`
    )
  }
  const fields = new Map<string, string>()
  for (const rawPart of header.slice(space + 1).split(',')) {
    const part = rawPart.trim()
    if (part === '') continue
    const eq = part.indexOf('=')
    // A space inside a value (e.g. a key ID with a trailing blank, aws-facts D "Whitespace")
    // splits the component; AWS reports it as a missing equal-sign.
    const bad = part.split(' ').find(p => !p.includes('='))
    if (eq < 0 || bad !== undefined) {
      throw new IncompleteSignatureError(
        `'${bad ?? part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'`
      )
    }
    fields.set(part.slice(0, eq), part.slice(eq + 1))
  }
  const missing: string[] = []
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!fields.has(name)) missing.push(`Authorization header requires '${name}' parameter.`)
  }
  if (missing.length > 0) {
    throw new IncompleteSignatureError(`${missing.join(' ')} Authorization=${header}`)
  }
  const credential = fields.get('Credential') ?? ''
  const parts = credential.split('/')
  const [accessKeyId, scopeDate, region, service, terminator] = parts
  if (
    parts.length !== 5 ||
    accessKeyId === undefined ||
    scopeDate === undefined ||
    region === undefined ||
    service === undefined ||
    terminator !== 'aws4_request'
  ) {
    throw new IncompleteSignatureError(
      `Credential should be scoped to a valid region, not '${region ?? ''}'. Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator ?? ''}'. `
    )
  }
  const signedHeaders = (fields.get('SignedHeaders') ?? '').split(';').filter(h => h !== '')
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    scope: `${scopeDate}/${region}/${service}/aws4_request`,
    signedHeaders,
    signature: fields.get('Signature') ?? ''
  }
}

/** RFC 3986 encoding as SigV4 wants it: everything except unreserved characters. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, '%20'))
  } catch {
    return value
  }
}

/** Canonical query string: decoded then re-encoded pairs, sorted by name then value. */
function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return ''
  const pairs = rawQuery
    .split('&')
    .filter(p => p !== '')
    .map(p => {
      const eq = p.indexOf('=')
      const name = eq < 0 ? p : p.slice(0, eq)
      const value = eq < 0 ? '' : p.slice(eq + 1)
      return [uriEncode(safeDecode(name)), uriEncode(safeDecode(value))] as const
    })
  pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
  return pairs.map(([n, v]) => `${n}=${v}`).join('&')
}

/**
 * Canonical URI for non-S3 services: each segment encoded (the client already encoded once, so
 * encoding the raw segment again gives the "double encoding" the spec asks for).
 */
function canonicalUri(rawPath: string): string {
  if (rawPath === '' || rawPath === '/') return '/'
  return rawPath
    .split('/')
    .map(segment => uriEncode(segment))
    .join('/')
}

/** Collects header values by lower-case name, preserving duplicates in order. */
function headerMap(rawHeaders: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase()
    const list = map.get(name) ?? []
    list.push(rawHeaders[i + 1] ?? '')
    map.set(name, list)
  }
  return map
}

export interface SignedRequest {
  method: string
  /** Path plus query as received (`req.url`). */
  url: string
  /** `req.rawHeaders`: alternating names and values, exactly as received. */
  rawHeaders: string[]
  body: Buffer
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/** Builds the canonical request of SigV4 from the raw request and the client's signed headers. */
export function canonicalRequest(request: SignedRequest, signedHeaders: string[]): string {
  const q = request.url.indexOf('?')
  const path = q < 0 ? request.url : request.url.slice(0, q)
  const query = q < 0 ? '' : request.url.slice(q + 1)
  const headers = headerMap(request.rawHeaders)
  const canonicalHeaders = signedHeaders
    .map(name => {
      const values = (headers.get(name) ?? []).map(v => v.trim().replace(/\s+/g, ' '))
      return `${name}:${values.join(',')}\n`
    })
    .join('')
  return [
    request.method,
    canonicalUri(path),
    canonicalQuery(query),
    canonicalHeaders,
    signedHeaders.join(';'),
    // The payload hash is recomputed from the body received, so a body altered after signing
    // fails, whatever x-amz-content-sha256 claims.
    sha256Hex(request.body)
  ].join('\n')
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n')
}

export function signingKey(
  secret: string,
  scopeDate: string,
  region: string,
  service: string
): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(scopeDate).digest()
  const kRegion = createHmac('sha256', kDate).update(region).digest()
  const kService = createHmac('sha256', kRegion).update(service).digest()
  return createHmac('sha256', kService).update('aws4_request').digest()
}

/** Recomputes the signature and compares in constant time. */
export function verifySignature(
  request: SignedRequest,
  auth: ParsedAuthorization,
  amzDate: string,
  secret: string
): boolean {
  const canonical = canonicalRequest(request, auth.signedHeaders)
  const toSign = stringToSign(amzDate, auth.scope, canonical)
  const key = signingKey(secret, auth.scopeDate, auth.region, auth.service)
  const expected = createHmac('sha256', key).update(toSign).digest('hex')
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(auth.signature, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

/** `20261127T120000Z` ↔ epoch ms. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (m === null) return undefined
  const [, y, mo, d, h, mi, s] = m
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
}

export function formatAmzDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}
