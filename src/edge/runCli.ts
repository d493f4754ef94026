import { parseArgs } from 'node:util'
import { createTargetEdge } from './createTargetEdge'
import type { CliIo } from './internalTypes'
import { loadArtifact } from './loadArtifact'

const DEFAULT_PORT = 9310

const USAGE = `Usage: target-edge [--artifact <path>] [--port <n>] [--latency <ms>]

Serves the Adobe Target Delivery API (POST /rest/v1/delivery) on 127.0.0.1,
deciding with Adobe's on-device decisioning engine, for development and tests.

Options:
  -a, --artifact <path>  Rules artifact JSON file to decide from.
                         Default: the built-in demo artifact (client code demo).
  -p, --port <n>         TCP port on 127.0.0.1, or 0 for any free one.
                         Default: ${DEFAULT_PORT}.
  -l, --latency <ms>     Delay added before every delivery response, in
                         milliseconds. Default: 0.
  -h, --help             Print this help and exit.

Control API for tests: GET /_edge/health, GET /_edge/notifications,
GET /_edge/requests, DELETE /_edge/log, PUT and DELETE /_edge/faults/<client>.`

/**
 * Runs the `target-edge` command with `argv` (the arguments after the
 * program name). Resolves with the exit code: 0 after `--help` or once
 * `io.signal` aborts and the edge has stopped, 1 for an invalid option, an
 * artifact that cannot be loaded, or a port in use. While running it writes
 * one line per request to `io.stdout`.
 *
 * @example
 * ```ts
 * const stop = new AbortController()
 * process.once('SIGINT', () => stop.abort())
 * process.exitCode = await runCli(['--port', '9310'], {
 *   stdout: console.log,
 *   stderr: console.error,
 *   signal: stop.signal,
 * })
 * ```
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let values: {
    artifact?: string
    port?: string
    latency?: string
    help?: boolean
  }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        artifact: { type: 'string', short: 'a' },
        port: { type: 'string', short: 'p' },
        latency: { type: 'string', short: 'l' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    io.stderr(`target-edge: ${(error as Error).message}`)
    io.stderr(USAGE)
    return 1
  }

  if (values.help) {
    io.stdout(USAGE)
    return 0
  }

  const port = parseInteger(values.port, DEFAULT_PORT, 65535)
  if (port === undefined) {
    io.stderr(
      `target-edge: --port must be an integer from 0 to 65535, got "${values.port}".`,
    )
    return 1
  }
  const latencyMs = parseInteger(values.latency, 0, Number.MAX_SAFE_INTEGER)
  if (latencyMs === undefined) {
    io.stderr(
      `target-edge: --latency must be a whole number of milliseconds, got "${values.latency}".`,
    )
    return 1
  }

  let edge
  let artifactLabel: string
  let clientCode: string
  try {
    const artifact = await loadArtifact(values.artifact)
    const mboxCount = Object.keys(artifact.rules.mboxes).length
    clientCode = artifact.meta?.clientCode ?? '<your client code>'
    artifactLabel = `${values.artifact ?? 'built-in demo artifact'} (client code ${clientCode}, ${mboxCount} mboxes)`
    edge = await createTargetEdge({
      artifact,
      port,
      latencyMs,
      logger: {
        info: (message) => io.stdout(`${timeOfDay()} ${message}`),
        error: (message) => io.stderr(`${timeOfDay()} error: ${message}`),
      },
    })
  } catch (error) {
    io.stderr(`target-edge: ${(error as Error).message}`)
    return 1
  }

  io.stdout(`Target edge listening on ${edge.url}`)
  io.stdout(`Artifact: ${artifactLabel}`)
  io.stdout(
    `Point the client at serverDomain "${edge.host}" with secure: false and client "${clientCode}".`,
  )
  io.stdout(`Control API: ${edge.url}/_edge/health. Stop with Ctrl+C.`)

  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve()
    io.signal?.addEventListener('abort', () => resolve(), { once: true })
  })
  await edge.close()
  io.stdout('Target edge stopped.')
  return 0
}

/** Returns the parsed integer, `fallback` when absent, or undefined when invalid. */
function parseInteger(
  text: string | undefined,
  fallback: number,
  max: number,
): number | undefined {
  if (text === undefined) return fallback
  if (!/^\d+$/.test(text)) return undefined
  const value = Number(text)
  return value <= max ? value : undefined
}

function timeOfDay(): string {
  return new Date().toISOString().slice(11, 23)
}
