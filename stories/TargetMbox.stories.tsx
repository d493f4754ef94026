import type { Meta, StoryObj } from '@storybook/react-vite'
import { TargetMbox } from 'react-adobe-target'
import {
  DefaultCard,
  DefaultCta,
  DefaultHero,
  DefaultSlot,
  ProductCard,
  type CardContent,
} from './demoContent'
import {
  withEdgeLog,
  withTargetProvider,
  type TargetParameters,
} from './decorators'

const SLOT_NUMBERS = Array.from({ length: 20 }, (_, index) => index + 1)

const meta = {
  title: 'TargetMbox',
  component: TargetMbox,
  decorators: [withTargetProvider, withEdgeLog],
  parameters: {
    target: { clientCode: 'demo' } satisfies TargetParameters,
  },
  args: {
    name: 'demo-hero',
    children: <DefaultHero />,
  },
} satisfies Meta<typeof TargetMbox>

export default meta
type Story = StoryObj<typeof meta>

/**
 * An html offer from an A/B activity: the visitor's experience (A or B)
 * replaces the default content, and one display notification follows.
 */
export const HtmlOffer: Story = {}

/**
 * A json offer goes to `render`. The type argument declares what the
 * content contains, so `offer.content.price` is a number in the editor; the library
 * does not check it at run time.
 */
export const JsonOfferWithRender: Story = {
  args: { name: 'demo-card', children: <DefaultCard /> },
  render: (args) => (
    <TargetMbox<CardContent>
      {...args}
      render={(offer) => <ProductCard {...offer.content} />}
    />
  ),
}

/**
 * Without `render` a json offer cannot be shown, so the default content
 * stays and no display is reported: the edge log shows the prefetch only.
 */
export const JsonOfferWithoutRender: Story = {
  args: { name: 'demo-card', children: <DefaultCard /> },
}

/**
 * An mbox with no activity gets no offer. The default content shows and
 * nothing is reported.
 */
export const NoActivity: Story = {
  args: { name: 'demo-empty', children: <DefaultCta /> },
}

/**
 * The mbox sits below a tall spacer. Its offer is fetched at once, but
 * the display is reported only when `threshold` of it scrolls into view:
 * watch the edge log while scrolling down.
 */
export const BelowTheFold: Story = {
  args: { threshold: 0.5 },
  render: (args) => (
    <>
      <p className="demo-note">
        Scroll down to the mbox. The edge log shows the prefetch request now and
        the display notification only once half of the offer is in view.
      </p>
      <div className="demo-spacer">The mbox is below</div>
      <TargetMbox {...args} />
    </>
  ),
}

/**
 * Twenty-two mboxes mount in one render, so the provider requests all of
 * them in one prefetch request: the edge log shows one request with 22
 * mboxes. Each mbox reports its display when it scrolls into view.
 */
export const PageOfMboxes: Story = {
  render: ({ threshold }) => (
    <div className="demo-page">
      <TargetMbox name="demo-hero" threshold={threshold}>
        <DefaultHero />
      </TargetMbox>
      <TargetMbox<CardContent>
        name="demo-card"
        threshold={threshold}
        render={(offer) => <ProductCard {...offer.content} />}
      >
        <DefaultCard />
      </TargetMbox>
      <div className="demo-page__slots">
        {SLOT_NUMBERS.map((number) => (
          <TargetMbox
            key={number}
            name={`demo-slot-${number}`}
            threshold={threshold}
            className="demo-page__slot"
          >
            <DefaultSlot number={number} />
          </TargetMbox>
        ))}
      </div>
    </div>
  ),
}
