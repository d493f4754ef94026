import { cookies, headers } from 'next/headers'
import { prefetchTargetOffers } from 'react-adobe-target/server'
import { CLIENT_CODE, PAGE_MBOXES } from './mboxes'
import { ShopOffers } from './ShopOffers'

/**
 * Host and port of the Target edge, from `TARGET_EDGE_HOST`. It defaults
 * to the local edge of `npm run edge`. With Adobe's real edge you would
 * leave `serverDomain` out and keep `secure` on.
 */
const edgeHost = process.env.TARGET_EDGE_HOST || '127.0.0.1:9310'

/**
 * Renders the shop in a Server Component. It prefetches the page's offers
 * with the visitor's cookies, so the first HTML already shows them, and
 * hands the result to the client component that renders the mboxes.
 */
export default async function ShopPage() {
  const [cookieStore, requestHeaders] = await Promise.all([
    cookies(),
    headers(),
  ])
  const protocol = requestHeaders.get('x-forwarded-proto') ?? 'http'
  const host = requestHeaders.get('host') ?? '127.0.0.1'

  const serverState = await prefetchTargetOffers({
    clientCode: CLIENT_CODE,
    serverDomain: edgeHost,
    secure: false,
    timeout: 1500,
    mboxes: PAGE_MBOXES,
    url: `${protocol}://${host}/`,
    userAgent: requestHeaders.get('user-agent') ?? undefined,
    referringUrl: requestHeaders.get('referer') ?? undefined,
    cookies: (name) => cookieStore.get(name)?.value,
    onError: (error) => {
      console.error(
        `Target prefetch failed (${error.kind}): ${error.message}. The page shows default content.`,
      )
    },
  })

  return (
    <main>
      <h1>Demo shop</h1>
      <p className="intro">
        The offers below were prefetched on the server and arrive in the first
        HTML. The browser sends displays and clicks only.
      </p>
      <ShopOffers edgeHost={edgeHost} serverState={serverState} />
    </main>
  )
}
