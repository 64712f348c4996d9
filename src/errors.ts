/** One way to describe a caught `unknown`, so no catch block needs `any`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}

/** Reads a string property of an unknown error value, e.g. `code` or `name`. */
export function errorProperty(error: unknown, key: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const value = (error as Record<string, unknown>)[key]
  return typeof value === 'string' ? value : undefined
}

/**
 * An error code (`InvalidClientTokenId`, `ECONNREFUSED`, `ERR_TLS_CERT_ALTNAME_INVALID`), read
 * from a property of an SDK error. A code is what an endpoint sent (an override may point at
 * anything), and it reaches titles, outputs and annotations: anything but a plain identifier is
 * replaced, so a hostile answer cannot carry Markdown, a workflow command or a line break.
 */
export function errorCode(error: unknown, key: string): string | undefined {
  const value = errorProperty(error, key)
  if (value === undefined) return undefined
  return /^[A-Za-z][\w.:-]{0,127}$/u.test(value) ? value : 'UnreadableErrorCode'
}
