import { useEffect, useState } from 'react'
import { createClientCore } from '../core/createClientCore'
import type { TargetServerState } from '../core/TargetServerState'
import type { ClientCore, TargetConfig } from '../core/types'
import { warnOnce } from '../core/warnOnce'
import { visitorOptionsFromCookies } from '../visitor/visitorOptionsFromCookies'

/**
 * Creates the provider's client once. With server state, the client
 * continues as the visitor the server prefetched for and writes that
 * visitor's cookies once mounted, because a React Server Component cannot
 * set cookies on its response. Only the first render's server state
 * chooses the visitor.
 */
export function useProviderClient(
  config: TargetConfig,
  serverState: TargetServerState | undefined,
): ClientCore {
  const [client] = useState(() =>
    createClientCore(
      config,
      serverState
        ? { visitor: visitorOptionsFromCookies(serverState.cookies) }
        : {},
    ),
  )
  const [continuesServerVisitor] = useState(serverState !== undefined)

  useEffect(() => {
    if (continuesServerVisitor) client.visitor.writeCookies()
  }, [client, continuesServerVisitor])

  if (
    process.env.NODE_ENV !== 'production' &&
    serverState &&
    serverState.clientCode !== config.clientCode
  ) {
    warnOnce(
      `server-state-client-code:${serverState.clientCode}`,
      `serverState was prefetched for client code "${serverState.clientCode}", but <TargetProvider clientCode="${config.clientCode}"> uses another, so the browser requests every offer again. Pass the same clientCode to prefetchTargetOffers and TargetProvider.`,
    )
  }
  return client
}
