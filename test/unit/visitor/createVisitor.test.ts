import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  PROFILE_SECONDS,
  SESSION_SECONDS,
  createVisitor,
} from '../../../src/visitor/createVisitor'
import { parseMboxCookie } from '../../../src/visitor/mboxCookie'
import { clearDocumentCookies } from '../renderWithTarget'

const NOW = 1_800_000_000

/** Returns the value of cookie `name` in `document.cookie`, if set. */
function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split('; ')) {
    const index = part.indexOf('=')
    if (part.slice(0, index) === name) return part.slice(index + 1)
  }
  return undefined
}

describe('createVisitor', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW * 1000 })
    clearDocumentCookies()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    clearDocumentCookies()
  })

  it('reuses the session id and tntId of the mbox cookie', () => {
    const visitor = createVisitor({
      mboxCookie: `session#s-from-cookie#${NOW + 600}|PC#t1.35_0#${NOW + 9999}`,
    })

    expect(visitor.sessionId).toBe('s-from-cookie')
    expect(visitor.tntId).toBe('t1.35_0')
  })

  it('reads the mbox cookie from document.cookie', () => {
    document.cookie = `mbox=session#s-doc#${NOW + 600}|PC#t-doc.28_0#${NOW + 9999}; path=/`

    const visitor = createVisitor()

    expect(visitor.sessionId).toBe('s-doc')
    expect(visitor.tntId).toBe('t-doc.28_0')
    expect(visitor.cluster).toBe('28')
  })

  it('keeps valid entries when others are expired or malformed', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const visitor = createVisitor({
      mboxCookie: `session#old#${NOW - 5}|junk|PC#t1.35_0#${NOW + 9999}`,
      writeDocumentCookie: false,
    })

    expect(visitor.sessionId).not.toBe('old')
    expect(visitor.tntId).toBe('t1.35_0')
  })

  it('warns about each malformed entry', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    createVisitor({
      mboxCookie: `session#s1#${NOW + 600}|broken-entry`,
      writeDocumentCookie: false,
    })

    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]![0]).toMatch(/^\[react-adobe-target\] /)
    expect(warn.mock.calls[0]![0]).toContain('"broken-entry"')
  })

  it('creates a 32-hex-digit session id when none is stored', () => {
    const first = createVisitor({ writeDocumentCookie: false })
    const second = createVisitor({ writeDocumentCookie: false })

    expect(first.sessionId).toMatch(/^[0-9a-f]{32}$/)
    expect(second.sessionId).not.toBe(first.sessionId)
  })

  it('prefers the sessionId option over the cookie', () => {
    const visitor = createVisitor({
      mboxCookie: `session#s-from-cookie#${NOW + 600}`,
      sessionId: 'given',
    })

    expect(visitor.sessionId).toBe('given')
  })

  it.each(['a/b', 'a?b', 'has space', 'x'.repeat(129)])(
    'replaces a session id Target refuses: %s',
    (session) => {
      const visitor = createVisitor({
        mboxCookie: `session#${session}#${NOW + 600}`,
      })

      expect(visitor.sessionId).toMatch(/^[0-9a-f]{32}$/)
    },
  )

  it.each(['-attacker.example:8080/x', '.localhost', '35x', ''])(
    'ignores an edge cluster cookie that is not digits: %s',
    (edgeClusterCookie) => {
      const visitor = createVisitor({
        mboxCookie: `PC#t1.35_0#${NOW + 9999}`,
        edgeClusterCookie,
      })

      expect(visitor.cluster).toBe('35')
    },
  )

  it('takes the cluster from the edge cluster cookie', () => {
    const visitor = createVisitor({
      mboxCookie: `PC#t1.35_0#${NOW + 9999}`,
      edgeClusterCookie: '31',
    })

    expect(visitor.cluster).toBe('31')
  })

  it('takes the cluster from the tntId suffix', () => {
    const visitor = createVisitor({
      mboxCookie: `PC#t1.35_0#${NOW + 9999}`,
    })

    expect(visitor.cluster).toBe('35')
  })

  it('has no cluster for a new visitor', () => {
    expect(createVisitor().cluster).toBeUndefined()
  })

  it('writes the tntId and session after a response', () => {
    const visitor = createVisitor({ sessionId: 's1' })

    visitor.update('t9.35_0', undefined)

    const entries = parseMboxCookie(readCookie('mbox'), NOW)
    expect(entries.get('session')).toEqual({
      value: 's1',
      expires: NOW + SESSION_SECONDS,
    })
    expect(entries.get('PC')).toEqual({
      value: 't9.35_0',
      expires: NOW + PROFILE_SECONDS,
    })
    expect(visitor.tntId).toBe('t9.35_0')
  })

  it('writes the cluster of the edgeHost', () => {
    const visitor = createVisitor()

    visitor.update('t9.28_0', 'mboxedge35.tt.omtrdc.net')

    expect(visitor.cluster).toBe('35')
    expect(readCookie('mboxEdgeCluster')).toBe('35')
  })

  it('writes the cluster of the tntId suffix without edgeHost', () => {
    const visitor = createVisitor()

    visitor.update('t9.35_0', undefined)

    expect(visitor.cluster).toBe('35')
    expect(readCookie('mboxEdgeCluster')).toBe('35')
  })

  it('keeps tntId and cluster when a response has neither', () => {
    const visitor = createVisitor({
      mboxCookie: `PC#t1.35_0#${NOW + 9999}`,
    })

    visitor.update(undefined, undefined)

    expect(visitor.tntId).toBe('t1.35_0')
    expect(visitor.cluster).toBe('35')
  })

  it('preserves the other at.js entries', () => {
    const visitor = createVisitor({
      mboxCookie: `session#s1#${NOW + 600}|disable#1#${NOW + 3600}|check#true#${NOW + 20}`,
    })

    visitor.update('t1.35_0', undefined)

    const entries = parseMboxCookie(readCookie('mbox'), NOW)
    expect(entries.get('disable')).toEqual({ value: '1', expires: NOW + 3600 })
    expect(entries.get('check')).toEqual({ value: 'true', expires: NOW + 20 })
  })

  it('writes the cookies with max-age and path', () => {
    const setCookie = vi.spyOn(document, 'cookie', 'set')
    const visitor = createVisitor({ sessionId: 's1' })

    visitor.update('t1.35_0', 'mboxedge35.tt.omtrdc.net')

    expect(setCookie).toHaveBeenCalledTimes(2)
    expect(setCookie).toHaveBeenNthCalledWith(
      1,
      `mbox=session#s1#${NOW + SESSION_SECONDS}|PC#t1.35_0#${NOW + PROFILE_SECONDS}; max-age=${PROFILE_SECONDS}; path=/; samesite=lax`,
    )
    expect(setCookie).toHaveBeenNthCalledWith(
      2,
      `mboxEdgeCluster=35; max-age=${SESSION_SECONDS}; path=/; samesite=lax`,
    )
  })

  it('adds the cookieDomain option to written cookies', () => {
    const setCookie = vi.spyOn(document, 'cookie', 'set')
    const visitor = createVisitor({ cookieDomain: '.example.com' })

    visitor.update('t1', undefined)

    expect(setCookie).toHaveBeenCalledTimes(1)
    expect(setCookie.mock.calls[0]![0]).toContain('; domain=.example.com')
  })

  it('writes the cookies on writeCookies', () => {
    const visitor = createVisitor({
      mboxCookie: `session#s-server#${NOW + 600}|PC#t1.35_0#${NOW + 9999}`,
    })
    expect(readCookie('mbox')).toBeUndefined()

    visitor.writeCookies()

    const entries = parseMboxCookie(readCookie('mbox'), NOW)
    expect(entries.get('session')?.value).toBe('s-server')
    expect(entries.get('PC')?.value).toBe('t1.35_0')
    expect(readCookie('mboxEdgeCluster')).toBe('35')
  })

  it('writes no document cookie when told not to', () => {
    const setCookie = vi.spyOn(document, 'cookie', 'set')
    const visitor = createVisitor({ writeDocumentCookie: false })

    visitor.update('t1.35_0', 'mboxedge35.tt.omtrdc.net')
    visitor.writeCookies()

    expect(setCookie).not.toHaveBeenCalled()
  })
})

