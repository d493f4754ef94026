import { observe } from 'react-intersection-observer'
import type { ClientCore } from '../core/types'
import type { PrefetchMboxResponse } from '../delivery/types'

/** One display to report: what it counts and when it counts as seen. */
export interface DisplayWatch {
  client: ClientCore
  /** Names the page view, placement and offer; one display per key. */
  key: string
  mbox: PrefetchMboxResponse
  tokens: string[]
  /** Share of the element, from 0 to 1, that must be in view. */
  threshold: number
  /** Time in ms the element must stay in view; 0 counts at once. */
  minViewTime: number
}

/**
 * Watches `element` through react-intersection-observer's shared observer
 * and reports the display once the element has been seen, then stops.
 * Visibility changes do not re-render the component. Returns the function
 * that stops watching and withdraws the display if it is still waiting.
 *
 * @example
 * ```ts
 * const stop = watchDisplay(element, {
 *   client, key, mbox, tokens: offer.tokens, threshold: 0.5, minViewTime: 0,
 * })
 * ```
 */
export function watchDisplay(element: Element, watch: DisplayWatch) {
  const { client, key, mbox, tokens, threshold, minViewTime } = watch
  const name = mbox.name ?? ''
  // An element larger than the viewport can never show `threshold` of
  // itself, so the share counts of the largest part that fits in the
  // viewport instead. Observing at 0 as well delivers an entry as soon as
  // the element enters, with both sizes, so nothing forces a layout.
  // NOTE: in an iframe, `rootBounds` is the top window's viewport, so the
  // share of a tall element inside a scaled or smaller frame is off.
  let fit = 1
  let inView = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let unobserve = () => {}
  const report = () => {
    stop()
    client.reportDisplay(key, mbox, tokens)
  }
  // Held from the start, so that a click on the mbox waits for this
  // display, which is often only a frame away. A click proves that an
  // element in view was seen, so it reports the display at once, even
  // before the minimum time in view has passed.
  const release = client.holdDisplay(key, name, () => {
    if (inView) report()
  })

  function stop() {
    clearTimeout(timer)
    unobserve()
    release()
  }
  function start() {
    unobserve = observe(element, onChange, {
      threshold: [0, threshold * fit],
    })
  }
  function onChange(_: boolean, entry: IntersectionObserverEntry) {
    const root = entry.rootBounds
    if (root) {
      const { width, height } = entry.boundingClientRect
      const nextFit =
        Math.min(1, root.height / height || 1) *
        Math.min(1, root.width / width || 1)
      if (nextFit !== fit) {
        fit = nextFit
        unobserve()
        start()
      }
    }
    const visible =
      entry.isIntersecting && entry.intersectionRatio >= threshold * fit
    if (visible === inView) return
    inView = visible
    clearTimeout(timer)
    if (!visible) return
    if (minViewTime > 0) timer = setTimeout(report, minViewTime)
    else report()
  }

  start()
  return stop
}
