/**
 * The cookies of the request being rendered: its `Cookie` header, or a
 * function that returns one cookie's value by name, such as
 * `(name) => cookieStore.get(name)?.value` with Next.js's `cookies()`.
 */
export type RequestCookies =
  string | ((name: string) => string | undefined) | null | undefined

/**
 * Returns the value of cookie `name`, percent-decoded when it was
 * encoded, or undefined when the request does not carry it.
 */
export function readRequestCookie(
  cookies: RequestCookies,
  name: string,
): string | undefined {
  if (typeof cookies === 'function') return cookies(name) || undefined
  if (!cookies) return undefined
  for (const part of cookies.split(';')) {
    const index = part.indexOf('=')
    if (index < 0 || part.slice(0, index).trim() !== name) continue
    const value = part.slice(index + 1).trim()
    try {
      return decodeURIComponent(value)
    } catch {
      // Not percent-encoded after all, such as a lone `%`: use it as sent.
      return value
    }
  }
  return undefined
}
