import {
  QueryClient,
  QueryClientProvider,
  dehydrate,
} from '@tanstack/react-query'
import { act, render, screen } from '@testing-library/react'
import { useState, type ReactNode } from 'react'
import { mockAllIsIntersecting } from 'react-intersection-observer/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { mboxQueryKey } from '../../../src/core/mboxQueryKey'
import type { TargetServerState } from '../../../src/core/TargetServerState'
import type { TargetError } from '../../../src/delivery/TargetError'
import type { PrefetchMboxResponse } from '../../../src/delivery/types'
import { TargetMbox } from '../../../src/react/TargetMbox'
import { TargetProvider } from '../../../src/react/TargetProvider'
import { useTargetOffer } from '../../../src/react/useTargetOffer'
import {
  START_TIME,
  advance,
  htmlMbox,
  jsonMbox,
  jsonResponse,
  renderWithTarget,
  serveMboxes,
  setupTargetTests,
  stubDelivery,
} from '../renderWithTarget'

setupTargetTests()

/** Returns the names of the mboxes cached in `queryClient`. */
function cachedMboxNames(queryClient: QueryClient): string[] {
  return queryClient
    .getQueryCache()
    .findAll()
    .map((query) => (query.state.data as PrefetchMboxResponse | null)?.name)
    .filter((name): name is string => typeof name === 'string')
}

