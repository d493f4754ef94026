import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TargetClientOptions } from '../../../src/core/createClientCore'
import { createTargetClient } from '../../../src/core/createTargetClient'
import type { TargetConfig } from '../../../src/core/types'
import { TargetError } from '../../../src/delivery/TargetError'
import type {
  DeliveryRequest,
  Notification,
  PrefetchMboxResponse,
} from '../../../src/delivery/types'
import {
  START_TIME,
  catchTargetError,
  clearDocumentCookies,
  htmlMbox,
  jsonResponse,
  serveMboxes,
  stubDelivery,
  type DeliveryHandler,
} from '../renderWithTarget'

const NOW_SECONDS = Math.floor(START_TIME / 1000)

function createClient(
  config: Partial<TargetConfig> = {},
  options?: TargetClientOptions,
) {
  const onError = vi.fn<(error: TargetError) => void>()
  const client = createTargetClient(
    { clientCode: 'acme', onError, ...config },
    options,
  )
  return { client, onError }
}

/** Advances the fake clock so the batcher's 0 ms timer and `fetch` run. */
async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms)
}

/** Advances the fake clock past the queue's 20 ms batch delay. */
async function settleNotifications() {
  await vi.advanceTimersByTimeAsync(25)
}

function failWith(status: number, message = 'failed'): DeliveryHandler {
  return () => jsonResponse({ status, message }, status)
}

