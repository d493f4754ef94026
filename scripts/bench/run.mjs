// `npm run bench` measures this library next to what an app would use
// instead, in one run on this machine. It prints the results as one
// Markdown table and writes them to BENCHMARKS.md with the machine they
// were measured on. This script builds nothing: the npm script runs tsup
// first.
//
//   node scripts/bench/run.mjs [--no-write]
//
// --no-write prints the table without writing BENCHMARKS.md. Exits 1, and
// writes nothing, when the page or the library reports an error during the
// run, because the numbers would then be wrong.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import {
  measureMemory,
  measureMounts,
  measureObservers,
  measureRequests,
  measureRerenders,
} from './browserScenarios.mjs'
import { buildPages } from './buildPages.mjs'
import { BUDGETS } from './measureBundle.mjs'
import { buildRows, renderPage, renderTable } from './report.mjs'
import { startCountingProxy, startPageServer } from './servers.mjs'
import { measureSizes } from './sizes.mjs'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const COMMAND = 'npm run bench'
// Debian's Chromium, as in the browser tests. CHROMIUM_PATH overrides it.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const log = (line) => console.error(`bench: ${line}`)

for (const file of ['dist/index.js', 'dist/edge/index.js']) {
  if (!existsSync(`${ROOT}${file}`)) {
    log(`${file} is missing. Build the package first with \`npx tsup\`.`)
    process.exit(1)
  }
}
if (!existsSync(CHROMIUM)) {
  log(
    `Chromium is missing at ${CHROMIUM}. Install Debian's chromium package, or set CHROMIUM_PATH.`,
  )
  process.exit(1)
}

const started = performance.now()
const loadAtStart = loadavg()[0]
const { createTargetEdge } = await import(`${ROOT}dist/edge/index.js`)

log('weighing bundles')
const sizes = await measureSizes(ROOT)

log('building the bench page')
const files = await buildPages(ROOT)
const edge = await createTargetEdge({ port: 0 })
const proxy = await startCountingProxy(edge.host)
const pageServer = await startPageServer(files)
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
})

let results
try {
  const context = {
    browser,
    pageUrl: `${pageServer.url}?edge=${proxy.host}`,
    edge,
    proxy,
  }
  log('counting requests on a page of 20 mboxes')
  const requests = await measureRequests(context)
  log('timing mounts (about half a minute)')
  const mounts = await measureMounts(context)
  log('counting re-renders')
  const rerenders = await measureRerenders(context)
  log('counting IntersectionObservers')
  const observers = await measureObservers(context)
  log('measuring memory (about half a minute)')
  const memory = await measureMemory(context)
  results = { sizes, requests, mounts, rerenders, observers, memory }
  results.chromium = browser.version()
} finally {
  await browser.close()
  await pageServer.close()
  await proxy.close()
  await edge.close()
}

const errors = [
  ...results.requests.errors,
  ...results.mounts.errors,
  ...results.rerenders.errors,
  ...results.observers.errors,
  ...Object.values(results.memory).flatMap((series) => series.errors),
]
if (errors.length) {
  log(`the page reported errors, so no results were written:`)
  for (const error of new Set(errors)) log(`  ${error}`)
  process.exit(1)
}

const rows = buildRows({
  ...results,
  budgets: [
    { id: 'ours', budget: BUDGETS.wholeApi },
    { id: 'ours-smallest', budget: BUDGETS.providerAndMbox },
  ],
})
const table = renderTable(rows)
const misses = rows.flatMap((row) => row.miss ?? [])
console.log(table)
if (misses.length) {
  console.log(`\nGoals missed:\n${misses.map((m) => `- ${m}`).join('\n')}`)
}

const seconds = Math.round((performance.now() - started) / 1000)
if (!process.argv.includes('--no-write')) {
  const page = renderPage({
    table,
    misses,
    machine: describeMachine(results.chromium, [loadAtStart, loadavg()[0]]),
    command: COMMAND,
    seconds,
  })
  writeFileSync(`${ROOT}BENCHMARKS.md`, page)
  execFileSync(`${ROOT}node_modules/.bin/prettier`, [
    '--write',
    '--log-level=warn',
    `${ROOT}BENCHMARKS.md`,
  ])
  log(`wrote BENCHMARKS.md in ${seconds} s`)
}

/**
 * Describes this machine for BENCHMARKS.md. `load` contains the one-minute
 * load averages at the start and the end of the run, because other work on
 * the machine skews the times.
 */
function describeMachine(chromiumVersion, load) {
  const release = existsSync('/etc/os-release')
    ? readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="(.*)"$/m)
    : null
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: release?.[1] ?? process.platform,
    node: process.version,
    chromium: chromiumVersion,
    date: new Date().toISOString().slice(0, 10),
    load: load.map((value) => value.toFixed(1)),
  }
}
