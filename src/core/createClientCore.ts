import { buildContext } from '../delivery/buildContext'
import { postDelivery } from '../delivery/postDelivery'
import { TargetError } from '../delivery/TargetError'
import type {
  DeliveryContext,
  DeliveryRequest,
  DeliveryResponse,
  MboxParameters,
  Notification,
  PrefetchMboxResponse,
} from '../delivery/types'
import { createNotificationQueue } from '../notifications/createNotificationQueue'
import { createNotificationStore } from '../notifications/createNotificationStore'
import { createId, createVisitor } from '../visitor/createVisitor'
import type { VisitorOptions } from '../visitor/createVisitor'
import type { ClientCore, TargetConfig } from './types'
import { normalizeConfig } from './normalizeConfig'
import { cleanParameters, mboxNameProblem } from './validation'
import { warnOnce } from './warnOnce'

/** Context of a client that does not run in a browser page. */
export interface TargetClientOptions {
  /** Cookies and session of the visitor; read from the page by default. */
  visitor?: VisitorOptions
  /**
   * Fields of the request `context` to use, such as `address.url` and
   * `userAgent` on a server, where there is no page to read them from.
   */
  context?: Partial<DeliveryContext>
}

/** Milliseconds a notification request may take before it is retried. */
const NOTIFICATION_TIMEOUT = 30000

/** How long a click waits for the display of its mbox, in milliseconds. */
const CLICK_WAIT = 1000

/** The option types of Target's Delivery API. */
const OPTION_TYPES: (string | undefined)[] = [
  'html',
  'json',
  'redirect',
  'dynamic',
  'actions',
]

/** Target rejects a request with more mboxes than this with HTTP 400. */
const MAX_MBOXES_PER_REQUEST = 50

interface PendingMbox {
  name: string
  parameters?: MboxParameters
  resolve(mbox: PrefetchMboxResponse | null): void
  reject(error: TargetError): void
}

/**
 * Creates the core of a Target client: the visitor from its cookies, a
 * batcher that turns the mboxes asked for in one tick into one prefetch
 * request, and the notification queue. The components need only this;
 * `withDeliveryVerbs` adds `getOffers` and `sendNotifications`, so that an
 * app that never calls them does not bundle them. Framework-free.
 *
 * @example
 * ```ts
 * const core = createClientCore({ clientCode: 'acme' })
 * const hero = await core.prefetchMbox('home-hero')
 * ```
 */
