// The bench scenarios that run in Chromium against the local edge. Each
// takes a context `{ browser, pageUrl, edge, proxy }`. The pageUrl already
// names the proxy in front of the edge. `edge` is the edge itself, read for
// its request and notification logs, and `proxy` counts HTTP requests by
// method. Each scenario opens its own browser context, so cookies and
// caches start empty.
import { setTimeout as sleep } from 'node:timers/promises'

/** Items in the mount, observer and memory scenarios. */
export const ITEM_COUNT = 1000
/** Timed runs per kind of mount. The table reports their median. */
export const MOUNT_RUNS = 15
/** Untimed runs first, so the JIT and caches are warm. */
const MOUNT_WARMUP_RUNS = 3
/** Mount and unmount cycles in the memory scenario. */
export const MEMORY_CYCLES = 20
/**
 * Untimed cycles first. V8's compiled code and Chromium's performance
 * timeline grow over the first cycles of any component, the baseline's too.
 */
export const MEMORY_WARMUP_CYCLES = 5
/** How long to wait for the edge to record an expected notification. */
const EDGE_WAIT_MS = 15_000

async function openPage(context, query = '') {
  const browserContext = await context.browser.newContext({
    viewport: { width: 1280, height: 720 },
  })
  const page = await browserContext.newPage()
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(`${context.pageUrl}${query}`)
  await page.waitForFunction(() => window.bench !== undefined)
  const cdp = await browserContext.newCDPSession(page)
  return {
    page,
    cdp,
    pageErrors,
    close: () => browserContext.close(),
  }
}

function displaysOf(edge) {
  return edge
    .notifications('demo')
    .filter(({ notification }) => notification.type === 'display')
}

async function waitForDisplays(edge, count) {
  const deadline = Date.now() + EDGE_WAIT_MS
  while (displaysOf(edge).length < count) {
    if (Date.now() > deadline) {
      throw new Error(
        `The edge recorded ${displaysOf(edge).length} display notifications after ${EDGE_WAIT_MS} ms, expected ${count}.`,
      )
    }
    await sleep(20)
  }
  return displaysOf(edge)
}

/**
 * Loads a page of 20 mboxes, all in view, and counts what reaches the edge
 * from navigation until the 20th display is recorded. Then it waits one
 * more second and counts the requests that came later.
 */
export async function measureRequests(context) {
  const { edge, proxy } = context
  edge.reset()
  proxy.reset()
  const started = Date.now()
  const { page, pageErrors, close } = await openPage(
    context,
    '&scenario=requests',
  )
  try {
    const displays = await waitForDisplays(edge, 20)
    const lastDisplayAt = Math.max(
      ...displays.map((display) => display.receivedAt),
    )
    const untilDisplays = edge
      .requests('demo')
      .filter((r) => r.receivedAt <= lastDisplayAt)
    const httpUntilDisplays = proxy.counts()
    await sleep(1000)
    const later = edge.requests('demo').length - untilDisplays.length
    const errors = await page.evaluate(() => window.bench.errors)
    return {
      msToAllDisplays: lastDisplayAt - started,
      prefetchRequests: untilDisplays.filter((r) => r.prefetchMboxCount > 0)
        .length,
      prefetchMboxes: untilDisplays.reduce(
        (sum, r) => sum + r.prefetchMboxCount,
        0,
      ),
      notificationRequests: untilDisplays.filter((r) => r.notificationCount > 0)
        .length,
      beacons: untilDisplays.filter((r) => r.beacon).length,
      deliveryRequests: untilDisplays.length,
      preflights: httpUntilDisplays.OPTIONS ?? 0,
      displays: displaysOf(edge).length,
      distinctDisplayedMboxes: new Set(
        displaysOf(edge).map(({ notification }) => notification.mbox?.name),
      ).size,
      requestsAfterLastDisplay: later,
      errors: [...errors, ...pageErrors],
    }
  } finally {
    await close()
  }
}

