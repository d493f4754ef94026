import { describeValue } from './describeValue'
import { isPlainObject } from './isPlainObject'
import type { EdgeFault } from './types'

const FAULT_FIELDS = [
  'delayMs',
  'status',
  'rawBody',
  'bodyStatus',
  'emptyPrefetch',
  'dropMboxes',
  'notificationFailRate',
  'times',
]

/**
 * Checks a fault given to `setFault` or `PUT /_edge/faults/<client>` and
 * returns a copy with only its fields. Throws a TypeError naming the first
 * unknown or invalid field.
 *
 * @example
 * ```ts
 * parseEdgeFault({ status: 503, times: 1 }) // { status: 503, times: 1 }
 * parseEdgeFault({ status: 99 }) // throws: status must be an HTTP status …
 * ```
 */
export function parseEdgeFault(value: unknown): EdgeFault {
  if (!isPlainObject(value)) {
    throw new TypeError(
      `A fault must be a JSON object with any of ${FAULT_FIELDS.join(', ')}, got ${describeValue(value)}.`,
    )
  }
  const unknown = Object.keys(value).filter(
    (field) => !FAULT_FIELDS.includes(field),
  )
  if (unknown.length > 0) {
    throw new TypeError(
      `Unknown fault field ${unknown.join(', ')}. The fields are ${FAULT_FIELDS.join(', ')}.`,
    )
  }

  const fault: EdgeFault = {}
  const {
    delayMs,
    status,
    rawBody,
    bodyStatus,
    emptyPrefetch,
    dropMboxes,
    notificationFailRate,
    times,
  } = value

  if (delayMs !== undefined) {
    fault.delayMs = requireInteger('delayMs', delayMs, 0, 600_000)
  }
  if (status !== undefined) {
    fault.status = requireInteger('status', status, 400, 599)
  }
  if (rawBody !== undefined) {
    if (typeof rawBody !== 'string') {
      throw new TypeError(
        `rawBody must be a string, got ${describeValue(rawBody)}.`,
      )
    }
    fault.rawBody = rawBody
  }
  if (bodyStatus !== undefined) {
    fault.bodyStatus = requireInteger('bodyStatus', bodyStatus, 100, 599)
  }
  if (emptyPrefetch !== undefined) {
    if (typeof emptyPrefetch !== 'boolean') {
      throw new TypeError(
        `emptyPrefetch must be true or false, got ${describeValue(emptyPrefetch)}.`,
      )
    }
    fault.emptyPrefetch = emptyPrefetch
  }
  if (dropMboxes !== undefined) {
    if (
      !Array.isArray(dropMboxes) ||
      !dropMboxes.every((name) => typeof name === 'string')
    ) {
      throw new TypeError(
        `dropMboxes must be an array of mbox names, got ${describeValue(dropMboxes)}.`,
      )
    }
    fault.dropMboxes = [...dropMboxes]
  }
  if (notificationFailRate !== undefined) {
    if (
      typeof notificationFailRate !== 'number' ||
      !(notificationFailRate >= 0 && notificationFailRate <= 1)
    ) {
      throw new TypeError(
        `notificationFailRate must be a number from 0 to 1, got ${describeValue(notificationFailRate)}.`,
      )
    }
    fault.notificationFailRate = notificationFailRate
  }
  if (times !== undefined) {
    fault.times = requireInteger('times', times, 1, Number.MAX_SAFE_INTEGER)
  }
  return fault
}

function requireInteger(
  field: string,
  value: unknown,
  min: number,
  max: number,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    const expected =
      field === 'status' || field === 'bodyStatus'
        ? 'an HTTP status'
        : 'an integer'
    throw new TypeError(
      `${field} must be ${expected} from ${min} to ${max}, got ${describeValue(value)}.`,
    )
  }
  return value
}
