import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TargetError } from '../../../src/delivery/TargetError'
import type {
  Notification,
  NotificationType,
} from '../../../src/delivery/types'
import {
  createNotificationQueue,
  type NotificationQueueOptions,
} from '../../../src/notifications/createNotificationQueue'
import type { NotificationStore } from '../../../src/notifications/createNotificationStore'

function notification(
  id: string,
  type: NotificationType = 'display',
): Notification {
  return {
    id,
    type,
    timestamp: 1_700_000_000_000,
    mbox: { name: 'home-hero', state: 'st' },
    tokens: [`token-${id}`],
  }
}

type SendFn = NotificationQueueOptions['send']

/** Returns a `send` that echoes every id, as Target does when all succeed. */
function echoAll(): SendFn {
  return async (notifications) => notifications.map(({ id }) => id)
}

function setup(options: Partial<NotificationQueueOptions> = {}) {
  const send = vi.fn<SendFn>(options.send ?? echoAll())
  const beacon = vi.fn<NotificationQueueOptions['beacon']>(
    options.beacon ?? (() => true),
  )
  const onError = vi.fn<(error: TargetError) => void>()
  const queue = createNotificationQueue({
    ...options,
    send,
    beacon,
    onError,
  })
  const sentIds = () =>
    send.mock.calls.map(([notifications]) => notifications.map((n) => n.id))
  return { queue, send, beacon, onError, sentIds }
}

/** Tracks whether a promise has settled, and how. */
function track(promise: Promise<void>) {
  const state = { settled: 'pending' as 'pending' | 'resolved' | 'rejected' }
  promise.then(
    () => {
      state.settled = 'resolved'
    },
    () => {
      state.settled = 'rejected'
    },
  )
  return state
}

/** Returns a store that keeps notifications in memory, with spies. */
function fakeStore(initial: Notification[] = []) {
  let stored = [...initial]
  return {
    save: vi.fn<NotificationStore['save']>((notifications) => {
      stored.push(...notifications)
    }),
    claim: vi.fn<NotificationStore['claim']>(() => {
      const claimed = stored
      stored = []
      return claimed
    }),
  }
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  })
}

