// Turns the results of a bench run into the Markdown table and the
// BENCHMARKS.md page.
import {
  ITEM_COUNT,
  MEMORY_CYCLES,
  MEMORY_WARMUP_CYCLES,
  MOUNT_RUNS,
} from './browserScenarios.mjs'

/** Mount time of mboxes over that of plain useInView elements, at most. */
export const MOUNT_RATIO_GOAL = 1.3
/**
 * Most retained JS bytes per item and cycle that still count as noise. A
 * real leak keeps at least one object per mbox and cycle, and in Chromium's
 * heap snapshots a plain object takes at least 12 bytes, a closure 28.
 */
const NOISE_BYTES_PER_ITEM_CYCLE = 8
const MEMORY_LIMIT_BYTES =
  NOISE_BYTES_PER_ITEM_CYCLE * ITEM_COUNT * MEMORY_CYCLES

const count = (n) => n.toLocaleString('en-US')
const bytes = (n) => `${count(n)} B`
const signedBytes = (n) => `${n >= 0 ? '+' : '−'}${count(Math.abs(n))} B`
const ms = (n) => `${n.toFixed(1)} ms`
const ratio = (n) => n.toFixed(2)
const signed = (n) => (n >= 0 ? `+${n}` : `−${-n}`)

/**
 * Builds one table row without a goal. withGoal adds `goal`, `met` and,
 * for a missed goal, `miss`, which states by how much it was missed.
 */
function row({ measure, ours, other = '', theirs = '', ratio = '', goal }) {
  return { cells: [measure, ours, other, theirs, ratio], goal }
}

function withGoal(result, goal, met, miss) {
  return { ...result, goal, met, miss: met ? undefined : miss }
}

function sizeRows(sizes, budgets) {
  const ours = sizes.find((s) => s.id === 'ours')
  const rows = budgets.map(({ id, budget }) => {
    const size = sizes.find((s) => s.id === id)
    return withGoal(
      row({
        measure: `Size, ${size.what} (min+gzip)`,
        ours: bytes(size.gzipped),
      }),
      `≤ ${bytes(budget)}`,
      size.gzipped <= budget,
      `${bytes(size.gzipped)}, ${bytes(size.gzipped - budget)} over`,
    )
  })
  for (const size of sizes.filter((s) => !s.id.startsWith('ours'))) {
    rows.push(
      row({
        measure: 'Size, whole public API (min+gzip)',
        ours: bytes(ours.gzipped),
        other: `\`${size.package}\` ${size.version}, ${size.what}`,
        theirs: bytes(size.gzipped),
        ratio: ratio(ours.gzipped / size.gzipped),
      }),
    )
  }
  return rows
}

function requestRows(requests) {
  return [
    row({
      measure:
        'Prefetch requests, page of 20 mboxes, from load until 20 displays are counted',
      ours: `${requests.prefetchRequests} (${requests.prefetchMboxes} mboxes)`,
    }),
    row({
      measure: 'Notification requests, same page',
      ours: `${requests.notificationRequests} (${requests.displays} displays of ${requests.distinctDisplayedMboxes} mboxes)`,
    }),
    row({
      measure: 'CORS preflights and beacons, same page',
      ours: `${requests.preflights} and ${requests.beacons}`,
    }),
  ]
}

/**
 * Compares one kind of mount with another. The ratio is that of the
 * medians. The range covers the ratios of runs paired by run number, so it
 * shows how steady the machine was.
 */
function mountRow(measure, mounts, ours, theirs, other, field, goal) {
  const value = mounts[ours][field] / mounts[theirs][field]
  const paired = mounts.runs[ours].map(
    (run, i) => run[field] / mounts.runs[theirs][i][field],
  )
  const range = `${ratio(Math.min(...paired))}–${ratio(Math.max(...paired))}`
  const result = row({
    measure,
    ours: ms(mounts[ours][field]),
    other,
    theirs: ms(mounts[theirs][field]),
    ratio: `${ratio(value)} (runs: ${range})`,
  })
  if (!goal) return result
  return withGoal(result, `≤ ${goal}`, value <= goal, `ratio ${ratio(value)}`)
}

