import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { TargetMbox, useTargetClick } from 'react-adobe-target'
import { DefaultCta } from './demoContent'
import {
  withEdgeLog,
  withTargetProvider,
  type TargetParameters,
} from './decorators'

/**
 * Shows an mbox and reports every click on it with `useTargetClick`,
 * counting the clicks on the page so they can be compared with the click
 * notifications in the edge log.
 */
function ClickableMbox({ name }: { name: string }) {
  const trackClick = useTargetClick(name)
  const [clicks, setClicks] = useState(0)

  return (
    <div className="demo-panel">
      {/* The handler is on a wrapper because the offer is HTML that
          TargetMbox sets with innerHTML; a click anywhere in it counts. */}
      <div
        onClick={() => {
          trackClick()
          setClicks((count) => count + 1)
        }}
      >
        <TargetMbox name={name}>
          <DefaultCta />
        </TargetMbox>
      </div>
      <p className="demo-status">
        Clicks on the mbox: <code>{clicks}</code>
      </p>
    </div>
  )
}

const meta = {
  title: 'useTargetClick',
  component: ClickableMbox,
  decorators: [withTargetProvider, withEdgeLog],
  parameters: {
    target: { clientCode: 'demo' } satisfies TargetParameters,
  },
  args: { name: 'demo-cta' },
} satisfies Meta<typeof ClickableMbox>

export default meta
type Story = StoryObj<typeof meta>

/**
 * The `demo-cta` activity has a click metric. Each click sends a click
 * notification carrying the metric's event token, which differs from the
 * token of the display notification before it.
 */
export const WithClickMetric: Story = {}

/**
 * The `demo-hero` activity has no click metric, so a click sends nothing:
 * the edge log shows the display only, and the browser console shows one
 * development warning that names the fix.
 */
export const WithoutClickMetric: Story = {
  args: { name: 'demo-hero' },
}
