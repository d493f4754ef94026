import {
  QueryClient,
  QueryClientProvider,
  dehydrate,
  hashKey,
} from '@tanstack/react-query'
import { act, render, renderHook, screen } from '@testing-library/react'
import { mockIsIntersecting } from 'react-intersection-observer/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { mboxQueryKey } from '../../../src/core/mboxQueryKey'
import { TargetError } from '../../../src/delivery/TargetError'
import { TargetMbox } from '../../../src/react/TargetMbox'
import { TargetProvider } from '../../../src/react/TargetProvider'
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

  it('returns one offer object to every hook of a name', async () => {
    stubDelivery(serveMboxes({ card: jsonMbox({ title: 'Sale' }, 't1') }))

    const { result } = renderHookWithTarget(() => ({
      top: useTargetOffer<Card>('card', { placement: 'top' }),
      side: useTargetOffer<Card>('card', { placement: 'side' }),
    }))
    await advance()

    expect(result.current.top.offer?.content.title).toBe('Sale')
    expect(result.current.side.offer).toBe(result.current.top.offer)
  })

  it('renders on mount and with the offer, not as the fetch starts', async () => {
    stubDelivery(serveMboxes({ card: jsonMbox({ title: 'Sale' }, 't1') }))
    let renders = 0
    function Card({ placement }: { placement: string }) {
      renders += 1
      useTargetOffer('card', { placement })
      return null
    }

    renderWithTarget(
      <>
        <Card placement="a" />
        <Card placement="b" />
        <Card placement="c" />
      </>,
    )
    expect(renders).toBe(3)
    await advance()

    expect(renders).toBe(6)
  })

  it('does not fetch a failed query again for a new mbox', async () => {
    const delivery = stubDelivery(() => ({ status: 500, message: 'down' }))
    function Card({ placement }: { placement: string }) {
      const { status } = useTargetOffer('card', { placement })
      return <p>{status}</p>
    }

    const { rerender, onError } = renderWithTarget(<Card placement="a" />)
    await advance()
    rerender(
      <>
        <Card placement="a" />
        <Card placement="b" />
      </>,
    )
    await advance()

    expect(screen.getAllByText('error')).toHaveLength(2)
    expect(delivery.prefetchRequests()).toEqual([['card']])
    expect(onError).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['resetQueries', (client: QueryClient) => client.resetQueries()],
    ['removeQueries', (client: QueryClient) => client.removeQueries()],
    ['cancelQueries', (client: QueryClient) => client.cancelQueries()],
    ['clear', (client: QueryClient) => client.clear()],
  ])('shows the offer after %s during its fetch', async (_, interrupt) => {
    // The response takes 200 ms, so the interruption lands during it.
    const serve = serveMboxes({ hero: htmlMbox('<p>Offer</p>', 't1') })
    const delivery = stubDelivery(
      (body, call) =>
        new Promise((resolve) =>
          setTimeout(() => resolve(serve(body, call)), 200),
        ),
    )
    const { queryClient } = renderWithTarget(
      <TargetMbox name="hero">
        <p>Default</p>
      </TargetMbox>,
    )
    await advance(50)
    expect(delivery.prefetchRequests()).toEqual([['hero']])

    await act(async () => {
      await interrupt(queryClient)
    })
    await advance(1000)

    expect(document.querySelector('[aria-busy]')).toBeNull()
    expect(screen.getByText('Offer')).toBeDefined()
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

  it('reports the display once the ref moves to a new element', async () => {
    const delivery = stubDelivery(
      serveMboxes({ card: htmlMbox('<b>Sale</b>', 't1') }),
    )
    function Card({ tag }: { tag: 'article' | 'section' }) {
      const { ref } = useTargetOffer('card')
      return tag === 'article' ? (
        <article ref={ref}>Offer</article>
      ) : (
        <section ref={ref}>Offer</section>
      )
    }

    const { rerender, container } = renderWithTarget(<Card tag="article" />)
    await advance()
    const first = screen.getByRole('article')
    rerender(<Card tag="section" />)
    await advance()

    // The old element is no longer watched, and the new one is.
    expect(() => mockIsIntersecting(first, true)).toThrow(
      /Failed to find IntersectionObserver/,
    )
    mockIsIntersecting(container.querySelector('section')!, true)
    await advance()
    expect(delivery.notifications().map((n) => n.tokens)).toEqual([['t1']])
  })

  it('fetches again after the query is removed', async () => {
    const delivery = stubDelivery(
      serveMboxes({ card: jsonMbox({ title: 'Sale' }, 't1') }),
    )

    const { result, queryClient } = renderHookWithTarget(() =>
      useTargetOffer<Card>('card'),
    )
    await advance()
    expect(result.current.status).toBe('success')
    const consoleError = vi.spyOn(console, 'error')
    act(() => queryClient.removeQueries())

    expect(result.current.status).toBe('pending')
    await advance()
    expect(result.current.status).toBe('success')
    expect(result.current.offer?.content.title).toBe('Sale')
    expect(delivery.prefetchRequests()).toEqual([['card'], ['card']])
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('updates no component while another renders', async () => {
    stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))
    const { queryClient } = renderWithTarget(
      <>
        <TargetMbox name="hero" placement="top" />
        <TargetMbox name="hero" placement="bottom" />
      </>,
    )
    await advance()
    const consoleError = vi.spyOn(console, 'error')

    act(() => queryClient.removeQueries())
    await advance()

    expect(consoleError).not.toHaveBeenCalled()
    expect(screen.getAllByText('Sale')).toHaveLength(2)
  })

  it('does not fetch again after invalidateQueries', async () => {
    const delivery = stubDelivery(
      serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
    )
    const { queryClient } = renderWithTarget(<TargetMbox name="hero" />)
    await advance()

    await act(async () => {
      await queryClient.invalidateQueries()
    })
    await advance()

    expect(delivery.prefetchRequests()).toEqual([['hero']])
    expect(screen.getByText('Sale')).toBeDefined()
  })

  it('fetches again after resetQueries', async () => {
    const delivery = stubDelivery(
      serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
    )
    const { queryClient } = renderWithTarget(<TargetMbox name="hero" />)
    await advance()

    act(() => {
      void queryClient.resetQueries()
    })
    await advance()

    expect(delivery.prefetchRequests()).toEqual([['hero'], ['hero']])
    expect(document.querySelector('[aria-busy]')).toBeNull()
  })

  it('does not retry a failed query while mounted', async () => {
    const delivery = stubDelivery(() => ({ status: 500, message: 'down' }))

    const { result } = renderHookWithTarget(() => useTargetOffer('card'))
    await advance()
    await advance(5000)

    expect(result.current.status).toBe('error')
    expect(delivery.prefetchRequests()).toEqual([['card']])
  })

  it("shows offers whatever the app's queryKeyHashFn", async () => {
    stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))
    const queryClient = new QueryClient({
      defaultOptions: {
        queries: { queryKeyHashFn: (key) => `app:${JSON.stringify(key)}` },
      },
    })

    render(
      <QueryClientProvider client={queryClient}>
        <TargetProvider clientCode="acme">
          <TargetMbox name="hero">Default</TargetMbox>
        </TargetProvider>
      </QueryClientProvider>,
    )
    await advance()

    expect(screen.getByText('Sale')).toBeDefined()
    // react-query's own hash, the one a server's dehydrated state uses.
    expect(
      queryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.queryHash),
    ).toEqual([hashKey(mboxQueryKey('acme', 'hero'))])
  })

  it('finds hydrated offers under an app queryKeyHashFn', async () => {
    const delivery = stubDelivery(serveMboxes({}))
    const server = new QueryClient()
    server.setQueryData(mboxQueryKey('acme', 'hero'), {
      index: 0,
      name: 'hero',
      options: [
        { type: 'html', content: '<b>From server</b>', eventToken: 't1' },
      ],
    })
    const queryClient = new QueryClient({
      defaultOptions: {
        queries: { queryKeyHashFn: (key) => `app:${JSON.stringify(key)}` },
      },
    })

    render(
      <TargetProvider
        clientCode="acme"
        queryClient={queryClient}
        serverState={{
          clientCode: 'acme',
          dehydratedState: dehydrate(server),
          cookies: [],
        }}
      >
        <TargetMbox name="hero">Default</TargetMbox>
      </TargetProvider>,
    )
    await advance()

    expect(screen.getByText('From server')).toBeDefined()
    expect(delivery.prefetchRequests()).toEqual([])
  })

  it('keeps a hydrated offer past five minutes', async () => {
    const delivery = stubDelivery(
      serveMboxes({ hero: htmlMbox('<b>Later</b>', 't2') }),
    )
    const server = new QueryClient()
    server.setQueryData(mboxQueryKey('acme', 'hero'), {
      index: 0,
      name: 'hero',
      options: [
        { type: 'html', content: '<b>From server</b>', eventToken: 't1' },
      ],
    })

    renderWithTarget(<TargetMbox name="hero" />, {
      props: {
        serverState: {
          clientCode: 'acme',
          dehydratedState: dehydrate(server),
          cookies: [],
        },
      },
    })
    await advance(6 * 60 * 1000)

    expect(delivery.prefetchRequests()).toEqual([])
    expect(screen.getByText('From server')).toBeDefined()
  })

  it('does not re-render when the element enters the view', async () => {
    stubDelivery(serveMboxes({ card: htmlMbox('<b>Sale</b>', 't1') }))
    let renders = 0
    function Card() {
      renders += 1
      const { ref } = useTargetOffer('card')
      return <article ref={ref}>Offer</article>
    }

    renderWithTarget(<Card />)
    await advance()
    const before = renders
    mockIsIntersecting(screen.getByRole('article'), true)
    await advance()

    expect(renders).toBe(before)
  })

  it('throws outside TargetProvider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})

    const renderAlone = () => renderHook(() => useTargetOffer('card'))

    expect(renderAlone).toThrow(/must be used within <TargetProvider>/)
    expect(renderAlone).toThrow(/useTargetOffer/)
  })
})