function mountRows(mounts) {
  const n = count(ITEM_COUNT)
  const inView = `${n} \`useInView\` elements`
  const goal = MOUNT_RATIO_GOAL
  const cached = `Mount ${n} mboxes, offers cached`
  const fresh = `Mount ${n} mboxes, new provider (all waiting for Target)`
  return [
    mountRow(
      `${cached}: render, commit, effects`,
      mounts,
      'warmMboxes',
      'inView',
      inView,
      'scriptMs',
      goal,
    ),
    mountRow(
      `${cached}: with style and layout`,
      mounts,
      'warmMboxes',
      'inView',
      inView,
      'layoutMs',
      goal,
    ),
    mountRow(
      `${fresh}: render, commit, effects`,
      mounts,
      'coldMboxes',
      'inView',
      inView,
      'scriptMs',
      goal,
    ),
    mountRow(
      `${fresh}: with style and layout`,
      mounts,
      'coldMboxes',
      'inView',
      inView,
      'layoutMs',
      goal,
    ),
    mountRow(
      `Mount ${n} mboxes of ${n} names, new provider: render, commit, effects`,
      mounts,
      'distinctMboxes',
      'inView',
      inView,
      'scriptMs',
      goal,
    ),
    mountRow(
      `${cached}: render, commit, effects`,
      mounts,
      'warmMboxes',
      'queryInView',
      `${n} elements with \`useInView\` and a cached \`useQuery\``,
      'scriptMs',
    ),
  ]
}

function rerenderRows(rerenders) {
  const others = rerenders.otherMboxCommitsOnDisplay
  const onProvider = rerenders.mboxCommitsOnProviderRerender
  return [
    withGoal(
      row({
        measure:
          "Commits of the 19 other mboxes while one mbox's display is sent",
        ours: `${others} (the seen mbox: ${rerenders.seenMboxCommits})`,
      }),
      '0',
      others === 0,
      `${others} commits`,
    ),
    withGoal(
      row({
        measure: 'Commits of 20 mboxes when the provider re-renders',
        ours: String(onProvider),
      }),
      '0',
      onProvider === 0,
      `${onProvider} commits`,
    ),
  ]
}

function observerRows(observers) {
  const n = count(ITEM_COUNT)
  const { mboxesMounted, mboxesUnmounted, inViewMounted, inViewUnmounted } =
    observers
  const instances = (s) =>
    `${s.observersCreated} created, ${s.observersLivePeak} live at most`
  const leftOver = (s) =>
    `${s.observersLive}, ${s.observedElements}, ${signed(s.windowAndDocumentListeners - observers.listenersBefore)}`
  const inView = `${n} \`useInView\` elements`
  return [
    withGoal(
      row({
        measure: `IntersectionObserver instances for ${n} mboxes`,
        ours: instances(mboxesMounted),
        other: inView,
        theirs: instances(inViewMounted),
      }),
      '1',
      mboxesMounted.observersCreated === 1 &&
        mboxesMounted.observersLivePeak === 1,
      instances(mboxesMounted),
    ),
    withGoal(
      row({
        measure:
          'After unmounting them: live observers, observed elements, window and document listeners',
        ours: leftOver(mboxesUnmounted),
        other: inView,
        theirs: leftOver(inViewUnmounted),
      }),
      '0, 0, +0',
      leftOver(mboxesUnmounted) === '0, 0, +0',
      leftOver(mboxesUnmounted),
    ),
  ]
}

