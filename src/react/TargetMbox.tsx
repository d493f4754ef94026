import { useCallback, type ReactNode } from 'react'
import type { TargetOffer } from '../core/toOffer'
import type { TargetConfig } from '../core/types'
import type { MboxParameters } from '../delivery/types'
import { stripScripts } from '../core/stripScripts'
import { runScripts } from './runScripts'
import { useTargetContext } from './TargetContext'
import { useTargetOffer } from './useTargetOffer'

/** Props of {@link TargetMbox}. */
export interface TargetMboxProps<TContent> {
  /** The mbox name, as set up in Target. */
  name: string
  /** Default content, shown when Target has no offer or fails. */
  children?: ReactNode
  /** Renders a `json` offer; without it json offers show default content. */
  render?: (offer: TargetOffer<TContent>) => ReactNode
  /** Parameters for this mbox, merged over the provider's. */
  parameters?: MboxParameters
  /** Share in view before the display counts. Defaults to the provider's. */
  threshold?: number
  /** Minimum time in view, in ms, before the display counts. Defaults to the provider's. */
  minViewTime?: number
  /** Counting key of this placement. Defaults to the mbox name. */
  placement?: string
  /** Class of the wrapping `<div>`, e.g. to reserve height. */
  className?: string
}

/**
 * Shows Target's offer for an mbox, or the default content in `children`.
 * Html offers render as HTML and json offers go to `render`. Until Target
 * responds, the default content is laid out but invisible, so the region
 * keeps its size and the default never flashes before an offer. The
 * display is reported once, when at least `threshold` of the region is in
 * view; default content reports nothing.
 *
 * Scripts in html offers (`<script>` elements, `on…` attributes,
 * `javascript:` URLs) are removed unless the provider has `allowScripts`;
 * the provider's `sanitizeHtml`, when given, sees every html offer first.
 *
 * @example
 * ```tsx
 * <TargetMbox name="home-hero">
 *   <DefaultHero />
 * </TargetMbox>
 * <TargetMbox<Card>
 *   name="product-card"
 *   render={(offer) => <ProductCard {...offer.content} />}
 * />
 * ```
 */
export function TargetMbox<TContent = unknown>({
  name,
  children,
  render,
  parameters,
  threshold,
  minViewTime,
  placement,
  className,
}: TargetMboxProps<TContent>) {
  const { client } = useTargetContext('TargetMbox')
  const { ref, offer, status } = useTargetOffer<TContent>(name, {
    parameters,
    threshold,
    minViewTime,
    placement,
    types: render ? HTML_AND_JSON : HTML_ONLY,
  })
  const { allowScripts, sanitizeHtml } = client.config
  const html =
    offer?.type === 'html'
      ? cleanHtml(offer, sanitizeHtml, allowScripts)
      : undefined
  // React attaches a ref after it has written the element's HTML, and
  // attaches it again when `html` changes, because the callback changes.
  const setElement = useCallback(
    (element: HTMLDivElement | null) => {
      ref(element)
      if (element && allowScripts && html !== undefined) runScripts(element)
    },
    [ref, allowScripts, html],
  )
  const common = { ref: setElement, className, 'data-mbox': name }

  if (status === 'pending') {
    return (
      <div {...common} style={HIDDEN} aria-busy="true">
        {children}
      </div>
    )
  }
  if (html !== undefined) {
    return <div {...common} dangerouslySetInnerHTML={{ __html: html }} />
  }
  if (offer && render) {
    return <div {...common}>{render(offer)}</div>
  }
  return <div {...common}>{children}</div>
}

// Mboxes of one name share their offer, so each offer's HTML is cleaned
// once for the settings it was cleaned with.
const cleaned = new WeakMap<
  TargetOffer<unknown>,
  [TargetConfig['sanitizeHtml'], boolean | undefined, string]
>()

function cleanHtml(
  offer: TargetOffer<unknown>,
  sanitizeHtml: TargetConfig['sanitizeHtml'],
  allowScripts: boolean | undefined,
) {
  const known = cleaned.get(offer)
  if (known && known[0] === sanitizeHtml && known[1] === allowScripts) {
    return known[2]
  }
  const content = offer.content as string
  const sanitized = sanitizeHtml ? sanitizeHtml(content) : content
  const html = allowScripts ? sanitized : stripScripts(sanitized)
  cleaned.set(offer, [sanitizeHtml, allowScripts, html])
  return html
}

const HTML_ONLY = ['html'] as const
const HTML_AND_JSON = ['html', 'json'] as const
const HIDDEN = { visibility: 'hidden' } as const
