import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { useInView } from 'react-intersection-observer'
import { mboxQueryKey } from '../core/mboxQueryKey'
import { warnOnce } from '../core/warnOnce'
import { toOffer, type RenderedType, type TargetOffer } from '../core/toOffer'
import type { TargetError } from '../delivery/TargetError'
import type { MboxParameters } from '../delivery/types'
import { offerQueryOptions } from './offerQueryOptions'
import { useTargetContext } from './TargetContext'

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

  const query = useQuery(
    {
      queryKey: mboxQueryKey(client.config.clientCode, name, parameters),
      queryFn: () => client.prefetchMbox(name, parameters),
      ...offerQueryOptions,
    },
    queryClient,
  )
  const mbox = query.data
  const typeList = types.join()
  const offer = useMemo(
    () => toOffer<TContent>(mbox, typeList.split(',') as RenderedType[]),
    [mbox, typeList],
  )
  // An element larger than the viewport can never show `threshold` of
  // itself, so the share counts of the largest part that fits in the
  // viewport instead. Observing at 0 as well delivers an entry as soon as
  // the element enters, with both sizes, so nothing forces a layout; only
  // elements in view keep an entry, and so a reference to their node.
  const [fit, setFit] = useState(1)
  const threshold = validThreshold(options.threshold ?? context.threshold) * fit
  const { ref, entry } = useInView({ threshold: [0, threshold], skip: !offer })
  const inView = !!entry?.isIntersecting && entry.intersectionRatio >= threshold
  useEffect(() => {
    if (!entry?.rootBounds) return
    const { width, height } = entry.boundingClientRect
    const root = entry.rootBounds
    setFit(
      Math.min(1, root.height / height || 1) *
        Math.min(1, root.width / width || 1),
    )
  }, [entry])

  useEffect(
    () => client.mountPlacement(name, placement),
    [client, name, placement],
  )

  useEffect(() => {
    if (!offer || !mbox) return
    // The key names the page view, placement and offer, so a new offer or
    // page view is a new display, while a re-render, a remount or Strict
    // Mode's second effect run is not.
    const key = `${pageView}|${name}|${placement}|${offer.tokens.join(',')}`
    const report = () => client.reportDisplay(key, mbox, offer.tokens)
    if (inView && minViewTime <= 0) return report()
    // Leaving the viewport runs the cleanup, which cancels the timer.
    const timer = inView ? setTimeout(report, minViewTime) : undefined
    const release = client.holdDisplay(
      key,
      name,
      inView
        ? () => {
            clearTimeout(timer)
            report()
          }
        : undefined,
    )
    return () => {
      clearTimeout(timer)
      release()
    }
  }, [client, pageView, placement, minViewTime, inView, offer, mbox, name])

  return {
    ref,
    offer,
    status: query.status,
    error: query.error as TargetError | null,
  }
}
