import type { TargetError } from '../delivery/TargetError'
import type {
  CustomerId,
  DeliveryRequest,
  DeliveryResponse,
  MboxParameters,
  Notification,
  PrefetchMboxResponse,
  VisitorId,
} from '../delivery/types'
import type { TargetCookie, Visitor } from '../visitor/createVisitor'

/** Settings of one Target client; the provider's props map onto these. */
export interface TargetConfig {
  /** Your Target client code, e.g. `acme`. Required. */
  clientCode: string
  /**
   * Host of the Delivery API. Defaults to `mboxedge<cluster>.tt.omtrdc.net`
   * once the visitor's edge cluster is known, else
   * `<clientCode>.tt.omtrdc.net`. When set, it is always used.
   */
  serverDomain?: string
  /** Use HTTPS. Defaults to true. */
  secure?: boolean
  /** Milliseconds to wait for Target before showing defaults. Defaults to 3000. */
  timeout?: number
  /** Parameters sent with every mbox. Defaults to none. */
  parameters?: MboxParameters
  /** Profile parameters sent with every mbox. Defaults to none. */
  profileParameters?: MboxParameters
  /**
   * Other ids of the visitor, sent with every request beside the tntId:
   * `marketingCloudVisitorId` (the ECID), `thirdPartyId`, `customerIds`.
   * Defaults to none.
   */
  visitorId?: Omit<VisitorId, 'tntId'>
  /** At.js property token, for Target Premium workspaces. */
  propertyToken?: string
  /**
   * Runs every html offer through this function before it is shown, e.g.
   * `(html) => DOMPurify.sanitize(html)`. Defaults to none: offers come
   * from your own Target account and are shown as written.
   */
  sanitizeHtml?: (html: string) => string
  /**
   * Runs the `<script>` elements of html offers. Defaults to false: html
   * is set with `innerHTML`, where scripts do not run.
   */
  allowScripts?: boolean
  /** Called once for each failed request, with what went wrong. */
  onError?: (error: TargetError) => void
}

/** Options of {@link TargetClient.getOffers}. */
export interface GetOffersOptions {
  /** A Delivery API request; `context` and `id` are filled in if left out. */
  request: Partial<DeliveryRequest>
  /** Use this session id instead of the visitor's. */
  sessionId?: string
  /** Customer ids added to `request.id.customerIds`. */
  customerIds?: CustomerId[]
}

/** Options of {@link TargetClient.sendNotifications}. */
export interface SendNotificationsOptions {
  request: { notifications: Notification[] }
}

/** Result of the client's `getOffers` and `sendNotifications`. */
export interface TargetResult {
  /** The request as sent. */
  request: DeliveryRequest
  response: DeliveryResponse
  /** The at.js-compatible `mbox` cookie to keep the visitor. */
  targetCookie: TargetCookie
  /** The `mboxEdgeCluster` cookie, once the cluster is known. */
  targetLocationHintCookie?: TargetCookie
  /** The `responseTokens` of every option in the response. */
  responseTokens: Record<string, unknown>[]
}

/**
 * One Target client per provider: the visitor, the prefetch batcher and
 * the notification queue. `useTarget()` returns it.
 */
export interface TargetClient {
  readonly config: Readonly<TargetConfig>
  readonly visitor: Visitor
  /** Sends a Delivery API request now, as Adobe's Target SDKs do. */
  getOffers(options: GetOffersOptions): Promise<TargetResult>
  /**
   * Queues notifications with the components' own, and resolves once
   * Target has processed them.
   */
  sendNotifications(options: SendNotificationsOptions): Promise<TargetResult>
  /**
   * Asks for one mbox; mboxes asked for in the same tick share a request.
   * Resolves with the mbox's response, or null when Target has none for it.
   */
  prefetchMbox(
    name: string,
    parameters?: MboxParameters,
  ): Promise<PrefetchMboxResponse | null>
  /** Reports a display once per key; the key names placement and page view. */
  reportDisplay(key: string, mbox: PrefetchMboxResponse, tokens: string[]): void
  /**
   * Registers a display not reported yet, so that a click on its mbox
   * waits for it. A click calls `send`, which reports the display at once
   * if its element is in view: the click proves it was seen. Returns the
   * function that withdraws it.
   */
  holdDisplay(key: string, name: string, send?: () => void): () => void
  /**
   * Records that a component shows a placement, and warns in development
   * when two do at once, because only one of them would count. Returns
   * the function that removes it. It does nothing in production.
   */
  mountPlacement(name: string, placement: string): () => void
  /** Reports a click on an mbox with the tokens of its click metrics. */
  reportClick(mbox: PrefetchMboxResponse): void
  /** Replaces the settings that may change while the client lives. */
  configure(config: TargetConfig): void
  /** Starts listening for the page being hidden; returns the stop. */
  connect(): () => void
}

/**
 * The part of a {@link TargetClient} that the components use, plus what
 * `withDeliveryVerbs` builds `getOffers` and `sendNotifications` from.
 * Internal: apps get a `TargetClient` from `useTarget()`.
 */
export interface ClientCore extends Omit<
  TargetClient,
  'getOffers' | 'sendNotifications'
> {
  /** Starts a Delivery API request with a new id, the visitor and context. */
  baseRequest(): DeliveryRequest
  /** Sends a Delivery API request and updates the visitor from the response. */
  post(request: DeliveryRequest, sessionId?: string): Promise<DeliveryResponse>
  /** Queues a notification; resolves once Target has processed it. */
  enqueue(notification: Notification): Promise<void>
}
