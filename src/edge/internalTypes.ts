// Types shared by the edge's modules and not part of its public API.

import type {
  DeliveryRequest,
  DeliveryResponse,
  Metric,
  PrefetchMboxResponse,
} from '../delivery/types'
import type {
  EdgeFault,
  EdgeLogger,
  EdgeNotificationRecord,
  EdgeRequestRecord,
} from './types'

/** A prefetched view in the engine's response, before the edge adds `state`. */
export interface PrefetchViewResponse {
  name?: string
  state?: string
  options?: PrefetchMboxResponse['options']
  metrics?: Metric[]
}

/**
 * The Delivery API response that `@adobe/target-decisioning-engine` returns,
 * with the parts the shared wire types leave out: views, page load, and the
 * names it could not decide locally.
 */
export interface EngineResponse extends DeliveryResponse {
  remoteMboxes?: string[]
  remoteViews?: string[]
  prefetch?: {
    mboxes?: PrefetchMboxResponse[]
    views?: PrefetchViewResponse[]
    pageLoad?: { options?: PrefetchMboxResponse['options']; metrics?: Metric[] }
  }
  execute?: {
    mboxes?: PrefetchMboxResponse[]
    pageLoad?: { options?: PrefetchMboxResponse['options']; metrics?: Metric[] }
  }
}

/** An HTTP response that a handler computed and the router writes. */
export interface EdgeReply {
  status: number
  /** Body serialised as JSON unless `text` is set. No body when both are unset. */
  json?: unknown
  /** Sent as is with `text/plain`. */
  text?: string
  headers?: Record<string, string>
  /** Extra words for the request's log line, such as the client code. */
  logDetail?: string
}

/** Runs the decisioning engine on a request for one client code. */
export interface EnginePool {
  getOffers(client: string, request: DeliveryRequest): Promise<EngineResponse>
}

/** Issues and checks the opaque `state` of prefetched mboxes and views. */
export interface StateIssuer {
  /** Returns a new state for the mbox or view `name`. */
  issue(kind: 'mbox' | 'view', name: string): string
  /**
   * Returns the name the state was issued for, or undefined when this issuer
   * did not issue it.
   */
  verify(kind: 'mbox' | 'view', state: string): string | undefined
}

/** The event tokens of an artifact and the click metrics they lead to. */
export interface ArtifactTokenIndex {
  /** Every option and metric event token in the artifact. */
  tokens: Set<string>
  /**
   * Returns the click metrics of the rules that gave `mboxName` an option
   * with `optionToken`, or an empty array.
   */
  clickMetrics(mboxName: string, optionToken: string): Metric[]
}

/** The faults set for client codes, consumed one delivery request at a time. */
export interface FaultStore {
  set(client: string, fault: EdgeFault): void
  /** Clears the fault of `client`, or every fault when it is omitted. */
  clear(client?: string): void
  /**
   * Returns the fault in force for one delivery request of `client`, and
   * counts the request against the fault's `times`.
   */
  take(client: string): EdgeFault | undefined
}

/** State shared by the request handlers of one running edge. */
export interface EdgeState {
  /** `127.0.0.1:<port>`, sent as `edgeHost`. */
  host: string
  url: string
  /** `meta.clientCode` of the artifact, if it has one. */
  artifactClientCode?: string
  latencyMs: number
  engines: EnginePool
  tokenIndex: ArtifactTokenIndex
  states: StateIssuer
  faults: FaultStore
  notifications: EdgeNotificationRecord[]
  requests: EdgeRequestRecord[]
  logger: EdgeLogger
  /** Aborted by `close()`, which ends pending delays. */
  signal: AbortSignal
}

/** Output streams of the command, and the signal that stops it. */
export interface CliIo {
  stdout(line: string): void
  stderr(line: string): void
  /** Signal that stops the edge. The bin aborts it on SIGINT and SIGTERM. */
  signal?: AbortSignal
}
