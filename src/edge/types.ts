import type { Metric, Notification, Option } from '../delivery/types'

/**
 * One rule of a decisioning artifact: the content an mbox or view shows when
 * the rule's json-logic `condition` is true for the request and visitor.
 */
export interface ArtifactRule {
  ruleKey?: string
  activityId?: number
  /** Activity, experience, location and offer ids and names. */
  meta?: Record<string, unknown>
  condition?: unknown
  consequence: {
    name?: string
    options?: Option[]
    /** Click metrics, and display metrics that carry an option's token. */
    metrics?: Metric[]
  }
}

/**
 * A rules artifact in the format that Target publishes for on-device
 * decisioning (`rules.json`) and that `@adobe/target-decisioning-engine`
 * reads. Only the fields the edge reads are typed.
 */
export interface DecisioningArtifact {
  /** Semantic version of the format. The engine supports major version 1. */
  version: string
  meta?: { clientCode?: string; organizationId?: string }
  globalMbox?: string
  geoTargetingEnabled?: boolean
  responseTokens?: string[]
  rules: {
    mboxes: Record<string, ArtifactRule[]>
    views?: Record<string, ArtifactRule[]>
  }
  [field: string]: unknown
}

/** Destination of the edge's log lines. */
export interface EdgeLogger {
  /** One line per HTTP request. */
  info(message: string): void
  /** Errors the edge catches and reports as HTTP 500. */
  error(message: string): void
}

/** Options of {@link createTargetEdge}. */
export interface TargetEdgeOptions {
  /**
   * Path of a rules artifact JSON file, or an artifact already parsed.
   * Defaults to the demo artifact for the client code `demo`.
   */
  artifact?: string | DecisioningArtifact
  /** TCP port on 127.0.0.1. Defaults to 0, which picks any free port. */
  port?: number
  /** Delay added before every delivery response, in milliseconds. Defaults to 0. */
  latencyMs?: number
  /**
   * Receives request lines and caught errors. Defaults to printing errors
   * with `console.error` and dropping request lines.
   */
  logger?: EdgeLogger
}

/**
 * A misbehaviour to simulate for the delivery requests of one client code.
 * Every field is optional, and all the fields that are set apply.
 */
export interface EdgeFault {
  /** Delay before the response, in milliseconds. */
  delayMs?: number
  /** HTTP status to respond with, with a `{ status, message }` body. */
  status?: number
  /** Text to send as the body of an HTTP 200, such as invalid JSON. */
  rawBody?: string
  /** Status to put in the body `{ status, message }` of an HTTP 200. */
  bodyStatus?: number
  /** Sends `prefetch: {}` whatever mboxes were requested. */
  emptyPrefetch?: boolean
  /** Mbox names to leave out of the prefetch and execute responses. */
  dropMboxes?: string[]
  /**
   * Fraction, from 0 to 1, of requests carrying notifications that get
   * HTTP 500 and are not recorded. Each request is drawn at random.
   */
  notificationFailRate?: number
  /**
   * Number of the client's delivery requests the fault applies to, after
   * which it is cleared. Without it, the fault stays until cleared.
   */
  times?: number
}

/** A notification the edge accepted, with the request it came in. */
export interface EdgeNotificationRecord {
  notification: Notification
  /** The `client` query parameter of the request. */
  client: string
  /** The `sessionId` query parameter of the request. */
  sessionId: string
  /**
   * `id.tntId` of the request, or the tntId the edge responded with when the
   * request had none.
   */
  tntId: string
  /** When the edge accepted the notification, in epoch milliseconds. */
  receivedAt: number
}

/** A summary of one `POST /rest/v1/delivery` the edge received. */
export interface EdgeRequestRecord {
  /** The `client` query parameter, or empty when it was missing. */
  client: string
  /** The `sessionId` query parameter, or empty when it was missing. */
  sessionId: string
  prefetchMboxCount: number
  executeMboxCount: number
  notificationCount: number
  /** Names of the prefetch and execute mboxes, in request order. */
  mboxNames: string[]
  /** Whether the body had `context.beacon: true`. */
  beacon: boolean
  /** When the body was read, in epoch milliseconds. */
  receivedAt: number
}

/** A running local Target edge, as returned by {@link createTargetEdge}. */
export interface TargetEdge {
  /** Base URL, such as `http://127.0.0.1:9310`. */
  readonly url: string
  /**
   * Host and port, such as `127.0.0.1:9310`: what a client passes as
   * `serverDomain`, with `secure: false`.
   */
  readonly host: string
  readonly port: number
  /** Stops the server and drops open connections and pending responses. */
  close(): Promise<void>
  /** Returns the accepted notifications in arrival order, optionally of one client. */
  notifications(client?: string): EdgeNotificationRecord[]
  /** Returns the received delivery requests in arrival order, optionally of one client. */
  requests(client?: string): EdgeRequestRecord[]
  /** Clears both logs and every fault. */
  reset(): void
  /**
   * Sets the fault for the delivery requests of one client code, replacing
   * any earlier one. Throws a TypeError when a field is invalid.
   */
  setFault(client: string, fault: EdgeFault): void
  /** Clears the fault of one client code, or of every client when omitted. */
  clearFaults(client?: string): void
}
