// Runs the demos: the local Target edge from the build (dist/edge/cli.js)
// and Storybook's dev server, both on 127.0.0.1. Storybook starts once the
// edge passes its health check. Each output line carries the name of the
// program that wrote it. Ctrl+C stops both, and so does either one exiting.
// Uses only Node's own modules.
//
// The edge listens on 127.0.0.1:9310, or on the port in
// STORYBOOK_TARGET_EDGE (e.g. 127.0.0.1:9400), which the stories read too.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const EDGE_CLI = join(ROOT, 'dist/edge/cli.js')
const HOST = '127.0.0.1'
const STORYBOOK_PORT = 6006
const STORYBOOK_URL = `http://${HOST}:${STORYBOOK_PORT}`
const EDGE_HOST = process.env.STORYBOOK_TARGET_EDGE || `${HOST}:9310`
const EDGE_URL = `http://${EDGE_HOST}`

const EDGE_READY_TIMEOUT_MS = 15_000
const STORYBOOK_READY_TIMEOUT_MS = 120_000
const POLL_INTERVAL_MS = 200
/** Time the programs get to stop after SIGTERM before they are killed. */
const STOP_GRACE_MS = 5_000

/**
 * The edge writes a line for every request, and the edge log panel polls
 * these two routes every second. Their successful lines are left out, so
 * the console shows the delivery requests and every error.
 */
const POLLING_LINE = / GET \/_edge\/(requests|notifications) -> 200 /

const useColor = process.stdout.isTTY && !process.env.NO_COLOR
const children = new Set()
let stopping = false
let exitCode = 0

function print(name, color, line) {
  const prefix = useColor ? `\x1b[${color}m[${name}]\x1b[0m` : `[${name}]`
  console.log(`${prefix} ${line}`)
}

function say(line) {
  print('start', 36, line)
}

/** Starts a program and prints its output line by line under `name`. */
function run(name, color, args, { env = {}, skipLine } = {}) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (!skipLine?.(line)) print(name, color, line)
    })
  }
  children.add(child)
  child.on('error', (error) => {
    say(`${name} failed to start: ${error.message}`)
    stopAll(1)
  })
  // 'close' comes after the output streams end, so no line is lost.
  child.on('close', (code, signal) => {
    children.delete(child)
    if (!stopping) {
      say(`${name} exited (${signal ?? `code ${code}`}); stopping the others.`)
      stopAll(code ?? 1)
    }
    if (children.size === 0) process.exit(exitCode)
  })
  return child
}

/** Sends SIGTERM to every running program, and SIGKILL after the grace. */
function stopAll(code) {
  if (stopping) return
  stopping = true
  exitCode = code
  if (children.size === 0) process.exit(exitCode)
  for (const child of children) child.kill('SIGTERM')
  setTimeout(() => {
    for (const child of children) child.kill('SIGKILL')
  }, STOP_GRACE_MS).unref()
}

/**
 * Resolves once `url` returns HTTP 2xx and `isReady` accepts the response
 * body, or rejects after `timeoutMs`.
 */
async function waitFor(url, timeoutMs, isReady = () => true) {
  const deadline = Date.now() + timeoutMs
  while (!stopping) {
    try {
      const response = await fetch(url)
      if (response.ok && isReady(await response.text())) return
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`${url} was not ready within ${timeoutMs} ms`)
    }
    await sleep(POLL_INTERVAL_MS)
  }
}

/** Returns whether a health check body is the edge's `{ "status": "ok" }`. */
function isEdgeHealthy(body) {
  try {
    return JSON.parse(body).status === 'ok'
  } catch {
    return false
  }
}

function storybookBin() {
  const require = createRequire(import.meta.url)
  const manifestPath = require.resolve('storybook/package.json')
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'))
  return join(
    dirname(manifestPath),
    typeof bin === 'string' ? bin : bin.storybook,
  )
}

const edgePort = /^127\.0\.0\.1:(\d+)$/.exec(EDGE_HOST)?.[1]
if (!edgePort) {
  console.error(
    `start: STORYBOOK_TARGET_EDGE is "${EDGE_HOST}"; it must be 127.0.0.1:<port>, because the edge listens on 127.0.0.1 only.`,
  )
  process.exit(1)
}
if (!existsSync(EDGE_CLI)) {
  console.error(
    `start: ${EDGE_CLI} is missing. Build it with \`npx tsup\`, or run \`npm start\`, which builds first.`,
  )
  process.exit(1)
}

process.on('SIGINT', () => stopAll(0))
process.on('SIGTERM', () => stopAll(0))

say(`starting the Target edge on ${EDGE_URL}`)
run('edge', 33, [EDGE_CLI, '--port', edgePort], {
  skipLine: (line) => POLLING_LINE.test(line),
})

try {
  await waitFor(
    `${EDGE_URL}/_edge/health`,
    EDGE_READY_TIMEOUT_MS,
    isEdgeHealthy,
  )
} catch (error) {
  say(`the edge is not ready: ${error.message}; stopping.`)
  stopAll(1)
}

if (!stopping) {
  say(`the edge is ready; starting Storybook on ${STORYBOOK_URL}`)
  run(
    'storybook',
    35,
    [
      storybookBin(),
      'dev',
      '--port',
      String(STORYBOOK_PORT),
      '--host',
      HOST,
      '--no-open',
      '--ci',
      '--exact-port',
      '--no-version-updates',
    ],
    {
      env: {
        STORYBOOK_TARGET_EDGE: EDGE_HOST,
        STORYBOOK_DISABLE_TELEMETRY: '1',
      },
    },
  )
  try {
    await waitFor(STORYBOOK_URL, STORYBOOK_READY_TIMEOUT_MS)
    if (!stopping) {
      say(`open the demos at ${STORYBOOK_URL}  (Ctrl+C stops both)`)
    }
  } catch (error) {
    say(`Storybook is not ready: ${error.message}; stopping.`)
    stopAll(1)
  }
}
