import { renderHook, screen } from '@testing-library/react'
import { mockIsIntersecting } from 'react-intersection-observer/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { TargetError } from '../../../src/delivery/TargetError'
import { useTargetOffer } from '../../../src/react/useTargetOffer'
import {
  advance,
  htmlMbox,
  jsonMbox,
  renderHookWithTarget,
  renderWithTarget,
  serveMboxes,
  setupTargetTests,
  stubDelivery,
} from '../renderWithTarget'

setupTargetTests()

interface Card {
  title: string
}

describe('useTargetOffer', () => {
  it('returns pending, then success with the offer', async () => {
    stubDelivery(serveMboxes({ card: jsonMbox({ title: 'Sale' }, 't1') }))

    const { result } = renderHookWithTarget(() => useTargetOffer<Card>('card'))
    expect(result.current.status).toBe('pending')
    expect(result.current.offer).toBeUndefined()
    await advance()

    expect(result.current.status).toBe('success')
    expect(result.current.error).toBeNull()
    expect(result.current.offer?.type).toBe('json')
    expect(result.current.offer?.content.title).toBe('Sale')
    expect(result.current.offer?.tokens).toEqual(['t1'])
  })

  it('returns error and the TargetError on failure', async () => {
    stubDelivery(() => ({ status: 400, message: 'invalid request' }))

    const { result, onError } = renderHookWithTarget(() =>
      useTargetOffer('card'),
    )
    await advance()

    expect(result.current.status).toBe('error')
    expect(result.current.offer).toBeUndefined()
    expect(result.current.error).toBeInstanceOf(TargetError)
    expect(result.current.error?.kind).toBe('status')
    expect(onError).toHaveBeenCalledTimes(1)
  })

  it('returns success without an offer for a missing mbox', async () => {
    stubDelivery(serveMboxes({}))

    const { result } = renderHookWithTarget(() => useTargetOffer('card'))
    await advance()

    expect(result.current.status).toBe('success')
    expect(result.current.offer).toBeUndefined()
    expect(result.current.error).toBeNull()
  })

  it('returns only the types asked for', async () => {
    stubDelivery(serveMboxes({ card: jsonMbox({ title: 'Sale' }, 't1') }))

    const { result } = renderHookWithTarget(() =>
      useTargetOffer('card', { types: ['html'] }),
    )
    await advance()

    expect(result.current.status).toBe('success')
    expect(result.current.offer).toBeUndefined()
  })

  it('keeps offers apart by parameters', async () => {
    const delivery = stubDelivery((body) => ({
      status: 200,
      prefetch: {
        mboxes: body.prefetch!.mboxes!.map((mbox) => ({
          index: mbox.index,
          name: mbox.name,
          options: [
            {
              type: 'html' as const,
              content: `<b>${mbox.parameters?.slot}</b>`,
              eventToken: `t-${mbox.parameters?.slot}`,
            },
          ],
        })),
      },
    }))

    const { result } = renderHookWithTarget(() => ({
      top: useTargetOffer('card', {
        parameters: { slot: 'top' },
        placement: 'top',
      }),
      side: useTargetOffer('card', {
        parameters: { slot: 'side' },
        placement: 'side',
      }),
    }))
    await advance()

    expect(result.current.top.offer?.content).toBe('<b>top</b>')
    expect(result.current.side.offer?.content).toBe('<b>side</b>')
    expect(delivery.prefetchRequests().flat()).toEqual(['card', 'card'])
  })

  it('reports the display of the element behind ref', async () => {
    const delivery = stubDelivery(
      serveMboxes({ card: htmlMbox('<b>Sale</b>', 't1') }),
    )
    function Card() {
      const { ref, offer } = useTargetOffer('card')
      return <article ref={ref}>{offer ? 'Offer' : 'Default'}</article>
    }

    renderWithTarget(<Card />)
    await advance()
    expect(delivery.notifications()).toHaveLength(0)
    mockIsIntersecting(screen.getByRole('article'), true)
    await advance()

    expect(delivery.notifications().map((n) => n.tokens)).toEqual([['t1']])
  })

  it('throws outside TargetProvider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})

    const renderAlone = () => renderHook(() => useTargetOffer('card'))

    expect(renderAlone).toThrow(/must be used within <TargetProvider>/)
    expect(renderAlone).toThrow(/useTargetOffer/)
  })
})