describe('createTargetClient', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START_TIME })
    clearDocumentCookies()
    sessionStorage.clear()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    clearDocumentCookies()
    sessionStorage.clear()
    Reflect.deleteProperty(navigator, 'sendBeacon')
  })

  describe('clientCode', () => {
    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['blank', '   '],
    ])('rejects a %s clientCode', (_, clientCode) => {
      const create = () =>
        createTargetClient({ clientCode: clientCode as string })

      expect(create).toThrow('[react-adobe-target] clientCode is missing')
      expect(create).toThrow('<TargetProvider clientCode="acme">')
    })

    it('rejects a clientCode containing a space', () => {
      const create = () => createTargetClient({ clientCode: 'ac me' })

      expect(create).toThrow('clientCode "ac me" may hold only letters, digits')
      expect(create).toThrow(/remove/i)
    })

    it('rejects a bad clientCode in configure', () => {
      const { client } = createClient()

      expect(() => client.configure({ clientCode: '' })).toThrow(
        'clientCode is missing or empty',
      )
      expect(client.config.clientCode).toBe('acme')
    })
  })

  describe('request URL', () => {
    it('uses the trimmed clientCode', async () => {
      const delivery = stubDelivery()
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { client } = createClient({ clientCode: ' acme ' })

      void client.prefetchMbox('home-hero')
      await settle()

      expect(delivery.calls[0]!.url.host).toBe('acme.tt.omtrdc.net')
      expect(delivery.calls[0]!.url.searchParams.get('client')).toBe('acme')
    })

    it('goes to the client host with client and sessionId', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      void client.prefetchMbox('home-hero')
      await settle()

      expect(delivery.calls[0]!.url.href).toBe(
        `https://acme.tt.omtrdc.net/rest/v1/delivery?client=acme&sessionId=${client.visitor.sessionId}`,
      )
    })

    it('reuses the session id of the mbox cookie', async () => {
      const delivery = stubDelivery()
      const { client } = createClient(
        {},
        { visitor: { mboxCookie: `session#s-cookie#${NOW_SECONDS + 600}` } },
      )

      void client.prefetchMbox('home-hero')
      await settle()

      expect(delivery.calls[0]!.url.searchParams.get('sessionId')).toBe(
        's-cookie',
      )
    })

    it('moves to mboxedge<cluster> once the edgeHost is known', async () => {
      const delivery = stubDelivery(
        serveMboxes({}, { edgeHost: 'mboxedge35.tt.omtrdc.net' }),
      )
      const { client } = createClient()

      await Promise.all([client.prefetchMbox('a'), settle()])
      await Promise.all([client.prefetchMbox('b'), settle()])

      expect(delivery.calls[0]!.url.host).toBe('acme.tt.omtrdc.net')
      expect(delivery.calls[1]!.url.host).toBe('mboxedge35.tt.omtrdc.net')
      expect(delivery.calls[1]!.url.searchParams.get('sessionId')).toBe(
        client.visitor.sessionId,
      )
    })

    it('uses the cluster of a stored tntId', async () => {
      const delivery = stubDelivery()
      const { client } = createClient(
        {},
        { visitor: { mboxCookie: `PC#t1.28_0#${NOW_SECONDS + 9999}` } },
      )

      void client.prefetchMbox('a')
      await settle()

      expect(delivery.calls[0]!.url.host).toBe('mboxedge28.tt.omtrdc.net')
    })

    it('uses serverDomain over http when secure is false', async () => {
      const delivery = stubDelivery()
      const { client } = createClient(
        { serverDomain: '127.0.0.1:8080', secure: false },
        { visitor: { edgeClusterCookie: '35' } },
      )

      void client.prefetchMbox('a')
      await settle()

      expect(delivery.calls[0]!.url.href).toBe(
        `http://127.0.0.1:8080/rest/v1/delivery?client=acme&sessionId=${client.visitor.sessionId}`,
      )
    })
  })

  describe('prefetchMbox', () => {
    it('sends one request for mboxes asked in one tick', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      void client.prefetchMbox('a')
      void client.prefetchMbox('b')
      void client.prefetchMbox('c')
      await settle()

      expect(delivery.calls).toHaveLength(1)
      expect(delivery.calls[0]!.body.prefetch?.mboxes).toEqual([
        { index: 0, name: 'a' },
        { index: 1, name: 'b' },
        { index: 2, name: 'c' },
      ])
      expect(delivery.calls[0]!.body.notifications).toBeUndefined()
      expect(delivery.calls[0]!.body.execute).toBeUndefined()
    })

    it('splits 120 mboxes into requests of at most 50', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()
      const names = Array.from({ length: 120 }, (_, i) => `mbox-${i}`)

      for (const name of names) void client.prefetchMbox(name)
      await settle()

      const requests = delivery.calls.map((call) => call.body.prefetch!.mboxes!)
      expect(requests.map((mboxes) => mboxes.length)).toEqual([50, 50, 20])
      for (const mboxes of requests) {
        const indexes = mboxes.map((mbox) => mbox.index)
        expect(new Set(indexes).size).toBe(mboxes.length)
      }
      expect(requests.flat().map((mbox) => mbox.name)).toEqual(names)
    })

    it('sends a later call in a later request', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      void client.prefetchMbox('a')
      await settle()
      void client.prefetchMbox('b')
      await settle()

      expect(delivery.prefetchRequests()).toEqual([['a'], ['b']])
    })

    it('merges provider and mbox parameters', async () => {
      const delivery = stubDelivery()
      const { client } = createClient({
        parameters: { page: 'home', lang: 'en' },
      })

      void client.prefetchMbox('a', { lang: 'de', slot: '1' })
      void client.prefetchMbox('b')
      await settle()

      const [a, b] = delivery.calls[0]!.body.prefetch!.mboxes!
      expect(a!.parameters).toEqual({ page: 'home', lang: 'de', slot: '1' })
      expect(b!.parameters).toEqual({ page: 'home', lang: 'en' })
    })

    it('sends profileParameters with every mbox', async () => {
      const delivery = stubDelivery()
      const { client } = createClient({
        profileParameters: { tier: 'gold' },
      })

      void client.prefetchMbox('a')
      void client.prefetchMbox('b')
      await settle()

      const mboxes = delivery.calls[0]!.body.prefetch!.mboxes!
      expect(mboxes[0]!.profileParameters).toEqual({ tier: 'gold' })
      expect(mboxes[1]!.profileParameters).toEqual({ tier: 'gold' })
    })

    it('sends the property token', async () => {
      const delivery = stubDelivery()
      const { client } = createClient({ propertyToken: 'prop-123' })

      void client.prefetchMbox('a')
      await settle()

      expect(delivery.calls[0]!.body.property).toEqual({ token: 'prop-123' })
    })

    it('sends the browser context', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      void client.prefetchMbox('a')
      await settle()

      const { context } = delivery.calls[0]!.body
      expect(context.channel).toBe('web')
      expect(context.address?.url).toBe(window.location.href)
      expect(context.userAgent).toBe(navigator.userAgent)
    })

    it('merges the context option over the page context', async () => {
      const delivery = stubDelivery()
      const { client } = createClient(
        {},
        {
          context: {
            address: { url: 'https://shop.example/cart' },
            userAgent: 'ServerAgent/1.0',
          },
        },
      )

      void client.prefetchMbox('a')
      await settle()

      const { context } = delivery.calls[0]!.body
      expect(context.channel).toBe('web')
      expect(context.address).toEqual({ url: 'https://shop.example/cart' })
      expect(context.userAgent).toBe('ServerAgent/1.0')
    })

    it('sends the tntId once Target returns it', async () => {
      const delivery = stubDelivery(
        serveMboxes({}, { id: { tntId: 't1.35_0' } }),
      )
      const { client } = createClient()

      await Promise.all([client.prefetchMbox('a'), settle()])
      await Promise.all([client.prefetchMbox('b'), settle()])

      expect(delivery.calls[0]!.body.id).toBeUndefined()
      expect(delivery.calls[1]!.body.id).toEqual({ tntId: 't1.35_0' })
    })

    it('sends the visitorId ids beside the tntId', async () => {
      const delivery = stubDelivery()
      const { client } = createClient(
        { visitorId: { marketingCloudVisitorId: 'ecid-1' } },
        { visitor: { mboxCookie: `PC#t1.35_0#${NOW_SECONDS + 9999}` } },
      )

      void client.prefetchMbox('a')
      await settle()

      expect(delivery.calls[0]!.body.id).toEqual({
        marketingCloudVisitorId: 'ecid-1',
        tntId: 't1.35_0',
      })
    })

    it('matches answers by index', async () => {
      stubDelivery((body) => ({
        status: 200,
        prefetch: {
          // Reversed, so a match by position would be wrong.
          mboxes: [...body.prefetch!.mboxes!].reverse().map((mbox) => ({
            index: mbox.index,
            name: mbox.name,
            state: `state-${mbox.name}`,
          })),
        },
      }))
      const { client } = createClient()

      const a = client.prefetchMbox('a')
      const b = client.prefetchMbox('b')
      const c = client.prefetchMbox('c')
      await settle()

      expect((await a)?.state).toBe('state-a')
      expect((await b)?.state).toBe('state-b')
      expect((await c)?.state).toBe('state-c')
    })

    it('resolves null for an answer naming another mbox', async () => {
      stubDelivery(() => ({
        status: 200,
        prefetch: { mboxes: [{ index: 0, name: 'b', state: 's' }] },
      }))
      const { client } = createClient()

      const a = client.prefetchMbox('a')
      await settle()

      expect(await a).toBeNull()
    })

    it('asks for one mbox twice in separate requests', async () => {
      const delivery = stubDelivery(
        serveMboxes({ card: htmlMbox('<b>Card</b>', 't1') }),
      )
      const { client } = createClient()

      const x = client.prefetchMbox('card', { variant: 'x' })
      const y = client.prefetchMbox('card', { variant: 'y' })
      void client.prefetchMbox('hero')
      await settle()

      expect(delivery.prefetchRequests()).toEqual([['card', 'hero'], ['card']])
      expect(delivery.calls[1]!.body.prefetch!.mboxes![0]!.parameters).toEqual({
        variant: 'y',
      })
      expect((await x)?.name).toBe('card')
      expect((await y)?.name).toBe('card')
    })

    it('resolves null for an mbox missing from the response', async () => {
      stubDelivery(serveMboxes({ a: htmlMbox('<b>A</b>', 'ta') }))
      const { client } = createClient()

      const a = client.prefetchMbox('a')
      const b = client.prefetchMbox('b')
      await settle()

      expect((await a)?.name).toBe('a')
      expect(await b).toBeNull()
    })

    it('resolves null for an empty prefetch', async () => {
      stubDelivery(() => ({ status: 200, prefetch: {} }))
      const { client, onError } = createClient()

      const a = client.prefetchMbox('a')
      await settle()

      expect(await a).toBeNull()
      expect(onError).not.toHaveBeenCalled()
    })

    it('rejects every mbox of a failed request', async () => {
      stubDelivery(failWith(500))
      const { client } = createClient()

      const a = catchTargetError(client.prefetchMbox('a'))
      const b = catchTargetError(client.prefetchMbox('b'))
      await settle()

      expect((await a).status).toBe(500)
      expect((await b).status).toBe(500)
    })

    it('calls onError once per failed request', async () => {
      stubDelivery(failWith(503))
      const { client, onError } = createClient()

      const results = Array.from({ length: 120 }, (_, i) =>
        client.prefetchMbox(`mbox-${i}`).catch((error: unknown) => error),
      )
      await settle()
      await Promise.all(results)

      expect(onError).toHaveBeenCalledTimes(3)
      expect(onError.mock.calls[0]![0]).toBeInstanceOf(TargetError)
      expect(onError.mock.calls[0]![0].status).toBe(503)
    })

    it('keeps an onError that throws from escaping', async () => {
      stubDelivery(failWith(500))
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { client } = createClient({
        onError: () => {
          throw new Error('broken handler')
        },
      })

      const a = catchTargetError(client.prefetchMbox('a'))
      await settle()

      expect((await a).kind).toBe('http')
      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]![0]).toMatch(/^\[react-adobe-target\] /)
      expect(warn.mock.calls[0]![0]).toContain('broken handler')
    })

    it('resolves null without a request for a bad name', async () => {
      const delivery = stubDelivery()
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { client } = createClient()

      const bad = client.prefetchMbox('buy-clicked')
      await settle()

      expect(await bad).toBeNull()
      expect(delivery.calls).toHaveLength(0)
      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]![0]).toContain('buy-clicked')
    })

    it('leaves out parameters Target would reject', async () => {
      const delivery = stubDelivery()
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { client } = createClient({
        parameters: { page: 'home', 'profile.age': '30' },
      })

      void client.prefetchMbox('a', { huge: 'x'.repeat(5001) })
      await settle()

      expect(delivery.calls[0]!.body.prefetch!.mboxes![0]!.parameters).toEqual({
        page: 'home',
      })
    })

    it('times out after 3000 ms by default', async () => {
      stubDelivery(() => new Promise<never>(() => {}))
      const { client, onError } = createClient()

      const a = catchTargetError(client.prefetchMbox('a'))
      await settle(2999)
      expect(onError).not.toHaveBeenCalled()
      await settle(1)

      expect((await a).kind).toBe('timeout')
      expect(onError).toHaveBeenCalledTimes(1)
    })

    it('uses settings changed by configure', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      client.configure({ clientCode: 'acme', parameters: { page: 'cart' } })
      void client.prefetchMbox('a')
      await settle()

      expect(delivery.calls[0]!.body.prefetch!.mboxes![0]!.parameters).toEqual({
        page: 'cart',
      })
    })
  })

  describe('reportDisplay', () => {
    const hero: PrefetchMboxResponse = {
      index: 0,
      name: 'home-hero',
      state: 'state-hero',
    }

    it('sends a display notification', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      client.reportDisplay('p1', hero, ['token-1'])
      await settleNotifications()

      expect(delivery.calls).toHaveLength(1)
      const { body } = delivery.calls[0]!
      expect(body.prefetch).toBeUndefined()
      expect(body.notifications).toEqual([
        {
          id: expect.stringMatching(/^[0-9a-f]{32}$/),
          impressionId: expect.stringMatching(/^[0-9a-f]{32}$/),
          type: 'display',
          timestamp: START_TIME,
          mbox: { name: 'home-hero', state: 'state-hero' },
          tokens: ['token-1'],
        },
      ])
      const [sent] = body.notifications!
      expect(sent!.impressionId).toBe(sent!.id)
      expect(delivery.calls[0]!.init.keepalive).toBe(true)
    })

    it('sends once per key', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      client.reportDisplay('p1', hero, ['token-1'])
      client.reportDisplay('p1', hero, ['token-1'])
      await settleNotifications()
      client.reportDisplay('p1', hero, ['token-1'])
      await settleNotifications()

      expect(delivery.notifications()).toHaveLength(1)
    })

    it('sends each key once', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      client.reportDisplay('p1', hero, ['token-1'])
      client.reportDisplay('p2', hero, ['token-1'])
      await settleNotifications()

      expect(delivery.calls).toHaveLength(1)
      const ids = delivery.notifications().map((n) => n.id)
      expect(ids).toHaveLength(2)
      expect(new Set(ids).size).toBe(2)
    })

    it('sends nothing without tokens', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      client.reportDisplay('p1', hero, [])
      await settleNotifications()

      expect(delivery.calls).toHaveLength(0)
    })

    it('sends later once tokens exist for the key', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      client.reportDisplay('p1', hero, [])
      client.reportDisplay('p1', hero, ['token-1'])
      await settleNotifications()

      expect(delivery.notifications()).toHaveLength(1)
    })

    it('reports a failed display to onError once', async () => {
      stubDelivery(failWith(400, 'Invalid token'))
      const { client, onError } = createClient()

      client.reportDisplay('p1', hero, ['bad-token'])
      await settleNotifications()

      expect(onError).toHaveBeenCalledTimes(1)
      expect(onError.mock.calls[0]![0].message).toContain('Invalid token')
    })
  })

  describe('reportClick', () => {
    it('sends the tokens of the click metrics', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      client.reportClick({
        name: 'home-hero',
        state: 'state-hero',
        options: [{ type: 'html', content: '<b>x</b>', eventToken: 'shown' }],
        metrics: [
          { type: 'click', eventToken: 'click-1' },
          { type: 'display', eventToken: 'not-a-click' },
          { type: 'click', eventToken: 'click-2', selector: '#buy' },
        ],
      })
      await settleNotifications()

      expect(delivery.notifications()).toEqual([
        {
          id: expect.stringMatching(/^[0-9a-f]{32}$/),
          type: 'click',
          timestamp: START_TIME,
          mbox: { name: 'home-hero', state: 'state-hero' },
          tokens: ['click-1', 'click-2'],
        },
      ])
    })

    it('sends every click', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()
      const mbox = {
        name: 'home-hero',
        metrics: [{ type: 'click' as const, eventToken: 'click-1' }],
      }

      client.reportClick(mbox)
      client.reportClick(mbox)
      await settleNotifications()

      expect(delivery.notifications()).toHaveLength(2)
    })

    it('warns once and sends nothing without a click metric', async () => {
      const delivery = stubDelivery()
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { client } = createClient()
      const mbox = {
        name: 'no-goal-mbox',
        options: [{ type: 'html' as const, eventToken: 'shown' }],
      }

      client.reportClick(mbox)
      client.reportClick(mbox)
      await settleNotifications()

      expect(delivery.calls).toHaveLength(0)
      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]![0]).toMatch(/^\[react-adobe-target\] /)
      expect(warn.mock.calls[0]![0]).toContain('no-goal-mbox')
    })
  })

  describe('holdDisplay', () => {
    const hero: PrefetchMboxResponse = {
      name: 'home-hero',
      state: 's',
      metrics: [{ type: 'click', eventToken: 'click-1' }],
    }

    it('sends a held display ahead of a click', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()
      client.holdDisplay('p1', 'home-hero', () =>
        client.reportDisplay('p1', hero, ['t1']),
      )

      client.reportClick(hero)
      await settleNotifications()

      expect(delivery.notifications().map((n) => n.type)).toEqual([
        'display',
        'click',
      ])
    })

    it('does not send a withdrawn display on a click', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()
      const send = vi.fn()
      const release = client.holdDisplay('p1', 'home-hero', send)

      release()
      client.reportClick(hero)
      await settleNotifications()

      expect(send).not.toHaveBeenCalled()
      expect(delivery.notifications().map((n) => n.type)).toEqual(['click'])
    })

    it('leaves held displays of other mboxes alone', () => {
      stubDelivery()
      const { client } = createClient()
      const send = vi.fn()
      client.holdDisplay('p1', 'footer', send)

      client.reportClick(hero)

      expect(send).not.toHaveBeenCalled()
    })

    it('holds a click until the display of its mbox', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()
      client.holdDisplay('p1', 'home-hero')

      client.reportClick(hero)
      await settleNotifications()
      expect(delivery.notifications()).toEqual([])

      client.reportDisplay('p1', hero, ['t1'])
      await settleNotifications()
      expect(delivery.notifications().map((n) => n.type)).toEqual([
        'display',
        'click',
      ])
    })

    it('sends a held click after a second without a display', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()
      client.holdDisplay('p1', 'home-hero')

      client.reportClick(hero)
      await vi.advanceTimersByTimeAsync(999)
      expect(delivery.notifications()).toEqual([])
      await vi.advanceTimersByTimeAsync(1)
      await settleNotifications()

      expect(delivery.notifications().map((n) => n.type)).toEqual(['click'])
    })

    it('does not hold a click for a display already sent', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()
      client.reportDisplay('p1', hero, ['t1'])
      client.holdDisplay('p1', 'home-hero')

      client.reportClick(hero)
      await settleNotifications()

      expect(delivery.notifications().map((n) => n.type)).toEqual([
        'display',
        'click',
      ])
    })
  })

  describe('mountPlacement', () => {
    it('warns once when a placement is shown twice', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { client } = createClient()

      client.mountPlacement('twice-mbox', 'twice-mbox')
      expect(warn).not.toHaveBeenCalled()
      client.mountPlacement('twice-mbox', 'twice-mbox')
      client.mountPlacement('twice-mbox', 'twice-mbox')

      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]![0]).toMatch(/^\[react-adobe-target\] /)
      expect(warn.mock.calls[0]![0]).toContain('placement=')
    })

    it('does not warn after the first one is removed', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { client } = createClient()

      const remove = client.mountPlacement('remount-mbox', 'top')
      remove()
      remove()
      client.mountPlacement('remount-mbox', 'top')

      expect(warn).not.toHaveBeenCalled()
    })

    it('does not warn for two placements of one mbox', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { client } = createClient()

      client.mountPlacement('two-places', 'top')
      client.mountPlacement('two-places', 'bottom')

      expect(warn).not.toHaveBeenCalled()
    })
  })

  describe('getOffers', () => {
    it('returns request, response, cookies and responseTokens', async () => {
      const response = {
        status: 200,
        id: { tntId: 't1.35_0' },
        edgeHost: 'mboxedge35.tt.omtrdc.net',
        execute: {
          mboxes: [
            {
              index: 0,
              name: 'checkout',
              options: [
                {
                  type: 'json' as const,
                  content: { x: 1 },
                  responseTokens: { 'activity.id': 7 },
                },
              ],
            },
          ],
        },
      }
      const delivery = stubDelivery(() => response)
      const { client } = createClient({}, { visitor: { sessionId: 's1' } })

      const result = await client.getOffers({
        request: { execute: { mboxes: [{ index: 0, name: 'checkout' }] } },
      })

      // Compared as JSON, because the wire turns -0 into 0.
      expect(JSON.parse(JSON.stringify(result.request))).toEqual(
        delivery.calls[0]!.body,
      )
      expect(result.request.execute).toEqual({
        mboxes: [{ index: 0, name: 'checkout' }],
      })
      expect(result.response).toEqual(response)
      expect(result.targetCookie).toEqual({
        name: 'mbox',
        value: `session#s1#${NOW_SECONDS + 1860}|PC#t1.35_0#${NOW_SECONDS + 63244800}`,
        maxAge: 63244800,
      })
      expect(result.targetLocationHintCookie).toEqual({
        name: 'mboxEdgeCluster',
        value: '35',
        maxAge: 1860,
      })
      expect(result.responseTokens).toEqual([{ 'activity.id': 7 }])
    })

    it('fills in context when left out', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      await client.getOffers({ request: {} })

      expect(delivery.calls[0]!.body.context.channel).toBe('web')
      expect(delivery.calls[0]!.body.requestId).toMatch(/^[0-9a-f]{32}$/)
    })

    it('has no location hint before the cluster is known', async () => {
      stubDelivery()
      const { client } = createClient()

      const result = await client.getOffers({ request: {} })

      expect(result.targetLocationHintCookie).toBeUndefined()
    })

    it('uses the given sessionId', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      await client.getOffers({ request: {}, sessionId: 'server-session' })

      expect(delivery.calls[0]!.url.searchParams.get('sessionId')).toBe(
        'server-session',
      )
    })

    it('adds customerIds to the request', async () => {
      const delivery = stubDelivery()
      const { client } = createClient(
        {},
        { visitor: { mboxCookie: `PC#t1.35_0#${NOW_SECONDS + 9999}` } },
      )
      const crm = {
        id: 'crm-42',
        integrationCode: 'crm',
        authenticatedState: 'authenticated' as const,
      }
      const loyalty = { ...crm, id: 'loyal-7', integrationCode: 'loyalty' }

      await client.getOffers({
        request: { id: { customerIds: [loyalty] } },
        customerIds: [crm],
      })

      expect(delivery.calls[0]!.body.id).toEqual({
        tntId: 't1.35_0',
        customerIds: [loyalty, crm],
      })
    })

    it('rejects with the TargetError of a failure', async () => {
      stubDelivery(failWith(400, 'Invalid request'))
      const { client } = createClient()

      const error = await catchTargetError(client.getOffers({ request: {} }))

      expect(error.kind).toBe('http')
      expect(error.status).toBe(400)
    })
  })

  describe('sendNotifications', () => {
    const click: Notification = {
      id: 'n-1',
      type: 'click',
      timestamp: START_TIME,
      mbox: { name: 'home-hero', state: 'state-hero' },
      tokens: ['click-1'],
    }

    it('resolves after the ids come back', async () => {
      let release: () => void = () => {}
      const gate = new Promise<void>((resolve) => (release = resolve))
      stubDelivery(async (body) => {
        await gate
        return serveMboxes({})(body, undefined as never)
      })
      const { client } = createClient()

      let settled = false
      const sent = client
        .sendNotifications({ request: { notifications: [click] } })
        .finally(() => {
          settled = true
        })
      await settleNotifications()
      expect(settled).toBe(false)
      release()

      const result = await sent
      expect(result.response.notifications).toEqual([{ id: 'n-1' }])
      expect(result.request.notifications).toEqual([click])
    })

    it('shares one request with a component display', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      client.reportDisplay('p1', { name: 'home-hero', state: 's' }, ['t1'])
      const sent = client.sendNotifications({
        request: { notifications: [click] },
      })
      await settleNotifications()
      await sent

      expect(delivery.calls).toHaveLength(1)
      expect(delivery.notifications().map((n) => n.type)).toEqual([
        'display',
        'click',
      ])
    })

    it('rejects and sends nothing when one is invalid', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      const error = await catchTargetError(
        client.sendNotifications({
          request: {
            notifications: [click, { ...click, id: 'n-2', tokens: [] }],
          },
        }),
      )
      await settleNotifications()

      expect(error.kind).toBe('invalid')
      expect(error.message).toContain('n-2')
      expect(delivery.calls).toHaveLength(0)
    })

    it('gives an id to a notification without one', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()

      const sent = client.sendNotifications({
        request: { notifications: [{ ...click, id: '' }] },
      })
      await settleNotifications()
      await sent

      expect(delivery.notifications()[0]!.id).toMatch(/^[0-9a-f]{32}$/)
    })
  })

  describe('connect', () => {
    /** Reads a jsdom Blob, which has no `text()`, under fake timers. */
    async function readBlob(blob: Blob): Promise<string> {
      const text = new Promise<string>((resolve, reject) => {
        const reader = new FileReader()
        reader.onload = () => resolve(String(reader.result))
        reader.onerror = () => reject(reader.error)
        reader.readAsText(blob)
      })
      await vi.advanceTimersByTimeAsync(10)
      return text
    }

    it('beacons queued notifications on pagehide', async () => {
      const delivery = stubDelivery()
      const sendBeacon = vi.fn<(url: string, body: Blob) => boolean>(() => true)
      Object.defineProperty(navigator, 'sendBeacon', {
        configurable: true,
        value: sendBeacon,
      })
      const { client } = createClient()
      client.connect()

      client.reportDisplay('p1', { name: 'home-hero', state: 's' }, ['t1'])
      window.dispatchEvent(new Event('pagehide'))
      await settleNotifications()

      expect(delivery.calls).toHaveLength(0)
      expect(sendBeacon).toHaveBeenCalledTimes(1)
      const [url, blob] = sendBeacon.mock.calls[0]!
      expect(url).toBe(
        `https://acme.tt.omtrdc.net/rest/v1/delivery?client=acme&sessionId=${client.visitor.sessionId}`,
      )
      expect(blob.type).toBe('text/plain')
      const body = JSON.parse(await readBlob(blob)) as DeliveryRequest
      expect(body.context.beacon).toBe(true)
      expect(body.notifications?.map((n) => n.tokens)).toEqual([['t1']])
    })

    it('keeps notifications for the next page without sendBeacon', async () => {
      const delivery = stubDelivery()
      const { client } = createClient()
      client.connect()

      client.reportDisplay('p1', { name: 'home-hero', state: 's' }, ['t1'])
      window.dispatchEvent(new Event('pagehide'))
      await settleNotifications()
      expect(delivery.calls).toHaveLength(0)
      const { client: nextPage } = createClient()
      nextPage.connect()
      await settleNotifications()

      expect(delivery.calls).toHaveLength(1)
      expect(delivery.notifications().map((n) => n.tokens)).toEqual([['t1']])
    })
  })
})
