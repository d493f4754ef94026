import { parseMboxCookie, serializeMboxCookie } from './mboxCookie'
import type { MboxCookieEntry } from './mboxCookie'

/** Seconds the session id lives after the last request, as in at.js. */
export const SESSION_SECONDS = 1860
/** Seconds the tntId (`PC` entry) lives: about two years, as in at.js. */
export const PROFILE_SECONDS = 63244800

/** Cookie names shared with at.js and the Target Node.js SDK. */
export const MBOX_COOKIE = 'mbox'
export const EDGE_CLUSTER_COOKIE = 'mboxEdgeCluster'

/** A cookie to set, for the browser or on a server response. */
export interface TargetCookie {
  name: string
  value: string
  /** Seconds from now. */
  maxAge: number
}

/** The visitor as Target identifies it: ids and the edge cluster. */
export interface Visitor {
  readonly sessionId: string
  readonly tntId: string | undefined
  readonly cluster: string | undefined
  /** Records the visitor ids of a response and refreshes the cookies. */
  update(tntId: string | undefined, edgeHost: string | undefined): void
  /** The cookies as a server should set them on its response. */
  cookies(): TargetCookie[]
  /**
   * Writes the cookies to `document.cookie` now, unless
   * `writeDocumentCookie` is false. `update` also writes them.
   */
  writeCookies(): void
}

/** Sources and destination of the visitor's cookies. */
export interface VisitorOptions {
  /** The raw `mbox` cookie value, when not read from `document.cookie`. */
  mboxCookie?: string
  /** The raw `mboxEdgeCluster` cookie value, likewise. */
  edgeClusterCookie?: string
  /** Set a session id instead of reading or generating one. */
  sessionId?: string
  /** Write cookies to `document.cookie`; true by default in a browser. */
  writeDocumentCookie?: boolean
  /** Domain attribute for the cookies, e.g. `.example.com`. */
  cookieDomain?: string
}

/** Returns a random 32-hex-digit id, the format at.js uses for session ids. */
export function createId(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function readDocumentCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined
  for (const part of document.cookie.split(';')) {
    const index = part.indexOf('=')
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim())
      } catch {
        return part.slice(index + 1).trim()
      }
    }
  }
  return undefined
}

// The cluster is the `35` in `mboxedge35.tt.omtrdc.net`, or the `35` in a
// tntId ending `.35_0`; Target routes a returning visitor by it.
function clusterOf(tntId?: string, edgeHost?: string): string | undefined {
  const fromHost = edgeHost && /^mboxedge(\d{1,4})\./.exec(edgeHost)?.[1]
  return fromHost || (tntId && /\.(\d{1,4})_\d+$/.exec(tntId)?.[1]) || undefined
}

/**
 * Creates the visitor from at.js-compatible cookies, so a reload, or a
 * page that also runs at.js, continues as the same visitor and session.
 */
export function createVisitor(options: VisitorOptions = {}): Visitor {
  const now = () => Math.floor(Date.now() / 1000)
  const entries = parseMboxCookie(
    options.mboxCookie ?? readDocumentCookie(MBOX_COOKIE),
    now(),
    (entry) => {
      if (process.env.NODE_ENV === 'production') return
      console.warn(
        `[react-adobe-target] the mbox cookie has a malformed entry "${entry}", which was ignored. Another tool may have written it; entries look like name#value#expiresEpochSeconds.`,
      )
    },
  )
  // Cookie values come from the visitor's browser, so each must have the
  // form Target accepts before it reaches a URL or a request. A session id
  // has 1 to 128 printable characters without space, `?` or `/`. A cluster
  // is digits, because it names the host requests go to.
  const validSession = (id?: string) =>
    id && /^[\x21-\x7e]{1,128}$/.test(id) && !/[?/]/.test(id) ? id : undefined
  const validCluster = (value?: string) =>
    value && /^\d{1,4}$/.test(value) ? value : undefined
  const sessionId =
    options.sessionId ??
    validSession(entries.get('session')?.value) ??
    createId()
  let tntId = entries.get('PC')?.value
  let cluster =
    validCluster(
      options.edgeClusterCookie ?? readDocumentCookie(EDGE_CLUSTER_COOKIE),
    ) ?? clusterOf(tntId)
  const write = options.writeDocumentCookie ?? typeof document !== 'undefined'

  const cookies = (): TargetCookie[] => {
    const next = new Map<string, MboxCookieEntry>(entries)
    next.set('session', { value: sessionId, expires: now() + SESSION_SECONDS })
    if (tntId) {
      next.set('PC', { value: tntId, expires: now() + PROFILE_SECONDS })
    }
    const maxAge = Math.max(...[...next.values()].map((e) => e.expires)) - now()
    const result = [
      { name: MBOX_COOKIE, value: serializeMboxCookie(next), maxAge },
    ]
    if (cluster) {
      result.push({
        name: EDGE_CLUSTER_COOKIE,
        value: cluster,
        maxAge: SESSION_SECONDS,
      })
    }
    return result
  }

  const writeCookies = () => {
    if (!write) return
    const domain = options.cookieDomain
      ? `; domain=${options.cookieDomain}`
      : ''
    const secure = location.protocol === 'https:' ? '; secure' : ''
    for (const { name, value, maxAge } of cookies()) {
      document.cookie = `${name}=${value}; max-age=${maxAge}; path=/${domain}; samesite=lax${secure}`
    }
  }

  return {
    sessionId,
    get tntId() {
      return tntId
    },
    get cluster() {
      return cluster
    },
    update(nextTntId, edgeHost) {
      if (nextTntId) tntId = nextTntId
      cluster = clusterOf(nextTntId, edgeHost) ?? cluster
      writeCookies()
    },
    cookies,
    writeCookies,
  }
}
