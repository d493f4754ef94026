import type { ClientCore, TargetClient } from '../core/types'
import { withDeliveryVerbs } from '../core/withDeliveryVerbs'
import { useTargetContext } from './TargetContext'

/**
 * Returns the provider's Target client, for what `TargetMbox` does not
 * cover: content rendered elsewhere, or a notification of your own. Its
 * `getOffers` and `sendNotifications` take Delivery API requests, as
 * Adobe's Target SDKs do, and share the components' visitor and queue.
 *
 * @example
 * ```tsx
 * const target = useTarget()
 * const { response } = await target.getOffers({
 *   request: { execute: { mboxes: [{ index: 0, name: 'checkout' }] } },
 * })
 * ```
 */
export function useTarget(): TargetClient {
  const { client } = useTargetContext('useTarget')
  let full = clients.get(client)
  if (!full) {
    full = withDeliveryVerbs(client)
    clients.set(client, full)
  }
  return full
}

// One client per provider, so that every call returns the same object.
const clients = new WeakMap<ClientCore, TargetClient>()
