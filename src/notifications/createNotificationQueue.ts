import { TargetError } from '../delivery/TargetError'
import type { Notification } from '../delivery/types'

/** How the queue reaches Target; the client supplies both ways. */
export interface NotificationQueueOptions {
  /**
   * Sends notifications in one request and resolves with the ids Target
   * echoed back, which are the ones it processed.
   */
  send(notifications: Notification[]): Promise<string[]>
  /** Hands notifications to `navigator.sendBeacon`; false if it refused. */
  beacon(notifications: Notification[]): boolean
  /** Called once for each request that finally failed. */
  onError(error: TargetError): void
  /** Milliseconds to gather notifications into one request. */
  batchDelay?: number
  /** Attempts for one notification before it is given up. */
  maxAttempts?: number
}

/** A queue that sends notifications in batches and retries what failed. */
export interface NotificationQueue {
  /** Queues a notification; resolves once Target has processed it. */
  add(notification: Notification): Promise<void>
  /** Sends everything queued now, by beacon when the page is going away. */
  flush(useBeacon?: boolean): void
  /**
   * Listens for the page being hidden or left, to send what is queued by
   * beacon. Returns the function that stops listening; calling it twice is
   * safe, as React Strict Mode does.
   */
  connect(): () => void
}

interface Entry {
  notification: Notification
  attempts: number
  resolve(): void
  reject(error: TargetError): void
}

// Network errors, timeouts, 420 (too many requests for one session), 429
// and 5xx are worth another try; any other 4xx will fail the same way.
function isRetryable(error: TargetError): boolean {
  if (error.kind === 'network' || error.kind === 'timeout') return true
  const status = error.status ?? 0
  return status === 420 || status === 429 || status >= 500
}

/**
 * Creates the notification queue: notifications added in the same moment
 * go out in one request, displays ahead of clicks, and what the page is
 * hiding with is sent by beacon.
 */
export function createNotificationQueue(
  options: NotificationQueueOptions,
): NotificationQueue {
  const { batchDelay = 20, maxAttempts = 5 } = options
  const waiting: Entry[] = []
  let timer: ReturnType<typeof setTimeout> | undefined

  const schedule = (delay: number) => {
    if (timer === undefined) timer = setTimeout(flush, delay)
  }

  const retry = (entries: Entry[], error: TargetError) => {
    const again = entries.filter((entry) => entry.attempts < maxAttempts)
    for (const entry of entries) {
      if (entry.attempts >= maxAttempts) entry.reject(error)
    }
    if (again.length < entries.length) options.onError(error)
    if (!again.length) return
    const attempt = Math.max(...again.map((entry) => entry.attempts))
    // Exponential backoff with jitter, so that many tabs of one visitor
    // do not retry in step against an edge that is already struggling.
    const delay = Math.min(30000, 250 * 2 ** attempt) * (0.5 + Math.random())
    setTimeout(() => {
      waiting.push(...again)
      schedule(0)
    }, delay)
  }

  const sendBatch = async (batch: Entry[]) => {
    for (const entry of batch) entry.attempts++
    try {
      const ids = new Set(
        await options.send(batch.map((entry) => entry.notification)),
      )
      const missing = batch.filter((entry) => !ids.has(entry.notification.id))
      for (const entry of batch) {
        if (ids.has(entry.notification.id)) entry.resolve()
      }
      if (missing.length) {
        retry(
          missing,
          new TargetError('status', 'Target did not process a notification'),
        )
      }
    } catch (error) {
      const targetError =
        error instanceof TargetError
          ? error
          : new TargetError('network', String(error))
      if (isRetryable(targetError)) {
        retry(batch, targetError)
      } else {
        for (const entry of batch) entry.reject(targetError)
        options.onError(targetError)
      }
    }
  }

  function flush(useBeacon = false) {
    clearTimeout(timer)
    timer = undefined
    if (!waiting.length) return
    // Displays go first: Target should see a view before its click.
    const batch = waiting
      .splice(0)
      .sort(
        (a, b) =>
          Number(a.notification.type === 'click') -
          Number(b.notification.type === 'click'),
      )
    if (useBeacon && options.beacon(batch.map((entry) => entry.notification))) {
      // A beacon cannot read the answer, so a beaconed notification is
      // taken as delivered.
      for (const entry of batch) entry.resolve()
      return
    }
    void sendBatch(batch)
  }

  const onPageHide = () => flush(true)
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') flush(true)
  }

  return {
    add(notification) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ notification, attempts: 0, resolve, reject })
        schedule(batchDelay)
      })
    },
    flush,
    connect() {
      if (typeof window === 'undefined') return () => {}
      window.addEventListener('pagehide', onPageHide)
      document.addEventListener('visibilitychange', onVisibilityChange)
      return () => {
        window.removeEventListener('pagehide', onPageHide)
        document.removeEventListener('visibilitychange', onVisibilityChange)
      }
    },
  }
}
