'use client'

import {
  TargetMbox,
  TargetProvider,
  useTarget,
  useTargetClick,
  type TargetServerState,
} from 'react-adobe-target'
import { BELOW_FOLD_MBOX, CLIENT_CODE } from './mboxes'

interface CardContent {
  title: string
  price: number
  badge?: string
}

function ProductCard({ title, price, badge }: CardContent) {
  return (
    <article className="card">
      {badge && <span className="badge">{badge}</span>}
      <h2>{title}</h2>
      <p>{`$${price}`}</p>
    </article>
  )
}

function ClaimButton() {
  const trackClick = useTargetClick('demo-cta')
  return (
    <button type="button" id="claim" onClick={trackClick}>
      Claim the offer
    </button>
  )
}

/** Shows the Target visitor, the same on the server and in the browser. */
function VisitorLine() {
  const { visitor } = useTarget()
  return (
    <p className="visitor">
      Visitor <code id="tnt-id">{visitor.tntId ?? 'new'}</code>, session{' '}
      <code id="session-id">{visitor.sessionId}</code>
    </p>
  )
}

/** Props of {@link ShopOffers}. */
export interface ShopOffersProps {
  /** Host and port of the Target edge. */
  edgeHost: string
  /** The state the page prefetched on the server. */
  serverState: TargetServerState
}

/**
 * Renders the page's mboxes. It is a client component because the
 * provider keeps the visitor and counts displays and clicks in the
 * browser. On the server it renders from `serverState`.
 */
export function ShopOffers({ edgeHost, serverState }: ShopOffersProps) {
  return (
    <TargetProvider
      clientCode={CLIENT_CODE}
      serverDomain={edgeHost}
      secure={false}
      serverState={serverState}
    >
      <VisitorLine />
      <TargetMbox name="demo-hero" className="hero">
        <section>
          <h2>Welcome</h2>
          <p>Shoes for every season.</p>
        </section>
      </TargetMbox>
      <TargetMbox<CardContent>
        name="demo-card"
        render={(offer) => <ProductCard {...offer.content} />}
      >
        <ProductCard title="Our bestseller" price={59} />
      </TargetMbox>
      <TargetMbox name="demo-cta">
        <a href="#offer">See this week’s offers</a>
      </TargetMbox>
      <ClaimButton />
      <div className="spacer" aria-hidden="true">
        Scroll down for one more offer
      </div>
      <TargetMbox name={BELOW_FOLD_MBOX} className="below-fold">
        <p>More shoes below.</p>
      </TargetMbox>
    </TargetProvider>
  )
}
