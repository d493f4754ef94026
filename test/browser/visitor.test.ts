import { commands } from 'vitest/browser'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  edgeHost,
  eventually,
  forgetVisitor,
  notificationsOf,
  requestsOf,
  uniqueClientCode,
} from './renderWithTarget'

const fixture = (query: Record<string, string>) =>
  `/test/browser/fixtures/app.html?${new URLSearchParams({ edge: edgeHost, ...query })}`

const cookieOf = async (page: number) =>
  String(await commands.evaluateIn(page, 'document.cookie'))

// Each test has its own client code: pages of one Vitest session share
// cookies, so a late response of an earlier test can hand this page its
// session, and the client code keeps the two tests' log entries apart.
let page = 0
beforeEach(forgetVisitor)
afterEach(() => commands.closePage(page))

describe('visitor across real page loads', () => {
  it('keeps the tntId and session through a reload', async () => {
    const client = uniqueClientCode('reload')
    page = await commands.openPage(fixture({ client, mboxes: 'demo-hero' }))
    const first = await eventually(async () => {
      const match = /mbox=session#(\w+)#\d+\|PC#([\w.]+)#\d+/.exec(
        await cookieOf(page),
      )
      expect(match).not.toBeNull()
      return { sessionId: match![1]!, tntId: match![2]! }
    })
    expect(first.tntId).toMatch(/^[0-9a-f]{32}\.\d+_\d+$/)
    expect(await cookieOf(page)).toMatch(/mboxEdgeCluster=\d+/)

    await commands.reloadPage(page)
    const sessionAfter = await eventually(async () => {
      const text = await commands.textOf(page, '#session')
      expect(text).not.toBe('')
      return text
    })
    expect(sessionAfter).toBe(first.sessionId)
    const requests = await eventually(async () => {
      const logged = await requestsOf(first.sessionId, { client })
      expect(logged.filter((r) => r.prefetchMboxCount > 0)).toHaveLength(2)
      return logged
    })
    expect(requests.length).toBeGreaterThanOrEqual(2)
    const notifications = await eventually(async () => {
      const logged = await notificationsOf(first.sessionId, { client })
      expect(logged).toHaveLength(2)
      return logged
    })
    for (const notification of notifications) {
      expect(notification.tntId).toBe(first.tntId)
    }
  })

  it('sends a queued click by beacon when the page is left', async () => {
    const client = uniqueClientCode('leave')
    page = await commands.openPage(
      fixture({ client, mboxes: 'demo-cta', click: 'demo-cta' }),
    )
    const sessionId = await commands.textOf(page, '#session')
    await eventually(async () =>
      expect(await notificationsOf(sessionId, { client })).toHaveLength(1),
    )
    // Click, then fire pagehide in the same task, before the queue's 20 ms
    // batch can end, so only the pagehide handler can send the click; the
    // real navigation follows. Left to the navigation alone, a loaded
    // machine could end the batch first and send a keepalive fetch.
    await commands.evaluateIn(
      page,
      `document.getElementById('click').click(); window.dispatchEvent(new PageTransitionEvent('pagehide')); location.href = 'about:blank'`,
    )
    const click = await eventually(async () => {
      const logged = await notificationsOf(sessionId, { client })
      const found = logged.find((n) => n.type === 'click')
      expect(found).toBeDefined()
      return found!
    })
    expect(click.mbox.name).toBe('demo-cta')
    const requests = await requestsOf(sessionId, { client })
    expect(requests.some((r) => r.beacon && r.notificationCount === 1)).toBe(
      true,
    )
  })
})
