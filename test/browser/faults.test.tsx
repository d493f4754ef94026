import { cleanup, screen } from '@testing-library/react'
import { commands } from 'vitest/browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TargetError, TargetMbox, useTargetClick } from 'react-adobe-target'
import type { EdgeFault } from '../../src/edge/index'
import { LARGE_OFFER_LENGTH, oddMboxes } from './fixtures/oddOffersArtifact'
import {
  clearEdgeFault,
  edgeHost,
  eventually,
  forgetVisitor,
  notificationsOf,
  oddOffersEdgeHost,
  recordDeliveries,
  renderWithTarget,
  resetScroll,
  requestsOf,
  setEdgeFault,
  settle,
  uniqueClientCode,
  watchPageErrors,
  type LogFilter,
  type LogSource,
} from './renderWithTarget'

/** Provider timeout of these tests, in milliseconds. */
const TIMEOUT = 1000
/** Time allowed past the timeout for default content to show. */
const MARGIN = 500
/** A loopback port nothing listens on, so connecting is refused at once. */
const CLOSED_HOST = '127.0.0.1:2'

let pageErrors: ReturnType<typeof watchPageErrors>
let deliveries: ReturnType<typeof recordDeliveries>

beforeEach(() => {
  forgetVisitor()
  resetScroll()
  pageErrors = watchPageErrors()
  deliveries = recordDeliveries()
})

afterEach(() => {
  resetScroll()
  deliveries.stop()
  pageErrors.stop()
})

function TwoMboxes() {
  return (
    <>
      <TargetMbox name="demo-hero">
        <p>default hero</p>
      </TargetMbox>
      <TargetMbox name="demo-slot-1">
        <p>default slot</p>
      </TargetMbox>
    </>
  )
}

/**
 * Waits until every text is shown as settled default content, and returns
 * the milliseconds since `startedAt`.
 */
async function waitForDefaults(texts: string[], startedAt: number) {
  await eventually(() => {
    for (const text of texts) {
      const region = screen.getByText(text).closest('[data-mbox]')!
      expect(region.getAttribute('aria-busy')).toBeNull()
      expect(getComputedStyle(region).visibility).toBe('visible')
    }
  })
  return performance.now() - startedAt
}

/** Names of the mboxes the page sent notifications for, by any route. */
async function notifiedMboxes() {
  const sent = await deliveries.sent()
  return sent.flatMap((delivery) =>
    (delivery.body.notifications ?? []).map((n) => n.mbox?.name),
  )
}

/**
 * Mounts a fresh provider for the client code, as the visitor's next page
 * would, and checks that both mboxes get their offers and that both
 * displays reach the edge.
 */
async function expectNextResponseWorks(clientCode: string) {
  cleanup()
  forgetVisitor()
  const onError = vi.fn()
  const { client, container } = renderWithTarget(<TwoMboxes />, {
    clientCode,
    timeout: TIMEOUT,
    onError,
  })
  await eventually(() => {
    expect(container.querySelectorAll('[aria-busy]')).toHaveLength(0)
    expect(screen.queryByText('default hero')).toBeNull()
    expect(screen.queryByText('default slot')).toBeNull()
  })
  const displays = await eventually(async () => {
    const logged = await notificationsOf(client)
    expect(logged).toHaveLength(2)
    return logged
  })
  expect(displays.map((d) => d.mbox.name).sort()).toEqual([
    'demo-hero',
    'demo-slot-1',
  ])
  expect(onError).not.toHaveBeenCalled()
}

interface PrefetchFault {
  name: string
  /** The fault the edge applies; none when `serverDomain` is the fault. */
  fault?: EdgeFault
  serverDomain?: string
  /** Fields the error passed to onError must have. */
  error?: Partial<Pick<TargetError, 'kind' | 'status'>>
  /** The fault ends by itself (`times`), so the test does not clear it. */
  endsItself?: boolean
}