describe('Visitor.cookies', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW * 1000 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('lives as long as the session without a tntId', () => {
    const visitor = createVisitor({
      sessionId: 's1',
      writeDocumentCookie: false,
    })

    expect(visitor.cookies()).toEqual([
      {
        name: 'mbox',
        value: `session#s1#${NOW + SESSION_SECONDS}`,
        maxAge: SESSION_SECONDS,
      },
    ])
  })

  it('lives as long as the PC entry with a tntId', () => {
    const visitor = createVisitor({
      mboxCookie: `session#s1#${NOW + 60}|PC#t1#${NOW + 60}`,
      writeDocumentCookie: false,
    })

    const [mbox] = visitor.cookies()

    expect(mbox?.maxAge).toBe(PROFILE_SECONDS)
    expect(mbox?.value).toBe(
      `session#s1#${NOW + SESSION_SECONDS}|PC#t1#${NOW + PROFILE_SECONDS}`,
    )
  })

  it('lives as long as its longest entry', () => {
    const visitor = createVisitor({
      mboxCookie: `disable#1#${NOW + 86400}`,
      sessionId: 's1',
      writeDocumentCookie: false,
    })

    expect(visitor.cookies()[0]?.maxAge).toBe(86400)
  })

  it('adds mboxEdgeCluster once the cluster is known', () => {
    const visitor = createVisitor({ writeDocumentCookie: false })
    expect(visitor.cookies()).toHaveLength(1)

    visitor.update(undefined, 'mboxedge31.tt.omtrdc.net')

    expect(visitor.cookies()[1]).toEqual({
      name: 'mboxEdgeCluster',
      value: '31',
      maxAge: SESSION_SECONDS,
    })
  })
})