async function collectGarbage(cdp) {
  // Two passes: the first can leave objects that finalizers freed.
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * The kinds of mount that are timed. `prepare` runs untimed before each
 * timed mount, and `after` once it is measured, to leave the page empty.
 */
const MOUNT_KINDS = {
  // Plain elements with useInView({ threshold: 0.5 }), no provider.
  inView: {
    mount: (page) =>
      page.evaluate(
        (count) => window.bench.mount('in-view', count, 'none'),
        ITEM_COUNT,
      ),
  },
  // Plain elements with useInView and a useQuery whose data is cached: the
  // two hooks each mbox is built on, without the library.
  queryInView: {
    mount: (page) =>
      page.evaluate(
        (count) => window.bench.mount('query-in-view', count, 'none'),
        ITEM_COUNT,
      ),
  },
  // A new provider and cache: every mbox renders its hidden default
  // content and waits for the one prefetch request.
  coldMboxes: {
    mount: (page) =>
      page.evaluate(
        (count) => window.bench.mount('slot-mboxes', count, 'new'),
        ITEM_COUNT,
      ),
    after: (page) => page.evaluate(() => window.bench.waitForTarget()),
  },
  // The provider kept from an earlier mount, with every offer in its cache,
  // so the mboxes render their html offers and observe at once.
  warmMboxes: {
    prepare: async (page) => {
      await page.evaluate((count) => {
        window.bench.mountProvider()
        window.bench.mount('slot-mboxes', count, 'kept')
        return window.bench.waitForTarget()
      }, ITEM_COUNT)
      await page.evaluate(() => window.bench.unmount(true))
    },
    mount: (page) =>
      page.evaluate(
        (count) => window.bench.mount('slot-mboxes', count, 'kept'),
        ITEM_COUNT,
      ),
  },
  // 1,000 mboxes with names of their own: 1,000 queries, 20 requests of
  // 50 mboxes, and no offers.
  distinctMboxes: {
    mount: (page) =>
      page.evaluate(
        (count) => window.bench.mount('distinct-mboxes', count, 'new'),
        ITEM_COUNT,
      ),
    after: (page) => page.evaluate(() => window.bench.waitForTarget()),
  },
}

/**
 * Times mounting ITEM_COUNT items of each kind, MOUNT_RUNS times after
 * MOUNT_WARMUP_RUNS, in rotating order, with a garbage collection before
 * each mount. Resolves with the median times per kind, and in `runs` every
 * timed run per kind, in run order.
 */
export async function measureMounts(context) {
  const { page, cdp, pageErrors, close } = await openPage(context)
  const names = Object.keys(MOUNT_KINDS)
  const samples = Object.fromEntries(names.map((name) => [name, []]))
  try {
    for (let run = 0; run < MOUNT_WARMUP_RUNS + MOUNT_RUNS; run++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(run + i) % names.length]
        const kind = MOUNT_KINDS[name]
        await kind.prepare?.(page)
        await collectGarbage(cdp)
        const timing = await kind.mount(page)
        await kind.after?.(page)
        await page.evaluate(() => window.bench.frames(2))
        await page.evaluate(() => window.bench.unmount(false))
        if (run >= MOUNT_WARMUP_RUNS) samples[name].push(timing)
      }
    }
    const errors = await page.evaluate(() => window.bench.errors)
    const result = { errors: [...errors, ...pageErrors], runs: samples }
    for (const name of names) {
      result[name] = {
        scriptMs: median(samples[name].map((t) => t.scriptMs)),
        layoutMs: median(samples[name].map((t) => t.layoutMs)),
      }
    }
    return result
  } finally {
    await close()
  }
}

/** Sums the commit counts of every item but `skipped`. */
function sumCommits(counts, skipped) {
  return Object.entries(counts)
    .filter(([id]) => id !== String(skipped))
    .reduce((sum, [, count]) => sum + count, 0)
}

/**
 * Counts, with React Profiler, the commits of 20 mboxes that have their
 * offers and are out of view. It counts first while one of them is
 * scrolled into view and sends its display, then while the provider
 * re-renders with props equal in value but new in identity.
 */
