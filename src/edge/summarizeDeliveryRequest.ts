import { isPlainObject } from './isPlainObject'
import type { EdgeRequestRecord } from './types'

/**
 * Returns the log record of a delivery request. It reads the body
 * defensively, because requests are recorded before they are validated:
 * parts that are missing or malformed count as empty.
 *
 * @example
 * ```ts
 * summarizeDeliveryRequest('demo', 's1', body).prefetchMboxCount // 3
 * ```
 */
export function summarizeDeliveryRequest(
  client: string,
  sessionId: string,
  body: unknown,
): EdgeRequestRecord {
  const request = isPlainObject(body) ? body : {}
  const prefetchMboxes = mboxesOf(request.prefetch)
  const executeMboxes = mboxesOf(request.execute)
  const mboxNames = [...prefetchMboxes, ...executeMboxes].flatMap((mbox) =>
    isPlainObject(mbox) && typeof mbox.name === 'string' ? [mbox.name] : [],
  )
  const context = isPlainObject(request.context) ? request.context : {}

  return {
    client,
    sessionId,
    prefetchMboxCount: prefetchMboxes.length,
    executeMboxCount: executeMboxes.length,
    notificationCount: Array.isArray(request.notifications)
      ? request.notifications.length
      : 0,
    mboxNames,
    beacon: context.beacon === true,
    receivedAt: Date.now(),
  }
}

function mboxesOf(section: unknown): unknown[] {
  return isPlainObject(section) && Array.isArray(section.mboxes)
    ? section.mboxes
    : []
}
