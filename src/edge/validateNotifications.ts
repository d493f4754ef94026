import { checkMboxName } from './checkMboxName'
import { describeValue } from './describeValue'
import type { StateIssuer } from './internalTypes'
import { isPlainObject } from './isPlainObject'

const MAX_ID_LENGTH = 200
const MAX_IMPRESSION_ID_LENGTH = 128
const NOTIFICATION_TYPES = ['display', 'click']
/**
 * Bounds of a plausible epoch-milliseconds timestamp: 1e12 ms is September
 * 2001, and a current time in seconds is far below it. 1e14 ms is the year
 * 5138, and a current time in microseconds is far above it.
 */
const MIN_TIMESTAMP_MS = 1e12
const MAX_TIMESTAMP_MS = 1e14

/**
 * Checks a request's notifications as Target does before processing any of
 * them, and returns a message naming the first problem, or undefined when
 * all are valid. One invalid notification rejects the whole request.
 *
 * A notification needs an `id` of 1-200 characters, a `type` of `display` or
 * `click`, and an integer `timestamp` in epoch milliseconds. Every token must
 * be in `tokens`, the event tokens this edge can issue. An `mbox.state` or
 * `view.state` must be one that `states` issued, for the same name.
 *
 * @example
 * ```ts
 * const problem = validateNotifications(request.notifications ?? [], {
 *   tokens: index.tokens,
 *   states,
 * })
 * ```
 */
export function validateNotifications(
  notifications: unknown[],
  known: { tokens: Set<string>; states: StateIssuer },
): string | undefined {
  for (const [position, notification] of notifications.entries()) {
    const where = `notifications[${position}]`
    if (!isPlainObject(notification)) {
      return `${where} must be an object.`
    }

    const { id } = notification
    if (typeof id !== 'string' || id === '') {
      return `${where}: id is missing. Each notification needs an id of 1-${MAX_ID_LENGTH} characters, which the response echoes once it is processed.`
    }
    const problem = checkNotification(notification, known)
    if (problem) {
      return `${where} (id ${JSON.stringify(id.slice(0, 40))}): ${problem}`
    }
  }
  return undefined
}

function checkNotification(
  notification: Record<string, unknown>,
  known: { tokens: Set<string>; states: StateIssuer },
): string | undefined {
  const { id, type, timestamp, impressionId, tokens, mbox, view } = notification

  if ((id as string).length > MAX_ID_LENGTH) {
    return `id is ${(id as string).length} characters long, over the maximum of ${MAX_ID_LENGTH}.`
  }
  if (type === undefined) {
    return 'type is missing. Use "display" or "click".'
  }
  if (typeof type !== 'string' || !NOTIFICATION_TYPES.includes(type)) {
    return `type ${describeValue(type)} is unknown. Use "display" or "click".`
  }

  const timestampProblem = checkTimestamp(timestamp)
  if (timestampProblem) return timestampProblem

  if (
    impressionId !== undefined &&
    (typeof impressionId !== 'string' ||
      impressionId.length > MAX_IMPRESSION_ID_LENGTH)
  ) {
    return `impressionId must be a string of at most ${MAX_IMPRESSION_ID_LENGTH} characters, got ${describeValue(impressionId)}.`
  }

  if (tokens !== undefined) {
    if (!Array.isArray(tokens)) {
      return `tokens must be an array of event tokens, got ${describeValue(tokens)}.`
    }
    for (const token of tokens) {
      if (typeof token !== 'string' || !known.tokens.has(token)) {
        return `token ${describeValue(token)} was never issued by this edge. Send the eventToken of an option (display) or of a click metric (click) from a prefetch response.`
      }
    }
  }

  if (mbox !== undefined && view !== undefined) {
    return 'mbox and view are mutually exclusive. Send one notification for each.'
  }
  if (mbox !== undefined) return checkTarget('mbox', mbox, known.states)
  if (view !== undefined) return checkTarget('view', view, known.states)
  return undefined
}

function checkTimestamp(timestamp: unknown): string | undefined {
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp)) {
    return `timestamp must be an integer count of milliseconds since the epoch, got ${describeValue(timestamp)}.`
  }
  if (timestamp < MIN_TIMESTAMP_MS) {
    return `timestamp ${timestamp} is too small for epoch milliseconds and looks like seconds. Send Date.now().`
  }
  if (timestamp >= MAX_TIMESTAMP_MS) {
    return `timestamp ${timestamp} is too large for epoch milliseconds and looks like microseconds. Send Date.now().`
  }
  return undefined
}

/** Checks the `mbox` or `view` of a notification: its name and state. */
function checkTarget(
  kind: 'mbox' | 'view',
  target: unknown,
  states: StateIssuer,
): string | undefined {
  if (!isPlainObject(target)) {
    return `${kind} must be an object with a name and the state from the prefetch response.`
  }

  const { name, state } = target
  if (kind === 'mbox') {
    const nameProblem = checkMboxName(name)
    if (nameProblem) return `mbox.${nameProblem}`
  } else if (typeof name !== 'string' || name === '') {
    return `view.name must be a non-blank string, got ${describeValue(name)}.`
  }
  if (state === undefined) return undefined

  const issuedFor =
    typeof state === 'string' ? states.verify(kind, state) : undefined
  if (issuedFor === undefined) {
    return `${kind}.state ${describeValue(state)} was never issued by this edge. Send the state of the ${kind} from the prefetch response unchanged.`
  }
  if (issuedFor !== name) {
    return `${kind}.state was issued for ${JSON.stringify(issuedFor)}, not ${JSON.stringify(name)}. Send each ${kind}'s own state.`
  }
  return undefined
}
