import { QueryClient, dehydrate, hashKey } from '@tanstack/react-query'
import { createClientCore } from '../core/createClientCore'
import { mboxQueryKey } from '../core/mboxQueryKey'
import type { TargetServerState } from '../core/TargetServerState'
import type { TargetConfig } from '../core/types'
import { warnOnce } from '../core/warnOnce'
import type { TargetError } from '../delivery/TargetError'
import type { DeliveryContext, MboxParameters } from '../delivery/types'
import { EDGE_CLUSTER_COOKIE, MBOX_COOKIE } from '../visitor/createVisitor'
import { readRequestCookie, type RequestCookies } from './readRequestCookie'

/** One mbox to prefetch on the server. */
export interface ServerMbox {
  /** The mbox name, as the page's `<TargetMbox name>`. */
  name: string
  /**
   * The same parameters as the page's `<TargetMbox parameters>`. They are
   * part of the cache key, so the browser uses this response only when
   * they match. Defaults to none.
   */
  parameters?: MboxParameters
}

/** Options of {@link prefetchTargetOffers}. */
export interface PrefetchTargetOffersOptions extends TargetConfig {
  /** The mboxes the page renders, as names or with their parameters. */
  mboxes: ReadonlyArray<string | ServerMbox>
  /** Full URL of the page being rendered, sent as `context.address.url`. */
  url: string
  /** The request's `User-Agent` header. Defaults to none. */
  userAgent?: string
  /** The request's `Referer` header. Defaults to none. */
  referringUrl?: string
  /**
   * The request's cookies, to continue as the visitor of its `mbox` and
   * `mboxEdgeCluster` cookies: the `Cookie` header, or a function that
   * returns a cookie's value by name. Defaults to none: a new visitor.
   */
  cookies?: RequestCookies
}

/**
 * Prefetches the offers of a page on the server, in one Delivery API
 * request per 50 mboxes, and returns the state to hand to
 * `<TargetProvider serverState>` together with the visitor's cookies.
 * Nothing is reported to Target: displays and clicks are sent by the
 * browser, when the visitor views and clicks the offers.
 *
 * It never rejects because of Target. On a timeout, a network error or an
 * error response it calls `onError` (or warns once in development), and
 * every mbox of the failed request gets null, so the server and the
 * browser both render the default content. It rejects only for invalid
 * options. It loads no Node built-in module, only `fetch` and Web Crypto,
 * so edge runtimes can run it as well as Node 20.
 *
 * @example
 * ```tsx
 * // A Next.js App Router page (a Server Component):
 * const cookieStore = await cookies()
 * const serverState = await prefetchTargetOffers({
 *   clientCode: 'acme',
 *   mboxes: ['home-hero', { name: 'product-card', parameters: { sku: '42' } }],
 *   url: 'https://www.example.com/',
 *   userAgent: (await headers()).get('user-agent') ?? undefined,
 *   cookies: (name) => cookieStore.get(name)?.value,
 * })
 * return <Offers serverState={serverState} />
 * ```
 */
export async function prefetchTargetOffers(
  options: PrefetchTargetOffersOptions,
): Promise<TargetServerState> {
  const { mboxes, url, userAgent, referringUrl, cookies, ...config } = options
  validateOptions(mboxes, url)
  const client = createClientCore(
    { ...config, onError: config.onError ?? warnOfFailure },
    {
      visitor: {
        mboxCookie: readRequestCookie(cookies, MBOX_COOKIE),
        edgeClusterCookie: readRequestCookie(cookies, EDGE_CLUSTER_COOKIE),
        writeDocumentCookie: false,
      },
      context: requestContext(url, userAgent, referringUrl),
    },
  )

  // Never mounted, and cleared once dehydrated, so it leaves no timers.
  const queryClient = new QueryClient()
  // Every queryFn is called in this tick, so the client's batcher sends
  // the mboxes in one request.
  await Promise.all(
    uniqueMboxes(mboxes).map(({ name, parameters }) =>
      queryClient.prefetchQuery({
        queryKey: mboxQueryKey(config.clientCode, name, parameters),
        // The client has already passed the error to onError. Null makes
        // the browser render the default content without requesting again.
        queryFn: () => client.prefetchMbox(name, parameters).catch(() => null),
        retry: false,
      }),
    ),
  )
  const dehydratedState = dehydrate(queryClient)
  queryClient.clear()

  return {
    clientCode: config.clientCode,
    dehydratedState,
    cookies: client.visitor.cookies(),
  }
}

function validateOptions(mboxes: unknown, url: unknown): void {
  if (!Array.isArray(mboxes)) {
    throw new TypeError(
      `[react-adobe-target] prefetchTargetOffers: mboxes must be an array of mbox names or { name, parameters } objects, got ${typeof mboxes}.`,
    )
  }
  if (typeof url !== 'string' || url === '') {
    throw new TypeError(
      '[react-adobe-target] prefetchTargetOffers: url is missing. Pass the full URL of the page being rendered, e.g. https://www.example.com/products.',
    )
  }
  if (!/^https?:\/\/[^/\s]/i.test(url)) {
    throw new TypeError(
      `[react-adobe-target] prefetchTargetOffers: url "${url}" is not an http or https URL. Pass the full URL of the page being rendered, e.g. https://www.example.com/products.`,
    )
  }
}

function requestContext(
  url: string,
  userAgent: string | undefined,
  referringUrl: string | undefined,
): Partial<DeliveryContext> {
  return {
    channel: 'web',
    address: { url, ...(referringUrl ? { referringUrl } : {}) },
    ...(userAgent ? { userAgent } : {}),
  }
}

/** Drops repeated mboxes: the same name and parameters share a response. */
function uniqueMboxes(
  mboxes: ReadonlyArray<string | ServerMbox>,
): ServerMbox[] {
  const unique = new Map<string, ServerMbox>()
  for (const mbox of mboxes) {
    const entry = typeof mbox === 'string' ? { name: mbox } : mbox
    unique.set(hashKey([entry.name, entry.parameters ?? {}]), entry)
  }
  return [...unique.values()]
}

function warnOfFailure(error: TargetError): void {
  if (process.env.NODE_ENV !== 'production') {
    warnOnce(
      `server-prefetch-failed:${error.kind}`,
      `prefetchTargetOffers: ${error.message}. The page renders default content for the mboxes of that request. Pass onError to log every failure.`,
    )
  }
}
