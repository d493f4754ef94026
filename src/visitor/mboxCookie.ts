/** One entry of at.js's `mbox` cookie. */
export interface MboxCookieEntry {
  value: string
  /** Epoch seconds after which the entry no longer counts. */
  expires: number
}

/**
 * Parses at.js's `mbox` cookie: `name#value#expiresEpochSeconds` entries
 * joined by `|`. Malformed or expired entries are skipped, because another
 * tool may have written the cookie and a broken entry must not cost the
 * visitor the valid ones.
 */
export function parseMboxCookie(
  cookie: string | undefined,
  nowSeconds: number,
  onMalformed?: (entry: string) => void,
): Map<string, MboxCookieEntry> {
  const entries = new Map<string, MboxCookieEntry>()
  if (!cookie) return entries
  for (const part of cookie.split('|')) {
    const [name, value, expiresText] = part.split('#')
    const expires = Number(expiresText)
    if (!name || !value || !Number.isFinite(expires)) {
      onMalformed?.(part)
      continue
    }
    if (expires <= nowSeconds) continue
    entries.set(name, { value, expires })
  }
  return entries
}

/** Serializes entries back into the `mbox` cookie format. */
export function serializeMboxCookie(
  entries: Map<string, MboxCookieEntry>,
): string {
  return [...entries]
    .map(([name, { value, expires }]) => `${name}#${value}#${expires}`)
    .join('|')
}
