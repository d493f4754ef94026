// The stories' side of the local Target edge: its address, and calls to
// its control API (`/_edge/...`) that read the edge's logs and set faults.
// The edge itself runs in Node (`node dist/edge/cli.js`), never in the
// browser.

import type {
  EdgeFault,
  EdgeNotificationRecord,
  EdgeRequestRecord,
} from '../src/edge/types'

export type { EdgeFault, EdgeNotificationRecord, EdgeRequestRecord }

/**
 * Host and port of the local edge, as `serverDomain` takes it. Set
 * `STORYBOOK_TARGET_EDGE` when starting Storybook to use another port.
 */
export const EDGE_HOST =
  import.meta.env.STORYBOOK_TARGET_EDGE || '127.0.0.1:9310'

/**
 * A loopback address where nothing listens, so the connection is refused.
 * Port 2 is below 1024, so only root could listen on it, and no common
 * service uses it. Port 9 (discard) would not do: Chromium and Firefox
 * block it before connecting.
 */
export const CLOSED_EDGE_HOST = '127.0.0.1:2'

const EDGE_URL = `http://${EDGE_HOST}/_edge`

async function requestEdge(
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  init: { body?: unknown; signal?: AbortSignal } = {},
): Promise<unknown> {
  const url = `${EDGE_URL}/${path}`
  let response: Response
  try {
    response = await fetch(url, {
      method,
      signal: init.signal,
      ...(init.body === undefined
        ? {}
        : {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(init.body),
          }),
    })
  } catch (error) {
    if (init.signal?.aborted) throw error
    throw new Error(
      `The local Target edge at ${EDGE_HOST} is not reachable (${String(error)}). Start it with \`npm start\`, or set STORYBOOK_TARGET_EDGE to its host and port.`,
    )
  }
  if (!response.ok) {
    throw new Error(
      `${method} ${url} failed with HTTP ${response.status}: ${await response.text()}`,
    )
  }
  return response.status === 204 ? undefined : response.json()
}

/** Returns the delivery requests the edge received for one client code. */
export async function fetchEdgeRequests(
  clientCode: string,
  signal?: AbortSignal,
): Promise<EdgeRequestRecord[]> {
  const query = `requests?client=${encodeURIComponent(clientCode)}`
  return (await requestEdge('GET', query, { signal })) as EdgeRequestRecord[]
}

/** Returns the notifications the edge accepted for one client code. */
export async function fetchEdgeNotifications(
  clientCode: string,
  signal?: AbortSignal,
): Promise<EdgeNotificationRecord[]> {
  const query = `notifications?client=${encodeURIComponent(clientCode)}`
  return (await requestEdge('GET', query, {
    signal,
  })) as EdgeNotificationRecord[]
}

/**
 * Sets the fault that the edge simulates for the delivery requests of one
 * client code, replacing any earlier fault of that client code.
 */
export async function setEdgeFault(
  clientCode: string,
  fault: EdgeFault,
): Promise<void> {
  await requestEdge('PUT', `faults/${encodeURIComponent(clientCode)}`, {
    body: fault,
  })
}

/** Clears the fault of one client code. */
export async function clearEdgeFault(clientCode: string): Promise<void> {
  await requestEdge('DELETE', `faults/${encodeURIComponent(clientCode)}`)
}
