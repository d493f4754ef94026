/**
 * Types of the Adobe Target Delivery API (`POST /rest/v1/delivery`), limited
 * to the fields this library reads or writes. Field names follow Adobe's
 * OpenAPI description of the API.
 */

/** Visitor identifiers sent in a request and returned in a response. */
export interface VisitorId {
  /** Target's own visitor id; its `.<cluster>_<node>` suffix names the edge. */
  tntId?: string
  thirdPartyId?: string
  /** The Experience Cloud visitor id (ECID). */
  marketingCloudVisitorId?: string
  customerIds?: CustomerId[]
}

/** A customer id declared by the site, such as a CRM id. */
export interface CustomerId {
  id: string
  integrationCode: string
  authenticatedState: 'unknown' | 'authenticated' | 'logged_out'
}

/** Request context: page, browser and screen. Target requires it on every request. */
export interface DeliveryContext {
  channel: 'web' | 'mobile'
  address?: { url: string; referringUrl?: string }
  /** Target reads the user agent from this field, not from the header. */
  userAgent?: string
  screen?: { width?: number; height?: number; colorDepth?: number }
  window?: { width?: number; height?: number }
  browser?: { host?: string; webGLRenderer?: string }
  timeOffsetInMinutes?: number
  /** When true the edge responds 204 with no body, as a beacon expects. */
  beacon?: boolean
}

/** String parameters of one mbox; Target allows at most 50 per map. */
export type MboxParameters = Record<string, string>

/** One mbox asked for in `prefetch.mboxes` or `execute.mboxes`. */
export interface MboxRequest {
  /** Unique within the request; the response repeats it. */
  index: number
  name: string
  parameters?: MboxParameters
  profileParameters?: MboxParameters
}

/** The body of `POST /rest/v1/delivery`. */
export interface DeliveryRequest {
  requestId?: string
  id?: VisitorId
  context: DeliveryContext
  property?: { token: string }
  experienceCloud?: Record<string, unknown>
  prefetch?: { mboxes?: MboxRequest[] }
  execute?: { mboxes?: MboxRequest[] }
  notifications?: Notification[]
}

/** Content types an option can carry. */
export type OptionType = 'html' | 'json' | 'redirect' | 'dynamic' | 'actions'

/** One piece of content chosen for an mbox. */
export interface Option {
  type?: OptionType
  content?: unknown
  /** Sent back in a display notification once the content is shown. */
  eventToken?: string
  responseTokens?: Record<string, unknown>
}

/** A conversion Target counts for an mbox, such as a click. */
export interface Metric {
  type?: 'click' | 'display'
  selector?: string
  /** Sent back in a click notification when the visitor clicks. */
  eventToken?: string
}

/** One mbox in `prefetch.mboxes` of a response. */
export interface PrefetchMboxResponse {
  index?: number
  name?: string
  /** Opaque; sent back unchanged in the mbox's notifications. */
  state?: string
  options?: Option[]
  metrics?: Metric[]
}

/** The body of a successful delivery response. */
export interface DeliveryResponse {
  /** May be 400 under HTTP 200; the body's status is the one that counts. */
  status?: number
  message?: string
  requestId?: string
  id?: VisitorId
  client?: string
  /** The host that served the response. Later requests should go there. */
  edgeHost?: string
  prefetch?: { mboxes?: PrefetchMboxResponse[] }
  execute?: { mboxes?: PrefetchMboxResponse[] }
  /** Ids of the notifications the edge processed. */
  notifications?: { id?: string }[]
}

/** Notification kinds this library sends. */
export type NotificationType = 'display' | 'click'

/** A report that prefetched content was shown or clicked. */
export interface Notification {
  /** At most 200 characters; echoed in the response when processed. */
  id: string
  type: NotificationType
  /** Epoch milliseconds. */
  timestamp: number
  impressionId?: string
  mbox: { name: string; state?: string }
  tokens: string[]
  parameters?: MboxParameters
  profileParameters?: MboxParameters
}
