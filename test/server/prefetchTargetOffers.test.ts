// @vitest-environment node
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest'
import { createTargetEdge, type TargetEdge } from '../../src/edge/index'
import type {
  DeliveryRequest,
  PrefetchMboxResponse,
} from '../../src/delivery/types'
import { TargetError } from '../../src/delivery/TargetError'
import {
  formatSetCookie,
  prefetchTargetOffers,
  type PrefetchTargetOffersOptions,
  type TargetServerState,
} from '../../src/server/index'
import { parseMboxCookie } from '../../src/visitor/mboxCookie'

let edge: TargetEdge

beforeAll(async () => {
  edge = await createTargetEdge()
})
afterAll(async () => {
  await edge.close()
})
beforeEach(() => {
  edge.reset()
  vi.restoreAllMocks()
})

const PAGE_URL = 'http://127.0.0.1:3000/shop?utm_source=mail'
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 test'

function prefetch(options: Partial<PrefetchTargetOffersOptions> = {}) {
  return prefetchTargetOffers({
    clientCode: 'demo',
    serverDomain: edge.host,
    secure: false,
    mboxes: ['demo-hero', 'demo-card', 'demo-cta', 'demo-empty'],
    url: PAGE_URL,
    userAgent: USER_AGENT,
    ...options,
  })
}

/** Returns the mboxes of a server state's queries, by mbox name. */
function answersOf(state: TargetServerState) {
  return new Map(
    state.dehydratedState.queries.map((query) => [
      String(query.queryKey[2]),
      query.state.data as PrefetchMboxResponse | null,
    ]),
  )
}

function cookieValue(state: TargetServerState, name: string) {
  return state.cookies.find((cookie) => cookie.name === name)?.value
}

/** Returns the session id and tntId of the state's `mbox` cookie. */
function visitorOf(state: TargetServerState) {
  const entries = parseMboxCookie(
    cookieValue(state, 'mbox'),
    Math.floor(Date.now() / 1000),
  )
  return {
    sessionId: entries.get('session')?.value ?? '',
    tntId: entries.get('PC')?.value ?? '',
  }
}