const prefetchFaults: PrefetchFault[] = [
  {
    name: 'refused connection',
    serverDomain: CLOSED_HOST,
    error: { kind: 'network' },
  },
  {
    name: 'HTTP 500',
    fault: { status: 500 },
    error: { kind: 'http', status: 500 },
  },
  {
    name: 'HTTP 503 then success',
    fault: { status: 503, times: 1 },
    error: { kind: 'http', status: 503 },
    endsItself: true,
  },
  {
    name: 'HTTP 429',
    fault: { status: 429 },
    error: { kind: 'http', status: 429 },
  },
  {
    name: 'response slower than the timeout',
    fault: { delayMs: TIMEOUT + 1500 },
    error: { kind: 'timeout' },
  },
  {
    name: 'body that is not JSON',
    fault: { rawBody: '<html><body>502 Bad Gateway</body></html>' },
    error: { kind: 'parse' },
  },
  {
    name: 'status 400 in an HTTP 200 body',
    fault: { bodyStatus: 400 },
    error: { kind: 'status', status: 400 },
  },
  // Target documents an empty prefetch as a valid response: default content,
  // and no error, or every mbox without a live activity would report one.
  { name: 'prefetch: {}', fault: { emptyPrefetch: true } },
]

describe('prefetch faults', () => {
  it.each(prefetchFaults)(
    'shows defaults on $name',
    async ({ fault, serverDomain, error, endsItself }) => {
      const clientCode = uniqueClientCode('fault')
      if (fault) await setEdgeFault(clientCode, fault)
      const onError = vi.fn()

      const startedAt = performance.now()
      renderWithTarget(<TwoMboxes />, {
        clientCode,
        timeout: TIMEOUT,
        onError,
        ...(serverDomain ? { serverDomain } : {}),
      })
      const elapsed = await waitForDefaults(
        ['default hero', 'default slot'],
        startedAt,
      )
      expect(elapsed).toBeLessThan(TIMEOUT + MARGIN)

      // Past the timeout, so a late response would have been seen by now.
      await settle(TIMEOUT)
      if (error) {
        expect(onError).toHaveBeenCalledTimes(1)
        const [reported] = onError.mock.calls[0]!
        expect(reported).toBeInstanceOf(TargetError)
        expect(reported).toMatchObject(error)
      } else {
        expect(onError).not.toHaveBeenCalled()
      }
      expect(await notifiedMboxes()).toEqual([])
      expect(pageErrors.errors).toEqual([])

      if (fault && !endsItself) await clearEdgeFault(clientCode)
      await expectNextResponseWorks(clientCode)
      expect(pageErrors.errors).toEqual([])
    },
  )

  it('shows the default of a missing mbox', async () => {
    const clientCode = uniqueClientCode('missing')
    await setEdgeFault(clientCode, { dropMboxes: ['demo-hero'] })
    const onError = vi.fn()

    const startedAt = performance.now()
    const { client } = renderWithTarget(<TwoMboxes />, {
      clientCode,
      timeout: TIMEOUT,
      onError,
    })
    const elapsed = await waitForDefaults(['default hero'], startedAt)
    expect(elapsed).toBeLessThan(TIMEOUT + MARGIN)

    // The mbox that did come back still shows and counts.
    await eventually(() =>
      expect(screen.queryByText('default slot')).toBeNull(),
    )
    const displays = await eventually(async () => {
      const logged = await notificationsOf(client)
      expect(logged).toHaveLength(1)
      return logged
    })
    expect(displays[0]!.mbox.name).toBe('demo-slot-1')
    await settle()
    expect(await notifiedMboxes()).toEqual(['demo-slot-1'])
    // A missing mbox is a valid response (no live activity), not an error.
    expect(onError).not.toHaveBeenCalled()
    expect(pageErrors.errors).toEqual([])

    await clearEdgeFault(clientCode)
    await expectNextResponseWorks(clientCode)
  })

  // Redirect is a Target type this library does not render, so it is no
  // error; a type outside Target's API means a broken response, reported once.
  it.each([
    { type: 'redirect', name: oddMboxes.redirect, errors: 0 },
    { type: 'made-up', name: oddMboxes.madeUpType, errors: 1 },
  ])(
    'shows the default for an option of $type type',
    async ({ name, errors }) => {
      const clientCode = uniqueClientCode('oddtype')
      const onError = vi.fn()
      const pageUrl = location.href

      const startedAt = performance.now()
      const { client } = renderWithTarget(
        <TargetMbox name={name} render={() => <p>rendered</p>}>
          <p>default odd</p>
        </TargetMbox>,
        {
          clientCode,
          timeout: TIMEOUT,
          onError,
          serverDomain: oddOffersEdgeHost,
        },
      )
      const elapsed = await waitForDefaults(['default odd'], startedAt)
      expect(elapsed).toBeLessThan(TIMEOUT + MARGIN)

      await settle()
      expect(screen.queryByText('rendered')).toBeNull()
      // A redirect offer must not take the visitor anywhere.
      expect(location.href).toBe(pageUrl)
      const requests = await requestsOf(client, {
        host: oddOffersEdgeHost,
        client: clientCode,
      })
      expect(requests.map((r) => r.mboxNames)).toEqual([[name]])
      expect(await notifiedMboxes()).toEqual([])
      expect(onError).toHaveBeenCalledTimes(errors)
      expect(pageErrors.errors).toEqual([])

      await expectNextResponseWorks(clientCode)
    },
  )

  it('shows a 1 MB html offer and counts it once', async () => {
    const clientCode = uniqueClientCode('large')
    const onError = vi.fn()

    const startedAt = performance.now()
    const { client, container } = renderWithTarget(
      <TargetMbox name={oddMboxes.large}>
        <p>default large</p>
      </TargetMbox>,
      {
        clientCode,
        timeout: TIMEOUT,
        onError,
        serverDomain: oddOffersEdgeHost,
      },
    )
    // Target takes offers up to 1,024 KB, so this one is valid and shows.
    await eventually(() =>
      expect(container.querySelector('#odd-large-end')).not.toBeNull(),
    )
    expect(performance.now() - startedAt).toBeLessThan(TIMEOUT + MARGIN)
    const region = container.querySelector(`[data-mbox="${oddMboxes.large}"]`)!
    expect(region.innerHTML.length).toBeGreaterThanOrEqual(LARGE_OFFER_LENGTH)

    // The offer is far taller than the viewport and fills it, so the
    // visitor has seen it, and its display must count.
    expect(region.getBoundingClientRect().height).toBeGreaterThan(
      2 * window.innerHeight,
    )
    const displays = await eventually(async () => {
      const logged = await notificationsOf(client, {
        host: oddOffersEdgeHost,
        client: clientCode,
      })
      expect(logged).toHaveLength(1)
      return logged
    })
    expect(displays[0]!.mbox.name).toBe(oddMboxes.large)
    await settle()
    expect(
      await notificationsOf(client, {
        host: oddOffersEdgeHost,
        client: clientCode,
      }),
    ).toHaveLength(1)
    expect(onError).not.toHaveBeenCalled()
    expect(pageErrors.errors).toEqual([])

    await expectNextResponseWorks(clientCode)
  })

  it('never contacts the edgeHost of a response', async () => {
    // The responses name the odd offers edge as the edgeHost. That edge logs
    // every request it gets, so any contact from this visitor would show.
    deliveries.stop()
    const realFetch = window.fetch
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init)
      const url = new URL(input instanceof Request ? input.url : String(input))
      if (url.pathname !== '/rest/v1/delivery' || response.status !== 200) {
        return response
      }
      const body = (await response.json()) as Record<string, unknown>
      return new Response(
        JSON.stringify({ ...body, edgeHost: oddOffersEdgeHost }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      )
    }
    deliveries = recordDeliveries()

    try {
      const clientCode = uniqueClientCode('elsewhere')
      const onError = vi.fn()
      const { client, rerender, container } = renderWithTarget(<TwoMboxes />, {
        clientCode,
        timeout: TIMEOUT,
        onError,
      })
      await eventually(async () =>
        expect(await notificationsOf(client)).toHaveLength(2),
      )
      // A later mbox makes a second prefetch after the first response.
      rerender(
        <>
          <TwoMboxes />
          <TargetMbox name="demo-slot-2">
            <p>default slot 2</p>
          </TargetMbox>
        </>,
      )
      await eventually(() =>
        expect(container.querySelectorAll('[aria-busy]')).toHaveLength(0),
      )
      await eventually(async () =>
        expect(await notificationsOf(client)).toHaveLength(3),
      )

      const sent = await deliveries.sent()
      expect(sent.length).toBeGreaterThanOrEqual(3)
      expect(new Set(sent.map((delivery) => delivery.host))).toEqual(
        new Set([edgeHost]),
      )
      expect(
        await requestsOf(client, {
          host: oddOffersEdgeHost,
          client: clientCode,
        }),
      ).toEqual([])
      expect(onError).not.toHaveBeenCalled()
      expect(pageErrors.errors).toEqual([])
    } finally {
      deliveries.stop()
      window.fetch = realFetch
      deliveries = recordDeliveries()
    }
  })
})

