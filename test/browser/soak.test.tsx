import { fireEvent, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TargetMbox, useTargetClick } from 'react-adobe-target'
import {
  clearEdgeFault,
  eventually,
  forgetVisitor,
  notificationsOf,
  recordDeliveries,
  renderWithTarget,
  resetScroll,
  requestsOf,
  setEdgeFault,
  settle,
  uniqueClientCode,
  watchPageErrors,
  type SentDelivery,
} from './renderWithTarget'

const SLOTS = Array.from({ length: 20 }, (_, i) => `demo-slot-${i + 1}`)
/** Placements over the slot mboxes; with demo-cta's, 500 displays. */
const PLACEMENTS = 499
const CLICKS = 500
const ROUNDS = 50
/** Share of notification requests the edge fails with HTTP 500. */
const FAIL_RATE = 0.3
/** How long the test waits for every notification to arrive. */
const DELIVERY_BUDGET_MS = 60_000

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

// Cells small enough that every placement is in view at once.
const GRID_STYLE = `
  .soak-grid { display: grid; grid-template-columns: repeat(20, 1fr); }
  .soak-cell { height: 4px; overflow: hidden; }
`

function SoakPage({ shown }: { shown: number }) {
  const trackClick = useTargetClick('demo-cta')
  return (
    <>
      <style>{GRID_STYLE}</style>
      <TargetMbox name="demo-cta" className="soak-cell">
        default cta
      </TargetMbox>
      <button onClick={trackClick}>click cta</button>
      <div className="soak-grid">
        {Array.from({ length: shown }, (_, i) => (
          <TargetMbox
            key={i}
            name={SLOTS[i % SLOTS.length]!}
            placement={`cell-${i}`}
            className="soak-cell"
          >
            default
          </TargetMbox>
        ))}
      </div>
    </>
  )
}

let showPlacements: (count: number) => void = () => {}

function ControlledSoakPage() {
  const [shown, setShown] = useState(0)
  showPlacements = setShown
  return <SoakPage shown={shown} />
}

/** The ids of every notification sent, once per request that carried it. */
const notificationIds = (sent: SentDelivery[]) =>
  sent.flatMap((delivery) =>
    (delivery.body.notifications ?? []).map((n) => n.id),
  )

function countById(ids: string[]) {
  const counts = new Map<string, number>()
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1)
  return counts
}

describe('notification delivery under a failing edge', () => {
  it('delivers 1,000 displays and clicks exactly once', async () => {
    const startedAt = performance.now()
    const clientCode = uniqueClientCode('soak')
    await setEdgeFault(clientCode, { notificationFailRate: FAIL_RATE })
    const onError = vi.fn()
    const { client, container } = renderWithTarget(<ControlledSoakPage />, {
      clientCode,
      mboxes: ['demo-cta', ...SLOTS],
      onError,
    })
    const sessionId = client.visitor.sessionId
    // A click counts only once the mbox's offer is there. The pause lets
    // the observer report demo-cta's display first: a click made before
    // that has a test of its own.
    await eventually(() => {
      expect(container.querySelectorAll('[aria-busy]')).toHaveLength(0)
      expect(screen.queryByText('default cta')).toBeNull()
    })
    await settle(100)

    // Placements appear and clicks come in rounds, so displays, clicks
    // and retries overlap in many requests.
    const perRound = Math.ceil(PLACEMENTS / ROUNDS)
    const button = screen.getByText('click cta')
    for (let round = 1; round <= ROUNDS; round++) {
      showPlacements(Math.min(PLACEMENTS, round * perRound))
      for (let click = 0; click < CLICKS / ROUNDS; click++) {
        fireEvent.click(button)
      }
      await settle(40)
    }
    await eventually(() =>
      expect(container.querySelectorAll('[data-mbox]')).toHaveLength(
        PLACEMENTS + 1,
      ),
    )

    // A notification that failed every attempt waits for the next page.
    // Once nothing else is pending, a next page is simulated for it: the
    // page is hidden, and a new provider claims what the old one stored.
    let carriedToNextPage = 0
    const deadline = performance.now() + DELIVERY_BUDGET_MS
    let logged = await notificationsOf(sessionId, { client: clientCode })
    for (;;) {
      const sent = new Set(notificationIds(await deliveries.sent()))
      logged = await notificationsOf(sessionId, { client: clientCode })
      const delivered = new Set(logged.map((n) => n.id))
      const undelivered = [...sent].filter((id) => !delivered.has(id))
      if (sent.size >= CLICKS * 2 && undelivered.length === 0) break
      if (performance.now() > deadline) break
      if (onError.mock.calls.length > 0 && carriedToNextPage === 0) {
        const pending = (await deliveries.sent()).filter(
          (delivery) =>
            !delivery.beacon &&
            delivery.status === undefined &&
            delivery.networkError === undefined,
        )
        if (pending.length === 0) {
          carriedToNextPage = undelivered.length
          window.dispatchEvent(new PageTransitionEvent('pagehide'))
          renderWithTarget(<p>next page</p>, { clientCode })
        }
      }
      await settle(250)
    }
    await clearEdgeFault(clientCode)

    const sent = await deliveries.sent()
    const sentIds = notificationIds(sent)
    const distinctSent = new Set(sentIds)
    const loggedCounts = countById(logged.map((n) => n.id))
    const lost = [...distinctSent].filter((id) => !loggedCounts.has(id))
    const duplicated = [...loggedCounts].filter(([, count]) => count > 1)
    const notifying = sent.filter((delivery) => delivery.body.notifications)
    const failed = notifying.filter((delivery) => delivery.status === 500)
    // The Fetch standard fails a keepalive fetch at once when the bodies
    // of keepalive requests in flight would pass 64 KiB. The queue retries
    // these as network errors.
    const rejected = notifying.filter((delivery) => delivery.networkError)
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1)
    console.log(
      `soak: ${distinctSent.size} sent, ${loggedCounts.size} delivered, ` +
        `${lost.length} lost, ${duplicated.length} duplicated, ` +
        `${notifying.length} requests (${failed.length} failed by the edge, ` +
        `${rejected.length} rejected by the browser), ` +
        `${sentIds.length - distinctSent.size} notifications resent, ` +
        `${carriedToNextPage} carried to the next page, ${seconds} s`,
    )

    expect(distinctSent.size).toBe(PLACEMENTS + 1 + CLICKS)
    expect(lost).toEqual([])
    expect(duplicated).toEqual([])
    expect(loggedCounts.size).toBe(PLACEMENTS + 1 + CLICKS)

    const displays = logged.filter((n) => n.type === 'display')
    const clicks = logged.filter((n) => n.type === 'click')
    expect(displays).toHaveLength(PLACEMENTS + 1)
    expect(clicks).toHaveLength(CLICKS)
    for (const [position, name] of SLOTS.entries()) {
      const expected = Math.ceil((PLACEMENTS - position) / SLOTS.length)
      const shown = displays.filter((n) => n.mbox.name === name)
      expect(shown, name).toHaveLength(expected)
    }
    // Target must see the call to action's display before its clicks.
    const ctaDisplay = logged.findIndex(
      (n) => n.type === 'display' && n.mbox.name === 'demo-cta',
    )
    const firstClick = logged.findIndex((n) => n.type === 'click')
    expect(ctaDisplay).toBeLessThan(firstClick)

    // The edge saw every notification request the browser let out.
    const edgeRequests = await requestsOf(sessionId, { client: clientCode })
    expect(edgeRequests.filter((r) => r.notificationCount > 0)).toHaveLength(
      notifying.length - rejected.length,
    )
    expect(pageErrors.errors).toEqual([])
  }, 120_000)
})
