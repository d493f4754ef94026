import type { QueryCache } from '@tanstack/react-query'

// The routing tables die with their cache: the cache's own listener is the
// only other path to them.
const routesByCache = new WeakMap<QueryCache, Map<string, Set<() => void>>>()

/**
 * Calls `listener` whenever the query with hash `queryHash` changes, and
 * returns the function that stops it. Every mbox listens this way instead
 * of through a QueryObserver, which costs more to create than the rest of
 * an mbox. One subscription per cache routes each event to the listeners
 * of its query alone, so a page of 1,000 mboxes does not call 1,000
 * listeners for every change.
 *
 * @example
 * ```ts
 * const stop = subscribeToQuery(queryClient.getQueryCache(), hash, () =>
 *   console.log(queryClient.getQueryCache().get(hash)?.state.status),
 * )
 * ```
 */
export function subscribeToQuery(
  cache: QueryCache,
  queryHash: string,
  listener: () => void,
): () => void {
  let routes = routesByCache.get(cache)
  if (!routes) {
    const created = new Map<string, Set<() => void>>()
    cache.subscribe((event) => {
      // An mbox adds its query while it renders, so passing `added` on
      // would update other components during that render. Listeners miss
      // nothing: a query is added before any mbox of it has rendered, or
      // after its removal, which already notified them.
      if (event.type === 'added') return
      created.get(event.query.queryHash)?.forEach((notify) => notify())
    })
    routesByCache.set(cache, created)
    routes = created
  }
  const forQuery = routes.get(queryHash) ?? new Set()
  routes.set(queryHash, forQuery.add(listener))
  return () => {
    forQuery.delete(listener)
    if (!forQuery.size && routes.get(queryHash) === forQuery) {
      routes.delete(queryHash)
    }
  }
}
