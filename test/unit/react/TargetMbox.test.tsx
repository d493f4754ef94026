import { QueryClient } from '@tanstack/react-query'
import { act, render, screen } from '@testing-library/react'
import { useLayoutEffect, useRef } from 'react'
import {
  mockAllIsIntersecting,
  mockIsIntersecting,
} from 'react-intersection-observer/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { mboxQueryKey } from '../../../src/core/mboxQueryKey'
import type { TargetErrorKind } from '../../../src/delivery/TargetError'
import { TargetMbox } from '../../../src/react/TargetMbox'
import { TargetProvider } from '../../../src/react/TargetProvider'
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
  type DeliveryHandler,
} from '../renderWithTarget'

setupTargetTests()

interface Card {
  title: string
}

/** Returns the wrapping element of the mbox `name`. */
function mboxElement(name: string, nth = 0): HTMLElement {
  const elements = document.querySelectorAll<HTMLElement>(
    `[data-mbox="${name}"]`,
  )
  const element = elements[nth]
  if (!element) throw new Error(`No element for mbox "${name}" #${nth}`)
  return element
}

/** Advances past the queue's 20 ms batch delay and any retry. */
async function advancePastNotifications() {
  await advance(100)
}

describe('TargetMbox', () => {
  describe('rendering', () => {
    it('hides the default content while pending', () => {
      stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))

      renderWithTarget(
        <TargetMbox name="hero">
          <p>Default hero</p>
        </TargetMbox>,
      )

      const element = mboxElement('hero')
      expect(element.style.visibility).toBe('hidden')
      expect(element.getAttribute('aria-busy')).toBe('true')
      expect(screen.getByText('Default hero')).toBeDefined()
    })

    it('never shows the default content before the offer', async () => {
      stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))
      const visibilityAtCommit: string[] = []
      function DefaultHero() {
        const ref = useRef<HTMLParagraphElement>(null)
        useLayoutEffect(() => {
          visibilityAtCommit.push(ref.current!.parentElement!.style.visibility)
        })
        return <p ref={ref}>Default hero</p>
      }

      renderWithTarget(
        <TargetMbox name="hero">
          <DefaultHero />
        </TargetMbox>,
      )
      await advance()

      expect(visibilityAtCommit.length).toBeGreaterThan(0)
      expect(visibilityAtCommit.every((value) => value === 'hidden')).toBe(true)
      expect(screen.queryByText('Default hero')).toBeNull()
    })

    it('renders an html offer', async () => {
      stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))

      renderWithTarget(
        <TargetMbox name="hero">
          <p>Default hero</p>
        </TargetMbox>,
      )
      await advance()

      const element = mboxElement('hero')
      expect(element.innerHTML).toBe('<b>Sale</b>')
      expect(element.style.visibility).toBe('')
      expect(element.hasAttribute('aria-busy')).toBe(false)
      expect(screen.queryByText('Default hero')).toBeNull()
    })

    it('passes a json offer to render', async () => {
      stubDelivery(
        serveMboxes({ card: jsonMbox({ title: 'Summer sale' }, 't1') }),
      )

      renderWithTarget(
        <TargetMbox<Card>
          name="card"
          render={(offer) => {
            // @ts-expect-error: a Card has no price, so content is typed.
            void offer.content.price
            return <h2>{offer.content.title}</h2>
          }}
        >
          <p>Default card</p>
        </TargetMbox>,
      )
      await advance()

      expect(screen.getByRole('heading').textContent).toBe('Summer sale')
      expect(screen.queryByText('Default card')).toBeNull()
    })

    it('renders an html offer even with render', async () => {
      stubDelivery(serveMboxes({ card: htmlMbox('<b>Sale</b>', 't1') }))
      const renderOffer = vi.fn(() => <h2>json</h2>)

      renderWithTarget(<TargetMbox name="card" render={renderOffer} />)
      await advance()

      expect(mboxElement('card').innerHTML).toBe('<b>Sale</b>')
      expect(renderOffer).not.toHaveBeenCalled()
    })

    it('shows the default for json without render', async () => {
      stubDelivery(
        serveMboxes({ card: jsonMbox({ title: 'Summer sale' }, 't1') }),
      )

      renderWithTarget(
        <TargetMbox name="card">
          <p>Default card</p>
        </TargetMbox>,
      )
      await advance()

      expect(screen.getByText('Default card')).toBeDefined()
      expect(mboxElement('card').style.visibility).toBe('')
    })

    it('runs html offers through sanitizeHtml', async () => {
      stubDelivery(
        serveMboxes({
          hero: htmlMbox('<b>Sale</b><img src=x onerror="alert(1)">', 't1'),
        }),
      )
      const sanitizeHtml = vi.fn((html: string) =>
        html.replace(/<img[^>]*>/g, ''),
      )

      renderWithTarget(<TargetMbox name="hero" />, {
        props: { sanitizeHtml },
      })
      await advance()

      expect(mboxElement('hero').innerHTML).toBe('<b>Sale</b>')
      expect(sanitizeHtml).toHaveBeenCalledWith(
        '<b>Sale</b><img src=x onerror="alert(1)">',
      )
    })

    it('cleans an offer shown in many places once', async () => {
      stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))
      const sanitizeHtml = vi.fn((html: string) => html)

      renderWithTarget(
        <>
          <TargetMbox name="hero" placement="a" />
          <TargetMbox name="hero" placement="b" />
          <TargetMbox name="hero" placement="c" />
        </>,
        { props: { sanitizeHtml } },
      )
      await advance()

      expect(screen.getAllByText('Sale')).toHaveLength(3)
      expect(sanitizeHtml).toHaveBeenCalledTimes(1)
    })

    it('removes offer scripts by default', async () => {
      stubDelivery(
        serveMboxes({
          hero: htmlMbox(
            '<script>void 0</script><img src="data:," onerror="void 0"><a href="javascript:void 0">x</a>',
            't1',
          ),
        }),
      )
      const createElement = vi.spyOn(document, 'createElement')

      renderWithTarget(<TargetMbox name="hero" />)
      await advance()

      const element = mboxElement('hero')
      expect(element.querySelector('script')).toBeNull()
      expect(element.querySelector('img')!.hasAttribute('onerror')).toBe(false)
      expect(element.querySelector('a')!.getAttribute('href')).toBe('#void 0')
      expect(createElement).not.toHaveBeenCalledWith('script')
    })

    it('recreates offer scripts once with allowScripts', async () => {
      stubDelivery(
        serveMboxes({ hero: htmlMbox('<script>void 0</script>', 't1') }),
      )
      const createElement = vi.spyOn(document, 'createElement')

      renderWithTarget(<TargetMbox name="hero" />, {
        props: { allowScripts: true },
        strict: true,
      })
      await advance()

      const scriptCalls = createElement.mock.calls.filter(
        ([tag]) => tag === 'script',
      )
      expect(scriptCalls).toHaveLength(1)
      expect(mboxElement('hero').querySelector('script')?.textContent).toBe(
        'void 0',
      )
    })

    it('runs the scripts of a new offer with allowScripts', async () => {
      stubDelivery(
        serveMboxes({ hero: htmlMbox('<script>void "first"</script>', 't1') }),
      )
      const { queryClient } = renderWithTarget(<TargetMbox name="hero" />, {
        props: { allowScripts: true },
      })
      await advance()
      const createElement = vi.spyOn(document, 'createElement')

      act(() =>
        queryClient.setQueryData(mboxQueryKey('acme', 'hero'), {
          ...htmlMbox('<script>void "second"</script>', 't2'),
          name: 'hero',
        }),
      )

      const scriptCalls = createElement.mock.calls.filter(
        ([tag]) => tag === 'script',
      )
      expect(scriptCalls).toHaveLength(1)
      expect(mboxElement('hero').querySelector('script')?.textContent).toBe(
        'void "second"',
      )
    })

    it('passes className and data-mbox to the wrapper', async () => {
      stubDelivery(serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }))

      renderWithTarget(<TargetMbox name="hero" className="hero-slot" />)

      expect(mboxElement('hero').className).toBe('hero-slot')
      await advance()
      expect(mboxElement('hero').className).toBe('hero-slot')
    })
  })

  describe('default content', () => {
    const noOffer: [string, DeliveryHandler][] = [
      [
        'a redirect option',
        serveMboxes({
          hero: {
            options: [
              { type: 'redirect', content: 'https://x.test', eventToken: 't' },
            ],
          },
        }),
      ],
      ['a missing mbox', serveMboxes({})],
      ['an empty prefetch', () => ({ status: 200, prefetch: {} })],
    ]

    it.each(noOffer)('shows the default for %s', async (_, handler) => {
      stubDelivery(handler)
      const error = vi.spyOn(console, 'error')

      const { onError } = renderWithTarget(
        <TargetMbox name="hero">
          <p>Default hero</p>
        </TargetMbox>,
      )
      await advance()

      expect(screen.getByText('Default hero')).toBeDefined()
      expect(mboxElement('hero').style.visibility).toBe('')
      expect(onError).not.toHaveBeenCalled()
      expect(error).not.toHaveBeenCalled()
    })

    it('reports an option of an unknown type once', async () => {
      stubDelivery(
        serveMboxes({
          hero: {
            options: [
              { type: 'sparkle' as 'html', content: 'x', eventToken: 't' },
            ],
          },
        }),
      )

      const { onError } = renderWithTarget(
        <TargetMbox name="hero">
          <p>Default hero</p>
        </TargetMbox>,
      )
      await advance()

      expect(screen.getByText('Default hero')).toBeDefined()
      expect(onError).toHaveBeenCalledTimes(1)
      expect(onError.mock.calls[0]![0].kind).toBe('parse')
      expect(onError.mock.calls[0]![0].message).toContain('unknown type')
    })

    const failures: [string, DeliveryHandler, TargetErrorKind][] = [
      ['HTTP 500', () => jsonResponse({ message: 'down' }, 500), 'http'],
      [
        'HTTP 400',
        () => jsonResponse({ status: 400, message: 'bad' }, 400),
        'http',
      ],
      [
        'body status 400',
        () => ({ status: 400, message: 'invalid' }),
        'status',
      ],
      ['a body that is not JSON', () => new Response('<html>'), 'parse'],
      ['a timeout', () => new Promise<never>(() => {}), 'timeout'],
      [
        'a network error',
        () => Promise.reject(new TypeError('Failed to fetch')),
        'network',
      ],
    ]

    it.each(failures)(
      'shows the default and calls onError once on %s',
      async (_, handler, kind) => {
        const delivery = stubDelivery(handler)
        const error = vi.spyOn(console, 'error')

        const { onError } = renderWithTarget(
          <>
            <TargetMbox name="hero">
              <p>Default hero</p>
            </TargetMbox>
            <TargetMbox name="footer">
              <p>Default footer</p>
            </TargetMbox>
          </>,
          { props: { timeout: 1000 } },
        )
        await advance(1100)

        expect(delivery.calls).toHaveLength(1)
        expect(screen.getByText('Default hero')).toBeDefined()
        expect(screen.getByText('Default footer')).toBeDefined()
        expect(mboxElement('hero').style.visibility).toBe('')
        expect(mboxElement('footer').style.visibility).toBe('')
        expect(onError).toHaveBeenCalledTimes(1)
        expect(onError.mock.calls[0]![0].kind).toBe(kind)
        expect(error).not.toHaveBeenCalled()
      },
    )

    it('keeps the default hidden until the timeout', async () => {
      stubDelivery(() => new Promise<never>(() => {}))

      renderWithTarget(
        <TargetMbox name="hero">
          <p>Default hero</p>
        </TargetMbox>,
        { props: { timeout: 1000 } },
      )
      await advance(990)
      expect(mboxElement('hero').style.visibility).toBe('hidden')
      await advance(20)

      expect(mboxElement('hero').style.visibility).toBe('')
    })
  })

  describe('display', () => {
    it('reports a display only when in view', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 'token-hero') }),
      )

      renderWithTarget(<TargetMbox name="hero" />)
      await advance()
      await advancePastNotifications()
      expect(delivery.notifications()).toHaveLength(0)
      mockIsIntersecting(mboxElement('hero'), true)
      await advancePastNotifications()

      expect(delivery.notifications()).toEqual([
        {
          id: expect.any(String),
          impressionId: expect.any(String),
          type: 'display',
          timestamp: expect.any(Number),
          mbox: { name: 'hero', state: 'state-of-token-hero' },
          tokens: ['token-hero'],
        },
      ])
      const { timestamp } = delivery.notifications()[0]!
      expect(timestamp).toBeGreaterThanOrEqual(START_TIME)
      expect(timestamp).toBeLessThanOrEqual(Date.now())
    })

    it('waits for the provider threshold', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      renderWithTarget(<TargetMbox name="hero" />, {
        props: { threshold: 0.75 },
      })
      await advance()
      mockIsIntersecting(mboxElement('hero'), 0.5)
      await advancePastNotifications()
      expect(delivery.notifications()).toHaveLength(0)
      mockIsIntersecting(mboxElement('hero'), 0.8)
      await advancePastNotifications()

      expect(delivery.notifications()).toHaveLength(1)
    })

    it('waits for its own threshold over the provider one', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      renderWithTarget(<TargetMbox name="hero" threshold={1} />)
      await advance()
      mockIsIntersecting(mboxElement('hero'), 0.9)
      await advancePastNotifications()
      expect(delivery.notifications()).toHaveLength(0)
      mockIsIntersecting(mboxElement('hero'), 1)
      await advancePastNotifications()

      expect(delivery.notifications()).toHaveLength(1)
    })

    it('waits minViewTime in view before reporting', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      renderWithTarget(<TargetMbox name="hero" />, {
        props: { minViewTime: 1000 },
      })
      await advance()
      mockIsIntersecting(mboxElement('hero'), true)
      await advance(900)
      expect(delivery.notifications()).toHaveLength(0)
      await advance(100)
      await advancePastNotifications()

      expect(delivery.notifications()).toHaveLength(1)
    })

    it('cancels the display when leaving view early', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      renderWithTarget(<TargetMbox name="hero" />, {
        props: { minViewTime: 1000 },
      })
      await advance()
      mockIsIntersecting(mboxElement('hero'), true)
      await advance(500)
      mockIsIntersecting(mboxElement('hero'), false)
      await advance(5000)

      expect(delivery.notifications()).toHaveLength(0)
    })

    it('uses its own minViewTime over the provider one', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      renderWithTarget(<TargetMbox name="hero" minViewTime={0} />, {
        props: { minViewTime: 60_000 },
      })
      await advance()
      mockIsIntersecting(mboxElement('hero'), true)
      await advancePastNotifications()

      expect(delivery.notifications()).toHaveLength(1)
    })

    it('reports again for a new pageView', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )
      const queryClient = new QueryClient()
      const page = (pageView: string) => (
        <TargetProvider
          clientCode="acme"
          queryClient={queryClient}
          pageView={pageView}
        >
          <TargetMbox name="hero" />
        </TargetProvider>
      )

      const { rerender } = render(page('/home'))
      await advance()
      mockAllIsIntersecting(true)
      await advancePastNotifications()
      rerender(page('/home'))
      mockAllIsIntersecting(true)
      await advancePastNotifications()
      expect(delivery.notifications()).toHaveLength(1)
      rerender(page('/sale'))
      mockAllIsIntersecting(true)
      await advancePastNotifications()
      expect(delivery.notifications()).toHaveLength(2)
      // Back to an earlier path is a page view of its own too.
      rerender(page('/home'))
      mockAllIsIntersecting(true)
      await advancePastNotifications()

      expect(delivery.notifications()).toHaveLength(3)
    })

    it.each([1.5, -0.1, Number.NaN])(
      'falls back to 0.5 for a threshold of %s',
      async (threshold) => {
        const delivery = stubDelivery(
          serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
        )
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

        renderWithTarget(<TargetMbox name="hero" threshold={threshold} />)
        await advance()
        mockAllIsIntersecting(true)
        await advancePastNotifications()

        expect(screen.getByText('Sale')).toBeDefined()
        expect(delivery.notifications()).toHaveLength(1)
        expect(
          warn.mock.calls.some(([m]) => String(m).includes('threshold')),
        ).toBe(true)
      },
    )

    it('reports once across re-renders and scrolling', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      const { rerender } = renderWithTarget(<TargetMbox name="hero" />)
      await advance()
      mockIsIntersecting(mboxElement('hero'), true)
      await advancePastNotifications()
      rerender(<TargetMbox name="hero" className="again" />)
      await advancePastNotifications()

      expect(delivery.notifications()).toHaveLength(1)
      // Once its display is sent, the element is no longer observed, so
      // scrolling it out and back cannot report it again.
      expect(() => mockIsIntersecting(mboxElement('hero'), true)).toThrow(
        /Failed to find IntersectionObserver/,
      )
    })

    it('reports once in StrictMode', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      renderWithTarget(<TargetMbox name="hero" />, { strict: true })
      await advance()
      mockAllIsIntersecting(true)
      await advancePastNotifications()

      expect(delivery.prefetchRequests()).toEqual([['hero']])
      expect(delivery.notifications()).toHaveLength(1)
    })

    it('reports nothing for default content', async () => {
      const delivery = stubDelivery(
        serveMboxes({
          hero: {
            state: 's',
            options: [
              { type: 'redirect', content: 'https://x.test', eventToken: 't' },
            ],
          },
        }),
      )

      renderWithTarget(
        <TargetMbox name="hero">
          <p>Default hero</p>
        </TargetMbox>,
      )
      await advance()
      mockAllIsIntersecting(true)
      await advancePastNotifications()

      expect(delivery.notifications()).toHaveLength(0)
    })

    it('reports nothing for an mbox never in view', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      renderWithTarget(<TargetMbox name="hero" />)
      await advance()
      mockAllIsIntersecting(false)
      await advance(60_000)

      expect(delivery.calls).toHaveLength(1)
      expect(delivery.notifications()).toHaveLength(0)
    })

    it('reports each placement of the same mbox', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      renderWithTarget(
        <>
          <TargetMbox name="hero" placement="top" />
          <TargetMbox name="hero" placement="bottom" />
        </>,
      )
      await advance()
      mockIsIntersecting(mboxElement('hero', 0), true)
      mockIsIntersecting(mboxElement('hero', 1), true)
      await advancePastNotifications()

      expect(delivery.prefetchRequests()).toEqual([['hero']])
      const displays = delivery.notifications()
      expect(displays).toHaveLength(2)
      expect(displays.every((n) => n.tokens[0] === 't1')).toBe(true)
      expect(displays[0]!.id).not.toBe(displays[1]!.id)
    })

    it('warns when one placement is shown twice', async () => {
      stubDelivery(serveMboxes({ 'twin-hero': htmlMbox('<b>Sale</b>', 't1') }))
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

      renderWithTarget(
        <>
          <TargetMbox name="twin-hero" />
          <TargetMbox name="twin-hero" />
        </>,
      )
      await advance()

      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]![0]).toContain('twin-hero')
      expect(warn.mock.calls[0]![0]).toContain('placement')
    })

    it('reports once per placement prop across remounts', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Sale</b>', 't1') }),
      )

      const { rerender } = renderWithTarget(
        <TargetMbox key="first" name="hero" placement="home-top" />,
      )
      await advance()
      mockAllIsIntersecting(true)
      await advancePastNotifications()
      rerender(<TargetMbox key="second" name="hero" placement="home-top" />)
      await advance()
      mockAllIsIntersecting(true)
      await advancePastNotifications()

      expect(delivery.notifications()).toHaveLength(1)
    })
  })

  describe('requests', () => {
    it('sends one request for mboxes mounted together', async () => {
      const delivery = stubDelivery(
        serveMboxes({
          hero: htmlMbox('<b>Hero</b>', 't1'),
          footer: htmlMbox('<b>Footer</b>', 't2'),
        }),
      )

      renderWithTarget(
        <>
          <TargetMbox name="hero" />
          <section>
            <TargetMbox name="footer" />
          </section>
        </>,
      )
      await advance()

      expect(delivery.prefetchRequests()).toEqual([['hero', 'footer']])
      expect(mboxElement('hero').innerHTML).toBe('<b>Hero</b>')
      expect(mboxElement('footer').innerHTML).toBe('<b>Footer</b>')
    })

    it('sends a later-mounted mbox in a later request', async () => {
      const delivery = stubDelivery(
        serveMboxes({
          hero: htmlMbox('<b>Hero</b>', 't1'),
          lazy: htmlMbox('<b>Lazy</b>', 't2'),
        }),
      )

      const { rerender } = renderWithTarget(<TargetMbox name="hero" />)
      await advance()
      rerender(
        <>
          <TargetMbox name="hero" />
          <TargetMbox name="lazy" />
        </>,
      )
      await advance()

      expect(delivery.prefetchRequests()).toEqual([['hero'], ['lazy']])
      expect(mboxElement('lazy').innerHTML).toBe('<b>Lazy</b>')
    })

    it('does not refetch a remounted mbox', async () => {
      const delivery = stubDelivery(
        serveMboxes({ hero: htmlMbox('<b>Hero</b>', 't1') }),
      )

      const { rerender } = renderWithTarget(<TargetMbox name="hero" />)
      await advance()
      rerender(<p>Elsewhere</p>)
      rerender(<TargetMbox name="hero" />)

      expect(mboxElement('hero').innerHTML).toBe('<b>Hero</b>')
      await advance()
      expect(delivery.prefetchRequests()).toEqual([['hero']])
    })

    it('shows the default without a request for a bad name', async () => {
      const delivery = stubDelivery()
      vi.spyOn(console, 'warn').mockImplementation(() => {})

      const { onError } = renderWithTarget(
        <TargetMbox name="cart-clicked">
          <p>Default cart</p>
        </TargetMbox>,
      )
      await advance()

      expect(delivery.calls).toHaveLength(0)
      expect(screen.getByText('Default cart')).toBeDefined()
      expect(mboxElement('cart-clicked').style.visibility).toBe('')
      expect(onError).not.toHaveBeenCalled()
    })

    it('sends its parameters over the provider ones', async () => {
      const delivery = stubDelivery(serveMboxes({}))

      renderWithTarget(
        <TargetMbox name="hero" parameters={{ slot: 'top', page: 'pdp' }} />,
        { props: { parameters: { page: 'home', lang: 'en' } } },
      )
      await advance()

      expect(delivery.calls[0]!.body.prefetch!.mboxes![0]!.parameters).toEqual({
        page: 'pdp',
        lang: 'en',
        slot: 'top',
      })
    })
  })

  it('throws outside TargetProvider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})

    const renderAlone = () => render(<TargetMbox name="hero" />)

    expect(renderAlone).toThrow(/must be used within <TargetProvider>/)
    expect(renderAlone).toThrow(/TargetMbox/)
  })
})
