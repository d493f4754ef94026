import type { Meta, StoryObj } from '@storybook/react-vite'
import { useTargetOffer, type UseTargetOfferOptions } from 'react-adobe-target'
import { DefaultCard, ProductCard, type CardContent } from './demoContent'
import {
  withEdgeLog,
  withTargetProvider,
  type TargetParameters,
} from './decorators'

interface ProductCardSlotProps extends Omit<UseTargetOfferOptions, 'types'> {
  /** The mbox to read. */
  name: string
}

/**
 * Renders an mbox's json offer as a product card with `useTargetOffer`,
 * and shows what the hook returns. Only json offers are accepted, so an
 * html offer counts as no offer.
 */
function ProductCardSlot({ name, ...options }: ProductCardSlotProps) {
  const { ref, offer, status, error } = useTargetOffer<CardContent>(name, {
    ...options,
    types: ['json'],
  })

  return (
    <div className="demo-panel">
      <div ref={ref}>
        {offer ? <ProductCard {...offer.content} /> : <DefaultCard />}
      </div>
      <p className="demo-status">
        status <code>{status}</code>, offer{' '}
        <code>{offer ? offer.type : 'none'}</code>
        {error && (
          <>
            , error <code>{error.message}</code>
          </>
        )}
      </p>
      <pre>
        {JSON.stringify(
          offer
            ? { tokens: offer.tokens, responseTokens: offer.responseTokens }
            : null,
          null,
          2,
        )}
      </pre>
    </div>
  )
}

const meta = {
  title: 'useTargetOffer',
  component: ProductCardSlot,
  decorators: [withTargetProvider, withEdgeLog],
  parameters: {
    target: { clientCode: 'demo' } satisfies TargetParameters,
  },
  args: { name: 'demo-card' },
} satisfies Meta<typeof ProductCardSlot>

export default meta
type Story = StoryObj<typeof meta>

/**
 * `useTargetOffer<CardContent>` types the json content, so the card reads
 * `offer.content.title` and `price` directly. The panel shows the event
 * tokens that the display notification carries.
 */
export const JsonOffer: Story = {}

/**
 * `demo-hero` has only html options, which this component does not
 * accept: `offer` stays undefined, the default card shows and no display
 * is reported.
 */
export const OfferOfAnotherType: Story = {
  args: { name: 'demo-hero' },
}

/** An mbox with no activity: `status` is success and `offer` undefined. */
export const NoActivity: Story = {
  args: { name: 'demo-empty' },
}
