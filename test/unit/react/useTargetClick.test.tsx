import { fireEvent, renderHook, screen } from '@testing-library/react'
import { mockAllIsIntersecting } from 'react-intersection-observer/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { TargetMbox } from '../../../src/react/TargetMbox'
import { useTargetClick } from '../../../src/react/useTargetClick'
import {
  START_TIME,
  advance,
  htmlMbox,
  renderHookWithTarget,
  renderWithTarget,
  serveMboxes,
  setupTargetTests,
  stubDelivery,
} from '../renderWithTarget'

setupTargetTests()

function BuyButton({ mbox }: { mbox: string }) {
  const trackClick = useTargetClick(mbox)
  return <button onClick={trackClick}>Buy</button>
}

describe('useTargetClick', () => {
  it('keeps its identity across renders', async () => {
    stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1', 'c1') }))

    const { result, rerender } = renderHookWithTarget(() =>
      useTargetClick('hero'),
    )
    const first = result.current
    rerender()
    await advance()
    rerender()

    expect(result.current).toBe(first)
  })

  it('sends the tokens of the click metric', async () => {
    const delivery = stubDelivery(
      serveMboxes({ hero: htmlMbox('<b>Sale</b>', 'shown', 'clicked') }),
    )

    renderWithTarget(
      <>
        <TargetMbox name="hero" />
        <BuyButton mbox="hero" />
      </>,
    )
    await advance()
    fireEvent.click(screen.getByRole('button'))
    // The mbox was never in view, so its display may still come: the
    // click waits up to a second for it, then goes alone.
    await vi.advanceTimersByTimeAsync(1000)
    await advance()

    expect(delivery.notifications()).toEqual([
      {
        id: expect.any(String),
        type: 'click',
        timestamp: expect.any(Number),
        mbox: { name: 'hero', state: 'state-of-shown' },
        tokens: ['clicked'],
      },
    ])
    expect(delivery.notifications()[0]!.timestamp).toBeGreaterThan(START_TIME)
  })

  it('sends each click', async () => {
    const delivery = stubDelivery(
      serveMboxes({ hero: htmlMbox('<b>Sale</b>', 'shown', 'clicked') }),
    )

    renderWithTarget(<BuyButton mbox="hero" />, {
      props: { mboxes: ['hero'] },
    })
    await advance()
    fireEvent.click(screen.getByRole('button'))
    fireEvent.click(screen.getByRole('button'))
    await advance()

    expect(delivery.notifications().map((n) => n.type)).toEqual([
      'click',
      'click',
    ])
  })

  it('sends a display still waiting for minViewTime first', async () => {
    const delivery = stubDelivery(
      serveMboxes({ hero: htmlMbox('<b>Sale</b>', 'shown', 'clicked') }),
    )

    renderWithTarget(
      <>
        <TargetMbox name="hero" />
        <BuyButton mbox="hero" />
      </>,
      { props: { minViewTime: 10_000 } },
    )
    await advance()
    mockAllIsIntersecting(true)
    fireEvent.click(screen.getByRole('button'))
    await advance()

    expect(delivery.notificationRequests()).toHaveLength(1)
    expect(delivery.notifications().map((n) => n.type)).toEqual([
      'display',
      'click',
    ])
    await advance(20_000)
    expect(delivery.notifications()).toHaveLength(2)
  })

  it('finds the answer of an mbox with parameters', async () => {
    const delivery = stubDelivery(
      serveMboxes({ hero: htmlMbox('<b>Sale</b>', 'shown', 'clicked') }),
    )

    renderWithTarget(
      <>
        <TargetMbox name="hero" parameters={{ slot: 'top' }} />
        <BuyButton mbox="hero" />
      </>,
    )
    await advance()
    fireEvent.click(screen.getByRole('button'))
    // The mbox was never in view, so its display may still come: the
    // click waits up to a second for it, then goes alone.
    await vi.advanceTimersByTimeAsync(1000)
    await advance()

    expect(delivery.notifications().map((n) => n.tokens)).toEqual([['clicked']])
  })

  it('warns once and sends nothing without a click metric', async () => {
    const delivery = stubDelivery(
      serveMboxes({ 'no-goal': htmlMbox('<b>Sale</b>', 'shown') }),
    )
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    renderWithTarget(
      <>
        <TargetMbox name="no-goal" />
        <BuyButton mbox="no-goal" />
      </>,
    )
    await advance()
    fireEvent.click(screen.getByRole('button'))
    fireEvent.click(screen.getByRole('button'))
    await advance()

    expect(delivery.notifications()).toHaveLength(0)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]![0]).toMatch(/^\[react-adobe-target\] /)
    expect(warn.mock.calls[0]![0]).toContain('"no-goal"')
  })

  it('warns once and sends nothing before the answer', async () => {
    const delivery = stubDelivery(() => new Promise<never>(() => {}))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    renderWithTarget(
      <>
        <TargetMbox name="slow-mbox" />
        <BuyButton mbox="slow-mbox" />
      </>,
    )
    fireEvent.click(screen.getByRole('button'))
    fireEvent.click(screen.getByRole('button'))
    await advance()

    expect(delivery.notifications()).toHaveLength(0)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]![0]).toMatch(/^\[react-adobe-target\] /)
    expect(warn.mock.calls[0]![0]).toContain('useTargetClick("slow-mbox")')
  })

  it('throws outside TargetProvider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})

    const renderAlone = () => renderHook(() => useTargetClick('hero'))

    expect(renderAlone).toThrow(/must be used within <TargetProvider>/)
    expect(renderAlone).toThrow(/useTargetClick/)
  })
})
