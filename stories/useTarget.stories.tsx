import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import {
  useTarget,
  type Notification,
  type NotificationType,
  type PrefetchMboxResponse,
} from 'react-adobe-target'
import {
  withEdgeLog,
  withTargetProvider,
  type TargetParameters,
} from './decorators'

interface DirectCallsProps {
  /** The mbox to ask for. */
  name: string
  /**
   * `prefetch` returns content without counting an impression, so the
   * page reports it with a notification; `execute` counts it at once.
   */
  mode: 'prefetch' | 'execute'
}

/**
 * Calls the client from `useTarget()` directly: `getOffers` with a
 * Delivery API request for one mbox, then `sendNotifications` with a
 * display or click notification for what came back.
 */
function DirectCalls({ name, mode }: DirectCallsProps) {
  const target = useTarget()
  const [mbox, setMbox] = useState<PrefetchMboxResponse | null>(null)
  const [output, setOutput] = useState<unknown>(null)
  const [error, setError] = useState<string | null>(null)

  const run = async (call: () => Promise<unknown>) => {
    setError(null)
    try {
      setOutput(await call())
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
    }
  }

  const getOffers = () =>
    run(async () => {
      const { response } = await target.getOffers({
        request: { [mode]: { mboxes: [{ index: 0, name }] } },
      })
      const answer = response[mode]?.mboxes?.[0] ?? null
      setMbox(answer)
      return response
    })

  const notify = (type: NotificationType, tokens: string[]) =>
    run(async () => {
      if (!mbox?.name) return null
      const notification: Notification = {
        id: crypto.randomUUID(),
        type,
        timestamp: Date.now(),
        mbox: { name: mbox.name, ...(mbox.state && { state: mbox.state }) },
        tokens,
      }
      const { request, response } = await target.sendNotifications({
        request: { notifications: [notification] },
      })
      return { sent: request.notifications, response }
    })

  const displayTokens = (mbox?.options ?? []).flatMap(
    (option) => option.eventToken ?? [],
  )
  const clickTokens = (mbox?.metrics ?? []).flatMap((metric) =>
    metric.type === 'click' && metric.eventToken ? [metric.eventToken] : [],
  )
  const canNotify = mode === 'prefetch' && mbox !== null

  return (
    <div className="demo-panel">
      <button type="button" onClick={getOffers}>
        getOffers: {mode} {name}
      </button>
      <button
        type="button"
        disabled={!canNotify || displayTokens.length === 0}
        onClick={() => notify('display', displayTokens)}
      >
        sendNotifications: display
      </button>
      <button
        type="button"
        disabled={!canNotify || clickTokens.length === 0}
        onClick={() => notify('click', clickTokens)}
      >
        sendNotifications: click
      </button>
      {error && <p className="demo-errors">{error}</p>}
      <pre>
        {output === null ? 'No call yet.' : JSON.stringify(output, null, 2)}
      </pre>
    </div>
  )
}

const meta = {
  title: 'useTarget',
  component: DirectCalls,
  decorators: [withTargetProvider, withEdgeLog],
  parameters: {
    target: { clientCode: 'demo' } satisfies TargetParameters,
  },
  args: { name: 'demo-cta', mode: 'prefetch' },
  argTypes: {
    mode: { control: 'inline-radio', options: ['prefetch', 'execute'] },
  },
} satisfies Meta<typeof DirectCalls>

export default meta
type Story = StoryObj<typeof meta>

/**
 * Prefetch `demo-cta`, then report its display and a click yourself. The
 * edge log shows the prefetch, then each notification with the tokens
 * taken from the response: the option's token for the display, the click
 * metric's token for the click.
 */
export const PrefetchThenNotify: Story = {}

/**
 * Execute counts the impression when the edge responds, so there is
 * nothing to notify: the edge log shows one request with one execute mbox
 * and no notification.
 */
export const Execute: Story = {
  args: { name: 'demo-hero', mode: 'execute' },
}
