// Default content for the demo mboxes, and the card that renders the json
// offer of `demo-card`. Default content has a dashed outline and a
// "Default content" label, so a watcher can tell it from an offer.

import type { ReactNode } from 'react'

/** The json offer of `demo-card` in the edge's demo artifact. */
export interface CardContent {
  title: string
  price: number
  badge?: string
}

/** Renders a product card from a `demo-card` json offer. */
export function ProductCard({ title, price, badge }: CardContent) {
  return (
    <article className="demo-card">
      {badge && <span className="demo-card__badge">{badge}</span>}
      <h3 className="demo-card__title">{title}</h3>
      <p className="demo-card__price">${price.toFixed(2)}</p>
    </article>
  )
}

function DefaultContent({ children }: { children: ReactNode }) {
  return (
    <div className="demo-default">
      <span className="demo-default__label">Default content</span>
      {children}
    </div>
  )
}

export function DefaultHero() {
  return (
    <DefaultContent>
      <h2>Welcome to the shop</h2>
      <p>New arrivals every week.</p>
    </DefaultContent>
  )
}

export function DefaultCard() {
  return (
    <DefaultContent>
      <h3>Our bestseller</h3>
      <p>See the range</p>
    </DefaultContent>
  )
}

export function DefaultCta() {
  return (
    <DefaultContent>
      <a href="#shop">Shop now</a>
    </DefaultContent>
  )
}

export function DefaultSlot({ number }: { number: number }) {
  return <DefaultContent>Slot {number}</DefaultContent>
}
