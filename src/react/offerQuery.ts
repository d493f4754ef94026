import { mboxQueryKey } from '../core/mboxQueryKey'
import type { TargetClient } from '../core/types'
import type { MboxParameters } from '../delivery/types'

/**
 * Builds the react-query options of one mbox's offer. The provider's
 * prefetch and every mbox use them, so they share one cache entry and
 * one request.
 *
 * A response is valid for the page view, so it is never refetched on
 * focus, reconnect or remount, and a failure is not retried because the
 * timeout has already passed and defaults show.
 *
 * @example
 * ```ts
 * void queryClient.prefetchQuery(offerQuery(client, 'home-hero'))
 * ```
 */
export function offerQuery(
  client: TargetClient,
  name: string,
  parameters?: MboxParameters,
) {
  return {
    queryKey: mboxQueryKey(client.config.clientCode, name, parameters),
    queryFn: () => client.prefetchMbox(name, parameters),
    // An app's QueryClient defaults must not change how offers load. An
    // error shows default content instead of reaching an error boundary.
    // The request goes out offline too, so that its timeout ends the wait
    // instead of a paused query hiding the mbox for good.
    enabled: true,
    throwOnError: false,
    networkMode: 'always',
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  } as const
}
