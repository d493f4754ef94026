import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type {
  DeliveryRequest,
  DeliveryResponse,
  Notification,
} from '../delivery/types'
import { completePrefetch } from './completePrefetch'
import type { EdgeReply, EdgeState, EngineResponse } from './internalTypes'
import { resolveVisitor } from './resolveVisitor'
import { summarizeDeliveryRequest } from './summarizeDeliveryRequest'
import { targetError } from './targetError'
import type { EdgeFault } from './types'
import { validateDeliveryRequest } from './validateDeliveryRequest'
import { validateNotifications } from './validateNotifications'

/** 1-128 printable characters other than space, `?` and `/`. */
const SESSION_ID_PATTERN = /^[^\s?/\p{C}]{1,128}$/u
const BODY_TYPES = ['application/json', 'text/plain']

/** A `POST /rest/v1/delivery` as the router read it. */
interface DeliveryInput {
  query: URLSearchParams
  /** The Content-Type header, if any. */
  contentType: string | undefined
  body: string
}

/**
 * Responds to one `POST /rest/v1/delivery` as Target's edge would, and
 * records the request and its accepted notifications in `edge`. The steps:
 *
 * 1. Check the `client` and `sessionId` query parameters.
 * 2. Wait `latencyMs`, then the fault's `delayMs`.
 * 3. Send the fault's HTTP status, raw body or body status, if it has one.
 * 4. Check the body and its notifications. Any problem rejects the whole
 *    request with 400.
 * 5. Fail a request with notifications if the fault's rate draws it.
 * 6. Run the decisioning engine on prefetch and execute.
 * 7. Record the notifications. A beacon (`context.beacon: true`) then gets
 *    204 and no body.
 *
 * @example
 * ```ts
 * const reply = await handleDeliveryRequest(edge, {
 *   query: new URLSearchParams('client=demo&sessionId=s1'),
 *   contentType: 'application/json',
 *   body: JSON.stringify({ context: { channel: 'web' } }),
 * })
 * ```
 */
export async function handleDeliveryRequest(
  edge: EdgeState,
  input: DeliveryInput,
): Promise<EdgeReply> {
  const client = input.query.get('client') ?? ''
  const sessionId = input.query.get('sessionId') ?? ''
  const parsed = parseJson(input.body)
  const record = summarizeDeliveryRequest(client, sessionId, parsed.value)
  edge.requests.push(record)

  const reply = await respond(edge, input, client, sessionId, parsed)
  const counts = `prefetch=${record.prefetchMboxCount} execute=${record.executeMboxCount} notifications=${record.notificationCount}${record.beacon ? ' beacon' : ''}`
  return {
    ...reply,
    logDetail: `client=${client || '-'} sessionId=${sessionId || '-'} ${counts}`,
  }
}

async function respond(
  edge: EdgeState,
  input: DeliveryInput,
  client: string,
  sessionId: string,
  parsed: { value?: unknown; error?: string },
): Promise<EdgeReply> {
  const queryProblem = checkQuery(client, sessionId)
  if (queryProblem) return targetError(400, queryProblem)

  if (edge.latencyMs > 0) {
    await sleep(edge.latencyMs, undefined, { signal: edge.signal })
  }
  const fault = edge.faults.take(client)
  if (fault?.delayMs) {
    await sleep(fault.delayMs, undefined, { signal: edge.signal })
  }
  const faultReply = faultResponse(fault, client)
  if (faultReply) return faultReply

  const mediaType = input.contentType?.split(';')[0]?.trim().toLowerCase()
  if (mediaType === undefined || !BODY_TYPES.includes(mediaType)) {
    return targetError(
      415,
      `Content-Type ${mediaType ?? '(none)'} is not supported. Send the JSON body as application/json, or as text/plain from navigator.sendBeacon.`,
    )
  }
  if (parsed.error !== undefined) {
    return targetError(
      400,
      `The request body is not valid JSON: ${parsed.error}`,
    )
  }
  const problem = validateDeliveryRequest(parsed.value)
  if (problem) return targetError(400, problem)

  const request = parsed.value as DeliveryRequest
  const notifications = request.notifications ?? []
  const notificationProblem = validateNotifications(notifications, {
    tokens: edge.tokenIndex.tokens,
    states: edge.states,
  })
  if (notificationProblem) return targetError(400, notificationProblem)

  if (
    notifications.length > 0 &&
    fault?.notificationFailRate !== undefined &&
    Math.random() < fault.notificationFailRate
  ) {
    return targetError(
      500,
      `Simulated failure: the fault set for client "${client}" drops ${fault.notificationFailRate * 100}% of notification requests. None of these notifications were processed.`,
    )
  }

  const { id, tntId } = resolveVisitor(client, request.id)
  const requestId = request.requestId ?? randomUUID()
  const decided = await decide(edge, client, { ...request, id, requestId })

  const receivedAt = Date.now()
  for (const notification of notifications) {
    edge.notifications.push({
      notification,
      client,
      sessionId,
      tntId,
      receivedAt,
    })
  }
  if (request.context.beacon === true) {
    return { status: 204 }
  }

  const response: DeliveryResponse = {
    status: 200,
    requestId,
    client,
    id: { ...request.id, tntId },
    edgeHost: edge.host,
    ...applyContentFaults(fault, decided),
  }
  if (notifications.length > 0) {
    response.notifications = notifications.map(
      (notification: Notification) => ({ id: notification.id }),
    )
  }
  return { status: 200, json: response }
}

