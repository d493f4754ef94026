import { fireEvent, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { TargetMbox, useTargetClick } from 'react-adobe-target'
import {
  eventually,
  forgetVisitor,
  notificationsOf,
  renderWithTarget,
  settle,
} from './renderWithTarget'

function ClickButton({ name }: { name: string }) {
  const trackClick = useTargetClick(name)
  return <button onClick={trackClick}>click {name}</button>
}

beforeEach(forgetVisitor)

describe('useTargetClick in Chromium', () => {
  it('sends the click metric token, not the offer token', async () => {
    const { client } = renderWithTarget(
      <>
        <TargetMbox name="demo-cta">default cta</TargetMbox>
        <ClickButton name="demo-cta" />
      </>,
    )
    const display = await eventually(async () => {
      const [first] = await notificationsOf(client)
      expect(first?.type).toBe('display')
      return first!
    })
    // The same visitor asking again gets the same decision and tokens.
    const { response } = await client.getOffers({
      request: { prefetch: { mboxes: [{ index: 0, name: 'demo-cta' }] } },
    })
    const [mbox] = response.prefetch!.mboxes!
    const clickToken = mbox!.metrics!.find(
      (m) => m.type === 'click',
    )!.eventToken!

    fireEvent.click(screen.getByText('click demo-cta'))
    fireEvent.click(screen.getByText('click demo-cta'))
    const clicks = await eventually(async () => {
      const logged = await notificationsOf(client)
      const found = logged.filter((n) => n.type === 'click')
      expect(found).toHaveLength(2)
      return found
    })
    for (const click of clicks) {
      expect(click.tokens).toEqual([clickToken])
      expect(click.mbox.name).toBe('demo-cta')
      expect(click.mbox.state).toEqual(expect.any(String))
      expect(click.tokens).not.toEqual(display.tokens)
    }
  })

  it('sends nothing for an mbox with no click metric', async () => {
    const { client } = renderWithTarget(
      <>
        <TargetMbox name="demo-hero">default hero</TargetMbox>
        <ClickButton name="demo-hero" />
      </>,
    )
    await eventually(async () =>
      expect(await notificationsOf(client)).toHaveLength(1),
    )
    fireEvent.click(screen.getByText('click demo-hero'))
    await settle()
    const logged = await notificationsOf(client)
    expect(logged.map((n) => n.type)).toEqual(['display'])
  })
})
