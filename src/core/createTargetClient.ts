import { createClientCore, type TargetClientOptions } from './createClientCore'
import type { TargetClient, TargetConfig } from './types'
import { withDeliveryVerbs } from './withDeliveryVerbs'

/**
 * Creates a complete Target client outside React: the core of
 * `createClientCore` with Adobe's SDK verbs `getOffers` and
 * `sendNotifications` added by `withDeliveryVerbs`.
 *
 * @example
 * ```ts
 * const client = createTargetClient({ clientCode: 'acme' })
 * const { response } = await client.getOffers({
 *   request: { prefetch: { mboxes: [{ index: 0, name: 'home-hero' }] } },
 * })
 * ```
 */
export function createTargetClient(
  config: TargetConfig,
  options: TargetClientOptions = {},
): TargetClient {
  return withDeliveryVerbs(createClientCore(config, options))
}
