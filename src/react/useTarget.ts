import type { TargetClient } from '../core/types'
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
  return useTargetContext('useTarget').client
}
