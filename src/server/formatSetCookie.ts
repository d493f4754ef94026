import type { TargetCookie } from '../visitor/createVisitor'

/** Options of {@link formatSetCookie}. */
export interface FormatSetCookieOptions {
  /**
   * `Domain` attribute, such as `.example.com` to share the visitor across
   * subdomains. Defaults to none, which limits the cookie to this host.
   */
  domain?: string
  /** Adds the `Secure` attribute, for HTTPS sites. Defaults to false. */
  secure?: boolean
}

// RFC 6265 cookie-octet: printable ASCII except space, `"`, `,`, `;` and
// `\`. The `mbox` cookie's `#` and `|` are allowed and stay as at.js
// writes them; anything else is percent-encoded.
const COOKIE_OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/

/**
 * Formats a visitor cookie from `prefetchTargetOffers` as the value of a
 * `Set-Cookie` response header: `Path=/`, `SameSite=Lax` and `Max-Age`
 * in seconds. It never sets `HttpOnly`, because the library in the browser
 * reads these cookies from `document.cookie`.
 *
 * @example
 * ```ts
 * for (const cookie of serverState.cookies) {
 *   response.appendHeader('Set-Cookie', formatSetCookie(cookie, { secure: true }))
 * }
 * ```
 */
export function formatSetCookie(
  cookie: TargetCookie,
  options: FormatSetCookieOptions = {},
): string {
  const value = COOKIE_OCTETS.test(cookie.value)
    ? cookie.value
    : encodeURIComponent(cookie.value)
  const maxAge = Math.max(0, Math.floor(cookie.maxAge))
  let header = `${cookie.name}=${value}; Max-Age=${maxAge}; Path=/; SameSite=Lax`
  if (options.domain) header += `; Domain=${options.domain}`
  if (options.secure) header += '; Secure'
  return header
}
