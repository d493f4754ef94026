import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)

/** The repository root, where `next` runs so it finds node_modules. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The example app's folder, relative to the repository root. */
export const EXAMPLE_DIR = 'examples/next'

/** The `next` command of the repository's own `next` package. */
export const NEXT_BIN = require.resolve('next/dist/bin/next')

/** Returns the environment of every `next` process, with telemetry off. */
export function nextEnvironment(
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  }
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export async function findFreePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') {
    throw new Error('Could not read the port of a probe server')
  }
  return address.port
}

/** A `next start` process serving the built example. */
export interface NextServer {
  /** Base URL, such as `http://127.0.0.1:41234`. */
  url: string
  /** Everything the server printed, for failure messages. */
  output(): string
  /** Stops the server and every process it started. */
  stop(): Promise<void>
}

/**
 * Starts `next start` on the built example, on 127.0.0.1 and a free
 * port, and resolves once the page responds. `env` reaches the server, so
 * `TARGET_EDGE_HOST` picks the edge.
 */
export async function startNextServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<NextServer> {
  const port = await findFreePort()
  const url = `http://127.0.0.1:${port}`
  // Its own process group, so stop() reaches the server's children too.
  const child = spawn(
    process.execPath,
    [NEXT_BIN, 'start', EXAMPLE_DIR, '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: REPOSITORY_ROOT,
      env: nextEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const server: NextServer = {
    url,
    output: () => output,
    stop: () => stopProcessGroup(child),
  }

  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `next start exited with code ${child.exitCode}:\n${output}`,
      )
    }
    try {
      const response = await fetch(url)
      if (response.ok) return server
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.stop()
      throw new Error(
        `next start did not answer on ${url} within ${timeoutMs} ms:\n${output}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  process.kill(-child.pid, 'SIGTERM')
  const timer = setTimeout(() => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL')
  }, 5000)
  await exited
  clearTimeout(timer)
}
