import {
  EDGE_CLUSTER_COOKIE,
  MBOX_COOKIE,
  type TargetCookie,
  type VisitorOptions,
} from './createVisitor'

/**
 * Returns the visitor options that continue as the visitor of these
 * cookies, instead of the one in `document.cookie`. A browser uses it for
 * the cookies a server prefetched with, which may not have reached
 * `document.cookie` yet.
 */
export function visitorOptionsFromCookies(
  cookies: readonly TargetCookie[],
): VisitorOptions {
  const valueOf = (name: string) =>
    cookies.find((cookie) => cookie.name === name)?.value
  return {
    mboxCookie: valueOf(MBOX_COOKIE),
    edgeClusterCookie: valueOf(EDGE_CLUSTER_COOKIE),
  }
}
