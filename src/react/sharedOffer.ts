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
  const build = () =>
    toOffer<TContent>(mbox, typeList.split(',') as RenderedType[])
  if (!mbox || typeof mbox !== 'object') return build()
  let byTypes = offersByMbox.get(mbox)
  if (!byTypes) {
    byTypes = new Map()
    offersByMbox.set(mbox, byTypes)
  }
  if (!byTypes.has(typeList)) byTypes.set(typeList, build())
  return byTypes.get(typeList) as TargetOffer<TContent> | undefined
}
