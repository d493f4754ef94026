// @vitest-environment node
//
// The whole server-rendered flow: prefetch and renderToString in plain
// Node, then hydrateRoot in a jsdom document built from that HTML, both
// against a real local edge.
import { environmentManager } from '@tanstack/react-query'
import { act } from 'react'
import { renderToString } from 'react-dom/server'
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest'
import { builtinEnvironments } from 'vitest/runtime'
import { createTargetEdge, type TargetEdge } from '../../src/edge/index'
import type { PrefetchMboxResponse } from '../../src/delivery/types'
import {
  prefetchTargetOffers,
  serializeServerState,
  type TargetServerState,
} from '../../src/server/index'
import { parseMboxCookie } from '../../src/visitor/mboxCookie'

const PAGE_URL = 'http://127.0.0.1:3000/shop'

let edge: TargetEdge

beforeAll(async () => {
  edge = await createTargetEdge()
})
afterAll(async () => {
  await edge.close()
})

/** Polls `check` until it stops throwing, for up to `timeout` ms. */
async function eventually<T>(check: () => T, timeout = 3000): Promise<T> {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function sessionIdOf(state: TargetServerState): string {
  const mbox = state.cookies.find((cookie) => cookie.name === 'mbox')
  const entries = parseMboxCookie(mbox?.value, Math.floor(Date.now() / 1000))
  return entries.get('session')?.value ?? ''
}

function answerOf(state: TargetServerState, name: string) {
  const query = state.dehydratedState.queries.find(
    (entry) => entry.queryKey[2] === name,
  )
  return query?.state.data as PrefetchMboxResponse | null | undefined
}

/** Server side: prefetch, then render the page to HTML in plain Node. */
async function renderOnServer() {
  const { ShopPage, SHOP_MBOXES } = await import('./fixtures/ShopPage')
  const serverState = await prefetchTargetOffers({
    clientCode: 'demo',
    serverDomain: edge.host,
    secure: false,
    mboxes: SHOP_MBOXES,
    url: PAGE_URL,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 test',
    onError: () => {},
  })
  const html = renderToString(
    <ShopPage edgeHost={edge.host} serverState={serverState} />,
  )
  // The state reaches the browser as JSON embedded in the page.
  const browserState = JSON.parse(
    serializeServerState(serverState),
  ) as TargetServerState
  return { serverState, browserState, html }
}

/** The hydrated page that {@link hydrateInBrowser} passes to its check. */
interface BrowserPage {
  container: HTMLElement
  /** Errors React recovered from, such as hydration mismatches. */
  recoverableErrors: unknown[]
  consoleError: MockInstance<typeof console.error>
  mockAllIsIntersecting(isIntersecting: boolean): void
}

/**
 * Browser side: builds a jsdom document around the server's HTML, loads
 * fresh copies of the library's modules that see `window`, hydrates the
 * page with `hydrateRoot`, runs `check`, and removes the document again.
 */
async function hydrateInBrowser(
  html: string,
  state: TargetServerState,
  check: (page: BrowserPage) => Promise<void>,
) {
  const dom = await builtinEnvironments.jsdom.setup(globalThis, {
    jsdom: {
      html: `<!doctype html><html><body><div id="root">${html}</div></body></html>`,
      url: PAGE_URL,
    },
  })
  environmentManager.setIsServer(() => false)
  vi.stubGlobal('IS_REACT_ACT_ENVIRONMENT', true)
  vi.resetModules()
  try {
    const { hydrateRoot } = await import('react-dom/client')
    const { mockAllIsIntersecting, setupIntersectionMocking } =
      await import('react-intersection-observer/test-utils')
    setupIntersectionMocking(vi.fn)
    const { ShopPage } = await import('./fixtures/ShopPage')
    const container = document.getElementById('root')!
    const recoverableErrors: unknown[] = []
    const consoleError = vi.spyOn(console, 'error')

    const root = await act(async () =>
      hydrateRoot(
        container,
        <ShopPage edgeHost={edge.host} serverState={state} />,
        { onRecoverableError: (error) => recoverableErrors.push(error) },
      ),
    )
    await act(() => sleep(100))
    await check({
      container,
      recoverableErrors,
      consoleError,
      mockAllIsIntersecting,
    })
    act(() => root.unmount())
  } finally {
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
    environmentManager.setIsServer(() => typeof window === 'undefined')
    await dom.teardown(globalThis)
  }
}

const prefetches = () =>
  edge.requests('demo').filter((request) => request.prefetchMboxCount > 0)

describe('server rendering with prefetchTargetOffers', () => {
  beforeEach(() => {
    edge.reset()
  })

  it('renders the offers into the first HTML', async () => {
    expect(typeof window).toBe('undefined')

    const { serverState, html } = await renderOnServer()

    const hero = answerOf(serverState, 'demo-hero')?.options?.[0]?.content
    expect(hero).toMatch(/^<section class="demo-hero"/)
    expect(html).toContain(hero)
    expect(html).toContain('Trail runner for 89.9')
    expect(html).toContain('Get 10% off your order')
    expect(html).toContain('Default empty')
    expect(html).not.toContain('Default hero')
    expect(html).not.toContain('aria-busy')
    expect(html).not.toContain('visibility:hidden')
  })

  it('sends one prefetch and no display from the server', async () => {
    const { serverState } = await renderOnServer()

    const sessionId = sessionIdOf(serverState)
    const requests = edge.requests('demo')
    expect(requests).toHaveLength(1)
    expect(requests[0]!.sessionId).toBe(sessionId)
    expect(requests[0]!.prefetchMboxCount).toBe(4)
    expect(edge.notifications('demo')).toEqual([])
  })

  it('hydrates without a request, warning or second display', async () => {
    const { serverState, browserState, html } = await renderOnServer()
    const sessionId = sessionIdOf(serverState)

    await hydrateInBrowser(html, browserState, async (page) => {
      expect(page.recoverableErrors).toEqual([])
      expect(page.consoleError).not.toHaveBeenCalled()
      expect(page.container.innerHTML).toBe(html)
      expect(prefetches()).toHaveLength(1)
      expect(document.cookie).toContain(`mbox=session#${sessionId}#`)
      expect(document.cookie).toContain('mboxEdgeCluster=35')
      expect(edge.notifications('demo')).toEqual([])

      page.mockAllIsIntersecting(true)
      const displays = await eventually(() => {
        const found = edge.notifications('demo')
        expect(found).toHaveLength(3)
        return found
      })
      expect(displays.map((r) => r.notification.mbox?.name).sort()).toEqual([
        'demo-card',
        'demo-cta',
        'demo-hero',
      ])
      for (const record of displays) {
        expect(record.sessionId).toBe(sessionId)
        expect(record.notification.type).toBe('display')
      }

      page.mockAllIsIntersecting(false)
      page.mockAllIsIntersecting(true)
      await act(async () => {
        document.getElementById('cta-button')!.click()
      })
      const clicks = await eventually(() => {
        const found = edge
          .notifications('demo')
          .filter((r) => r.notification.type === 'click')
        expect(found).toHaveLength(1)
        return found
      })
      expect(clicks[0]!.notification.mbox?.name).toBe('demo-cta')
      await sleep(100)
      expect(edge.notifications('demo')).toHaveLength(4)
    })
  })

  it('keeps default content after a Target failure', async () => {
    edge.setFault('demo', { status: 503 })

    const { serverState, browserState, html } = await renderOnServer()

    expect(html).toContain('Default hero')
    expect(html).toContain('Default card')
    expect(html).not.toContain('aria-busy')
    expect(sessionIdOf(serverState)).toMatch(/^[0-9a-f]{32}$/)
    edge.clearFaults()
    await hydrateInBrowser(html, browserState, async (page) => {
      expect(page.recoverableErrors).toEqual([])
      expect(page.consoleError).not.toHaveBeenCalled()
      expect(page.container.innerHTML).toBe(html)
      // Only the server's failed request: the browser does not retry.
      expect(prefetches()).toHaveLength(1)

      page.mockAllIsIntersecting(true)
      await sleep(200)
      expect(edge.notifications('demo')).toEqual([])
    })
  })
})
