import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEnginePool } from './createEnginePool'
import { createFaultStore } from './createFaultStore'
import { createStateIssuer } from './createStateIssuer'
import { indexArtifactTokens } from './indexArtifactTokens'
import type { EdgeState } from './internalTypes'
import { loadArtifact } from './loadArtifact'
import { parseEdgeFault } from './parseEdgeFault'
import { routeEdgeRequest } from './routeEdgeRequest'
import type { EdgeLogger, TargetEdge, TargetEdgeOptions } from './types'

/** The edge only listens on the loopback interface. */
const HOST = '127.0.0.1'

const defaultLogger: EdgeLogger = {
  info: () => undefined,
  error: (message) => console.error(`target-edge: ${message}`),
}

/**
 * Starts a local Adobe Target edge: an HTTP server on 127.0.0.1 that responds
 * to `POST /rest/v1/delivery` with Adobe's decisioning engine
 * (`@adobe/target-decisioning-engine`) run on a rules artifact, and adds what
 * Target's edge returns on top: mbox `state`, click `metrics` and a `tntId`.
 * It records the requests and notifications it accepts, and simulates
 * failures per client code (see {@link EdgeFault}), for development, tests
 * and stories. The same log and faults are reachable over HTTP under
 * `/_edge/`.
 *
 * The returned promise resolves once the server is listening. It rejects
 * when the artifact cannot be loaded or the port is taken, with a message
 * naming the fix.
 *
 * @example
 * ```ts
 * import { createTargetEdge } from 'react-adobe-target/edge'
 *
 * const edge = await createTargetEdge({ port: 0 })
 * // Point the client at edge.host with secure: false, then:
 * console.log(edge.notifications('demo'))
 * await edge.close()
 * ```
 */
export async function createTargetEdge(
  options: TargetEdgeOptions = {},
): Promise<TargetEdge> {
  const { port = 0, latencyMs = 0, logger = defaultLogger } = options
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(
      `port must be an integer from 0 to 65535 (0 picks a free port), got ${port}.`,
    )
  }
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new RangeError(
      `latencyMs must be a number of milliseconds from 0, got ${latencyMs}.`,
    )
  }

  const artifact = await loadArtifact(options.artifact)
  const abort = new AbortController()
  const state: EdgeState = {
    host: '',
    url: '',
    artifactClientCode: artifact.meta?.clientCode,
    latencyMs,
    engines: createEnginePool(artifact),
    tokenIndex: indexArtifactTokens(artifact),
    states: createStateIssuer(),
    faults: createFaultStore(),
    notifications: [],
    requests: [],
    logger,
    signal: abort.signal,
  }

  const server = createServer((req, res) => {
    // routeEdgeRequest catches handler errors. This catches a failure to
    // write or log, which would otherwise end the process as an unhandled
    // rejection.
    routeEdgeRequest(state, req, res).catch((error: unknown) => {
      logger.error(`Writing the response failed: ${String(error)}`)
      res.destroy()
    })
  })
  const boundPort = await listen(server, port)
  state.host = `${HOST}:${boundPort}`
  state.url = `http://${state.host}`

  let closing: Promise<void> | undefined
  return {
    url: state.url,
    host: state.host,
    port: boundPort,

    close() {
      closing ??= new Promise((resolve, reject) => {
        abort.abort()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closing
    },

    notifications: (client) =>
      state.notifications.filter(
        (entry) => client === undefined || entry.client === client,
      ),

    requests: (client) =>
      state.requests.filter(
        (entry) => client === undefined || entry.client === client,
      ),

    reset() {
      state.notifications.length = 0
      state.requests.length = 0
      state.faults.clear()
    },

    setFault(client, fault) {
      state.faults.set(client, parseEdgeFault(fault))
    },

    clearFaults(client) {
      state.faults.clear(client)
    },
  }
}

/** Resolves with the bound port once `server` listens on 127.0.0.1. */
function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${port} on ${HOST} is already in use. Stop the other process or pick another port (0 picks a free one).`,
          ),
        )
      } else {
        reject(error)
      }
    })
    server.listen(port, HOST, () => {
      resolve((server.address() as AddressInfo).port)
    })
  })
}