export async function measureRerenders(context) {
  const { edge } = context
  const SEEN = 7
  const { page, pageErrors, close } = await openPage(
    context,
    '&bundle=profiling',
  )
  try {
    const profiling = await page.evaluate(() => window.bench.profiling)
    if (!profiling) throw new Error('The profiling bundle was not loaded.')
    await page.evaluate(async () => {
      window.bench.mountProvider()
      window.bench.mount('slot-mboxes', 20, 'kept', {
        profiled: true,
        spaced: true,
      })
      await window.bench.waitForTarget()
      await window.bench.frames(5)
    })
    const mountCounts = await page.evaluate(() => window.bench.renderCounts())
    if (Object.keys(mountCounts).length !== 20) {
      throw new Error(
        `React Profiler reported ${Object.keys(mountCounts).length} of 20 mboxes at mount, so its counts cannot be trusted.`,
      )
    }
    await sleep(300)
    edge.reset()
    await page.evaluate((index) => {
      window.bench.resetRenderCounts()
      window.bench.scrollToItem(index)
    }, SEEN)
    const displays = await waitForDisplays(edge, 1)
    await sleep(300)
    await page.evaluate(() => window.bench.frames(3))
    const displayCounts = await page.evaluate(() => window.bench.renderCounts())

    await page.evaluate(() => {
      window.bench.resetRenderCounts()
      window.bench.rerenderProvider()
    })
    await page.evaluate(() => window.bench.frames(3))
    const providerCounts = await page.evaluate(() =>
      window.bench.renderCounts(),
    )
    const errors = await page.evaluate(() => window.bench.errors)
    return {
      displayedMbox: displays[0].notification.mbox?.name,
      displaysSent: displaysOf(edge).length,
      seenMboxCommits: displayCounts[SEEN] ?? 0,
      otherMboxCommitsOnDisplay: sumCommits(displayCounts, SEEN),
      mboxCommitsOnProviderRerender: sumCommits(providerCounts),
      errors: [...errors, ...pageErrors],
    }
  } finally {
    await close()
  }
}

async function readStats(page) {
  return page.evaluate(() => {
    const { reset, ...counts } = window.benchStats
    return counts
  })
}

/**
 * Counts IntersectionObserver instances and observed elements while
 * ITEM_COUNT mboxes are mounted with a new provider and have their offers,
 * and after they unmount. Then it counts the same for ITEM_COUNT useInView
 * elements.
 */
export async function measureObservers(context) {
  const { page, pageErrors, close } = await openPage(context)
  try {
    const listenersBefore = (await readStats(page)).windowAndDocumentListeners
    await page.evaluate(async (count) => {
      window.benchStats.reset()
      window.bench.mount('slot-mboxes', count, 'new')
      await window.bench.waitForTarget()
      await window.bench.frames(3)
    }, ITEM_COUNT)
    const mboxesMounted = await readStats(page)
    await page.evaluate(async () => {
      window.bench.unmount(false)
      await window.bench.frames(2)
    })
    const mboxesUnmounted = await readStats(page)

    await page.evaluate(async (count) => {
      window.benchStats.reset()
      window.bench.mount('in-view', count, 'none')
      await window.bench.frames(3)
    }, ITEM_COUNT)
    const inViewMounted = await readStats(page)
    await page.evaluate(async () => {
      window.bench.unmount(false)
      await window.bench.frames(2)
    })
    const inViewUnmounted = await readStats(page)
    const errors = await page.evaluate(() => window.bench.errors)
    return {
      listenersBefore,
      mboxesMounted,
      mboxesUnmounted,
      inViewMounted,
      inViewUnmounted,
      errors: [...errors, ...pageErrors],
    }
  } finally {
    await close()
  }
}

/**
 * The memory series: in a fresh page, MEMORY_WARMUP_CYCLES untimed cycles,
 * then
 * MEMORY_CYCLES cycles of mounting ITEM_COUNT items, two frames, and
 * unmounting, with the JS heap and DOM counters read after a garbage
 * collection before the first cycle and after each.
 */