function Spacer() {
  return <div style={{ height: '3000px' }} />
}

/**
 * Renders demo-hero below the fold and waits for its offer, so a test can
 * set a notification fault before the display is sent by scrolling.
 */
async function renderHeroBelowFold(clientCode: string, onError = vi.fn()) {
  const result = renderWithTarget(
    <>
      <Spacer />
      <TargetMbox name="demo-hero">
        <p>default hero</p>
      </TargetMbox>
    </>,
    { clientCode, timeout: TIMEOUT, onError },
  )
  const region = await eventually(() => {
    const found = document.querySelector('[data-mbox="demo-hero"]')
    expect(found?.getAttribute('aria-busy')).toBeNull()
    expect(found?.textContent).not.toContain('default hero')
    return found!
  })
  return { ...result, region, onError }
}

const notificationRequests = async (
  source: LogSource,
  filter: LogFilter = {},
) => (await requestsOf(source, filter)).filter((r) => r.notificationCount > 0)

describe('notification faults', () => {
  // 420 is Target's status for too many concurrent requests of a session.
  it.each([500, 503, 429, 420])(
    'delivers a display once after %i',
    async (status) => {
      const clientCode = uniqueClientCode(`notify${status}`)
      const { client, region, onError } = await renderHeroBelowFold(clientCode)
      await setEdgeFault(clientCode, { status, times: 1 })

      region.scrollIntoView()
      const displays = await eventually(async () => {
        const logged = await notificationsOf(client)
        expect(logged).toHaveLength(1)
        return logged
      })
      expect(displays[0]!.mbox.name).toBe('demo-hero')
      // Past any further backoff, so a second send would have come by now.
      await settle(2000)
      expect(await notificationsOf(client)).toHaveLength(1)
      const requests = await notificationRequests(client)
      expect(requests).toHaveLength(2)
      const sent = await deliveries.sent()
      const statuses = sent
        .filter((delivery) => delivery.body.notifications)
        .map((delivery) => delivery.status)
      expect(statuses).toEqual([status, 200])
      expect(onError).not.toHaveBeenCalled()
      expect(pageErrors.errors).toEqual([])
    },
  )

  it('reports a 400 once and does not retry it', async () => {
    const clientCode = uniqueClientCode('notify400')
    const { client, region, onError } = await renderHeroBelowFold(clientCode)
    await setEdgeFault(clientCode, { status: 400 })

    region.scrollIntoView()
    await eventually(() => expect(onError).toHaveBeenCalledTimes(1))
    const [reported] = onError.mock.calls[0]!
    expect(reported).toBeInstanceOf(TargetError)
    expect(reported).toMatchObject({ kind: 'http', status: 400 })

    // The longest first backoff is 750 ms; wait well past it.
    await settle(2000)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(await notificationRequests(client)).toHaveLength(1)
    expect(await notificationsOf(client)).toHaveLength(0)
    expect(pageErrors.errors).toEqual([])
  })

  it('counts a timed-out display once', async () => {
    const clientCode = uniqueClientCode('notifyslow')
    const { client, region } = await renderHeroBelowFold(clientCode)
    // The edge processes the request after the client has given up on it.
    await setEdgeFault(clientCode, { delayMs: TIMEOUT + 1000, times: 1 })

    region.scrollIntoView()
    await eventually(async () =>
      expect((await notificationsOf(client)).length).toBeGreaterThanOrEqual(1),
    )
    // Until the delayed request has been processed, and a little more.
    await settle(TIMEOUT + 1500)
    const displays = await notificationsOf(client)
    expect(displays.map((d) => d.id)).toEqual([displays[0]!.id])
    expect(pageErrors.errors).toEqual([])
  })
})

