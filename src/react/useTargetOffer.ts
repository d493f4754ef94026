import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react'
import { warnOnce } from '../core/warnOnce'
import type { RenderedType, TargetOffer } from '../core/toOffer'
import type { TargetError } from '../delivery/TargetError'
import type { MboxParameters, PrefetchMboxResponse } from '../delivery/types'
import { offerQuery } from './offerQuery'
import { sharedOffer } from './sharedOffer'
import { subscribeToQuery } from './subscribeToQuery'
import { useTargetContext } from './TargetContext'
import { watchDisplay, type DisplayWatch } from './watchDisplay'

/** Options of {@link useTargetOffer}. */
export interface UseTargetOfferOptions {
  /** Parameters for this mbox, merged over the provider's. */
  parameters?: MboxParameters
  /**
   * Share of the element that must be in view before the display is
   * reported, from 0 to 1. Defaults to the provider's `threshold` (0.5).
   */
  threshold?: number
  /**
   * Minimum time in milliseconds the element must stay in view, without
   * a break, before the display counts. Defaults to the provider's
   * `minViewTime` (0: counts at once).
   */
  minViewTime?: number
  /**
   * Identifies this placement for counting: one display per placement,
   * offer and page view, however often it re-renders or remounts. Defaults
   * to the mbox name; give each a name when one mbox shows in two places.
   */
  placement?: string
  /**
   * Offer types the caller can show; a response of another type counts as
   * no offer, and no display is reported for it. Defaults to html and json.
   */
  types?: readonly RenderedType[]
}

// IntersectionObserver throws for a threshold outside 0 to 1, which would
// unmount the page; such a value falls back to the default instead.
function validThreshold(threshold: number) {
  if (threshold >= 0 && threshold <= 1) return threshold
  if (process.env.NODE_ENV !== 'production')
    warnOnce(
      `threshold:${threshold}`,
      `threshold must be a number from 0 to 1, got ${threshold}; 0.5 is used.`,
    )
  return 0.5
}

const ALL_TYPES: readonly RenderedType[] = ['html', 'json']

/** Result of {@link useTargetOffer}. */
export interface UseTargetOfferResult<TContent> {
  /** Attach to the element that shows the offer; its visibility counts. */
  ref: (element?: Element | null) => void
  /** The offer to show, or undefined for default content. */
  offer: TargetOffer<TContent> | undefined
  /** `pending` until Target responds or the timeout passes. */
  status: 'pending' | 'success' | 'error'
  error: TargetError | null
}

/**
 * Reads one mbox's offer and reports its display once when the element
 * behind `ref` is seen. Use it to render an offer your own way; mboxes
 * mounted in the same render share one request.
 *
 * @example
 * ```tsx
 * function Card() {
 *   const { ref, offer, status } = useTargetOffer<CardContent>('product-card')
 *   if (status === 'pending') return <CardSkeleton />
 *   return <div ref={ref}>{offer ? offer.content.title : 'Our bestseller'}</div>
 * }
 * ```
 */
export function useTargetOffer<TContent = unknown>(
  name: string,
  options: UseTargetOfferOptions = {},
): UseTargetOfferResult<TContent> {
  const context = useTargetContext('useTargetOffer')
  const { client, queryClient, pageView } = context
  const { parameters, types = ALL_TYPES, placement = name } = options
  const minViewTime = options.minViewTime ?? context.minViewTime
  const threshold = validThreshold(options.threshold ?? context.threshold)

  // The offer lives in react-query's cache, and mboxes of one commit
  // share a request. The component reads the query's state directly:
  // a QueryObserver per mbox cost more than everything else it does.
  const cache = queryClient.getQueryCache()
  const queryOptions = offerQuery(client, name, parameters)
  const query = cache.build(queryClient, queryOptions)
  const { queryHash } = query
  const subscribe = useCallback(
    (onChange: () => void) => subscribeToQuery(cache, queryHash, onChange),
    [cache, queryHash],
  )
  // The snapshot keeps its identity until a field the mbox reads changes,
  // so the start of a fetch does not re-render every mbox of the query.
  // A fetch that ends with neither data nor error (cancelled, or its query
  // reset or removed) does re-render, so that the effect below fetches
  // again. A removed query reads as pending, and the render builds anew.
  const seen = useRef<SeenState>({ fetching: false })
  const readSnapshot = (): OfferSnapshot => {
    const current = cache.get<MboxData, TargetError>(queryHash)?.state
    const { data, status, error } = current ?? PENDING
    const fetching = current?.fetchStatus === 'fetching'
    const endedEmpty =
      seen.current.fetching && !fetching && status === 'pending'
    seen.current.fetching = fetching
    const last = seen.current.snapshot
    if (
      last &&
      !endedEmpty &&
      last.data === data &&
      last.status === status &&
      last.error === error
    ) {
      return last
    }
    return (seen.current.snapshot = { data, status, error })
  }
  const state = useSyncExternalStore(subscribe, readSnapshot, readSnapshot)

  useEffect(() => {
    // A pending query that is not fetching is fetched by the first of its
    // mboxes to get here, and the others find it fetching. A failed query
    // is not fetched again: its timeout has passed and default content
    // shows, which a late offer would replace. The query's hash covers the
    // name and parameters, so this render's options fit it.
    const { status, fetchStatus } = query.state
    if (status === 'pending' && fetchStatus === 'idle') {
      void queryClient.prefetchQuery(queryOptions)
    }
    return client.mountPlacement(name, placement)
  }, [client, queryClient, query, state, name, placement])

  const mbox = state.data
  const typeList = types.join()
  const offer = sharedOffer<TContent>(mbox, typeList)

  // The key names the page view, placement and offer, so a new offer or
  // page view is a new display, while a re-render, a remount or Strict
  // Mode's second effect run is not.
  const key =
    offer && mbox
      ? `${pageView}|${name}|${placement}|${offer.tokens.join(',')}`
      : undefined
  const watched = useRef<WatchedElement>({ element: null, stop: () => {} })
  const ref = useCallback((node?: Element | null) => {
    const element = node ?? null
    if (element === watched.current.element) return
    watched.current.element = element
    rewatch(watched.current)
  }, [])

  useEffect(() => {
    if (!key || !mbox || !offer) return
    const current = watched.current
    current.watch = {
      client,
      key,
      mbox,
      tokens: offer.tokens,
      threshold,
      minViewTime,
    }
    rewatch(current)
    return () => {
      current.watch = undefined
      rewatch(current)
    }
  }, [client, key, mbox, offer, threshold, minViewTime])

  return {
    ref,
    offer,
    status: state.status,
    error: state.error,
  }
}

type MboxData = PrefetchMboxResponse | null

/** The last snapshot an mbox read of its query, and whether it was fetching. */
interface SeenState {
  snapshot?: OfferSnapshot
  fetching: boolean
}

/** The fields of its query's state that an mbox reads. */
interface OfferSnapshot {
  data: MboxData | undefined
  status: 'pending' | 'success' | 'error'
  error: TargetError | null
}

/** The element behind an mbox's ref, and the display it waits to report. */
interface WatchedElement {
  element: Element | null
  watch?: DisplayWatch
  stop: () => void
}

/** Stops the current watch, then watches the element if both are set. */
function rewatch(watched: WatchedElement) {
  watched.stop()
  watched.stop =
    watched.element && watched.watch
      ? watchDisplay(watched.element, watched.watch)
      : () => {}
}

const PENDING = { data: undefined, status: 'pending', error: null } as const
