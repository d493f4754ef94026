import { checkMboxName } from './checkMboxName'
import { describeValue } from './describeValue'
import { isPlainObject } from './isPlainObject'

/** Target's limits on a delivery request, from its Delivery API reference. */
const MAX_MBOXES = 50
const MAX_PARAMETERS = 50
const MAX_PARAMETER_NAME_LENGTH = 128
const MAX_PARAMETER_VALUE_LENGTH = 5000
/** Names Target reserves for order details, which have their own field. */
const RESERVED_MBOX_PARAMETERS = [
  'orderId',
  'orderTotal',
  'productPurchasedIds',
]

/**
 * Checks the parts of a delivery request body that Target validates, apart
 * from the notifications: `context` with a `channel`, and the prefetch and
 * execute mboxes with their parameters. Returns a message naming the first
 * problem, or undefined when the body is valid, so the body can be treated
 * as a DeliveryRequest.
 *
 * @example
 * ```ts
 * const problem = validateDeliveryRequest(JSON.parse(text))
 * if (problem) return { status: 400, json: { status: 400, message: problem } }
 * ```
 */
export function validateDeliveryRequest(body: unknown): string | undefined {
  if (!isPlainObject(body)) {
    return 'The request body must be a JSON object (a Delivery API request).'
  }
  if (!isPlainObject(body.context)) {
    return 'context is missing. Every delivery request needs one, such as { "channel": "web" }.'
  }
  const { channel } = body.context
  if (channel !== 'web' && channel !== 'mobile') {
    return `context.channel must be "web" or "mobile", got ${describeValue(channel)}.`
  }
  if (body.id !== undefined && !isPlainObject(body.id)) {
    return 'id must be an object of visitor ids, such as { "tntId": "..." }.'
  }
  if (body.notifications !== undefined && !Array.isArray(body.notifications)) {
    return 'notifications must be an array.'
  }

  let mboxCount = 0
  for (const mode of ['prefetch', 'execute'] as const) {
    const section = body[mode]
    if (section === undefined) continue
    if (!isPlainObject(section)) return `${mode} must be an object.`
    if (section.mboxes === undefined) continue
    if (!Array.isArray(section.mboxes))
      return `${mode}.mboxes must be an array.`

    const problem = checkMboxes(section.mboxes, `${mode}.mboxes`)
    if (problem) return problem
    mboxCount += section.mboxes.length
  }
  if (mboxCount > MAX_MBOXES) {
    return `The request has ${mboxCount} prefetch and execute mboxes, over Target's maximum of ${MAX_MBOXES}. Split it into several requests.`
  }
  return undefined
}

function checkMboxes(mboxes: unknown[], path: string): string | undefined {
  const indexes = new Set<number>()
  for (const [position, mbox] of mboxes.entries()) {
    const where = `${path}[${position}]`
    if (!isPlainObject(mbox)) return `${where} must be an object.`

    const nameProblem = checkMboxName(mbox.name)
    if (nameProblem) return `${where}: ${nameProblem}`

    const { index } = mbox
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      return `${where} (${mbox.name}): index must be an integer, got ${describeValue(index)}.`
    }
    if (indexes.has(index)) {
      return `${where} (${mbox.name}): index ${index} is used twice in ${path}. Give each mbox its own index, which the response uses to match it.`
    }
    indexes.add(index)

    for (const field of ['parameters', 'profileParameters'] as const) {
      const problem = checkParameters(mbox[field], field === 'parameters')
      if (problem) return `${where} (${mbox.name}): ${field} ${problem}`
    }
  }
  return undefined
}

function checkParameters(
  parameters: unknown,
  isMboxParameters: boolean,
): string | undefined {
  if (parameters === undefined) return undefined
  if (!isPlainObject(parameters)) {
    return 'must be an object of string values.'
  }

  const entries = Object.entries(parameters)
  if (entries.length > MAX_PARAMETERS) {
    return `has ${entries.length} entries, over the maximum of ${MAX_PARAMETERS}.`
  }
  for (const [name, value] of entries) {
    if (name.trim() === '') return 'has a blank name.'
    if (name.length > MAX_PARAMETER_NAME_LENGTH) {
      return `name "${name.slice(0, 40)}…" is ${name.length} characters long, over the maximum of ${MAX_PARAMETER_NAME_LENGTH}.`
    }
    if (name.startsWith('profile.')) {
      return `name "${name}" must not start with "profile.". Send profile attributes in profileParameters without the prefix.`
    }
    if (isMboxParameters && RESERVED_MBOX_PARAMETERS.includes(name)) {
      return `name "${name}" is reserved. Send order details in the mbox's order field.`
    }
    // Target's reference types values as strings. This edge also accepts
    // numbers and booleans, which Adobe's decisioning engine test suites
    // send and the engine reads.
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      return `"${name}" must be a string, got ${describeValue(value)}.`
    }
    const { length } = String(value)
    if (length > MAX_PARAMETER_VALUE_LENGTH) {
      return `"${name}" is ${length} characters long, over the maximum of ${MAX_PARAMETER_VALUE_LENGTH}.`
    }
  }
  return undefined
}
