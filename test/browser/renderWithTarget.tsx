import { cleanup, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, inject, vi } from 'vitest'
import type {
  EdgeFault,
  EdgeNotificationRecord,
  EdgeRequestRecord,
} from '../../src/edge/index'
import {
  TargetProvider,
  useTarget,
  type DeliveryRequest,
  type TargetClient,
  type TargetProviderProps,
} from 'react-adobe-target'

/** Host and port of the local edge running the demo artifact. */
export const edgeHost = inject('edgeHost')

/** A notification the local edge accepted, with the visitor it came from. */
export type LoggedNotification = EdgeNotificationRecord['notification'] &
  Pick<EdgeNotificationRecord, 'sessionId' | 'tntId'>

/** Which edge log entries to read. */
export interface LogFilter {
  /** Host and port of the edge; the demo edge when left out. */
  host?: string
  /**
   * Keeps one client code's entries. Tests in one Vitest session share a
   * cookie jar, so a response that lands after a test ended can write its
   * visitor back. A test's own client code still keeps its entries apart.
   */
  client?: string
}

/**
 * The session whose log entries to read: a session id, or a provider's
 * client, which also keeps only that client code's entries.
 */
export type LogSource = string | TargetClient

async function readLog<T extends { sessionId: string }>(
  kind: 'notifications' | 'requests',
  source: LogSource,
  filter: LogFilter,
): Promise<T[]> {
  const { sessionId } =
    typeof source === 'string' ? { sessionId: source } : source.visitor
  const host = filter.host ?? edgeHost
  const client =
    filter.client ??
    (typeof source === 'string' ? undefined : source.config.clientCode)
  const query =
    client === undefined ? '' : `?client=${encodeURIComponent(client)}`
  const response = await fetch(`http://${host}/_edge/${kind}${query}`)
  const entries = (await response.json()) as T[]
  return entries.filter((entry) => entry.sessionId === sessionId)
}

/** The notifications the edge accepted for one session, flattened. */
export async function notificationsOf(
  source: LogSource,
  filter: LogFilter = {},
) {
  const records = await readLog<EdgeNotificationRecord>(
    'notifications',
    source,
    filter,
  )
  return records.map(
    ({ notification, sessionId, tntId }): LoggedNotification => ({
      ...notification,
      sessionId,
      tntId,
    }),
  )
}

/** The delivery requests the edge received for one session. */
export const requestsOf = (source: LogSource, filter: LogFilter = {}) =>
  readLog<EdgeRequestRecord>('requests', source, filter)

// Without test globals Testing Library cannot unmount on its own, and a
// page left over from one test would push the next one below the fold.
afterEach(cleanup)

/** Forgets the visitor, as a first visit would, by expiring its cookies. */
export function forgetVisitor() {
  for (const name of ['mbox', 'mboxEdgeCluster']) {
    document.cookie = `${name}=; max-age=0; path=/`
  }
}

/**
 * Renders `ui` inside a provider aimed at the local edge, and returns the
 * provider's client so a test can read the session it logs under.
 */
export function renderWithTarget(
  ui: ReactNode,
  props: Partial<TargetProviderProps> = {},
) {
  let client: TargetClient | undefined
  function Capture() {
    client = useTarget()
    return null
  }
  // A client code of its own keeps this render's log entries apart from
  // those of an earlier test that continued the same session.
  const clientCode = props.clientCode ?? uniqueClientCode('demo')
  const wrap = (node: ReactNode) => (
    <TargetProvider
      clientCode={clientCode}
      serverDomain={edgeHost}
      secure={false}
      {...props}
    >
      <Capture />
      {node}
    </TargetProvider>
  )
  const result = render(wrap(ui))
  return {
    ...result,
    client: client!,
    rerender: (next: ReactNode) => result.rerender(wrap(next)),
  }
}

/** Waits long enough for a queued notification to have been sent. */
export const settle = (ms = 400) =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** Retries an assertion until it passes or five seconds have passed. */
export const eventually = <T,>(check: () => T | Promise<T>) =>
  vi.waitFor(check, { timeout: 5000, interval: 50 })

declare module 'vitest' {
  export interface ProvidedContext {
    edgeHost: string
    adobeSuiteEdgeHost: string
  }
}