function memoryRows(memory) {
  const n = count(ITEM_COUNT)
  const retained = (series) =>
    series.objectsAfter.jsObjectBytes - series.objectsBefore.jsObjectBytes
  const heapGrowth = (series) =>
    series.samples.at(-1).heapBytes - series.samples[0].heapBytes
  const counters = (series) => {
    const first = series.samples[0]
    const last = series.samples.at(-1)
    return `${signed(last.nodes - first.nodes)}, ${signed(last.jsEventListeners - first.jsEventListeners)}, ${last.observedElements}`
  }
  const inView = `${n} \`useInView\` elements`
  const retainedRow = (measure, series) =>
    withGoal(
      row({
        measure,
        ours: signedBytes(retained(series)),
        other: inView,
        theirs: signedBytes(retained(memory.inView)),
      }),
      `≤ ${bytes(MEMORY_LIMIT_BYTES)}`,
      retained(series) <= MEMORY_LIMIT_BYTES,
      signedBytes(retained(series)),
    )
  const ours = [memory.keptProvider, memory.newProvider]
  return [
    retainedRow(
      `JS objects retained after ${MEMORY_CYCLES} cycles of mounting and unmounting ${n} mboxes, provider kept`,
      memory.keptProvider,
    ),
    retainedRow(
      `JS objects retained after ${MEMORY_CYCLES} cycles, a new provider each cycle`,
      memory.newProvider,
    ),
    row({
      measure:
        'Whole JS heap growth after GC, compiled code included: provider kept; new provider',
      ours: ours.map((s) => signedBytes(heapGrowth(s))).join('; '),
      other: inView,
      theirs: signedBytes(heapGrowth(memory.inView)),
    }),
    withGoal(
      row({
        measure:
          'DOM nodes, JS event listeners and observed elements after the cycles: provider kept; new provider',
        ours: ours.map(counters).join('; '),
        other: inView,
        theirs: counters(memory.inView),
      }),
      '+0, +0, 0',
      ours.every((s) => counters(s) === '+0, +0, 0'),
      ours.map(counters).join('; '),
    ),
  ]
}

const HEADER = [
  'Measure',
  'react-adobe-target',
  'Compared with',
  'Theirs',
  'Ours ÷ theirs',
  'Goal',
  'Met',
]

/**
 * Builds the rows of the results table from a run's results. Each row has
 * its Markdown `cells`, and `miss` when it missed its goal.
 */
export function buildRows(results) {
  return [
    ...sizeRows(results.sizes, results.budgets),
    ...requestRows(results.requests),
    ...mountRows(results.mounts),
    ...rerenderRows(results.rerenders),
    ...observerRows(results.observers),
    ...memoryRows(results.memory),
  ].map((r) => {
    if (!r.goal) return { cells: [...r.cells, '', ''] }
    const met = r.met ? 'yes' : '**no**'
    const miss = r.miss && `${r.cells[0]}: ${r.miss}, goal ${r.goal}.`
    return { cells: [...r.cells, r.goal, met], miss }
  })
}

/** Renders the rows as one Markdown table. */
export function renderTable(rows) {
  const line = (cells) => `| ${cells.map((c) => c || '—').join(' | ')} |`
  return [
    line(HEADER),
    `|${HEADER.map(() => '---').join('|')}|`,
    ...rows.map((r) => line(r.cells)),
  ].join('\n')
}