describe('TargetProvider', () => {
  describe('QueryClient', () => {
    it('uses the surrounding QueryClientProvider client', async () => {
      stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))
      const outer = new QueryClient()

      render(
        <QueryClientProvider client={outer}>
          <TargetProvider clientCode="acme">
            <TargetMbox name="hero" />
          </TargetProvider>
        </QueryClientProvider>,
      )
      await advance()

      expect(screen.getByText('Sale')).toBeDefined()
      expect(cachedMboxNames(outer)).toEqual(['hero'])
    })

    it('shows defaults whatever the app QueryClient defaults', async () => {
      stubDelivery(() => jsonResponse({ message: 'down' }, 500))
      const outer = new QueryClient({
        defaultOptions: { queries: { throwOnError: true, enabled: false } },
      })
      const { onlineManager } = await import('@tanstack/react-query')
      onlineManager.setOnline(false)

      try {
        render(
          <QueryClientProvider client={outer}>
            <TargetProvider clientCode="acme">
              <TargetMbox name="hero">
                <p>Default hero</p>
              </TargetMbox>
            </TargetProvider>
          </QueryClientProvider>,
        )
        await advance()

        expect(screen.getByText('Default hero')).toBeDefined()
        const region = document.querySelector('[data-mbox="hero"]')!
        expect(region.getAttribute('aria-busy')).toBeNull()
      } finally {
        onlineManager.setOnline(true)
      }
    })

    it('uses a client of its own without one', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      render(
        <>
          <TargetProvider clientCode="acme">
            <TargetMbox name="hero" />
          </TargetProvider>
          <TargetProvider clientCode="acme">
            <TargetMbox name="hero" />
          </TargetProvider>
        </>,
      )
      await advance()

      expect(screen.getAllByText('Sale')).toHaveLength(2)
      // Separate caches, so each provider requests its own copy.
      expect(delivery.prefetchRequests()).toEqual([['hero'], ['hero']])
    })

    it('prefers the queryClient prop', async () => {
      stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))
      const outer = new QueryClient()
      const own = new QueryClient()

      render(
        <QueryClientProvider client={outer}>
          <TargetProvider clientCode="acme" queryClient={own}>
            <TargetMbox name="hero" />
          </TargetProvider>
        </QueryClientProvider>,
      )
      await advance()

      expect(cachedMboxNames(own)).toEqual(['hero'])
      expect(cachedMboxNames(outer)).toEqual([])
    })
  })

  describe('mboxes', () => {
    it('prefetches them with the mounted mboxes', async () => {
      const delivery = stubDelivery(
        serveMboxes({
          hero: htmlMbox('<b>Hero</b>', 't1'),
          footer: htmlMbox('<b>Footer</b>', 't2'),
        }),
      )

      renderWithTarget(<TargetMbox name="hero" />, {
        props: { mboxes: ['footer', 'hero'] },
      })
      await advance()

      expect(delivery.prefetchRequests()).toHaveLength(1)
      expect([...delivery.prefetchRequests()[0]!].sort()).toEqual([
        'footer',
        'hero',
      ])
    })

    it('serves a later mbox from the prefetch', async () => {
      const delivery = stubDelivery(
        serveMboxes({ footer: htmlMbox('<b>Footer</b>', 't2') }),
      )

      const { rerender } = renderWithTarget(<p>Loading</p>, {
        props: { mboxes: ['footer'] },
      })
      await advance()
      rerender(<TargetMbox name="footer" />)

      expect(screen.getByText('Footer')).toBeDefined()
      await advance()
      expect(delivery.prefetchRequests()).toEqual([['footer']])
    })

    it('calls onError once when the shared request fails', async () => {
      stubDelivery(() => jsonResponse({ message: 'down' }, 503))

      const { onError } = renderWithTarget(<TargetMbox name="hero" />, {
        props: { mboxes: ['hero', 'footer'] },
      })
      await advance()

      expect(onError).toHaveBeenCalledTimes(1)
    })
  })

  describe('re-render', () => {
    it('does not re-render mboxes', async () => {
      stubDelivery(serveMboxes({ card: jsonMbox({ title: 'Sale' }, 't1') }))
      const queryClient = new QueryClient()
      let appRenders = 0
      let mboxRenders = 0
      let hookRenders = 0
      let rerenderApp = () => {}
      function App({ children }: { children: ReactNode }) {
        const [count, setCount] = useState(0)
        appRenders++
        rerenderApp = () => setCount(count + 1)
        return (
          <TargetProvider
            clientCode="acme"
            queryClient={queryClient}
            // New identities on every render, as inline props have.
            onError={() => {}}
            parameters={{ page: 'home' }}
            mboxes={['card']}
          >
            {children}
          </TargetProvider>
        )
      }
      function OfferReader() {
        useTargetOffer('card', { placement: 'reader' })
        hookRenders++
        return null
      }

      render(
        <App>
          <TargetMbox
            name="card"
            render={(offer) => {
              mboxRenders++
              return <h2>{String(offer.name)}</h2>
            }}
          />
          <OfferReader />
        </App>,
      )
      await advance()
      const mboxRendersBefore = mboxRenders
      const hookRendersBefore = hookRenders
      act(() => rerenderApp())
      act(() => rerenderApp())
      await advance()

      expect(appRenders).toBe(3)
      expect(mboxRendersBefore).toBeGreaterThan(0)
      expect(mboxRenders).toBe(mboxRendersBefore)
      expect(hookRenders).toBe(hookRendersBefore)
    })

    it('uses new parameters for later requests', async () => {
      const delivery = stubDelivery()
      const queryClient = new QueryClient()
      const page = (parameters: Record<string, string>, mbox: string) => (
        <TargetProvider
          clientCode="acme"
          queryClient={queryClient}
          parameters={parameters}
        >
          <TargetMbox name={mbox} />
        </TargetProvider>
      )

      const { rerender } = render(page({ page: 'home' }, 'hero'))
      await advance()
      rerender(page({ page: 'cart' }, 'upsell'))
      await advance()

      const [first, second] = delivery.calls
      expect(first!.body.prefetch!.mboxes![0]!.parameters).toEqual({
        page: 'home',
      })
      expect(second!.body.prefetch!.mboxes![0]!.parameters).toEqual({
        page: 'cart',
      })
    })

    it('calls the latest onError', async () => {
      stubDelivery(() => jsonResponse({ message: 'down' }, 500))
      const queryClient = new QueryClient()
      const firstOnError = vi.fn<(error: TargetError) => void>()
      const latestOnError = vi.fn<(error: TargetError) => void>()
      const page = (onError: (error: TargetError) => void, mbox: string) => (
        <TargetProvider
          clientCode="acme"
          queryClient={queryClient}
          onError={onError}
        >
          <TargetMbox name={mbox} />
        </TargetProvider>
      )

      const { rerender } = render(page(firstOnError, 'hero'))
      await advance()
      rerender(page(latestOnError, 'upsell'))
      await advance()

      expect(firstOnError).toHaveBeenCalledTimes(1)
      expect(latestOnError).toHaveBeenCalledTimes(1)
    })
  })

  describe('page hide', () => {
    it('beacons pending displays on pagehide', async () => {
      stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))
      const sendBeacon = vi.fn(() => true)
      Object.defineProperty(navigator, 'sendBeacon', {
        configurable: true,
        value: sendBeacon,
      })

      try {
        renderWithTarget(<TargetMbox name="hero" />)
        await advance()
        mockAllIsIntersecting(true)
        window.dispatchEvent(new Event('pagehide'))

        expect(sendBeacon).toHaveBeenCalledTimes(1)
      } finally {
        Reflect.deleteProperty(navigator, 'sendBeacon')
      }
    })

    it('beacons the queue on unmount, then stops listening', async () => {
      stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))
      const sendBeacon = vi.fn(() => true)
      Object.defineProperty(navigator, 'sendBeacon', {
        configurable: true,
        value: sendBeacon,
      })

      try {
        const { unmount } = renderWithTarget(<TargetMbox name="hero" />)
        await advance()
        mockAllIsIntersecting(true)
        unmount()
        // Without its listeners the provider could miss the page going
        // away, so the queued display leaves at once.
        expect(sendBeacon).toHaveBeenCalledTimes(1)
        window.dispatchEvent(new Event('pagehide'))

        expect(sendBeacon).toHaveBeenCalledTimes(1)
      } finally {
        Reflect.deleteProperty(navigator, 'sendBeacon')
      }
    })
  })

  describe('serverState', () => {
    const nowSeconds = Math.floor(START_TIME / 1000)

    function serverStateFor(clientCode: string): TargetServerState {
      const server = new QueryClient()
      server.setQueryData(mboxQueryKey(clientCode, 'hero'), {
        index: 0,
        name: 'hero',
        state: 'state-server',
        options: [
          { type: 'html', content: '<b>From server</b>', eventToken: 't1' },
        ],
      })
      return {
        clientCode,
        dehydratedState: dehydrate(server),
        cookies: [
          {
            name: 'mbox',
            value: `session#s-server#${nowSeconds + 1800}|PC#t-server.35_0#${nowSeconds + 9999}`,
            maxAge: 9999,
          },
          { name: 'mboxEdgeCluster', value: '35', maxAge: 1860 },
        ],
      }
    }

    it('renders the server answers without a request', async () => {
      const delivery = stubDelivery()

      renderWithTarget(<TargetMbox name="hero" />, {
        props: { serverState: serverStateFor('acme') },
      })

      expect(screen.getByText('From server')).toBeDefined()
      await advance()
      expect(delivery.calls).toHaveLength(0)
    })

    it('continues as the server visitor', async () => {
      const delivery = stubDelivery(serveMboxes({}))

      renderWithTarget(
        <>
          <TargetMbox name="hero" />
          <TargetMbox name="lazy" />
        </>,
        { props: { serverState: serverStateFor('acme') } },
      )
      await advance()

      expect(delivery.prefetchRequests()).toEqual([['lazy']])
      const { url, body } = delivery.calls[0]!
      expect(url.searchParams.get('sessionId')).toBe('s-server')
      expect(url.host).toBe('mboxedge35.tt.omtrdc.net')
      expect(body.id?.tntId).toBe('t-server.35_0')
    })

    it('writes the server visitor cookies on mount', async () => {
      stubDelivery()

      renderWithTarget(<TargetMbox name="hero" />, {
        props: { serverState: serverStateFor('acme') },
      })
      await advance()

      expect(document.cookie).toContain('mbox=session#s-server#')
      expect(document.cookie).toContain('mboxEdgeCluster=35')
    })

    it('warns when prefetched for another clientCode', () => {
      stubDelivery()
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

      renderWithTarget(<TargetMbox name="hero" />, {
        props: { serverState: serverStateFor('other-code') },
      })

      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]![0]).toContain('"other-code"')
    })
  })

  it('throws for a missing clientCode', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})

    expect(() => render(<TargetProvider clientCode="" />)).toThrow(
      /clientCode is missing or empty/,
    )
  })
})
