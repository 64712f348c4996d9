/**
 * The one way secrets leave the action: not at all. Every text the publisher writes passes
 * through `Redactor.redact`, and every secret is registered with the runner's masking first.
 */

/** Shorter values are not real secrets, and masking them would garble every log line. */
const MIN_SECRET_LENGTH = 6
/**
 * A prefix or suffix of a secret this long counts as a leak. Middles are not redacted: text
 * that happens to share eight characters with a random secret would be garbled for nothing,
 * and nothing in the action ever prints a slice of a secret (the leak tests check every run
 * of eight characters).
 */
const FRAGMENT_LENGTH = 8

/**
 * Only values that look like key material (base64 or token characters, letters and digits
 * mixed, 16 or more) have their ends redacted as fragments. A placeholder such as
 * `$AWS_SECRET_ACCESS_KEY` is masked whole, but its ends are ordinary words that the report
 * itself must be able to print.
 */
export function looksLikeKeyMaterial(value: string): boolean {
  return /^[A-Za-z0-9/+=._-]{16,}$/u.test(value) && /[0-9]/u.test(value) && /[A-Za-z]/u.test(value)
}

/**
 * Words: letters only, between `-`, `_`, `.` or spaces, each word lower-case, upper-case or
 * capitalised (`credentials`, `AWS_SECRET_ACCESS_KEY`, `SecretAccessKey`). The action's own
 * text is made of such words (finding IDs, severities, headings), and no key, secret or token
 * has this shape: a 40-character secret without a digit, `/` or `+` whose capitals all begin
 * words is practically impossible.
 */
const MAX_WORDS_LENGTH = 64
const PLAIN_WORDS = /^(?:[A-Z]+|[A-Z]?[a-z]+)(?:[-_. ](?:[A-Z]+|[A-Z]?[a-z]+)|[A-Z][a-z]+)*$/u

/**
 * Whether a value can be a secret, and so is masked. A value such as `credentials` in the
 * secret's place is a placeholder, not a secret; registered with the runner it would be
 * masked in every later line of the job, finding IDs and headings included
 * (`no-***`), and the report would be unreadable.
 */
export function canBeSecret(form: string): boolean {
  if (form.length < MIN_SECRET_LENGTH) return false
  // Longer values are masked whatever they hold (and the test stays cheap on huge ones).
  if (form.length > MAX_WORDS_LENGTH) return true
  // Separators at the ends too: `-file-` is part of `credentials-file-malformed`.
  const words = form.replace(/^[-_.\s]+|[-_.\s]+$/gu, '')
  return words !== '' && !PLAIN_WORDS.test(words)
}

/** The forms of a secret worth masking: as given, trimmed, and each line of it. */
export function maskForms(value: string): string[] {
  const forms = new Set([value, value.trim(), ...value.split(/\r?\n|\r/u).map(line => line.trim())])
  return [...forms].filter(canBeSecret)
}

/** Characters that end a URL's authority (host and user info) in running text. */
const AUTHORITY_END = new Set([
  '/',
  '?',
  '#',
  ' ',
  '\t',
  '\r',
  '\n',
  '`',
  '"',
  "'",
  '<',
  '>',
  ')',
  ']',
  '|'
])

/**
 * `text` with the user info (`user:password@`) of every URL in it dropped, so that
 * `https://user:PASS@host/` is shown as `https://host/`. One scan from left to right: linear
 * in the length of the text whatever it holds.
 */
export function withoutUserInfo(text: string): string {
  let result = ''
  let from = 0
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', from)) {
    const start = at + 3
    let end = start
    let lastAt = -1
    while (end < text.length && !AUTHORITY_END.has(text.charAt(end))) {
      if (text.charAt(end) === '@') lastAt = end
      end += 1
    }
    result += text.slice(from, start)
    result += lastAt === -1 ? text.slice(start, end) : text.slice(lastAt + 1, end)
    from = end
  }
  return result + text.slice(from)
}

/** The user name and password of each URL in `text`, decoded: values to mask. */
export function userInfoSecrets(text: string): string[] {
  const found: string[] = []
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    const start = at + 3
    let end = start
    while (end < text.length && !AUTHORITY_END.has(text.charAt(end))) end += 1
    const authority = text.slice(start, end)
    const lastAt = authority.lastIndexOf('@')
    if (lastAt === -1) continue
    for (const part of authority.slice(0, lastAt).split(':')) {
      found.push(part)
      try {
        found.push(decodeURIComponent(part))
      } catch {
        // A malformed escape: the raw form is masked.
      }
    }
  }
  return found.filter(part => part !== '')
}

export class Redactor {
  private readonly secrets = new Set<string>()

  /** Registers a secret; returns the forms that are new, for the runner's masking. */
  add(value: string | undefined): string[] {
    if (value === undefined) return []
    const added = maskForms(value).filter(form => !this.secrets.has(form))
    for (const form of added) this.secrets.add(form)
    return added
  }

  redact(text: string): string {
    let result = text
    let before: string
    // Until nothing changes: a secret that starts or ends with `*` can re-form around the
    // `***` that replaced another copy of it. Each pass only shortens the text, so this ends.
    do {
      before = result
      for (const secret of this.secrets) {
        if (result.includes(secret)) result = result.split(secret).join('***')
        if (secret.length <= FRAGMENT_LENGTH || !looksLikeKeyMaterial(secret)) continue
        for (const fragment of [secret.slice(0, FRAGMENT_LENGTH), secret.slice(-FRAGMENT_LENGTH)]) {
          if (result.includes(fragment)) result = result.split(fragment).join('***')
        }
      }
    } while (result !== before)
    return withoutUserInfo(result)
  }
}

/** An access key ID shown as its first four and last four characters. */
export function maskAccessKeyId(value: string | undefined): string {
  if (value === undefined || value === '') return ''
  // Quotes and invisible characters are reported by their own findings, not shown here.
  const printable = value.replace(/[^\x21-\x7e]|["'`]/gu, '')
  // Key IDs are upper-case letters and digits. Other characters mean a secret in the key ID's
  // place (swapped keys), and four characters at each end of a secret are eight too many.
  if (printable.length < 12 || /[^A-Z0-9]/u.test(printable)) return '****'
  return `${printable.slice(0, 4)}…${printable.slice(-4)}`
}