/** Builds the whole BENCHMARKS.md page. */
export function renderPage({ table, misses, machine, command, seconds }) {
  const n = count(ITEM_COUNT)
  const missList = misses.map((miss) => `- ${miss}`).join('\n')
  return `# Benchmarks

What this library costs a page, next to what an app would use instead,
measured in one run on one machine by:

\`\`\`sh
${command}
\`\`\`

The command builds the package with \`tsup\`, weighs the bundles, then
drives Debian's Chromium through Playwright against the local Target edge
(\`react-adobe-target/edge\`, demo artifact). The ratios carry the
comparison. Absolute times hold only for the machine below.

The machine of this run:

- ${machine.cpus} CPUs (\`nproc\`), ${machine.cpuModel}, ${machine.memoryGb} GB of RAM
- ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium} (headless)
- run on ${machine.date} in ${seconds} s, with a one-minute load average of
  ${machine.load[0]} at the start and ${machine.load[1]} at the end

## Results

${table}

${misses.length ? `Goals missed in this run:\n\n${missList}` : 'Every goal was met in this run.'}

## How each row is measured

- **Size**: esbuild bundles each entry as minified ESM for the browser,
  with \`process.env.NODE_ENV\` set to "production" and license comments
  dropped, and gzip at level 9 weighs the result. \`react\`,
  \`react-dom\`, \`@tanstack/react-query\`,
  \`react-intersection-observer\` and their subpaths are external for
  every package, because an app already ships them. Ours is bundled from
  \`dist/index.js\`, the file that ships. Alloy's whole API includes
  \`createInstance\`, which brings every component. The Target Node.js
  SDK is weighed from its \`browser\` build, with its four Node imports
  (\`http\`, \`https\`, \`crypto\`, \`punycode\`) external, as a
  browser would load it. \`@adobe/target-react-component\` only wraps
  at.js, which the page must load on its own and which is not counted.
  GrowthBook's React package is counted with \`@growthbook/growthbook\`,
  which it needs.
- **Requests**: a fresh browser context loads a page that renders 20
  mboxes (\`demo-slot-1\` to \`demo-slot-20\`, each with an html offer),
  all inside a 1280×720 viewport. The edge's log counts the delivery
  requests from navigation until it has recorded the 20th display
  notification. A counting proxy between the page and the edge counts the
  CORS preflights (\`OPTIONS\`).
- **Mount**: one synchronous React render (\`flushSync\`) of ${n} items
  under one root, timed with \`performance.now()\` in the page. React
  runs the effects of a synchronous render before \`flushSync\` returns,
  and the page checks that they ran. "With style and layout" also reads
  \`document.body.offsetHeight\`, which forces both. Each kind of mount
  runs ${MOUNT_RUNS} times after warm-up runs, in rotating order, with a garbage
  collection before each. The table shows the medians and their ratio.
  The range next to the ratio covers the ratios of runs paired by run
  number, so it shows how steady the machine was. The ${n} mboxes cycle
  through the 20 demo slots, and each instance is a placement of its own.
  "Offers cached" mounts them under a provider whose cache already
  contains every offer, so they render html offers and observe at once.
  "New provider" mounts a new provider with them, so they render hidden
  default content and wait for the one prefetch request. The
  \`useInView\` elements use \`threshold: 0.5\`, as the mboxes do. The
  last mount row compares the mboxes with elements that each use a cached
  \`useQuery\` and \`useInView\`, the way an app would build an mbox
  from the two peers. The mboxes use neither hook: each reads its query's
  state from the cache and is watched through the observer that
  \`useInView\` shares.
- **Re-renders**: the page uses react-dom's profiling build, the only
  production build that calls \`<Profiler onRender>\`. One Profiler wraps
  each of 20 mboxes that have their offers and are laid out out of view.
  Scrolling one of them into view makes it send its display, and the
  counts cover the time until the edge records that display and 300 ms
  more. Then the component above the provider re-renders it with props
  equal in value but new in identity (an inline \`parameters\` object and
  \`onError\`).
- **Observers**: a script that runs before the page's own wraps
  \`window.IntersectionObserver\`. It counts instances, \`observe\`,
  \`unobserve\` and \`disconnect\`, and the listeners added to
  \`window\` and \`document\` and not removed.
- **Memory**: each series runs in a fresh page: ${MEMORY_WARMUP_CYCLES} untimed cycles, then
  ${MEMORY_CYCLES} cycles of mounting ${n} items, two animation frames and
  unmounting. "JS objects retained" sums the objects in a heap snapshot
  (objects, closures, arrays, strings, numbers) after a garbage collection
  before and after the ${MEMORY_CYCLES} cycles. It leaves out V8's compiled code and
  Chromium's own objects, which grow with any workload for a while, as the
  whole-heap row shows for the baseline too. The goal allows ${NOISE_BYTES_PER_ITEM_CYCLE} bytes per
  item and cycle, less than one retained object per mbox (a plain object
  takes at least 12 bytes, a closure 28). The "new provider" series can
  end with the last unmounted provider's client and cache still
  reachable, without their DOM (the row above gives the bytes), because
  V8's allocation-site feedback for \`@tanstack/query-core\`'s fetch
  keeps one of its queries reachable. That is one provider, whatever the
  number of cycles. DOM nodes and JS
  event listeners come from the DevTools protocol (\`Memory.getDOMCounters\`).
`
}
