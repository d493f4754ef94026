// Runs before any other script of the bench page. It wraps the browser's
// IntersectionObserver, and addEventListener on window and document, to
// count what the code under test creates and releases. The counts are read
// from window.benchStats.

/** Counters of IntersectionObserver instances, targets and listeners. */
export interface BenchStats {
  /** IntersectionObserver instances created since the last reset. */
  observersCreated: number
  /** Instances created and not yet disconnected, right now. */
  observersLive: number
  /** Largest `observersLive` since the last reset. */
  observersLivePeak: number
  /** Elements being observed, right now, over all instances. */
  observedElements: number
  /** Listeners on window and document, right now. */
  windowAndDocumentListeners: number
  /** Sets `observersCreated` to 0 and `observersLivePeak` to the live count. */
  reset(): void
}

declare global {
  interface Window {
    benchStats: BenchStats
  }
}

const stats: BenchStats = {
  observersCreated: 0,
  observersLive: 0,
  observersLivePeak: 0,
  observedElements: 0,
  windowAndDocumentListeners: 0,
  reset() {
    stats.observersCreated = 0
    stats.observersLivePeak = stats.observersLive
  },
}
window.benchStats = stats

const NativeObserver = window.IntersectionObserver

// Targets are tracked in a WeakSet, so the wrapper never keeps alive an
// element that the page has let go of, which would distort the memory
// count.
class CountingObserver extends NativeObserver {
  private targets = new WeakSet<Element>()
  private targetCount = 0
  private live = true

  constructor(
    callback: IntersectionObserverCallback,
    options?: IntersectionObserverInit,
  ) {
    super(callback, options)
    stats.observersCreated += 1
    setLive(1)
  }

  override observe(target: Element) {
    if (!this.live) {
      // A disconnected observer that observes again is live again.
      this.live = true
      setLive(1)
    }
    if (!this.targets.has(target)) {
      this.targets.add(target)
      this.targetCount += 1
      stats.observedElements += 1
    }
    super.observe(target)
  }

  override unobserve(target: Element) {
    if (this.targets.delete(target)) {
      this.targetCount -= 1
      stats.observedElements -= 1
    }
    super.unobserve(target)
  }

  override disconnect() {
    stats.observedElements -= this.targetCount
    this.targetCount = 0
    this.targets = new WeakSet()
    if (this.live) {
      this.live = false
      setLive(-1)
    }
    super.disconnect()
  }
}

function setLive(change: number) {
  stats.observersLive += change
  stats.observersLivePeak = Math.max(
    stats.observersLivePeak,
    stats.observersLive,
  )
}

window.IntersectionObserver = CountingObserver

// A listener is identified by target, type, function and capture flag, as
// the DOM does, so adding the same one twice counts once.
// NOTE: a listener added with `once` or a `signal` leaves without a call to
// removeEventListener, so it stays in this count after it is gone.
const listeners = new Map<EventTarget, Set<string>>()
const listenerIds = new WeakMap<object, number>()
let nextListenerId = 1

function listenerKey(
  type: string,
  listener: EventListenerOrEventListenerObject | null,
  options?: boolean | EventListenerOptions,
) {
  if (!listener) return undefined
  let id = listenerIds.get(listener)
  if (id === undefined) {
    id = nextListenerId++
    listenerIds.set(listener, id)
  }
  const capture = typeof options === 'boolean' ? options : !!options?.capture
  return `${type}|${id}|${capture}`
}

const nativeAdd = EventTarget.prototype.addEventListener
const nativeRemove = EventTarget.prototype.removeEventListener

EventTarget.prototype.addEventListener = function addEventListener(
  this: EventTarget,
  type: string,
  listener: EventListenerOrEventListenerObject | null,
  options?: boolean | AddEventListenerOptions,
) {
  const key = listenerKey(type, listener, options)
  if (key && (this === window || this === document)) {
    const keys = listeners.get(this) ?? new Set()
    listeners.set(this, keys)
    if (!keys.has(key)) {
      keys.add(key)
      stats.windowAndDocumentListeners += 1
    }
  }
  nativeAdd.call(this, type, listener, options)
}

EventTarget.prototype.removeEventListener = function removeEventListener(
  this: EventTarget,
  type: string,
  listener: EventListenerOrEventListenerObject | null,
  options?: boolean | EventListenerOptions,
) {
  const key = listenerKey(type, listener, options)
  if (key && listeners.get(this)?.delete(key)) {
    stats.windowAndDocumentListeners -= 1
  }
  nativeRemove.call(this, type, listener, options)
}
