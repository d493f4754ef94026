// Drives the Next.js example (examples/next) in Chromium against a local
// edge. The project's globalSetup builds it, and `next start` serves it.
// The tests check the offers in the first HTML, no prefetch from the
// browser, displays when seen, clicks after hydration and the visitor.
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
} from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTargetEdge, type TargetEdge } from '../../src/edge/index'
import { parseMboxCookie } from '../../src/visitor/mboxCookie'
import { startNextServer, type NextServer } from './nextProcess'

// Debian's Chromium; a test tool's own browser download is not used.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ABOVE_FOLD = ['demo-card', 'demo-cta', 'demo-hero']
const BELOW_FOLD = 'demo-slot-5'

let edge: TargetEdge
let next: NextServer
let browser: Browser

beforeAll(async () => {
  edge = await createTargetEdge()
  next = await startNextServer({ TARGET_EDGE_HOST: edge.host })
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await next?.stop()
  await edge?.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` until it stops throwing, for up to `timeout` ms. */
async function eventually<T>(check: () => T, timeout = 5000): Promise<T> {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await sleep(50)
    }
  }
}

/** A page of a new visitor, with what it reported and sent. */
interface ShopVisit {
  context: BrowserContext
  page: Page
  /** Console errors and warnings, and uncaught errors, of the page. */
  problems: string[]
  /** Delivery requests with a prefetch that the browser sent. */
  browserPrefetches: string[]
}

/** Opens the shop in a new browser context, so with no cookies. */
async function visitShop(): Promise<ShopVisit> {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 700 },
  })
  const page = await context.newPage()
  const visit: ShopVisit = {
    context,
    page,
    problems: [],
    browserPrefetches: [],
  }
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      visit.problems.push(`console.${message.type()}: ${message.text()}`)
    }
  })
  page.on('pageerror', (error) => {
    visit.problems.push(`uncaught: ${error.message}`)
  })
  page.on('request', (request) => {
    if (
      request.url().includes('/rest/v1/delivery') &&
      request.postData()?.includes('"prefetch"')
    ) {
      visit.browserPrefetches.push(request.url())
    }
  })
  await page.goto(next.url)
  await waitForHydration(page)
  return visit
}

/**
 * Waits until React has hydrated the claim button and the provider's
 * effects have run. React sets a `__reactProps$…` property on a node
 * before effects run. The provider writes the `mbox` cookie in an effect,
 * so the cookie marks the end.
 */
async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const button = document.getElementById('claim')
    return (
      button !== null &&
      Object.keys(button).some((key) => key.startsWith('__reactProps')) &&
      /(^|; )mbox=/.test(document.cookie)
    )
  })
}

/** Returns the session id and tntId of the context's `mbox` cookie. */
async function visitorOf(context: BrowserContext) {
  const cookies = await context.cookies()
  const mbox = cookies.find((cookie) => cookie.name === 'mbox')
  const entries = parseMboxCookie(
    mbox && decodeURIComponent(mbox.value),
    Math.floor(Date.now() / 1000),
  )
  return {
    sessionId: entries.get('session')?.value ?? '',
    tntId: entries.get('PC')?.value ?? '',
  }
}

const prefetchesOf = (sessionId: string) =>
  edge
    .requests('demo')
    .filter((r) => r.sessionId === sessionId && r.prefetchMboxCount > 0)

const displaysOf = (sessionId: string, name?: string) =>
  edge
    .notifications('demo')
    .filter(
      (r) =>
        r.sessionId === sessionId &&
        r.notification.type === 'display' &&
        (name === undefined || r.notification.mbox?.name === name),
    )

describe('Next.js example in Chromium', () => {
  it('serves the offers in the first HTML', async () => {
    const response = await fetch(next.url)
    const html = await response.text()

    expect(response.status).toBe(200)
    expect(html).toMatch(/data-mbox="demo-hero"><section class="demo-hero"/)
    expect(html).toContain('<h2>Trail runner</h2>')
    expect(html).toContain('Get 10% off your order')
    expect(html).toContain('Offer for slot 5')
    expect(html).not.toContain('aria-busy')
    expect(html).not.toContain('Our bestseller')
  })

  it('hydrates with no prefetch and no warning', async () => {
    const { context, page, problems, browserPrefetches } = await visitShop()
    await sleep(500)

    const { sessionId } = await visitorOf(context)
    expect(sessionId).toMatch(/^[0-9a-f]{32}$/)
    expect(browserPrefetches).toEqual([])
    // The one prefetch of this session is the server's.
    expect(prefetchesOf(sessionId)).toHaveLength(1)
    expect(prefetchesOf(sessionId)[0]!.prefetchMboxCount).toBe(4)
    expect(problems).toEqual([])
    expect(await page.locator('[aria-busy]').count()).toBe(0)
    expect(await page.locator('.demo-hero').isVisible()).toBe(true)
    await context.close()
  })

  it('counts the display below the fold once, when seen', async () => {
    const { context, page } = await visitShop()
    const { sessionId } = await visitorOf(context)

    const above = await eventually(() => {
      const found = displaysOf(sessionId)
      expect(found).toHaveLength(ABOVE_FOLD.length)
      return found
    })
    expect(above.map((r) => r.notification.mbox?.name).sort()).toEqual(
      ABOVE_FOLD,
    )
    await sleep(500)
    expect(displaysOf(sessionId, BELOW_FOLD)).toEqual([])

    await page.locator(`[data-mbox="${BELOW_FOLD}"]`).scrollIntoViewIfNeeded()
    await eventually(() =>
      expect(displaysOf(sessionId, BELOW_FOLD)).toHaveLength(1),
    )
    await page.mouse.wheel(0, -5000)
    await sleep(300)
    await page.locator(`[data-mbox="${BELOW_FOLD}"]`).scrollIntoViewIfNeeded()
    await sleep(500)

    expect(displaysOf(sessionId, BELOW_FOLD)).toHaveLength(1)
    expect(displaysOf(sessionId)).toHaveLength(ABOVE_FOLD.length + 1)
    await context.close()
  })

  it('sends a click right after hydration', async () => {
    const { context, page } = await visitShop()

    await page.click('#claim')

    const { sessionId } = await visitorOf(context)
    const clicks = await eventually(() => {
      const found = edge
        .notifications('demo')
        .filter(
          (r) => r.sessionId === sessionId && r.notification.type === 'click',
        )
      expect(found).toHaveLength(1)
      return found
    })
    expect(clicks[0]!.notification.mbox?.name).toBe('demo-cta')
    await context.close()
  })

  it('keeps the tntId and session across a reload', async () => {
    const { context, page, problems, browserPrefetches } = await visitShop()
    const first = await visitorOf(context)
    expect(first.tntId).toMatch(/\.35_0$/)
    expect(await page.locator('#tnt-id').textContent()).toBe(first.tntId)

    await page.reload()
    await waitForHydration(page)

    expect(await visitorOf(context)).toEqual(first)
    expect(await page.locator('#tnt-id').textContent()).toBe(first.tntId)
    expect(await page.locator('#session-id').textContent()).toBe(
      first.sessionId,
    )
    expect(prefetchesOf(first.sessionId)).toHaveLength(2)
    expect(browserPrefetches).toEqual([])
    const displays = await eventually(() => {
      const found = displaysOf(first.sessionId)
      expect(found.length).toBeGreaterThan(ABOVE_FOLD.length)
      return found
    })
    for (const record of displays) expect(record.tntId).toBe(first.tntId)
    expect(problems).toEqual([])
    await context.close()
  })
})
