import {
  HydrationBoundary,
  QueryClient,
  QueryClientContext,
  type QueryClient as QueryClientType,
} from '@tanstack/react-query'
import { useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { TargetServerState } from '../core/TargetServerState'
import type { TargetConfig } from '../core/types'
import { validateClientCode } from '../core/validateClientCode'
import { warnOnce } from '../core/warnOnce'
import { TargetContext } from './TargetContext'
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect'
import { offerQuery } from './offerQuery'
import { useProviderClient } from './useProviderClient'

/** Props of {@link TargetProvider}. */
export interface TargetProviderProps extends TargetConfig {
  children?: ReactNode
  /** Mbox names to prefetch on mount, with the mounted ones. Defaults to none. */
  mboxes?: string[]
  /**
   * Share of an mbox that must be in view before its display is reported,
   * from 0 to 1. Defaults to 0.5. An mbox's own `threshold` wins.
   */
  threshold?: number
  /**
   * Minimum time in milliseconds an mbox must stay in view, without a
   * break, before its display counts; leaving sooner cancels it. Defaults
   * to 0, which counts as soon as `threshold` is reached.
   */
  minViewTime?: number
  /**
   * Names the page view. Each placement counts one display per page view,
   * so a single-page app passes something that changes with the route,
   * such as its path. Defaults to one page view for the provider's life.
   */
  pageView?: string
  /** Use this QueryClient instead of the surrounding or a private one. */
  queryClient?: QueryClientType
  /**
   * What `prefetchTargetOffers` from `react-adobe-target/server` returned
   * for this page. Its responses fill the cache before the first render, so
   * those mboxes render as on the server and send no request. The client
   * continues as its visitor and writes the visitor's cookies on mount;
   * only the first render's value chooses the visitor. Defaults to none.
   */
  serverState?: TargetServerState
}

/**
 * Provides Target to the components below it: one client with the
 * visitor, the prefetch batcher and the notification queue. It uses the
 * app's QueryClient when inside a `QueryClientProvider`, else its own.
 *
 * @example
 * ```tsx
 * <TargetProvider clientCode="acme" timeout={3000}>
 *   <App />
 * </TargetProvider>
 * ```
 */
export function TargetProvider({
  children,
  mboxes,
  threshold = 0.5,
  minViewTime = 0,
  pageView = '',
  queryClient: queryClientProp,
  serverState,
  ...config
}: TargetProviderProps) {
  validateClientCode(config.clientCode)
  const outerQueryClient = useContext(QueryClientContext)
  const [ownQueryClient] = useState(
    () => queryClientProp ?? outerQueryClient ?? new QueryClient(),
  )
  const queryClient = queryClientProp ?? outerQueryClient ?? ownQueryClient
  const client = useProviderClient(config, serverState)

  // Later props (a new timeout, new parameters) reach the client before
  // any effect below can start a request with the old ones.
  useIsomorphicLayoutEffect(() => {
    client.configure(config)
  })

  useEffect(() => client.connect(), [client])

  const names = [...new Set(mboxes)].join('\n')
  if (
    process.env.NODE_ENV !== 'production' &&
    mboxes &&
    new Set(mboxes).size !== mboxes.length
  ) {
    warnOnce(
      'duplicate-mboxes',
      `mboxes lists a name more than once (${mboxes.join(', ')}); each is requested once. Remove the repeats.`,
    )
  }
  useEffect(() => {
    if (!names) return
    for (const name of names.split('\n')) {
      void queryClient.prefetchQuery(offerQuery(client, name))
    }
  }, [client, queryClient, names])

  // Each change of pageView starts a new page view, a return to an earlier
  // value included, so the displays key on a count rather than the name.
  const [view, setView] = useState({ name: pageView, count: 0 })
  if (view.name !== pageView) setView({ name: pageView, count: view.count + 1 })
  const pageViewKey = String(view.count)

  const value = useMemo(
    () => ({
      client,
      queryClient,
      threshold,
      minViewTime,
      pageView: pageViewKey,
    }),
    [client, queryClient, threshold, minViewTime, pageViewKey],
  )
  return (
    <TargetContext.Provider value={value}>
      <HydrationBoundary
        state={serverState?.dehydratedState}
        queryClient={queryClient}
        options={HYDRATED_OFFERS}
      >
        {children}
      </HydrationBoundary>
    </TargetContext.Provider>
  )
}

// Hydrated offers are kept for the page view like fetched ones. Without
// this they would get react-query's default gcTime of five minutes,
// because no observer keeps them, and then be fetched and counted again.
const HYDRATED_OFFERS = { defaultOptions: { queries: { gcTime: Infinity } } }
