import { TargetError } from '../delivery/TargetError'
import type { Notification } from '../delivery/types'
import type { NotificationStore } from './createNotificationStore'

/** Transports of the queue to Target, which the client supplies. */
export interface NotificationQueueOptions {
  /**
   * Sends notifications in one request and resolves with the ids Target
   * echoed back, which are the ones it processed.
   */
  send(notifications: Notification[]): Promise<string[]>
  /** Hands notifications to `navigator.sendBeacon`; false if it refused. */
  beacon(notifications: Notification[]): boolean
  /** Called once for each request that failed for good. */
  onError(error: TargetError): void
  /** Keeps what could not be sent for the next page. Defaults to none. */
  store?: NotificationStore
  /** Milliseconds to gather notifications into one request. Defaults to 20. */
  batchDelay?: number
  /** Attempts before a notification waits for the next page. Defaults to 6. */
  maxAttempts?: number
}

/** A queue that sends notifications in batches and retries what failed. */
export interface NotificationQueue {
  /**
   * Queues a notification. Resolves once Target has processed it; rejects
   * when every attempt failed, and the notification is then kept for the
   * next page.
   */
  add(notification: Notification): Promise<void>
  /** Sends what is queued now; with `leaving`, as the page goes away. */
  flush(leaving?: boolean): void
  /**
   * Sends what an earlier page stored, and listens for the page being
   * hidden or left. Returns the function that stops listening; calling it
   * twice is safe, as React Strict Mode does.
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
// and 5xx are worth another try; any other 4xx would fail the same way.
function isRetryable(error: TargetError): boolean {
  if (error.kind === 'network' || error.kind === 'timeout') return true
  const status = error.status ?? 0
  return status === 420 || status === 429 || status >= 500
}

const isClick = (entry: Entry) => entry.notification.type === 'click'
const nameOf = (entry: Entry) => entry.notification.mbox.name

/**
 * Creates the notification queue. Notifications added in the same moment
 * go out in one request, displays ahead of clicks, and a click waits for
 * any unconfirmed display of its mbox, so Target never receives a click before
 * its display. Failed requests are retried with exponential backoff; what
 * is still unsent when the page goes away leaves by beacon or, if it had
 * already failed, waits in the store for the next page.
 */
export function createNotificationQueue(
  options: NotificationQueueOptions,
): NotificationQueue {
  const { batchDelay = 20, maxAttempts = 6, store } = options
  // Not yet sent, or due for another try.
  let waiting: Entry[] = []
  // Sent, waiting for the response.
  const inFlight = new Set<Entry>()
  // In flight when the page was hidden or left. Their keepalive requests
  // outlive the page, but a page going away may see them fail all the
  // same; sending them again would count them twice.
  const detached = new Set<Entry>()
  // Failed, waiting for the backoff to pass.
  const backingOff = new Set<Entry>()
  // Out of attempts: kept for the store when the page goes away.
  let parked: Entry[] = []
  // Stored while the page was hidden; if the page comes back, the same
  // entries resume, so the promises of their callers still settle.
  const stored = new Map<string, Entry>()
  let connections = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const schedule = (delay: number) => {
    if (timer === undefined) timer = setTimeout(() => flush(), delay)
  }

  // Mboxes whose display was sent or tried but not confirmed yet: their
  // clicks wait, so Target does not get a click before its display.
  const unconfirmedDisplays = () => {
    const names = new Set<string>()
    for (const entry of [...inFlight, ...backingOff]) {
      if (!isClick(entry)) names.add(entry.notification.mbox.name)
    }
    return names
  }

  const retryLater = (entries: Entry[], error: TargetError) => {
    const again = entries.filter((entry) => entry.attempts < maxAttempts)
    const spent = entries.filter((entry) => entry.attempts >= maxAttempts)
    if (spent.length) {
      parked.push(...spent)
      for (const entry of spent) entry.reject(error)
      options.onError(error)
    }
    if (!again.length) return
    const attempt = Math.max(...again.map((entry) => entry.attempts))
    // Jitter spreads the retries of many tabs against a struggling edge.
    const delay = Math.min(30000, 250 * 2 ** attempt) * (0.5 + Math.random())
    for (const entry of again) backingOff.add(entry)
    setTimeout(() => {
      // Entries the page stored while hidden are no longer this page's.
      const due = again.filter((entry) => backingOff.delete(entry))
      waiting.push(...due)
      if (due.length) schedule(0)
    }, delay)
  }

  const sendBatch = async (batch: Entry[]) => {
    for (const entry of batch) {
      entry.attempts++
      inFlight.add(entry)
    }
    try {
      const ids = new Set(
        await options.send(batch.map((entry) => entry.notification)),
      )
      for (const entry of batch) inFlight.delete(entry)
      const missing = batch.filter((entry) => !ids.has(entry.notification.id))
      for (const entry of batch) {
        if (ids.has(entry.notification.id)) entry.resolve()
      }
      if (missing.length) {
        retryLater(
          missing,
          new TargetError('status', 'Target did not process a notification'),
        )
      }
    } catch (error) {
      for (const entry of batch) inFlight.delete(entry)
      const targetError =
        error instanceof TargetError
          ? error
          : new TargetError('network', String(error))
      const lost =
        targetError.kind === 'network' || targetError.kind === 'timeout'
      if (lost && batch.every((entry) => detached.has(entry))) {
        // No response to a request the browser carries on without the page:
        // taken as delivered, like a beacon.
        for (const entry of batch) entry.resolve()
      } else if (isRetryable(targetError)) {
        retryLater(batch, targetError)
      } else if (batch.length > 1 && targetError.status === 400) {
        // Target rejects a whole request for one bad notification, such
        // as a token it does not know. Halving the batch until the bad
        // one is alone lets the others through. The halves go one
        // after the other, displays first, and spend no attempts.
        for (const entry of batch) entry.attempts--
        const half = Math.ceil(batch.length / 2)
        await sendBatch(batch.slice(0, half))
        await sendBatch(batch.slice(half))
        return
      } else {
        // Alone, it is the bad one: sending it again would be rejected
        // again, so it is reported and dropped.
        for (const entry of batch) entry.reject(targetError)
        options.onError(targetError)
      }
    }
    // Clicks held back for these displays may go now.
    if (waiting.length) schedule(0)
  }

  const takeBatch = () => {
    const blocked = unconfirmedDisplays()
    const batch = waiting.filter((entry) => !isClick(entry))
    const clicks = waiting.filter(
      (entry) => isClick(entry) && !blocked.has(entry.notification.mbox.name),
    )
    waiting = waiting.filter(
      (entry) => isClick(entry) && !clicks.includes(entry),
    )
    return [...batch, ...clicks]
  }

  const leave = () => {
    clearTimeout(timer)
    timer = undefined
    for (const entry of inFlight) detached.add(entry)
    // Never tried: the beacon is their best chance. Already failed: the
    // edge was failing, so they wait for the next page, where a response
    // can confirm them.
    const failed = [
      ...waiting.filter((entry) => entry.attempts > 0),
      ...backingOff,
      ...parked,
    ]
    // A click whose display waits for the next page waits with it, so
    // that Target still gets the display first.
    const laterDisplays = new Set(
      failed.filter((entry) => !isClick(entry)).map(nameOf),
    )
    const fresh = waiting.filter((entry) => {
      if (entry.attempts > 0) return false
      if (!isClick(entry) || !laterDisplays.has(nameOf(entry))) return true
      failed.push(entry)
      return false
    })
    waiting = []
    backingOff.clear()
    parked = []
    const displaysFirst = [
      ...fresh.filter((entry) => !isClick(entry)),
      ...fresh.filter(isClick),
    ]
    const notifications = displaysFirst.map((entry) => entry.notification)
    if (notifications.length && options.beacon(notifications)) {
      // A beacon cannot read the response, so it counts as delivered.
      for (const entry of fresh) entry.resolve()
    } else {
      failed.unshift(...fresh)
    }
    if (failed.length) {
      for (const entry of failed) stored.set(entry.notification.id, entry)
      store?.save(failed.map((entry) => entry.notification))
    }
  }

  function flush(leaving = false) {
    if (leaving) return leave()
    clearTimeout(timer)
    timer = undefined
    const batch = takeBatch()
    if (batch.length) void sendBatch(batch)
  }

  const add = (notification: Notification) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ notification, attempts: 0, resolve, reject })
      schedule(batchDelay)
    })

  const resume = () => {
    // Back in view, a request that fails from now on has really failed.
    detached.clear()
    for (const notification of store?.claim() ?? []) {
      const entry = stored.get(notification.id)
      stored.delete(notification.id)
      if (entry) {
        entry.attempts = 0
        waiting.push(entry)
        schedule(batchDelay)
      } else {
        // Stored by an earlier page, whose caller is gone; errors were
        // reported there.
        add(notification).catch(() => {})
      }
    }
  }

  const onPageHide = () => flush(true)
  // Hidden is the last moment a page is sure to see: a phone may discard
  // it without pagehide. Visible again, it takes back what it stored.
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') flush(true)
    else resume()
  }

  return {
    add,
    flush,
    connect() {
      if (typeof window === 'undefined') return () => {}
      resume()
      // Counted, because Strict Mode and several providers connect more
      // than once, and an old stop must not end a newer connection.
      if (connections++ === 0) {
        window.addEventListener('pagehide', onPageHide)
        document.addEventListener('visibilitychange', onVisibilityChange)
      }
      let connected = true
      return () => {
        if (!connected) return
        connected = false
        if (--connections === 0) {
          window.removeEventListener('pagehide', onPageHide)
          document.removeEventListener('visibilitychange', onVisibilityChange)
          // Without listeners the page could go away unnoticed, so what
          // is queued leaves now, as it would on pagehide.
          flush(true)
        }
      }
    },
  }
}
