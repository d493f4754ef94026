import type { DehydratedState } from '@tanstack/react-query'
import type { TargetCookie } from '../visitor/createVisitor'

/**
 * What a server hands to the browser after prefetching offers: Target's
 * response for each mbox, and the visitor. `prefetchTargetOffers` from
 * `react-adobe-target/server` creates it, and `<TargetProvider
 * serverState>` takes it. It is plain JSON, so it can cross from a React
 * Server Component to a client component, or be embedded in the page.
 *
 * @example
 * ```tsx
 * const serverState: TargetServerState = await prefetchTargetOffers({
 *   clientCode: 'acme',
 *   mboxes: ['home-hero'],
 *   url: 'https://www.example.com/',
 *   cookies: request.headers.cookie,
 * })
 * return <TargetProvider clientCode="acme" serverState={serverState} />
 * ```
 */
export interface TargetServerState {
  /** The client code the offers were prefetched for. */
  clientCode: string
  /**
   * React Query's dehydrated cache with one query per prefetched mbox. Its
   * data is the mbox from Target's response, or null when the response
   * left the mbox out or the request failed. Either way the browser shows
   * the default content without requesting the mbox again.
   */
  dehydratedState: DehydratedState
  /**
   * The visitor's `mbox` cookie and, once the edge cluster is known, its
   * `mboxEdgeCluster` cookie, with the session id and tntId the server
   * used. A server that can set cookies sends them as `Set-Cookie`; the
   * provider also writes them in the browser.
   */
  cookies: TargetCookie[]
}
