import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Notification } from '../../../src/delivery/types'
import { createNotificationStore } from '../../../src/notifications/createNotificationStore'

const NOW = 1_800_000_000_000
const KEY = 'react-adobe-target:acme'

function notification(id: string, timestamp = NOW): Notification {
  return {
    id,
    type: 'display',
    timestamp,
    mbox: { name: 'home-hero', state: 'st' },
    tokens: [`token-${id}`],
  }
}

const ids = (notifications: Notification[]) => notifications.map((n) => n.id)

/** Returns a Storage whose `setItem` throws, as a full storage does. */
function fullStorage(initial: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(initial))
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key)
    },
    setItem: () => {
      throw new DOMException(
        'The quota has been exceeded.',
        'QuotaExceededError',
      )
    },
  }
}

describe('createNotificationStore', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW })
    sessionStorage.clear()
  })
  afterEach(() => {
    vi.useRealTimers()
    sessionStorage.clear()
  })

  it('returns saved notifications once', () => {
    const store = createNotificationStore({ key: KEY })

    store.save([notification('a'), notification('b')])

    expect(ids(store.claim())).toEqual(['a', 'b'])
    expect(store.claim()).toEqual([])
  })

  it('keeps notifications in sessionStorage under its key', () => {
    createNotificationStore({ key: KEY }).save([notification('a')])

    const stored = JSON.parse(sessionStorage.getItem(KEY)!) as Notification[]
    expect(ids(stored)).toEqual(['a'])
    expect(ids(createNotificationStore({ key: KEY }).claim())).toEqual(['a'])
    expect(sessionStorage.getItem(KEY)).toBeNull()
  })

  it('adds to what an earlier save stored', () => {
    const store = createNotificationStore({ key: KEY })

    store.save([notification('a', NOW - 2)])
    store.save([notification('b', NOW - 1)])

    expect(ids(store.claim())).toEqual(['a', 'b'])
  })

  it('orders notifications by timestamp', () => {
    const store = createNotificationStore({ key: KEY })

    store.save([notification('late', NOW), notification('early', NOW - 5)])

    expect(ids(store.claim())).toEqual(['early', 'late'])
  })

  it('drops the oldest past maxCount', () => {
    const store = createNotificationStore({ key: KEY, maxCount: 2 })

    store.save([
      notification('first', NOW - 3),
      notification('second', NOW - 2),
      notification('third', NOW - 1),
    ])

    expect(ids(store.claim())).toEqual(['second', 'third'])
  })

  it('drops notifications older than maxAge', () => {
    const store = createNotificationStore({ key: KEY, maxAge: 1000 })

    store.save([notification('old', NOW - 1001), notification('young', NOW)])
    vi.advanceTimersByTime(500)

    expect(ids(store.claim())).toEqual(['young'])
  })

  it('drops notifications that aged while stored', () => {
    const store = createNotificationStore({ key: KEY, maxAge: 1000 })

    store.save([notification('a')])
    vi.advanceTimersByTime(1001)

    expect(store.claim()).toEqual([])
  })

  it('defaults maxAge to a day', () => {
    const store = createNotificationStore({ key: KEY })
    const day = 24 * 60 * 60 * 1000

    store.save([
      notification('too-old', NOW - day - 1),
      notification('day-old', NOW - day),
    ])

    expect(ids(store.claim())).toEqual(['day-old'])
  })

  it('ignores a corrupt stored value', () => {
    sessionStorage.setItem(KEY, '{not json')
    const store = createNotificationStore({ key: KEY })

    expect(store.claim()).toEqual([])
    store.save([notification('a')])
    expect(ids(store.claim())).toEqual(['a'])
  })

  it('ignores a stored value that is not a list', () => {
    sessionStorage.setItem(KEY, JSON.stringify({ id: 'x' }))

    expect(createNotificationStore({ key: KEY }).claim()).toEqual([])
  })

  it('keeps notifications in memory without storage', () => {
    const store = createNotificationStore({
      key: KEY,
      storage: () => undefined,
    })

    store.save([notification('a')])

    expect(ids(store.claim())).toEqual(['a'])
    expect(store.claim()).toEqual([])
  })

  it('keeps notifications in memory when storage is full', () => {
    const store = createNotificationStore({
      key: KEY,
      storage: () => fullStorage(),
    })

    expect(() => store.save([notification('a')])).not.toThrow()

    expect(ids(store.claim())).toEqual(['a'])
  })

  it('returns each notification once when storage fills up', () => {
    const storage = fullStorage({
      [KEY]: JSON.stringify([notification('earlier', NOW - 1)]),
    })
    const store = createNotificationStore({ key: KEY, storage: () => storage })

    store.save([notification('later')])

    expect(ids(store.claim())).toEqual(['earlier', 'later'])
  })

  it('keeps stores of other keys apart', () => {
    createNotificationStore({ key: 'react-adobe-target:other' }).save([
      notification('other'),
    ])

    expect(createNotificationStore({ key: KEY }).claim()).toEqual([])
  })
})