describe('prefetchTargetOffers', () => {
  it('prefetches every mbox in one request', async () => {
    const state = await prefetch()

    const { sessionId } = visitorOf(state)
    const requests = edge.requests('demo')
    expect(requests).toHaveLength(1)
    expect(requests[0]!.sessionId).toBe(sessionId)
    expect(requests[0]!.prefetchMboxCount).toBe(4)
    expect(requests[0]!.executeMboxCount).toBe(0)
  })

  it('keys each response as the browser does', async () => {
    const state = await prefetch()

    const keys = state.dehydratedState.queries.map((query) => query.queryKey)
    expect(keys).toEqual([
      ['react-adobe-target', 'demo', 'demo-hero', {}],
      ['react-adobe-target', 'demo', 'demo-card', {}],
      ['react-adobe-target', 'demo', 'demo-cta', {}],
      ['react-adobe-target', 'demo', 'demo-empty', {}],
    ])
    const answers = answersOf(state)
    expect(answers.get('demo-hero')?.options?.[0]?.type).toBe('html')
    expect(answers.get('demo-card')?.options?.[0]?.content).toMatchObject({
      title: 'Trail runner',
    })
    expect(answers.get('demo-cta')?.metrics?.[0]?.type).toBe('click')
    // An mbox with no activity comes back with its name and no options.
    expect(answers.get('demo-empty')?.options ?? []).toEqual([])
    expect(state.clientCode).toBe('demo')
  })

  it('sends no notification', async () => {
    await prefetch()

    expect(edge.requests('demo')[0]!.notificationCount).toBe(0)
    expect(edge.notifications('demo')).toEqual([])
  })

  it('returns a new visitor’s cookies', async () => {
    const state = await prefetch()

    const { sessionId, tntId } = visitorOf(state)
    expect(sessionId).toMatch(/^[0-9a-f]{32}$/)
    expect(tntId).toMatch(/\.35_0$/)
    const mbox = state.cookies.find((cookie) => cookie.name === 'mbox')
    // The PC entry (tntId) lives about two years.
    expect(mbox?.maxAge).toBeGreaterThan(63_000_000)
    expect(state.cookies.find((c) => c.name === 'mboxEdgeCluster')).toEqual({
      name: 'mboxEdgeCluster',
      value: '35',
      maxAge: 1860,
    })
  })

  it('continues the visitor of a Cookie header', async () => {
    const first = await prefetch()
    const header = first.cookies
      .map(({ name, value }) => `${name}=${encodeURIComponent(value)}`)
      .join('; ')

    const second = await prefetch({ cookies: `theme=dark; ${header}` })

    expect(visitorOf(second)).toEqual(visitorOf(first))
    const sessions = edge.requests('demo').map((request) => request.sessionId)
    expect(sessions).toEqual([
      visitorOf(first).sessionId,
      visitorOf(first).sessionId,
    ])
  })

  it('continues the visitor of a cookie function', async () => {
    const first = await prefetch()
    const read = vi.fn((name: string) => cookieValue(first, name))

    const second = await prefetch({ cookies: read })

    expect(visitorOf(second)).toEqual(visitorOf(first))
    expect(read).toHaveBeenCalledWith('mbox')
    expect(read).toHaveBeenCalledWith('mboxEdgeCluster')
  })

  it('sends the url, referrer and user agent', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')

    await prefetch({ referringUrl: 'http://127.0.0.1:3000/' })

    const body = JSON.parse(
      String(fetchSpy.mock.calls[0]![1]!.body),
    ) as DeliveryRequest
    expect(body.context).toMatchObject({
      channel: 'web',
      address: { url: PAGE_URL, referringUrl: 'http://127.0.0.1:3000/' },
      userAgent: USER_AGENT,
    })
    expect(body.prefetch?.mboxes?.map((mbox) => mbox.name)).toEqual([
      'demo-hero',
      'demo-card',
      'demo-cta',
      'demo-empty',
    ])
  })

  it('keys an mbox by its parameters', async () => {
    const state = await prefetch({
      mboxes: [
        { name: 'demo-card', parameters: { sku: '42' } },
        { name: 'demo-card', parameters: { sku: '42' } },
        'demo-hero',
        'demo-hero',
      ],
    })

    expect(edge.requests('demo')[0]!.mboxNames).toEqual([
      'demo-card',
      'demo-hero',
    ])
    expect(state.dehydratedState.queries[0]!.queryKey).toEqual([
      'react-adobe-target',
      'demo',
      'demo-card',
      { sku: '42' },
    ])
  })

  it('splits more than 50 mboxes into requests of 50', async () => {
    const mboxes = Array.from({ length: 51 }, (_, i) => `demo-extra-${i}`)

    const state = await prefetch({ mboxes })

    const counts = edge.requests('demo').map((r) => r.prefetchMboxCount)
    expect(counts).toEqual([50, 1])
    expect(state.dehydratedState.queries).toHaveLength(51)
  })

  it('sends nothing for no mboxes', async () => {
    const state = await prefetch({ mboxes: [] })

    expect(edge.requests('demo')).toEqual([])
    expect(state.dehydratedState.queries).toEqual([])
    expect(visitorOf(state).sessionId).toMatch(/^[0-9a-f]{32}$/)
  })

  it('returns null mboxes when Target fails', async () => {
    edge.setFault('demo', { status: 503 })
    const onError = vi.fn()

    const state = await prefetch({ onError })

    expect([...answersOf(state).values()]).toEqual([null, null, null, null])
    expect(onError).toHaveBeenCalledTimes(1)
    const error = onError.mock.calls[0]![0] as TargetError
    expect(error).toBeInstanceOf(TargetError)
    expect(error.status).toBe(503)
    expect(visitorOf(state).sessionId).toMatch(/^[0-9a-f]{32}$/)
  })

  it('returns null mboxes on a timeout', async () => {
    edge.setFault('demo', { delayMs: 2000 })
    const onError = vi.fn()
    const started = Date.now()

    const state = await prefetch({ timeout: 100, onError })

    expect(Date.now() - started).toBeLessThan(1500)
    expect([...answersOf(state).values()]).toEqual([null, null, null, null])
    expect((onError.mock.calls[0]![0] as TargetError).kind).toBe('timeout')
  })

  it('warns once without onError in development', async () => {
    edge.setFault('demo', { bodyStatus: 400 })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    await prefetch()
    await prefetch()

    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /^\[react-adobe-target\] prefetchTargetOffers: Target answered status 400/,
    )
  })

  it('rejects a missing url', async () => {
    await expect(prefetch({ url: '' })).rejects.toThrow(/url is missing/)
  })

  it.each(['not a url', 'javascript:alert(1)', '/relative/path'])(
    'rejects the url %s',
    async (url) => {
      await expect(prefetch({ url })).rejects.toThrow(
        /not an http or https URL/,
      )
    },
  )

  it('rejects mboxes that are not an array', async () => {
    await expect(
      prefetch({ mboxes: 'demo-hero' as unknown as string[] }),
    ).rejects.toThrow(/mboxes must be an array/)
  })
})

describe('formatSetCookie', () => {
  it('formats the mbox cookie as at.js writes it', () => {
    const header = formatSetCookie({
      name: 'mbox',
      value: 'session#abc#1800001860|PC#t1.35_0#1863244800',
      maxAge: 63244800,
    })

    expect(header).toBe(
      'mbox=session#abc#1800001860|PC#t1.35_0#1863244800; Max-Age=63244800; Path=/; SameSite=Lax',
    )
  })

  it('adds Domain and Secure when asked', () => {
    const header = formatSetCookie(
      { name: 'mboxEdgeCluster', value: '35', maxAge: 1860 },
      { domain: '.example.com', secure: true },
    )

    expect(header).toBe(
      'mboxEdgeCluster=35; Max-Age=1860; Path=/; SameSite=Lax; Domain=.example.com; Secure',
    )
  })

  it('encodes a value with characters a cookie cannot hold', () => {
    const header = formatSetCookie({
      name: 'mbox',
      value: 'session#a b;c#1',
      maxAge: 10.7,
    })

    expect(header).toBe(
      'mbox=session%23a%20b%3Bc%231; Max-Age=10; Path=/; SameSite=Lax',
    )
  })
})
