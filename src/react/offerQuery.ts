import { hashKey } from '@tanstack/react-query'
import { mboxQueryKey } from '../core/mboxQueryKey'
import type { ClientCore } from '../core/types'
import type { MboxParameters } from '../delivery/types'

// Options are shared by every mbox of a name without parameters, the
// common case, so that mounting 1,000 mboxes hashes each key once.
const sharedOptions = new WeakMap<ClientCore, Map<string, OfferQuery>>()

type OfferQuery = ReturnType<typeof buildOfferQuery>

/**
 * Returns the react-query options of one mbox's offer. The provider's
 * prefetch and every mbox use them, so they share one cache entry and
 * one request.
 *
 * A response is valid for the page view: it stays cached and is never
 * fetched again while it has data.
 *
 * @example
 * ```ts
 * void queryClient.prefetchQuery(offerQuery(client, 'home-hero'))
 * ```
 */
export function offerQuery(
  client: ClientCore,
  name: string,
  parameters?: MboxParameters,
): OfferQuery {
  if (parameters) return buildOfferQuery(client, name, parameters)
  let byName = sharedOptions.get(client)
  if (!byName) {
    byName = new Map()
    sharedOptions.set(client, byName)
  }
  const id = `${client.config.clientCode}|${name}`
  let shared = byName.get(id)
  if (!shared) {
    shared = buildOfferQuery(client, name)
    byName.set(id, shared)
  }
  return shared
}

function buildOfferQuery(
  client: ClientCore,
  name: string,
  parameters?: MboxParameters,
) {
  const queryKey = mboxQueryKey(client.config.clientCode, name, parameters)
  return {
    queryKey,
    // react-query's own hash, whatever queryKeyHashFn the app sets, so
    // the offers that the server dehydrated are found under it.
    queryHash: hashKey(queryKey),
    queryFn: () => client.prefetchMbox(name, parameters),
    // Offers have no QueryObserver, so only the fetch and cache options
    // apply, and the app's defaults must not change them. The request goes
    // out offline too, so that its timeout ends the wait. A failure is not
    // retried, because the timeout has passed and defaults show.
    networkMode: 'always',
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
  } as const
}
