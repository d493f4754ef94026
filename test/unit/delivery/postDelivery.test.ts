import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { postDelivery } from '../../../src/delivery/postDelivery'
import type { DeliveryRequest } from '../../../src/delivery/types'
import {
  catchTargetError,
  jsonResponse,
  stubDelivery,
} from '../renderWithTarget'

const URL_WITH_QUERY =
  'https://acme.tt.omtrdc.net/rest/v1/delivery?client=acme&sessionId=s1'

const REQUEST: DeliveryRequest = {
  requestId: 'r1',
  context: { channel: 'web' },
  prefetch: { mboxes: [{ index: 0, name: 'home-hero' }] },
}

function send(timeout = 3000) {
  return postDelivery({ url: URL_WITH_QUERY, request: REQUEST, timeout })
}

describe('postDelivery', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('resolves with the response body', async () => {
    const body = {
      status: 200,
      requestId: 'r1',
      prefetch: { mboxes: [{ index: 0, name: 'home-hero', state: 'st' }] },
    }
    stubDelivery(() => body)

    await expect(send()).resolves.toEqual(body)
  })

  it('sends the request as a text/plain JSON POST', async () => {
    const delivery = stubDelivery(() => ({ status: 200 }))

    await send()

    expect(delivery.calls).toHaveLength(1)
    const { url, init } = delivery.calls[0]!
    expect(url.href).toBe(URL_WITH_QUERY)
    expect(init.method).toBe('POST')
    expect(init.headers).toEqual({ 'content-type': 'text/plain' })
    expect(JSON.parse(String(init.body))).toEqual(REQUEST)
    expect(init.credentials).toBe('omit')
  })

  it('passes keepalive to fetch', async () => {
    const delivery = stubDelivery(() => ({ status: 200 }))

    await postDelivery({
      url: URL_WITH_QUERY,
      request: REQUEST,
      timeout: 3000,
      keepalive: true,
    })

    expect(delivery.calls[0]!.init.keepalive).toBe(true)
  })

  it('drops keepalive for a body over 60,000 characters', async () => {
    const delivery = stubDelivery(() => ({ status: 200 }))
    const large: DeliveryRequest = {
      ...REQUEST,
      prefetch: {
        mboxes: [
          {
            index: 0,
            name: 'home-hero',
            parameters: { p: 'x'.repeat(60_000) },
          },
        ],
      },
    }

    await postDelivery({
      url: URL_WITH_QUERY,
      request: large,
      timeout: 3000,
      keepalive: true,
    })

    expect(delivery.calls[0]!.init.keepalive).toBe(false)
  })

  it('drops keepalive for a body over 64 KiB in UTF-8', async () => {
    const delivery = stubDelivery(() => ({ status: 200 }))
    // 25,000 characters of 3 bytes each: 75,000 bytes on the wire.
    const large: DeliveryRequest = {
      ...REQUEST,
      prefetch: {
        mboxes: [
          {
            index: 0,
            name: 'home-hero',
            parameters: { p: '€'.repeat(25_000) },
          },
        ],
      },
    }

    await postDelivery({
      url: URL_WITH_QUERY,
      request: large,
      timeout: 3000,
      keepalive: true,
    })

    expect(delivery.calls[0]!.init.keepalive).toBe(false)
  })

  it('aborts and rejects with timeout after the timeout', async () => {
    const delivery = stubDelivery(() => new Promise<never>(() => {}))
    let settled = false
    const result = send(1000).finally(() => {
      settled = true
    })
    const caught = catchTargetError(result)

    await vi.advanceTimersByTimeAsync(999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)

    const error = await caught
    expect(error.kind).toBe('timeout')
    expect(error.message).toContain('1000 ms')
    expect(delivery.calls[0]!.init.signal?.aborted).toBe(true)
  })

  it('rejects with network when fetch fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    )

    const error = await catchTargetError(send())

    expect(error.kind).toBe('network')
    expect(error.message).toContain('Failed to fetch')
    expect(error.status).toBeUndefined()
  })

  it('rejects with http, the status and the body message', async () => {
    stubDelivery(() =>
      jsonResponse({ status: 400, message: 'Invalid mbox name' }, 400),
    )

    const error = await catchTargetError(send())

    expect(error.kind).toBe('http')
    expect(error.status).toBe(400)
    expect(error.message).toContain('HTTP 400')
    expect(error.message).toContain('Invalid mbox name')
  })

  it('rejects with http when the error body is not JSON', async () => {
    stubDelivery(() => new Response('Bad gateway', { status: 502 }))

    const error = await catchTargetError(send())

    expect(error.kind).toBe('http')
    expect(error.status).toBe(502)
    expect(error.message).toContain('Bad gateway')
  })

  it('rejects with status when HTTP 200 carries status 400', async () => {
    stubDelivery(() => ({ status: 400, message: 'Too many mboxes' }))

    const error = await catchTargetError(send())

    expect(error.kind).toBe('status')
    expect(error.status).toBe(400)
    expect(error.message).toContain('Too many mboxes')
  })

  it('reads a body status sent as a string', async () => {
    stubDelivery(() => jsonResponse({ status: '400', message: 'bad' }))

    const error = await catchTargetError(send())

    expect(error.kind).toBe('status')
  })

  it('rejects with parse when the body is not JSON', async () => {
    stubDelivery(() => new Response('<html>maintenance</html>'))

    const error = await catchTargetError(send())

    expect(error.kind).toBe('parse')
    expect(error.status).toBeUndefined()
  })

  it('rejects with parse when the body is empty', async () => {
    stubDelivery(() => new Response(''))

    const error = await catchTargetError(send())

    expect(error.kind).toBe('parse')
  })

  it('clears its timer once answered', async () => {
    const delivery = stubDelivery(() => ({ status: 200 }))

    await send(1000)
    await vi.advanceTimersByTimeAsync(5000)

    expect(vi.getTimerCount()).toBe(0)
    expect(delivery.calls[0]!.init.signal?.aborted).toBe(false)
  })
})
