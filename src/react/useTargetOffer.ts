import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useMemo } from 'react'
import { useInView } from 'react-intersection-observer'
import { mboxQueryKey } from '../core/mboxQueryKey'
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
   * Identifies this placement for counting: one display per placement per
   * page view. Defaults to an id React keeps stable for this component.
   */
  placement?: string
  /**
   * Offer types the caller can show; an answer of another type counts as
   * no offer, and no display is reported for it. Defaults to html and json.
   */
  types?: readonly RenderedType[]
}

const ALL_TYPES: readonly RenderedType[] = ['html', 'json']

/** What {@link useTargetOffer} returns. */
export interface UseTargetOfferResult<TContent> {
  /** Attach to the element that shows the offer; its visibility counts. */
  ref: (element?: Element | null) => void
  /** The offer to show, or undefined for default content. */
  offer: TargetOffer<TContent> | undefined
  /** `pending` until Target answers or the timeout passes. */
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
  const { client, queryClient, threshold } = useTargetContext('useTargetOffer')
  const { parameters, types = ALL_TYPES } = options
  const reactId = useId()
  const placement = options.placement ?? reactId

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
  const { ref, inView } = useInView({
    threshold: options.threshold ?? threshold,
    skip: !offer,
  })

  useEffect(() => {
    if (!inView || !offer || !mbox) return
    // The key holds the tokens, so a new offer in the same placement is a
    // new display, while Strict Mode's second effect run is not.
    client.reportDisplay(
      `${placement}|${offer.tokens.join(',')}`,
      mbox,
      offer.tokens,
    )
  }, [client, placement, inView, offer, mbox])

  return {
    ref,
    offer,
    status: query.status,
    error: query.error as TargetError | null,
  }
}
