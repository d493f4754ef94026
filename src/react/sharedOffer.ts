import { toOffer, type RenderedType, type TargetOffer } from '../core/toOffer'
import type { PrefetchMboxResponse } from '../delivery/types'

const offersByMbox = new WeakMap<
  PrefetchMboxResponse,
  Map<string, TargetOffer<unknown> | undefined>
>()

/**
 * Returns the offer of an mbox response for a comma-separated list of
 * types, built once per response and list. The mboxes of one name share
 * their response, so 1,000 of them build its offer once, and TargetMbox
 * can keep its cleaned HTML per offer too.
 *
 * @example
 * ```ts
 * const offer = sharedOffer<Card>(mbox, 'html,json')
 * ```
 */
export function sharedOffer<TContent>(
  mbox: PrefetchMboxResponse | null | undefined,
  typeList: string,
): TargetOffer<TContent> | undefined {
  const types = typeList.split(',') as RenderedType[]
  if (!mbox || typeof mbox !== 'object') return toOffer(mbox, types)
  const byTypes = offersByMbox.get(mbox) ?? new Map()
  offersByMbox.set(mbox, byTypes)
  if (!byTypes.has(typeList)) byTypes.set(typeList, toOffer(mbox, types))
  return byTypes.get(typeList) as TargetOffer<TContent> | undefined
}
