import { warnOnce } from './warnOnce'

/**
 * Returns the client code without surrounding white space, and throws
 * when it cannot work, so a typo fails on the first render instead of as
 * a stream of failed requests.
 */
export function validateClientCode(clientCode: unknown): string {
  const trimmed = typeof clientCode === 'string' ? clientCode.trim() : ''
  // The client code becomes part of a host name and a query string.
  if (!/^[\w.-]+$/.test(trimmed)) {
    // Production builds keep a short message, as React's own errors do.
    throw new Error(
      process.env.NODE_ENV === 'production'
        ? `[react-adobe-target] invalid clientCode "${String(clientCode)}"`
        : trimmed
          ? `[react-adobe-target] clientCode "${clientCode}" may hold only letters, digits, "_", "." and "-". A Target client code is a single word such as "acme"; remove the rest.`
          : '[react-adobe-target] clientCode is missing or empty. Pass your Target client code, e.g. <TargetProvider clientCode="acme">; it is shown in Target under Administration > Implementation.',
    )
  }
  if (trimmed !== clientCode) {
    if (process.env.NODE_ENV !== 'production')
      warnOnce(
        'client-code-spaces',
        `clientCode "${clientCode}" has white space around it; "${trimmed}" is used. Remove the spaces.`,
      )
  }
  return trimmed
}
