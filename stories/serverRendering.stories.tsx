import type { Meta, StoryObj } from '@storybook/react-vite'
import { StrictMode, useEffect, useRef, useState } from 'react'
import { hydrateRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import {
  TargetMbox,
  TargetProvider,
  useTargetClick,
  type TargetServerState,
} from 'react-adobe-target'
// The Storybook alias covers only the root entry, so the server entry is
// imported from the source.
import { prefetchTargetOffers, serializeServerState } from '../src/server/index'
import {
  DefaultCard,
  DefaultCta,
  DefaultHero,
  DefaultSlot,
  ProductCard,
  type CardContent,
} from './demoContent'
import { withEdgeLog } from './decorators'
import { CLOSED_EDGE_HOST, EDGE_HOST } from './edgeControl'

const CLIENT_CODE = 'demo'
/** Every mbox of the page, so the server prefetches them all at once. */
const PAGE_MBOXES = ['demo-hero', 'demo-card', 'demo-cta', 'demo-slot-3']

function ClaimButton() {
  const trackClick = useTargetClick('demo-cta')
  return (
    <button type="button" onClick={trackClick}>
      Claim the offer (sends a click)
    </button>
  )
}

/**
 * Renders the page as an app would write it: the same component renders
 * to HTML on the server and hydrates in the browser, from one `serverState`.
 */
function ShopPage({ serverState }: { serverState: TargetServerState }) {
  return (
    <StrictMode>
      <TargetProvider
        clientCode={CLIENT_CODE}
        serverDomain={EDGE_HOST}
        secure={false}
        serverState={serverState}
      >
        <div className="demo-page">
          <TargetMbox name="demo-hero">
            <DefaultHero />
          </TargetMbox>
          <TargetMbox<CardContent>
            name="demo-card"
            render={(offer) => <ProductCard {...offer.content} />}
          >
            <DefaultCard />
          </TargetMbox>
          <TargetMbox name="demo-cta">
            <DefaultCta />
          </TargetMbox>
          <ClaimButton />
          <div className="demo-spacer">
            Scroll on: demo-slot-3 counts its display once it is seen
          </div>
          <TargetMbox name="demo-slot-3">
            <DefaultSlot number={3} />
          </TargetMbox>
        </div>
      </TargetProvider>
    </StrictMode>
  )
}

/** The server step's response to the browser. */
interface ServerResponse {
  html: string
  /** The state as the browser reads it back from the page's JSON. */
  serverState: TargetServerState
}

/** Props of {@link ServerRenderingDemo}. */
interface ServerRenderingDemoProps {
  /**
   * Host and port that the server step prefetches from. The browser
   * always sends its notifications to the local edge.
   */
  serverDomain: string
}

/**
 * Walks through server rendering in two steps. Storybook has no server,
 * so "Render on the server" runs the server code in this tab:
 * `prefetchTargetOffers` with the page's cookies, then `renderToString`.
 * "Hydrate in the browser" then calls `hydrateRoot` on that HTML with the
 * state read back from JSON, as a page would.
 */
function ServerRenderingDemo({ serverDomain }: ServerRenderingDemoProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const rootRef = useRef<Root | null>(null)
  const [response, setResponse] = useState<ServerResponse | null>(null)
  const [rendering, setRendering] = useState(false)
  const [hydrated, setHydrated] = useState(false)
  const [hydrationErrors, setHydrationErrors] = useState<string[]>([])

  useEffect(
    () => () => {
      rootRef.current?.unmount()
      rootRef.current = null
    },
    [],
  )

  const renderOnServer = async () => {
    setRendering(true)
    const serverState = await prefetchTargetOffers({
      clientCode: CLIENT_CODE,
      serverDomain,
      secure: false,
      timeout: 1500,
      mboxes: PAGE_MBOXES,
      url: location.href,
      userAgent: navigator.userAgent,
      // A request to a real server carries the browser's cookies.
      cookies: document.cookie,
      onError: () => {},
    })
    const html = renderToString(<ShopPage serverState={serverState} />)
    containerRef.current!.innerHTML = html
    setResponse({
      html,
      serverState: JSON.parse(
        serializeServerState(serverState),
      ) as TargetServerState,
    })
    setRendering(false)
  }

  const hydrateInBrowser = () => {
    if (!response || !containerRef.current) return
    rootRef.current = hydrateRoot(
      containerRef.current,
      <ShopPage serverState={response.serverState} />,
      {
        onRecoverableError: (error) =>
          setHydrationErrors((errors) => [...errors, String(error)]),
      },
    )
    setHydrated(true)
  }

  return (
    <div className="demo-page">
      <div className="demo-panel">
        <p className="demo-note">
          Step 1 prefetches every mbox in one request and renders the page to
          HTML, which shows the offers at once, or the default content when
          Target cannot be reached. Step 2 hydrates it: the browser sends no
          prefetch, and displays go out only as each mbox with an offer comes
          into view. Watch both in the edge log.
        </p>
        <button
          type="button"
          disabled={rendering || response !== null}
          onClick={() => void renderOnServer()}
        >
          1. Render on the server
        </button>
        <button
          type="button"
          disabled={!response || hydrated}
          onClick={hydrateInBrowser}
        >
          2. Hydrate in the browser
        </button>
        {response && (
          <p className="demo-status">
            Server HTML: <code>{response.html.length}</code> characters. Cookies
            for the response:{' '}
            <code>
              {response.serverState.cookies
                .map((cookie) => cookie.name)
                .join(', ')}
            </code>
            .{' '}
            {hydrated && (
              <>
                Hydration errors: <code>{hydrationErrors.length}</code>.
              </>
            )}
          </p>
        )}
        {response && <pre>{response.html}</pre>}
      </div>
      {/* Filled with the server's HTML, then hydrated by a root of its
          own; React renders nothing into it from this component. */}
      <div ref={containerRef} />
    </div>
  )
}

const meta = {
  title: 'Server rendering',
  component: ServerRenderingDemo,
  decorators: [withEdgeLog],
  args: { serverDomain: EDGE_HOST },
} satisfies Meta<typeof ServerRenderingDemo>

export default meta
type Story = StoryObj<typeof meta>

/**
 * The server prefetches from the local edge. The edge log shows one
 * prefetch request, none after hydration, a display for each mbox in
 * view, and the display of `demo-slot-3` only after scrolling to it.
 */
export const PrefetchAndHydrate: Story = {}

/**
 * Target cannot be reached during the server step, so the server HTML
 * shows the default content. After hydration the browser keeps it and
 * sends no prefetch, because the server state contains null for every
 * mbox.
 */
export const TargetUnavailable: Story = {
  args: { serverDomain: CLOSED_EDGE_HOST },
}
