import { useCallback } from 'react'
import type { PrefetchMboxResponse } from '../delivery/types'
import { mboxQueryKey } from '../core/mboxQueryKey'
import { warnOnce } from '../core/warnOnce'
import { useTargetContext } from './TargetContext'

/**
 * Returns a stable callback that reports a click on an mbox to Target,
 * with the event tokens of the mbox's click metrics. When Target has not
 * responded for the mbox yet, or its activity has no click metric, the
 * callback sends nothing and warns once in development.
 *
 * @example
 * ```tsx
 * const trackClick = useTargetClick('product-card')
 * return <button onClick={trackClick}>Add to cart</button>
 * ```
 */
export function useTargetClick(name: string): () => void {
  const { client, queryClient } = useTargetContext('useTargetClick')
  return useCallback(() => {
    // The key's empty parameters match every parameter set, and any of
    // those responses will do, because click metrics belong to the mbox.
    const responses = queryClient.getQueriesData<PrefetchMboxResponse | null>({
      queryKey: mboxQueryKey(client.config.clientCode, name),
    })
    const mbox = responses.find(([, data]) => data)?.[1]
    if (!mbox) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce(
          `click-before-answer:${name}`,
          `useTargetClick("${name}") was called before Target responded for that mbox, so the click was not sent. Render <TargetMbox name="${name}"> or list it in <TargetProvider mboxes>.`,
        )
      return
    }
    client.reportClick(mbox)
  }, [client, queryClient, name])
}
