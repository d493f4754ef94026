import { cleanup, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, inject, vi } from 'vitest'
import type {
  EdgeNotificationRecord,
  EdgeRequestRecord,
} from '../../src/edge/index'
import {
  TargetProvider,
  useTarget,
  type TargetClient,
  type TargetProviderProps,
} from 'react-adobe-target'

/** Host and port of the local edge running the demo artifact. */
export const edgeHost = inject('edgeHost')

/** A notification the local edge accepted, with the visitor it came from. */
export type LoggedNotification = EdgeNotificationRecord['notification'] &
  Pick<EdgeNotificationRecord, 'sessionId' | 'tntId'>

async function readLog<T extends { sessionId: string }>(
  host: string,
  kind: 'notifications' | 'requests',
  sessionId: string,
): Promise<T[]> {
  const response = await fetch(`http://${host}/_edge/${kind}`)
  const entries = (await response.json()) as T[]
  return entries.filter((entry) => entry.sessionId === sessionId)
}

/** The notifications the edge accepted for one session, flattened. */
export async function notificationsOf(sessionId: string, host = edgeHost) {
  const records = await readLog<EdgeNotificationRecord>(
    host,
    'notifications',
    sessionId,
  )
  return records.map(({ notification, tntId }): LoggedNotification => ({
    ...notification,
    sessionId,
    tntId,
  }))
}

/** The delivery requests the edge received for one session. */
export const requestsOf = (sessionId: string, host = edgeHost) =>
  readLog<EdgeRequestRecord>(host, 'requests', sessionId)

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
  const wrap = (node: ReactNode) => (
    <TargetProvider
      clientCode="demo"
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
