import { useEffect, useState } from 'react'
import {
  EDGE_HOST,
  fetchEdgeNotifications,
  fetchEdgeRequests,
  type EdgeNotificationRecord,
  type EdgeRequestRecord,
} from './edgeControl'

const POLL_INTERVAL_MS = 1000
const SHOWN_TOKEN_LENGTH = 10

/** Props of {@link EdgeLog}. */
export interface EdgeLogProps {
  /** Client code whose requests and notifications are listed. */
  clientCode: string
  /**
   * Start of the listed period, in epoch milliseconds. What the edge
   * received earlier is left out, so a story shows only its own traffic.
   * Defaults to when the log mounted.
   */
  since?: number
}

interface EdgeLogState {
  requests: EdgeRequestRecord[]
  notifications: EdgeNotificationRecord[]
  error: string | null
}

/**
 * Polls the edge's logs every second and keeps what arrived for one client
 * code since `since`. The edge stamps `receivedAt` with its own clock, so
 * the filter relies on the edge and the browser sharing a machine, as they
 * do in `npm start`.
 */
function useEdgeLog(clientCode: string, since: number): EdgeLogState {
  const [state, setState] = useState<EdgeLogState>({
    requests: [],
    notifications: [],
    error: null,
  })

  useEffect(() => {
    const controller = new AbortController()
    const poll = async () => {
      try {
        const [requests, notifications] = await Promise.all([
          fetchEdgeRequests(clientCode, controller.signal),
          fetchEdgeNotifications(clientCode, controller.signal),
        ])
        setState({
          requests: requests.filter((entry) => entry.receivedAt >= since),
          notifications: notifications.filter(
            (entry) => entry.receivedAt >= since,
          ),
          error: null,
        })
      } catch (error) {
        if (controller.signal.aborted) return
        const message = error instanceof Error ? error.message : String(error)
        setState((previous) => ({ ...previous, error: message }))
      }
    }
    void poll()
    const timer = setInterval(() => void poll(), POLL_INTERVAL_MS)
    return () => {
      clearInterval(timer)
      controller.abort()
    }
  }, [clientCode, since])

  return state
}

/**
 * Lists what the local Target edge received for one client code: the
 * delivery requests, with how many mboxes and notifications each carried,
 * and every display and click notification with its mbox and tokens.
 * Newest entries come first, and times are seconds after `since`.
 */
export function EdgeLog({ clientCode, since: sinceProp }: EdgeLogProps) {
  const [mountedAt] = useState(() => Date.now())
  const since = sinceProp ?? mountedAt
  const { requests, notifications, error } = useEdgeLog(clientCode, since)

  const prefetchRequests = requests.filter((r) => r.prefetchMboxCount > 0)
  const prefetchedMboxes = prefetchRequests.reduce(
    (sum, r) => sum + r.prefetchMboxCount,
    0,
  )
  const displays = notifications.filter(
    (n) => n.notification.type === 'display',
  )
  const clicks = notifications.filter((n) => n.notification.type === 'click')
  const elapsed = (time: number) => `+${((time - since) / 1000).toFixed(2)} s`

  return (
    <aside className="edge-log" aria-label="Local Target edge log">
      <h2 className="edge-log__title">Edge log</h2>
      <p className="edge-log__scope">
        Client <code>{clientCode}</code> at <code>{EDGE_HOST}</code>, since this
        story opened. Polled every second.
      </p>
      {error && (
        <p className="edge-log__error" role="alert">
          {error}
        </p>
      )}

      <dl className="edge-log__totals">
        <Total label="Prefetch requests" value={prefetchRequests.length} />
        <Total label="Prefetched mboxes" value={prefetchedMboxes} />
        <Total label="Displays" value={displays.length} />
        <Total label="Clicks" value={clicks.length} />
      </dl>

      <h3 className="edge-log__heading">
        Delivery requests ({requests.length})
      </h3>
      {requests.length === 0 ? (
        <p className="edge-log__empty">None yet.</p>
      ) : (
        <ol className="edge-log__list">
          {requests
            .map((entry, index) => (
              <li key={index} className="edge-log__request">
                <time>{elapsed(entry.receivedAt)}</time>{' '}
                {describeRequest(entry)}
                {entry.mboxNames.length > 0 && (
                  <span className="edge-log__names">
                    {entry.mboxNames.join(', ')}
                  </span>
                )}
              </li>
            ))
            .reverse()}
        </ol>
      )}

      <h3 className="edge-log__heading">
        Notifications ({notifications.length})
      </h3>
      {notifications.length === 0 ? (
        <p className="edge-log__empty">None yet.</p>
      ) : (
        <table className="edge-log__table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Type</th>
              <th>Mbox</th>
              <th>Tokens</th>
            </tr>
          </thead>
          <tbody>
            {notifications
              .map(({ notification, receivedAt }, index) => (
                // A retried notification can arrive twice with one id.
                <tr key={index}>
                  <td>
                    <time>{elapsed(receivedAt)}</time>
                  </td>
                  <td>
                    <span
                      className={`edge-log__type edge-log__type--${notification.type}`}
                    >
                      {notification.type}
                    </span>
                  </td>
                  <td>{notification.mbox.name}</td>
                  <td>
                    {notification.tokens.map((token) => (
                      <code key={token} title={token}>
                        {token.slice(0, SHOWN_TOKEN_LENGTH)}…
                      </code>
                    ))}
                  </td>
                </tr>
              ))
              .reverse()}
          </tbody>
        </table>
      )}
    </aside>
  )
}

function Total({ label, value }: { label: string; value: number }) {
  return (
    <div className="edge-log__total">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}

/** Summarises one delivery request, e.g. "prefetch 22 mboxes". */
function describeRequest(entry: EdgeRequestRecord): string {
  const parts: string[] = []
  if (entry.prefetchMboxCount > 0) {
    parts.push(`prefetch ${plural(entry.prefetchMboxCount, 'mbox', 'mboxes')}`)
  }
  if (entry.executeMboxCount > 0) {
    parts.push(`execute ${plural(entry.executeMboxCount, 'mbox', 'mboxes')}`)
  }
  if (entry.notificationCount > 0) {
    parts.push(plural(entry.notificationCount, 'notification', 'notifications'))
  }
  if (entry.beacon) parts.push('by beacon')
  return parts.length ? parts.join(', ') : 'no mboxes or notifications'
}

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}
