// Target rejects a whole request for one bad mbox, parameter or
// notification, so bad input is caught here: what can be kept is kept,
// the rest is dropped with a development message that names the fix.
import type { MboxParameters, Notification } from '../delivery/types'
import { warnOnce } from './warnOnce'

/** Limits Target's Delivery API enforces. */
const MAX_NAME_LENGTH = 250
const MAX_PARAMETERS = 50
const MAX_PARAMETER_NAME_LENGTH = 128
const MAX_PARAMETER_VALUE_LENGTH = 5000
const MAX_NOTIFICATION_ID_LENGTH = 200

/** Returns why Target would refuse an mbox name, or undefined if it is valid. */
export function mboxNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') {
    return 'an mbox name must be a non-empty string'
  }
  if (name.length > MAX_NAME_LENGTH) {
    return `mbox name "${name.slice(0, 40)}…" is ${name.length} characters; Target allows at most ${MAX_NAME_LENGTH}`
  }
  if (name.endsWith('-clicked')) {
    return `mbox name "${name}" ends in "-clicked", which Target reserves for click tracking; rename the mbox`
  }
  return undefined
}

/**
 * Returns the parameters Target accepts, dropping or converting the rest:
 * numbers and booleans become strings; other values, names over 128
 * characters, values over 5,000 characters, `profile.` names outside
 * `profileParameters`, and entries past the 50th are dropped.
 */
export function cleanParameters(
  parameters: Record<string, unknown> | undefined,
  field: 'parameters' | 'profileParameters',
  mbox: string,
): MboxParameters | undefined {
  if (!parameters) return undefined
  const clean: MboxParameters = {}
  let count = 0
  for (const [key, value] of Object.entries(parameters)) {
    const convertible = typeof value === 'number' || typeof value === 'boolean'
    if (typeof value !== 'string' && !convertible) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce(
          `parameter-type:${field}.${key}:${mbox}`,
          `${field}.${key} of mbox "${mbox}" is ${value === null ? 'null' : `a ${typeof value}`}, and Target takes only strings, so it was left out. Convert it to a string.`,
        )
      continue
    }
    const text = String(value)
    if (process.env.NODE_ENV !== 'production' && convertible)
      warnOnce(
        `parameter-type:${field}.${key}:${mbox}`,
        `${field}.${key} of mbox "${mbox}" is a ${typeof value}; it was sent as the string "${text}". Pass strings to say so explicitly.`,
      )
    if (
      key.length > MAX_PARAMETER_NAME_LENGTH ||
      text.length > MAX_PARAMETER_VALUE_LENGTH ||
      (field === 'parameters' && key.startsWith('profile.')) ||
      count >= MAX_PARAMETERS
    ) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce(
          `parameter:${field}.${key}:${mbox}`,
          `${field}.${key} of mbox "${mbox}" was left out: ${parameterProblem(key, text, field)}.`,
        )
      continue
    }
    clean[key] = text
    count++
  }
  return count ? clean : undefined
}

// Only development messages call this, so production bundles drop it.
function parameterProblem(key: string, text: string, field: string) {
  if (key.length > MAX_PARAMETER_NAME_LENGTH) {
    return `its name is over ${MAX_PARAMETER_NAME_LENGTH} characters`
  }
  if (text.length > MAX_PARAMETER_VALUE_LENGTH) {
    return `its value is ${text.length} characters, over Target's ${MAX_PARAMETER_VALUE_LENGTH}`
  }
  if (field === 'parameters' && key.startsWith('profile.')) {
    return 'names starting "profile." belong in profileParameters, without the prefix'
  }
  return `Target takes at most ${MAX_PARAMETERS} per map`
}

/** Returns why Target would reject a notification, or undefined if valid. */
export function notificationProblem(
  notification: Partial<Notification>,
): string | undefined {
  if (!notification || typeof notification !== 'object') {
    return 'each notification must be an object'
  }
  const { id, type, timestamp, impressionId, mbox, tokens } = notification
  if (typeof id !== 'string' || !id || id.length > MAX_NOTIFICATION_ID_LENGTH) {
    return `id must be a string of 1 to ${MAX_NOTIFICATION_ID_LENGTH} characters`
  }
  if (type !== 'display' && type !== 'click') {
    return `notification "${id}": type must be "display" or "click"`
  }
  // Ten digits are seconds and sixteen microseconds; Target wants
  // milliseconds, thirteen digits until the year 2286.
  if (
    !Number.isInteger(timestamp) ||
    (timestamp as number) < 1e11 ||
    (timestamp as number) >= 1e13
  ) {
    return `notification "${id}": timestamp must be epoch milliseconds, e.g. Date.now()`
  }
  if (
    impressionId !== undefined &&
    (typeof impressionId !== 'string' || impressionId.length > 128)
  ) {
    return `notification "${id}": impressionId must be a string of at most 128 characters`
  }
  if (mbox?.state !== undefined && typeof mbox.state !== 'string') {
    return `notification "${id}": mbox.state must be the string Target returned`
  }
  const nameProblem = mboxNameProblem(mbox?.name)
  if (nameProblem) return `notification "${id}": ${nameProblem}`
  if (
    !Array.isArray(tokens) ||
    !tokens.length ||
    tokens.some((token) => typeof token !== 'string' || !token)
  ) {
    return `notification "${id}": tokens must be a non-empty array of event tokens`
  }
  return undefined
}
