/**
 * The one way secrets leave the action: not at all. Every text the publisher writes passes
 * through `Redactor.redact`, and every secret is registered with the runner's masking first.
 */

/** Shorter values are not real secrets, and masking them would garble every log line. */
const MIN_SECRET_LENGTH = 6
/** Any run of this many characters of a secret counts as a leak (prefixes, suffixes, middles). */
const FRAGMENT_LENGTH = 8

/** The forms of a secret worth masking: as given, trimmed, and each line of it. */
export function maskForms(value: string): string[] {
  const forms = new Set([value, value.trim(), ...value.split(/\r?\n|\r/u).map(line => line.trim())])
  return [...forms].filter(form => form.length >= MIN_SECRET_LENGTH)
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
    for (const secret of this.secrets) {
      if (result.includes(secret)) result = result.split(secret).join('***')
      if (secret.length <= FRAGMENT_LENGTH) continue
      for (let start = 0; start + FRAGMENT_LENGTH <= secret.length; start += 1) {
        const fragment = secret.slice(start, start + FRAGMENT_LENGTH)
        if (result.includes(fragment)) result = result.split(fragment).join('***')
      }
    }
    return result
  }
}

/** An access key ID shown as its first four and last four characters. */
export function maskAccessKeyId(value: string | undefined): string {
  if (value === undefined || value === '') return ''
  const printable = value.replace(/[^\x21-\x7e]/gu, '')
  if (printable.length < 12) return '****'
  return `${printable.slice(0, 4)}…${printable.slice(-4)}`
}