describe('createNotificationQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    // Jitter factor 0.5 + 0.5 = 1, so the backoff is exactly 250 * 2^n ms.
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    Reflect.deleteProperty(document, 'visibilityState')
  })

  describe('batching', () => {
    it('sends notifications added together in one request', async () => {
      const { queue, send, sentIds } = setup()

      void queue.add(notification('a'))
      void queue.add(notification('b'))
      await vi.advanceTimersByTimeAsync(10)
      void queue.add(notification('c'))
      await vi.advanceTimersByTimeAsync(9)
      expect(send).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(1)

      expect(send).toHaveBeenCalledTimes(1)
      expect(sentIds()).toEqual([['a', 'b', 'c']])
    })

    it('waits the batchDelay option', async () => {
      const { queue, send } = setup({ batchDelay: 100 })

      void queue.add(notification('a'))
      await vi.advanceTimersByTimeAsync(99)
      expect(send).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(1)

      expect(send).toHaveBeenCalledTimes(1)
    })

    it('sends later notifications in a later request', async () => {
      const { queue, sentIds } = setup()

      void queue.add(notification('a'))
      await vi.advanceTimersByTimeAsync(20)
      void queue.add(notification('b'))
      await vi.advanceTimersByTimeAsync(20)

      expect(sentIds()).toEqual([['a'], ['b']])
    })

    it('sends displays before clicks', async () => {
      const { queue, send } = setup()

      void queue.add(notification('c1', 'click'))
      void queue.add(notification('d1', 'display'))
      void queue.add(notification('c2', 'click'))
      void queue.add(notification('d2', 'display'))
      await vi.advanceTimersByTimeAsync(20)

      const sent = send.mock.calls[0]![0]
      expect(sent.map((n) => `${n.type}:${n.id}`)).toEqual([
        'display:d1',
        'display:d2',
        'click:c1',
        'click:c2',
      ])
    })

    it('holds a click until its display is confirmed', async () => {
      let release: (ids: string[]) => void = () => {}
      const send = vi
        .fn<SendFn>()
        .mockImplementationOnce(
          () => new Promise((resolve) => (release = resolve)),
        )
        .mockImplementation(echoAll())
      const { queue, sentIds } = setup({ send })

      void queue.add(notification('display'))
      await vi.advanceTimersByTimeAsync(20)
      void queue.add(notification('click', 'click'))
      await vi.advanceTimersByTimeAsync(100)
      expect(sentIds()).toEqual([['display']])
      release(['display'])
      await vi.advanceTimersByTimeAsync(20)

      expect(sentIds()).toEqual([['display'], ['click']])
    })

    it('does not hold a click of another mbox', async () => {
      const { queue, sentIds } = setup({
        send: vi
          .fn<SendFn>()
          .mockImplementationOnce(() => new Promise(() => {}))
          .mockImplementation(echoAll()),
      })

      void queue.add(notification('display'))
      await vi.advanceTimersByTimeAsync(20)
      void queue.add({
        ...notification('click', 'click'),
        mbox: { name: 'footer' },
      })
      await vi.advanceTimersByTimeAsync(20)

      expect(sentIds()).toEqual([['display'], ['click']])
    })

    it('resolves add once Target returns the id', async () => {
      let release: (ids: string[]) => void = () => {}
      const { queue } = setup({
        send: () => new Promise((resolve) => (release = resolve)),
      })

      const added = track(queue.add(notification('a')))
      await vi.advanceTimersByTimeAsync(20)
      expect(added.settled).toBe('pending')
      release(['a'])
      await vi.advanceTimersByTimeAsync(0)

      expect(added.settled).toBe('resolved')
    })

    it('sends now on flush', async () => {
      const { queue, send } = setup()

      void queue.add(notification('a'))
      queue.flush()
      await vi.advanceTimersByTimeAsync(0)

      expect(send).toHaveBeenCalledTimes(1)
      await vi.advanceTimersByTimeAsync(100)
      expect(send).toHaveBeenCalledTimes(1)
    })
  })

  describe('retries', () => {
    it('retries ids missing from the response', async () => {
      const { queue, send, sentIds, onError } = setup({
        send: vi
          .fn<SendFn>()
          .mockResolvedValueOnce(['a', 'c'])
          .mockImplementation(echoAll()),
      })

      const a = track(queue.add(notification('a')))
      const b = track(queue.add(notification('b')))
      void queue.add(notification('c'))
      await vi.advanceTimersByTimeAsync(20)
      expect(a.settled).toBe('resolved')
      expect(b.settled).toBe('pending')
      // The first retry waits 250 * 2^1 ms, then 1 ms more, because fake
      // timers run a 0 ms timer set during a tick 1 ms later.
      await vi.advanceTimersByTimeAsync(500)
      expect(send).toHaveBeenCalledTimes(1)
      await vi.advanceTimersByTimeAsync(1)

      expect(sentIds()).toEqual([['a', 'b', 'c'], ['b']])
      expect(b.settled).toBe('resolved')
      expect(onError).not.toHaveBeenCalled()
    })

    it('never sends a returned id again', async () => {
      const { queue, sentIds } = setup({ send: async () => ['a'] })

      void queue.add(notification('a'))
      void queue.add(notification('b')).catch(() => {})
      await vi.advanceTimersByTimeAsync(60_000)

      const ids = sentIds()
      expect(ids[0]).toEqual(['a', 'b'])
      expect(ids.slice(1).flat()).not.toContain('a')
      expect(ids.slice(1).flat()).toContain('b')
    })

    it('gives up on an id never returned after maxAttempts', async () => {
      const { queue, send, onError } = setup({
        send: async () => [],
        maxAttempts: 3,
      })

      const added = queue.add(notification('a'))
      const caught = added.catch((error: unknown) => error)
      await vi.advanceTimersByTimeAsync(60_000)

      expect(send).toHaveBeenCalledTimes(3)
      expect(onError).toHaveBeenCalledTimes(1)
      expect(onError.mock.calls[0]![0].kind).toBe('status')
      expect(await caught).toBeInstanceOf(TargetError)
    })

    it('backs off exponentially between attempts', async () => {
      const sentAt: number[] = []
      const { queue } = setup({
        send: () => {
          sentAt.push(Date.now())
          return Promise.reject(new TargetError('network', 'offline'))
        },
      })

      void queue.add(notification('a')).catch(() => {})
      await vi.advanceTimersByTimeAsync(60_000)

      const gaps = sentAt.slice(1).map((time, i) => time - sentAt[i]!)
      // 250 * 2^n ms, each + 1 because fake timers run a 0 ms timer set
      // during a tick 1 ms later.
      expect(gaps).toEqual([501, 1001, 2001, 4001, 8001])
    })

    it('scales the backoff by jitter', async () => {
      vi.mocked(Math.random).mockReturnValue(0)
      const sentAt: number[] = []
      const { queue } = setup({
        send: () => {
          sentAt.push(Date.now())
          return Promise.reject(new TargetError('network', 'offline'))
        },
        maxAttempts: 2,
      })

      void queue.add(notification('a')).catch(() => {})
      await vi.advanceTimersByTimeAsync(60_000)

      expect(sentAt).toHaveLength(2)
      expect(sentAt[1]! - sentAt[0]!).toBe(250 + 1)
    })

    it('caps the backoff at 30 seconds', async () => {
      const sentAt: number[] = []
      const { queue } = setup({
        send: () => {
          sentAt.push(Date.now())
          return Promise.reject(new TargetError('network', 'offline'))
        },
        maxAttempts: 8,
      })

      void queue.add(notification('a')).catch(() => {})
      await vi.advanceTimersByTimeAsync(120_000)

      expect(sentAt).toHaveLength(8)
      // The 7th wait would be 250 * 2^7 = 32000 ms.
      expect(sentAt[7]! - sentAt[6]!).toBe(30_000 + 1)
    })

    it.each([
      ['network', new TargetError('network', 'offline')],
      ['timeout', new TargetError('timeout', 'slow')],
      ['HTTP 420', new TargetError('http', 'busy session', 420)],
      ['HTTP 429', new TargetError('http', 'too many', 429)],
      ['HTTP 500', new TargetError('http', 'server error', 500)],
      ['HTTP 503', new TargetError('http', 'unavailable', 503)],
      ['a non-Target error', new TypeError('Failed to fetch')],
    ])('retries on %s up to maxAttempts', async (_, failure) => {
      const { queue, send, onError } = setup({
        send: () => Promise.reject(failure),
        maxAttempts: 4,
      })

      const caught = queue.add(notification('a')).catch((e: unknown) => e)
      await vi.advanceTimersByTimeAsync(60_000)

      expect(send).toHaveBeenCalledTimes(4)
      expect(onError).toHaveBeenCalledTimes(1)
      expect(await caught).toBeInstanceOf(TargetError)
    })

    it('succeeds on a retry after a 503', async () => {
      const { queue, send, onError } = setup({
        send: vi
          .fn<SendFn>()
          .mockRejectedValueOnce(new TargetError('http', 'down', 503))
          .mockImplementation(echoAll()),
      })

      const added = track(queue.add(notification('a')))
      await vi.advanceTimersByTimeAsync(20 + 500 + 1)

      expect(send).toHaveBeenCalledTimes(2)
      expect(added.settled).toBe('resolved')
      expect(onError).not.toHaveBeenCalled()
    })

    it('calls onError once for a failed batch', async () => {
      const failure = new TargetError('http', 'down', 500)
      const { queue, onError } = setup({
        send: () => Promise.reject(failure),
        maxAttempts: 2,
      })

      for (const id of ['a', 'b', 'c']) {
        void queue.add(notification(id)).catch(() => {})
      }
      await vi.advanceTimersByTimeAsync(60_000)

      expect(onError).toHaveBeenCalledTimes(1)
      expect(onError).toHaveBeenCalledWith(failure)
    })

    it.each([
      ['HTTP 403', new TargetError('http', 'forbidden', 403)],
      ['HTTP 404', new TargetError('http', 'not found', 404)],
      ['a body that is not JSON', new TargetError('parse', 'not JSON')],
    ])('does not retry %s', async (_, failure) => {
      const { queue, send, onError } = setup({
        send: () => Promise.reject(failure),
      })

      const a = queue.add(notification('a')).catch((e: unknown) => e)
      const b = queue.add(notification('b')).catch((e: unknown) => e)
      await vi.advanceTimersByTimeAsync(60_000)

      expect(send).toHaveBeenCalledTimes(1)
      expect(onError).toHaveBeenCalledTimes(1)
      expect(onError).toHaveBeenCalledWith(failure)
      expect(await a).toBe(failure)
      expect(await b).toBe(failure)
    })

    it.each([
      ['HTTP 400', new TargetError('http', 'invalid token', 400)],
      ['body status 400', new TargetError('status', 'invalid', 400)],
    ])('halves a batch rejected with %s', async (_, failure) => {
      const { queue, sentIds, onError } = setup({
        send: async (notifications) => {
          if (notifications.some((n) => n.id === 'bad')) throw failure
          return notifications.map((n) => n.id)
        },
      })

      const a = track(queue.add(notification('a')))
      const bad = queue.add(notification('bad')).catch((e: unknown) => e)
      const c = track(queue.add(notification('c')))
      await vi.advanceTimersByTimeAsync(60_000)

      expect(sentIds()).toEqual([
        ['a', 'bad', 'c'],
        ['a', 'bad'],
        ['a'],
        ['bad'],
        ['c'],
      ])
      expect(a.settled).toBe('resolved')
      expect(c.settled).toBe('resolved')
      expect(await bad).toBe(failure)
      expect(onError).toHaveBeenCalledTimes(1)
    })

    it('rejects each notification of an all-bad batch once', async () => {
      const failure = new TargetError('http', 'invalid token', 400)
      const { queue, send, onError } = setup({
        send: () => Promise.reject(failure),
      })

      const a = queue.add(notification('a')).catch((e: unknown) => e)
      const b = queue.add(notification('b')).catch((e: unknown) => e)
      await vi.advanceTimersByTimeAsync(60_000)

      expect(send).toHaveBeenCalledTimes(3)
      expect(onError).toHaveBeenCalledTimes(2)
      expect(await a).toBe(failure)
      expect(await b).toBe(failure)
    })
  })

  describe('connect', () => {
    it('stores a click with its display that waits for the next page', async () => {
      const store = fakeStore()
      const { queue, beacon } = setup({
        store,
        send: vi
          .fn<SendFn>()
          .mockRejectedValueOnce(new TargetError('http', 'down', 503))
          .mockImplementation(echoAll()),
      })
      queue.connect()

      void queue.add(notification('display-1')).catch(() => {})
      await vi.advanceTimersByTimeAsync(20)
      void queue.add(notification('click-1', 'click')).catch(() => {})
      window.dispatchEvent(new Event('pagehide'))

      expect(beacon).not.toHaveBeenCalled()
      const saved = store.save.mock.calls.flatMap(([n]) => n.map((x) => x.id))
      expect(saved).toEqual(['display-1', 'click-1'])
    })

    it('takes a request failing after pagehide as delivered', async () => {
      let fail: (error: Error) => void = () => {}
      const store = fakeStore()
      const { queue, send } = setup({
        store,
        send: () =>
          new Promise<string[]>((_, reject) => {
            fail = reject
          }),
      })
      queue.connect()

      const added = track(queue.add(notification('a')))
      await vi.advanceTimersByTimeAsync(20)
      expect(send).toHaveBeenCalledTimes(1)
      window.dispatchEvent(new Event('pagehide'))
      fail(new TargetError('network', 'page unloading'))
      await vi.advanceTimersByTimeAsync(60_000)

      expect(send).toHaveBeenCalledTimes(1)
      expect(store.save).not.toHaveBeenCalled()
      expect(added.settled).toBe('resolved')
    })

    it('retries a request failing after the page is visible again', async () => {
      let fail: (error: Error) => void = () => {}
      const { queue, send } = setup({
        send: vi
          .fn<SendFn>()
          .mockImplementationOnce(
            () =>
              new Promise<string[]>((_, reject) => {
                fail = reject
              }),
          )
          .mockImplementation(echoAll()),
      })
      queue.connect()

      const added = track(queue.add(notification('a')))
      await vi.advanceTimersByTimeAsync(20)
      setVisibility('hidden')
      document.dispatchEvent(new Event('visibilitychange'))
      setVisibility('visible')
      document.dispatchEvent(new Event('visibilitychange'))
      fail(new TargetError('network', 'offline'))
      await vi.advanceTimersByTimeAsync(60_000)

      expect(send).toHaveBeenCalledTimes(2)
      expect(added.settled).toBe('resolved')
    })

    it('sends by beacon on pagehide', async () => {
      const { queue, send, beacon } = setup()
      queue.connect()

      const added = track(queue.add(notification('a')))
      void queue.add(notification('b', 'click'))
      window.dispatchEvent(new Event('pagehide'))
      await vi.advanceTimersByTimeAsync(100)

      expect(beacon).toHaveBeenCalledTimes(1)
      expect(beacon.mock.calls[0]![0].map((n) => n.id)).toEqual(['a', 'b'])
      expect(send).not.toHaveBeenCalled()
      expect(added.settled).toBe('resolved')
    })

    it('sends by beacon when the page becomes hidden', async () => {
      const { queue, send, beacon } = setup()
      queue.connect()

      void queue.add(notification('a'))
      setVisibility('hidden')
      document.dispatchEvent(new Event('visibilitychange'))
      await vi.advanceTimersByTimeAsync(100)

      expect(beacon).toHaveBeenCalledTimes(1)
      expect(send).not.toHaveBeenCalled()
    })

    it('ignores the page becoming visible', async () => {
      const { queue, send, beacon } = setup()
      queue.connect()

      void queue.add(notification('a'))
      setVisibility('visible')
      document.dispatchEvent(new Event('visibilitychange'))
      await vi.advanceTimersByTimeAsync(100)

      expect(beacon).not.toHaveBeenCalled()
      expect(send).toHaveBeenCalledTimes(1)
    })

    it('does not beacon before connect', async () => {
      const { queue, send, beacon } = setup()

      void queue.add(notification('a'))
      window.dispatchEvent(new Event('pagehide'))
      await vi.advanceTimersByTimeAsync(100)

      expect(beacon).not.toHaveBeenCalled()
      expect(send).toHaveBeenCalledTimes(1)
    })

    it('does not beacon an empty queue', () => {
      const { queue, beacon } = setup()
      queue.connect()

      window.dispatchEvent(new Event('pagehide'))

      expect(beacon).not.toHaveBeenCalled()
    })

    it('stores notifications when the beacon is refused', async () => {
      const store = fakeStore()
      const { queue, send, beacon } = setup({ beacon: () => false, store })
      queue.connect()

      void queue.add(notification('a'))
      window.dispatchEvent(new Event('pagehide'))
      await vi.advanceTimersByTimeAsync(100)

      expect(beacon).toHaveBeenCalledTimes(1)
      expect(send).not.toHaveBeenCalled()
      expect(store.save).toHaveBeenCalledTimes(1)
      expect(store.save.mock.calls[0]![0].map((n) => n.id)).toEqual(['a'])
    })

    it('stores notifications waiting for a retry', async () => {
      const store = fakeStore()
      const { queue, send, beacon } = setup({
        send: () => Promise.reject(new TargetError('network', 'offline')),
        store,
      })
      queue.connect()

      void queue.add(notification('a')).catch(() => {})
      await vi.advanceTimersByTimeAsync(20)
      // The page is hidden during the 500 ms backoff.
      window.dispatchEvent(new Event('pagehide'))
      await vi.advanceTimersByTimeAsync(60_000)

      expect(send).toHaveBeenCalledTimes(1)
      expect(beacon).not.toHaveBeenCalled()
      expect(store.save).toHaveBeenCalledTimes(1)
      expect(store.save.mock.calls[0]![0].map((n) => n.id)).toEqual(['a'])
    })

    it('stores notifications out of attempts on pagehide', async () => {
      const store = fakeStore()
      const { queue } = setup({
        send: () => Promise.reject(new TargetError('network', 'offline')),
        maxAttempts: 2,
        store,
      })
      queue.connect()

      const caught = queue.add(notification('a')).catch((e: unknown) => e)
      await vi.advanceTimersByTimeAsync(60_000)
      expect(await caught).toBeInstanceOf(TargetError)
      expect(store.save).not.toHaveBeenCalled()
      window.dispatchEvent(new Event('pagehide'))

      expect(store.save).toHaveBeenCalledTimes(1)
      expect(store.save.mock.calls[0]![0].map((n) => n.id)).toEqual(['a'])
    })

    it('beacons fresh and stores failed notifications', async () => {
      const store = fakeStore()
      const { queue, beacon } = setup({
        send: () => Promise.reject(new TargetError('network', 'offline')),
        store,
      })
      queue.connect()

      void queue.add(notification('failed')).catch(() => {})
      await vi.advanceTimersByTimeAsync(20)
      void queue.add(notification('fresh'))
      window.dispatchEvent(new Event('pagehide'))

      expect(beacon.mock.calls[0]?.[0].map((n) => n.id)).toEqual(['fresh'])
      expect(store.save.mock.calls[0]?.[0].map((n) => n.id)).toEqual(['failed'])
    })

    it('settles add for a retry the page stored', async () => {
      const store = fakeStore()
      const { queue } = setup({
        send: vi
          .fn<SendFn>()
          .mockRejectedValueOnce(new TargetError('network', 'offline'))
          .mockImplementation(echoAll()),
        store,
      })
      queue.connect()

      const added = track(queue.add(notification('a')))
      await vi.advanceTimersByTimeAsync(20)
      setVisibility('hidden')
      document.dispatchEvent(new Event('visibilitychange'))
      setVisibility('visible')
      document.dispatchEvent(new Event('visibilitychange'))
      await vi.advanceTimersByTimeAsync(60_000)

      expect(added.settled).not.toBe('pending')
    })

    it('sends what an earlier page stored on connect', async () => {
      const store = fakeStore([notification('stored')])
      const { queue, sentIds } = setup({ store })

      queue.connect()
      await vi.advanceTimersByTimeAsync(20)

      expect(store.claim).toHaveBeenCalledTimes(1)
      expect(sentIds()).toEqual([['stored']])
    })

    it('takes back stored notifications when visible again', async () => {
      const store = fakeStore()
      const { queue, sentIds } = setup({ beacon: () => false, store })
      queue.connect()

      void queue.add(notification('a'))
      setVisibility('hidden')
      document.dispatchEvent(new Event('visibilitychange'))
      setVisibility('visible')
      document.dispatchEvent(new Event('visibilitychange'))
      await vi.advanceTimersByTimeAsync(20)

      expect(sentIds()).toEqual([['a']])
    })

    it('sends nothing by beacon after stop', async () => {
      const { queue, send, beacon } = setup()
      const stop = queue.connect()
      stop()

      void queue.add(notification('a'))
      window.dispatchEvent(new Event('pagehide'))
      setVisibility('hidden')
      document.dispatchEvent(new Event('visibilitychange'))
      await vi.advanceTimersByTimeAsync(100)

      expect(beacon).not.toHaveBeenCalled()
      expect(send).toHaveBeenCalledTimes(1)
    })

    it('allows calling stop twice', () => {
      const { queue } = setup()
      const stop = queue.connect()

      stop()

      expect(() => stop()).not.toThrow()
    })

    it('stays connected when an old stop runs again', () => {
      const { queue, beacon } = setup()
      const firstStop = queue.connect()
      firstStop()
      queue.connect()

      firstStop()
      void queue.add(notification('a'))
      window.dispatchEvent(new Event('pagehide'))

      expect(beacon).toHaveBeenCalledTimes(1)
    })

    it('beacons once after a Strict Mode reconnect', () => {
      const { queue, beacon } = setup()
      queue.connect()()
      queue.connect()

      void queue.add(notification('a'))
      window.dispatchEvent(new Event('pagehide'))

      expect(beacon).toHaveBeenCalledTimes(1)
    })
  })
})
