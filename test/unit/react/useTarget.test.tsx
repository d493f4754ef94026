import { renderHook } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { TargetProvider } from '../../../src/react/TargetProvider'
import { useTarget } from '../../../src/react/useTarget'
import { useTargetOffer } from '../../../src/react/useTargetOffer'
import {
  advance,
  renderHookWithTarget,
  serveMboxes,
  setupTargetTests,
  stubDelivery,
} from '../renderWithTarget'

setupTargetTests()

describe('useTarget', () => {
  it('returns the same client on every render', () => {
    stubDelivery()

    const { result, rerender } = renderHookWithTarget(() => useTarget())
    const first = result.current
    rerender()

    expect(result.current).toBe(first)
    expect(first.config.clientCode).toBe('acme')
  })

  it('reads the settings the provider has now', () => {
    stubDelivery()
    let timeout = 1000
    const { result, rerender } = renderHook(() => useTarget(), {
      wrapper: ({ children }) => (
        <TargetProvider clientCode="acme" timeout={timeout}>
          {children}
        </TargetProvider>
      ),
    })
    timeout = 2000
    rerender()

    expect(result.current.config.timeout).toBe(2000)
  })

  it('shares the visitor with the components', async () => {
    const delivery = stubDelivery(serveMboxes({}))

    const { result } = renderHookWithTarget(() => ({
      client: useTarget(),
      offer: useTargetOffer('hero'),
    }))
    await advance()
    await result.current.client.getOffers({
      request: { execute: { mboxes: [{ index: 0, name: 'checkout' }] } },
    })

    const [prefetch, getOffers] = delivery.calls
    expect(getOffers!.url.searchParams.get('sessionId')).toBe(
      prefetch!.url.searchParams.get('sessionId'),
    )
    expect(getOffers!.body.execute?.mboxes?.[0]?.name).toBe('checkout')
  })

  it('throws outside TargetProvider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})

    const renderAlone = () => renderHook(() => useTarget())

    expect(renderAlone).toThrow(/must be used within <TargetProvider>/)
    expect(renderAlone).toThrow(/useTarget\b/)
  })
})
