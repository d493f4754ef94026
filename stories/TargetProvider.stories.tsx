import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import {
  TargetMbox,
  TargetProvider,
  type TargetError,
  type TargetProviderProps,
} from 'react-adobe-target'
import {
  DefaultCard,
  DefaultCta,
  DefaultHero,
  ProductCard,
  type CardContent,
} from './demoContent'
import { withEdgeLog } from './decorators'
import { CLOSED_EDGE_HOST, EDGE_HOST, setEdgeFault } from './edgeControl'

/** Delay of the slow edge's responses, in milliseconds, past the timeout. */
const SLOW_EDGE_DELAY_MS = 4000

/**
 * Renders a provider around a small page: two mboxes shown at once and a third
 * shown on request, with every error the provider reports listed below.
 */
function ProviderDemo(props: TargetProviderProps) {
  const [errors, setErrors] = useState<TargetError[]>([])
  const [showCta, setShowCta] = useState(false)

  return (
    <TargetProvider
      {...props}
      onError={(error) => setErrors((previous) => [...previous, error])}
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
        {showCta ? (
          <TargetMbox name="demo-cta">
            <DefaultCta />
          </TargetMbox>
        ) : (
          <div className="demo-panel">
            <button type="button" onClick={() => setShowCta(true)}>
              Show the demo-cta mbox
            </button>
          </div>
        )}
        {errors.length > 0 && (
          <ol className="demo-errors" aria-label="onError calls">
            {errors.map((error, index) => (
              <li key={index}>
                onError: <code>{error.kind}</code> {error.message}
              </li>
            ))}
          </ol>
        )}
      </div>
    </TargetProvider>
  )
}

const meta = {
  title: 'TargetProvider',
  component: TargetProvider,
  decorators: [withEdgeLog],
  args: {
    clientCode: 'demo',
    serverDomain: EDGE_HOST,
    secure: false,
    timeout: 3000,
  },
  render: (args) => <ProviderDemo {...args} />,
} satisfies Meta<typeof TargetProvider>

export default meta
type Story = StoryObj<typeof meta>

/**
 * The provider against the local edge. The hero and card share one
 * prefetch request; showing `demo-cta` later sends a second one.
 */
export const LocalEdge: Story = {}

/**
 * `mboxes` prefetches `demo-cta` with the mounted mboxes, in the same
 * request. Showing it later needs no request: its offer is already there.
 */
export const PrefetchBeforeMount: Story = {
  args: { mboxes: ['demo-cta'] },
}

/**
 * Nothing listens at the server domain, so the request fails at once: the
 * default content shows, `onError` reports a network error, and the edge
 * log stays empty.
 */
export const EdgeDown: Story = {
  args: { clientCode: 'demo-down', serverDomain: CLOSED_EDGE_HOST },
}

/**
 * The edge responds after 4 seconds, past the 1.5 second timeout. The
 * mboxes stay invisible until the timeout, then show default content, and
 * `onError` reports the timeout; the edge log shows the request arrived.
 * A loader sets the delay as an edge fault for this story's client code.
 */
export const EdgeSlow: Story = {
  args: { clientCode: 'demo-slow', timeout: 1500 },
  loaders: [
    async ({ args }) => {
      await setEdgeFault(args.clientCode ?? 'demo-slow', {
        delayMs: SLOW_EDGE_DELAY_MS,
      })
    },
  ],
}