function checkQuery(client: string, sessionId: string): string | undefined {
  if (client === '') {
    return 'The client query parameter is missing. Send POST /rest/v1/delivery?client=<clientCode>&sessionId=<sessionId>.'
  }
  if (sessionId === '') {
    return 'The sessionId query parameter is missing. Send one of 1-128 printable characters, the same for every request of a visit.'
  }
  if (!SESSION_ID_PATTERN.test(sessionId)) {
    return `The sessionId query parameter "${sessionId.slice(0, 40)}" is invalid. Send 1-128 printable characters other than space, "?" and "/".`
  }
  return undefined
}

/** Returns the reply a fault sends in place of a decision, if it does. */
function faultResponse(
  fault: EdgeFault | undefined,
  client: string,
): EdgeReply | undefined {
  const origin = `the fault set for client "${client}"`
  if (fault?.status !== undefined) {
    return targetError(
      fault.status,
      `Simulated HTTP ${fault.status} from ${origin}.`,
    )
  }
  if (fault?.rawBody !== undefined) {
    return { status: 200, text: fault.rawBody }
  }
  if (fault?.bodyStatus !== undefined) {
    return {
      status: 200,
      json: {
        status: fault.bodyStatus,
        message: `Simulated status ${fault.bodyStatus} in an HTTP 200 body, from ${origin}.`,
      },
    }
  }
  return undefined
}

/**
 * Runs the engine on the prefetch and execute parts of the request and
 * completes the prefetch response. Returns no sections for a request with
 * neither, such as one that only carries notifications.
 */
async function decide(
  edge: EdgeState,
  client: string,
  request: DeliveryRequest,
): Promise<Pick<EngineResponse, 'prefetch' | 'execute'>> {
  if (request.prefetch === undefined && request.execute === undefined) {
    return {}
  }

  const { notifications: _notifications, ...decisionRequest } = request
  const decision = await edge.engines.getOffers(client, decisionRequest)
  const result: Pick<EngineResponse, 'prefetch' | 'execute'> = {}
  if (decision.prefetch) {
    result.prefetch = completePrefetch(
      decision.prefetch,
      request.prefetch?.mboxes,
      { states: edge.states, tokenIndex: edge.tokenIndex },
    )
  }
  if (decision.execute) {
    result.execute = decision.execute
  }
  return result
}

/** Applies the fault fields that change the content of a 200 response. */
function applyContentFaults(
  fault: EdgeFault | undefined,
  decided: Pick<EngineResponse, 'prefetch' | 'execute'>,
): Pick<EngineResponse, 'prefetch' | 'execute'> {
  const result = { ...decided }
  const dropped = new Set(fault?.dropMboxes ?? [])
  const keep = (mbox: { name?: string }) =>
    mbox.name === undefined || !dropped.has(mbox.name)

  if (result.prefetch?.mboxes && dropped.size > 0) {
    result.prefetch = {
      ...result.prefetch,
      mboxes: result.prefetch.mboxes.filter(keep),
    }
  }
  if (result.execute?.mboxes && dropped.size > 0) {
    result.execute = {
      ...result.execute,
      mboxes: result.execute.mboxes.filter(keep),
    }
  }
  if (fault?.emptyPrefetch && result.prefetch) {
    result.prefetch = {}
  }
  return result
}

function parseJson(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch (error) {
    return { error: (error as Error).message }
  }
}