/** Host and port of the local edge running the odd offers artifact. */
export const oddOffersEdgeHost = inject('oddOffersEdgeHost')

declare module 'vitest' {
  export interface ProvidedContext {
    oddOffersEdgeHost: string
  }
}

/**
 * Returns a client code no other test uses. The edge keeps faults per
 * client code and the library stores notifications per client code, so a
 * test with its own code cannot leak either into another test.
 */
export function uniqueClientCode(prefix: string) {
  return `${prefix}${Math.random().toString(36).slice(2, 10)}`
}

/** Makes the edge misbehave for one client code; see EdgeFault. */
export async function setEdgeFault(
  client: string,
  fault: EdgeFault,
  host = edgeHost,
) {
  const response = await fetch(
    `http://${host}/_edge/faults/${encodeURIComponent(client)}`,
    { method: 'PUT', body: JSON.stringify(fault) },
  )
  if (!response.ok) {
    throw new Error(`Setting the edge fault failed: ${await response.text()}`)
  }
}

/** Clears the edge's fault for one client code. */
export async function clearEdgeFault(client: string, host = edgeHost) {
  await fetch(`http://${host}/_edge/faults/${encodeURIComponent(client)}`, {
    method: 'DELETE',
  })
}

/** A Delivery API request the page sent by fetch or by beacon. */
export interface SentDelivery {
  /** Host and port the request went to. */
  host: string
  body: DeliveryRequest
  beacon: boolean
  /** HTTP status of a fetch once it has a response. A beacon has none. */
  status?: number
  /** Why a fetch failed without an HTTP response, e.g. connection refused. */
  networkError?: string
}

/**
 * Records the Delivery API requests the page sends through `fetch` and
 * `navigator.sendBeacon`, and passes every call on unchanged. Call `stop`
 * to remove the spies.
 */
export function recordDeliveries() {
  const entries: Promise<SentDelivery>[] = []
  const isDelivery = (url: URL) => url.pathname === '/rest/v1/delivery'

  const originalFetch = window.fetch.bind(window)
  const fetchSpy = vi
    .spyOn(window, 'fetch')
    .mockImplementation(async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input))
      if (!isDelivery(url)) return originalFetch(input, init)
      const entry: SentDelivery = {
        host: url.host,
        body: JSON.parse(String(init?.body)) as DeliveryRequest,
        beacon: false,
      }
      entries.push(Promise.resolve(entry))
      try {
        const response = await originalFetch(input, init)
        entry.status = response.status
        return response
      } catch (error) {
        entry.networkError = String(error)
        throw error
      }
    })

  const originalBeacon = navigator.sendBeacon.bind(navigator)
  const beaconSpy = vi
    .spyOn(navigator, 'sendBeacon')
    .mockImplementation((target, data) => {
      const url = new URL(String(target))
      if (isDelivery(url) && data instanceof Blob) {
        entries.push(
          data.text().then((text) => ({
            host: url.host,
            body: JSON.parse(text) as DeliveryRequest,
            beacon: true,
          })),
        )
      }
      return originalBeacon(target, data)
    })

  return {
    /** The requests sent so far, in the order they were sent. */
    sent: () => Promise.all(entries),
    stop() {
      fetchSpy.mockRestore()
      beaconSpy.mockRestore()
    },
  }
}

/**
 * Collects uncaught errors and unhandled promise rejections of the page
 * until `stop` is called.
 */
export function watchPageErrors() {
  const errors: unknown[] = []
  const onError = (event: ErrorEvent) => errors.push(event.error)
  const onRejection = (event: PromiseRejectionEvent) =>
    errors.push(event.reason)
  window.addEventListener('error', onError)
  window.addEventListener('unhandledrejection', onRejection)
  return {
    errors,
    stop() {
      window.removeEventListener('error', onError)
      window.removeEventListener('unhandledrejection', onRejection)
    },
  }
}

/**
 * Scrolls the test frame and the runner page around it back to the top.
 * `scrollIntoView` in a test also scrolls the runner page, by a few pixels,
 * and that hides the frame's top edge from IntersectionObserver in every
 * later test file, so an mbox at the top may never count as seen.
 */
export function resetScroll() {
  window.scrollTo(0, 0)
  window.top?.scrollTo(0, 0)
}
