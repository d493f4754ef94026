import type { FaultStore } from './internalTypes'
import type { EdgeFault } from './types'

/**
 * Creates the store of faults by client code. A fault with `times` is
 * removed once that many delivery requests of its client have taken it.
 *
 * @example
 * ```ts
 * const faults = createFaultStore()
 * faults.set('demo', { status: 503, times: 1 })
 * faults.take('demo') // { status: 503, times: 1 }
 * faults.take('demo') // undefined
 * ```
 */
export function createFaultStore(): FaultStore {
  const faults = new Map<string, { fault: EdgeFault; remaining: number }>()

  return {
    set(client, fault) {
      faults.set(client, { fault, remaining: fault.times ?? Infinity })
    },

    clear(client) {
      if (client === undefined) {
        faults.clear()
      } else {
        faults.delete(client)
      }
    },

    take(client) {
      const entry = faults.get(client)
      if (entry === undefined) return undefined
      entry.remaining -= 1
      if (entry.remaining <= 0) faults.delete(client)
      return entry.fault
    },
  }
}
