/**
 * Minimal XML rendering for AWS Query-protocol responses (aws-facts C1–C3). Output is indented
 * like the real captures in aws-facts C2/C3; clients must not depend on layout or child order.
 */

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'
export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/'

/**
 * An element: a name and its content. `undefined` content drops the element (optional fields
 * are absent on the wire, not empty); an empty array renders as `<Name/>` (an empty list).
 */
export interface XmlElement {
  name: string
  content: XmlContent
}
export type XmlContent = string | number | boolean | XmlElement[] | undefined

export function el(name: string, content: XmlContent): XmlElement {
  return { name, content }
}

/** Query protocol lists: `<Name><member>…</member>…</Name>`. */
export function list(name: string, items: XmlElement[][]): XmlElement {
  return el(
    name,
    items.map(children => el('member', children))
  )
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function render(element: XmlElement, depth: number, attrs = ''): string {
  const pad = '  '.repeat(depth)
  const { name, content } = element
  if (content === undefined) return ''
  if (Array.isArray(content)) {
    const children = content.map(c => render(c, depth + 1)).filter(s => s !== '')
    if (children.length === 0) return `${pad}<${name}${attrs}/>\n`
    return `${pad}<${name}${attrs}>\n${children.join('')}${pad}</${name}>\n`
  }
  return `${pad}<${name}${attrs}>${escapeXml(String(content))}</${name}>\n`
}

/** `<ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata>…` (aws-facts C2). */
export function successXml(
  action: string,
  namespace: string,
  result: XmlElement[],
  requestId: string
): string {
  const root = el(`${action}Response`, [
    el(`${action}Result`, result),
    el('ResponseMetadata', [el('RequestId', requestId)])
  ])
  return render(root, 0, ` xmlns="${namespace}"`)
}

/** `<ErrorResponse xmlns=…><Error><Type/><Code/><Message/></Error><RequestId/>` (aws-facts C3). */
export function errorXml(
  namespace: string,
  type: 'Sender' | 'Receiver',
  code: string,
  message: string,
  requestId: string
): string {
  const root = el('ErrorResponse', [
    el('Error', [el('Type', type), el('Code', code), el('Message', message)]),
    el('RequestId', requestId)
  ])
  return render(root, 0, ` xmlns="${namespace}"`)
}

/** AWS timestamps in XML: ISO 8601 without milliseconds, as in real responses. */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