export function createClientCore(
  initialConfig: TargetConfig,
  options: TargetClientOptions = {},
): ClientCore {
  let config = normalizeConfig(initialConfig)
  const visitor = createVisitor(options.visitor)
  const displayed = new Set<string>()
  // Displays not reported yet, by mbox name then display key, each with
  // a function that reports it now while its element is in view.
  const heldDisplays = new Map<string, Map<string, (() => void) | undefined>>()
  // Clicks waiting for a display of their mbox, by mbox name.
  const waitingClicks = new Map<string, (() => void)[]>()
  const placements = new Map<string, number>()
  let pending: PendingMbox[] = []

  const url = (sessionId = visitor.sessionId) => {
    const { clientCode, serverDomain, secure = true } = config
    const host =
      serverDomain ??
      (visitor.cluster
        ? `mboxedge${visitor.cluster}.tt.omtrdc.net`
        : `${clientCode}.tt.omtrdc.net`)
    const query = `client=${encodeURIComponent(clientCode)}&sessionId=${encodeURIComponent(sessionId)}`
    return `${secure ? 'https' : 'http'}://${host}/rest/v1/delivery?${query}`
  }

  const baseRequest = (): DeliveryRequest => ({
    requestId: createId(),
    ...(visitor.tntId || config.visitorId
      ? { id: { ...config.visitorId, tntId: visitor.tntId } }
      : {}),
    context: { ...buildContext(), ...options.context },
    ...(config.propertyToken
      ? { property: { token: config.propertyToken } }
      : {}),
  })

  const post = async (
    request: DeliveryRequest,
    sessionId?: string,
    keepalive = false,
  ) => {
    const response = await postDelivery({
      url: url(sessionId),
      request,
      // A notification that times out is sent again, and would count
      // twice if Target had processed it after all, so notifications get
      // far longer than an offer, which has defaults to fall back on.
      timeout: keepalive
        ? Math.max(config.timeout!, NOTIFICATION_TIMEOUT)
        : config.timeout!,
      keepalive,
    })
    visitor.update(response.id?.tntId, response.edgeHost)
    return response
  }

  const reportError = (error: TargetError) => {
    try {
      config.onError?.(error)
    } catch (callbackError) {
      // An app's onError that throws must not turn a Target outage into
      // an uncaught exception on the page.
      if (process.env.NODE_ENV !== 'production')
        warnOnce('onError-threw', `onError threw: ${String(callbackError)}`)
    }
  }

  const queue = createNotificationQueue({
    store: createNotificationStore({
      key: `react-adobe-target:${config.clientCode}`,
    }),
    async send(notifications) {
      // Always keepalive: a notification in flight when the visitor
      // leaves must still arrive.
      const response = await post(
        { ...baseRequest(), notifications },
        undefined,
        true,
      )
      return (response.notifications ?? []).flatMap((n) => n.id ?? [])
    },
    beacon(notifications) {
      if (typeof navigator === 'undefined' || !navigator.sendBeacon) {
        return false
      }
      const request = baseRequest()
      request.context.beacon = true
      request.notifications = notifications
      // text/plain is a CORS-safelisted type: the beacon needs no
      // preflight, which could not finish while the page unloads.
      const body = new Blob([JSON.stringify(request)], { type: 'text/plain' })
      return navigator.sendBeacon(url(), body)
    },
    onError: reportError,
  })

  const sendBatch = async (batch: PendingMbox[]) => {
    const mboxes = batch.map(({ name, parameters: own }, index) => {
      const parameters = cleanParameters(
        { ...config.parameters, ...own },
        'parameters',
        name,
      )
      const profileParameters = cleanParameters(
        config.profileParameters,
        'profileParameters',
        name,
      )
      return {
        index,
        name,
        ...(parameters ? { parameters } : {}),
        ...(profileParameters ? { profileParameters } : {}),
      }
    })
    try {
      const response = await post({ ...baseRequest(), prefetch: { mboxes } })
      const answered = new Map(
        (response.prefetch?.mboxes ?? []).map((mbox) => [mbox.index, mbox]),
      )
      batch.forEach((entry, index) => {
        const mbox = answered.get(index)
        entry.resolve(mbox?.name === entry.name ? mbox : null)
      })
      // No offer is a valid response, and so are types this library does
      // not render. A type outside Target's API means a broken response.
      const unknown = [...answered.values()].find((mbox) =>
        mbox.options?.some((option) => !OPTION_TYPES.includes(option.type!)),
      )
      if (unknown) {
        reportError(
          new TargetError(
            'parse',
            `Target answered mbox "${unknown.name}" with an option of an unknown type`,
          ),
        )
      }
    } catch (error) {
      const targetError =
        error instanceof TargetError
          ? error
          : new TargetError('network', String(error))
      for (const entry of batch) entry.reject(targetError)
      reportError(targetError)
    }
  }

  // Splits the waiting mboxes into requests of at most 50, with each name
  // once per request (one mbox with two parameter sets goes in two).
  const flushPending = () => {
    const batches: PendingMbox[][] = []
    for (const entry of pending) {
      let batch = batches.find(
        (b) =>
          b.length < MAX_MBOXES_PER_REQUEST &&
          !b.some((other) => other.name === entry.name),
      )
      if (!batch) batches.push((batch = []))
      batch.push(entry)
    }
    pending = []
    for (const batch of batches) void sendBatch(batch)
  }

  return {
    get config() {
      return config
    },
    visitor,

    baseRequest,
    post,
    enqueue: queue.add,

    prefetchMbox(name, parameters) {
      const problem = mboxNameProblem(name)
      if (problem) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce(
            `mbox-name:${name}`,
            `${problem}. The mbox shows its default content and is not requested.`,
          )
        return Promise.resolve(null)
      }
      return new Promise((resolve, reject) => {
        pending.push({ name, parameters, resolve, reject })
        // One macrotask gathers every mbox mounted in the same commit,
        // because React runs all effects of a commit before yielding.
        if (pending.length === 1) setTimeout(flushPending, 0)
      })
    },

    reportDisplay(key, mbox, tokens) {
      if (displayed.has(key) || !mbox.name || !tokens.length) return
      displayed.add(key)
      heldDisplays.get(mbox.name)?.delete(key)
      const id = createId()
      queue
        .add({
          id,
          // Target counts one impression per impressionId, so a display
          // retried after a timeout that Target had in fact processed
          // still counts once.
          impressionId: id,
          type: 'display',
          timestamp: Date.now(),
          mbox: {
            name: mbox.name,
            ...(mbox.state ? { state: mbox.state } : {}),
          },
          tokens,
        })
        // onError has already received the error; catching here keeps the
        // rejection from going unhandled.
        .catch(() => {})
      // Queued after the display, the clicks go with it or after it.
      const clicks = waitingClicks.get(mbox.name) ?? []
      waitingClicks.delete(mbox.name)
      for (const send of clicks) send()
    },

    mountPlacement(name, placement) {
      // The count serves only the development warning below.
      if (process.env.NODE_ENV === 'production') return () => {}
      const key = `${name}|${placement}`
      const count = (placements.get(key) ?? 0) + 1
      placements.set(key, count)
      if (count > 1) {
        warnOnce(
          `placement:${key}`,
          `mbox "${name}" is shown twice with the placement "${placement}", so only one of its displays counts. Give each a placement of its own, e.g. <TargetMbox name="${name}" placement="footer">.`,
        )
      }
      let mounted = true
      return () => {
        if (!mounted) return
        mounted = false
        placements.set(key, (placements.get(key) ?? 1) - 1)
      }
    },

    holdDisplay(key, name, send) {
      if (displayed.has(key)) return () => {}
      const held = heldDisplays.get(name) ?? new Map()
      heldDisplays.set(name, held)
      held.set(key, send)
      return () => {
        if (held.get(key) === send) held.delete(key)
      }
    },

    reportClick(mbox) {
      const name = mbox.name
      const metrics = Array.isArray(mbox.metrics) ? mbox.metrics : []
      const tokens = metrics.flatMap((metric) =>
        metric?.type === 'click' && typeof metric.eventToken === 'string'
          ? [metric.eventToken]
          : [],
      )
      if (!name) return
      if (!tokens.length) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce(
            `no-click-metric:${name}`,
            `mbox "${name}" has no click metric, so the click was not sent. Add a "clicked an mbox" goal for it in the Target activity.`,
          )
        return
      }
      let sent = false
      const send = () => {
        if (sent) return
        sent = true
        queue
          .add({
            id: createId(),
            type: 'click',
            timestamp: Date.now(),
            mbox: { name, ...(mbox.state ? { state: mbox.state } : {}) },
            tokens,
          })
          .catch(() => {})
      }
      const held = heldDisplays.get(name)
      // A click proves the visitor saw the mbox: displays waiting for
      // their minimum time in view go now, ahead of the click.
      for (const sendDisplay of [...(held?.values() ?? [])]) sendDisplay?.()
      if (!held?.size) return send()
      // A display is still to come (its element not reported in view
      // yet, often just a frame away), so the click waits for it, but not
      // for ever: the placement may never be seen.
      const clicks = waitingClicks.get(name) ?? []
      waitingClicks.set(name, clicks)
      clicks.push(send)
      setTimeout(() => {
        const index = clicks.indexOf(send)
        if (index >= 0) clicks.splice(index, 1)
        send()
      }, CLICK_WAIT)
    },

    configure(next) {
      config = normalizeConfig(next)
    },

    connect() {
      return queue.connect()
    },
  }
}