function ClickButton({ name }: { name: string }) {
  const trackClick = useTargetClick(name)
  return <button onClick={trackClick}>click {name}</button>
}

describe('click order', () => {
  it('sends a fast click after its display', async () => {
    const clientCode = uniqueClientCode('fastclick')
    // A mutation observer runs before the next frame, so this click comes
    // as soon as the offer is in the page and before the intersection
    // observer can report the display: a visitor faster than one frame.
    // The page then stays busy for longer than the queue's 20 ms batch
    // delay, as it may while it hydrates, so the click's batch leaves
    // before the display is reported.
    let clicked = false
    const clickOnOffer = new MutationObserver(() => {
      const region = document.querySelector('[data-mbox="demo-cta"]')
      if (clicked || !region || region.hasAttribute('aria-busy')) return
      clicked = true
      screen.getByText('click demo-cta').click()
      const busyUntil = performance.now() + 60
      while (performance.now() < busyUntil) {
        // Keeps the main thread busy.
      }
    })
    clickOnOffer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
    })
    const { client } = renderWithTarget(
      <>
        <TargetMbox name="demo-cta">default cta</TargetMbox>
        <ClickButton name="demo-cta" />
      </>,
      { clientCode },
    )

    const logged = await eventually(async () => {
      const found = await notificationsOf(client)
      expect(found).toHaveLength(2)
      return found
    })
    clickOnOffer.disconnect()
    expect(clicked).toBe(true)
    expect(logged.map((n) => n.type)).toEqual(['display', 'click'])
    expect(pageErrors.errors).toEqual([])
  })
})

