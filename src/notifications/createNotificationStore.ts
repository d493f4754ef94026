import type { Notification } from '../delivery/types'

/** Notifications kept for the next page of the same visitor. */
export interface NotificationStore {
  /** Adds notifications, dropping the oldest past the limits. */
  save(notifications: Notification[]): void
  /** Removes and returns every stored notification still young enough. */
  claim(): Notification[]
}

/** Options of {@link createNotificationStore}: storage key and limits. */
export interface NotificationStoreOptions {
  /** Storage key; one per client code. */
  key: string
  /** Most notifications kept; the oldest go first. Defaults to 100. */
  maxCount?: number
  /** Age in milliseconds past which a notification is dropped. Defaults to a day. */
  maxAge?: number
  /** The storage to use; defaults to `sessionStorage` when there is one. */
  storage?: () => Storage | undefined
}

const DAY = 24 * 60 * 60 * 1000

function defaultStorage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage
  } catch {
    // Reading sessionStorage throws where storage is blocked.
    return undefined
  }
}

/**
 * Creates the store for notifications that could not be sent before the
 * page went away. It uses `sessionStorage`, which belongs to one tab, so
 * two tabs of a visitor never both send the same stored notification. When
 * storage is full, blocked or absent it keeps them in memory, without
 * errors, for a later page of the same document.
 */
export function createNotificationStore({
  key,
  maxCount = 100,
  maxAge = DAY,
  storage = defaultStorage,
}: NotificationStoreOptions): NotificationStore {
  let memory: Notification[] = []

  const read = (): Notification[] => {
    try {
      const parsed: unknown = JSON.parse(storage()?.getItem(key) ?? '[]')
      return Array.isArray(parsed) ? (parsed as Notification[]) : []
    } catch {
      return []
    }
  }

  const write = (notifications: Notification[]) => {
    const target = storage()
    try {
      if (!target) throw new Error('no storage')
      if (notifications.length) {
        target.setItem(key, JSON.stringify(notifications))
      } else {
        target.removeItem(key)
      }
      memory = []
    } catch {
      // Full or blocked: memory takes over, and the stale copy must go,
      // or claim would return its notifications twice.
      try {
        target?.removeItem(key)
      } catch {
        // Storage that cannot even remove contains nothing to return twice.
      }
      memory = notifications
    }
  }

  // Drops notifications past the maximum age, and repeats of one id.
  const young = (notifications: Notification[]) => {
    const oldest = Date.now() - maxAge
    const ids = new Set<string>()
    return notifications.filter((n) => {
      if (typeof n?.timestamp !== 'number' || n.timestamp < oldest) return false
      if (ids.has(n.id)) return false
      ids.add(n.id)
      return true
    })
  }

  return {
    save(notifications) {
      const all = young([...read(), ...memory, ...notifications])
      all.sort((a, b) => a.timestamp - b.timestamp)
      write(all.slice(-maxCount))
    },
    claim() {
      const all = young([...read(), ...memory])
      write([])
      return all
    },
  }
}
