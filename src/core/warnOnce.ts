const warned = new Set<string>()

/** Prefix of every development message, so they can be searched for. */
export const WARNING_PREFIX = '[react-adobe-target]'

/**
 * Prints a development warning once per key; prints nothing in production
 * builds, where bundlers drop the call.
 */
export function warnOnce(key: string, message: string): void {
  if (process.env.NODE_ENV === 'production' || warned.has(key)) return
  warned.add(key)
  console.warn(`${WARNING_PREFIX} ${message}`)
}