describe('leaving the page with notifications queued', () => {
  let page = 0
  afterEach(() => commands.closePage(page))

  const fixture = (query: Record<string, string>) =>
    `/test/browser/fixtures/app.html?${new URLSearchParams({
      edge: edgeHost,
      ...query,
    })}`

  const evaluate = (script: string) => commands.evaluateIn(page, script)

  async function sessionOfPage() {
    return eventually(async () => {
      const text = await commands.textOf(page, '#session')
      expect(text).not.toBe('')
      return text
    })
  }

  async function waitForOffers() {
    await eventually(async () =>
      expect(
        await evaluate(
          `document.querySelectorAll('[data-mbox]').length > 0 && !document.querySelector('[aria-busy]')`,
        ),
      ).toBe(true),
    )
  }

  it('sends queued displays and clicks by beacon', async () => {
    const clientCode = uniqueClientCode('beacon')
    // The long minimum view time delays the display until the click, which
    // sends it ahead of itself: both are queued, never tried, as the page
    // goes.
    page = await commands.openPage(
      fixture({
        client: clientCode,
        mboxes: 'demo-cta',
        click: 'demo-cta',
        minViewTime: '600000',
      }),
    )
    const sessionId = await sessionOfPage()
    await waitForOffers()
    await settle(200)
    expect(
      await notificationsOf(sessionId, { client: clientCode }),
    ).toHaveLength(0)

    await evaluate(
      `const button = document.getElementById('click'); button.click(); button.click(); location.href = 'about:blank'`,
    )
    const logged = await eventually(async () => {
      const found = await notificationsOf(sessionId, { client: clientCode })
      expect(found).toHaveLength(3)
      return found
    })
    expect(logged.map((n) => n.type)).toEqual(['display', 'click', 'click'])
    expect(new Set(logged.map((n) => n.id)).size).toBe(3)
    // Under load the 20 ms batch can end before pagehide, and then a
    // keepalive fetch carries the three instead of the beacon; either way
    // they leave in one request.
    const requests = await notificationRequests(sessionId, {
      client: clientCode,
    })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.notificationCount).toBe(3)
  })

  it('stores failed notifications for the next page', async () => {
    const clientCode = uniqueClientCode('stored')
    await setEdgeFault(clientCode, { notificationFailRate: 1 })
    page = await commands.openPage(
      fixture({ client: clientCode, mboxes: 'demo-cta' }),
    )
    const sessionId = await sessionOfPage()
    // The display's first send fails; it then waits out a backoff of at
    // least 250 ms, and the page is left during it.
    await eventually(async () =>
      expect(
        await notificationRequests(sessionId, { client: clientCode }),
      ).toHaveLength(1),
    )
    await settle(100)
    const leftAt = Date.now()
    await commands.leavePage(page)
    expect(
      await notificationsOf(sessionId, { client: clientCode }),
    ).toHaveLength(0)

    await clearEdgeFault(clientCode)
    await commands.gotoPage(
      page,
      fixture({ client: clientCode, mboxes: 'demo-hero' }),
    )
    expect(await sessionOfPage()).toBe(sessionId)
    const logged = await eventually(async () => {
      const found = await notificationsOf(sessionId, { client: clientCode })
      expect(found).toHaveLength(2)
      return found
    })
    const stored = logged.filter((n) => n.mbox.name === 'demo-cta')
    expect(stored).toHaveLength(1)
    expect(stored[0]!.type).toBe('display')
    expect(stored[0]!.timestamp).toBeLessThan(leftAt)
    expect(logged.filter((n) => n.mbox.name === 'demo-hero')).toHaveLength(1)
    await settle()
    expect(
      await notificationsOf(sessionId, { client: clientCode }),
    ).toHaveLength(2)
    expect(
      await evaluate(
        `sessionStorage.getItem('react-adobe-target:${clientCode}')`,
      ),
    ).toBeNull()
  })
})
