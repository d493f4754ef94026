import { TargetError } from '../delivery/TargetError'
import type {
  DeliveryRequest,
  DeliveryResponse,
  Notification,
} from '../delivery/types'
import { createId } from '../visitor/createVisitor'
import type { ClientCore, TargetClient, TargetResult } from './types'
import { notificationProblem } from './validation'

function toResult(
  request: DeliveryRequest,
  response: DeliveryResponse,
  cookies: ReturnType<TargetClient['visitor']['cookies']>,
): TargetResult {
  const mboxes = [
    ...(response.prefetch?.mboxes ?? []),
    ...(response.execute?.mboxes ?? []),
  ]
  return {
    request,
    response,
    targetCookie: cookies[0]!,
    targetLocationHintCookie: cookies[1],
    responseTokens: mboxes.flatMap((mbox) =>
      (mbox.options ?? []).flatMap((option) =>
        option.responseTokens ? [option.responseTokens] : [],
      ),
    ),
  }
}

/**
 * Returns the client with Adobe's SDK verbs, `getOffers` and
 * `sendNotifications`, over the core's visitor, endpoint and queue. The
 * client inherits everything else from the core, so both see the same
 * state. Kept apart so that an app using only the components does not
 * bundle the verbs and their validation.
 *
 * @example
 * ```ts
 * const client = withDeliveryVerbs(createClientCore({ clientCode: 'acme' }))
 * const { response } = await client.getOffers({
 *   request: { prefetch: { mboxes: [{ index: 0, name: 'home-hero' }] } },
 * })
 * ```
 */
export function withDeliveryVerbs(core: ClientCore): TargetClient {
  const { visitor } = core
  const client: TargetClient = Object.create(core)

  client.getOffers = async ({ request, sessionId, customerIds }) => {
    const base = core.baseRequest()
    const full: DeliveryRequest = {
      ...base,
      ...request,
      context: request.context ?? base.context,
    }
    if (customerIds?.length || base.id) {
      full.id = { ...base.id, ...request.id }
      if (customerIds?.length) {
        full.id.customerIds = [...(full.id.customerIds ?? []), ...customerIds]
      }
    }
    const response = await core.post(full, sessionId)
    return toResult(full, response, visitor.cookies())
  }

  client.sendNotifications = async ({ request }) => {
    const given: unknown = request?.notifications
    if (!Array.isArray(given)) {
      throw new TargetError(
        'invalid',
        'sendNotifications needs request.notifications, an array of notifications',
      )
    }
    const notifications: Notification[] = given.map((n: Notification) =>
      n && typeof n === 'object' ? { ...n, id: n.id || createId() } : n,
    )
    const ids = notifications.map((n) => n?.id)
    const problems = notifications.flatMap((n) => notificationProblem(n) ?? [])
    if (new Set(ids).size !== ids.length) {
      problems.push('two notifications share an id')
    }
    if (problems.length) {
      // One bad notification makes Target reject the whole request, so
      // none of this call's notifications is sent.
      throw new TargetError(
        'invalid',
        `sendNotifications sent nothing: ${problems.join('; ')}`,
      )
    }
    await Promise.all(notifications.map((n) => core.enqueue(n)))
    const sent = { ...core.baseRequest(), notifications }
    const response: DeliveryResponse = {
      status: 200,
      notifications: notifications.map(({ id }) => ({ id })),
    }
    return toResult(sent, response, visitor.cookies())
  }

  return client
}