const MEMORY_SERIES = {
  // The provider stays mounted; only the mboxes come and go, as on route
  // changes of a single-page app.
  keptProvider: {
    setup: (page) => page.evaluate(() => window.bench.mountProvider()),
    cycle: (page, count) =>
      page.evaluate(async (count) => {
        window.bench.mount('slot-mboxes', count, 'kept')
        await window.bench.waitForTarget()
        await window.bench.frames(2)
        window.bench.unmount(true)
        await window.bench.frames(1)
      }, count),
  },
  // A new provider, client and cache each cycle, unmounted with the
  // mboxes.
  newProvider: {
    cycle: (page, count) =>
      page.evaluate(async (count) => {
        window.bench.mount('slot-mboxes', count, 'new')
        await window.bench.waitForTarget()
        await window.bench.frames(2)
        window.bench.unmount(false)
        await window.bench.frames(1)
      }, count),
  },
  inView: {
    cycle: (page, count) =>
      page.evaluate(async (count) => {
        window.bench.mount('in-view', count, 'none')
        await window.bench.frames(2)
        window.bench.unmount(false)
        await window.bench.frames(1)
      }, count),
  },
}

async function readMemory(page, cdp) {
  // Each fetch leaves a resource timing entry, up to Chromium's buffer of
  // 250; that is the browser's memory, not the page's.
  await page.evaluate(() => performance.clearResourceTimings())
  await collectGarbage(cdp)
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters')
  const stats = await readStats(page)
  return { heapBytes: usedSize, nodes, jsEventListeners, ...stats }
}

/** Heap snapshot node types that are objects the page's code created. */
const JS_NODE_TYPES = new Set([
  'object',
  'closure',
  'array',
  'string',
  'concatenated string',
  'sliced string',
  'number',
  'regexp',
  'symbol',
  'bigint',
])

/**
 * Takes a heap snapshot and sums the objects the page's code created: the
 * JS heap without V8's compiled code and Blink's native objects, such as
 * performance timeline entries, which grow with any workload for a while.
 */
async function measureJsObjects(cdp) {
  // Requests still in flight keep their client reachable; let them finish.
  await sleep(500)
  await collectGarbage(cdp)
  const chunks = []
  const collect = ({ chunk }) => chunks.push(chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect)
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', collect)
  }
  const { snapshot, nodes } = JSON.parse(chunks.join(''))
  const fields = snapshot.meta.node_fields
  const typeNames = snapshot.meta.node_types[0]
  const typeField = fields.indexOf('type')
  const sizeField = fields.indexOf('self_size')
  let bytes = 0
  let count = 0
  for (let i = 0; i < nodes.length; i += fields.length) {
    if (!JS_NODE_TYPES.has(typeNames[nodes[i + typeField]])) continue
    bytes += nodes[i + sizeField]
    count += 1
  }
  return { jsObjectBytes: bytes, jsObjects: count }
}

/** Runs every memory series, each in a page of its own. */
export async function measureMemory(context) {
  const result = {}
  for (const [name, series] of Object.entries(MEMORY_SERIES)) {
    const { page, cdp, pageErrors, close } = await openPage(context)
    try {
      await series.setup?.(page)
      for (let cycle = 0; cycle < MEMORY_WARMUP_CYCLES; cycle++) {
        await series.cycle(page, ITEM_COUNT)
      }
      const samples = [await readMemory(page, cdp)]
      const objectsBefore = await measureJsObjects(cdp)
      for (let cycle = 0; cycle < MEMORY_CYCLES; cycle++) {
        await series.cycle(page, ITEM_COUNT)
        samples.push(await readMemory(page, cdp))
      }
      const objectsAfter = await measureJsObjects(cdp)
      const errors = await page.evaluate(() => window.bench.errors)
      result[name] = {
        samples,
        objectsBefore,
        objectsAfter,
        errors: [...errors, ...pageErrors],
      }
    } finally {
      await close()
    }
  }
  return result
}
