import type { TargetEdge } from '../../src/edge'
import type {
  DeliveryRequest,
  DeliveryResponse,
  Notification,
} from '../../src/delivery/types'

/** The parts of an HTTP response that the edge tests check. */
export interface DeliveryReply {
  status: number
  headers: Headers
  text: string
  /** The parsed body, or undefined when it is empty or not JSON. */
  body: (DeliveryResponse & { message?: string }) | undefined
}

/**
 * Posts `body` to the edge's delivery endpoint over HTTP. `body` is sent as
 * JSON unless it is a string, which is sent as is.
 */
export async function deliver(
  edge: TargetEdge,
  body: DeliveryRequest | string | object,
  {
    client = 'demo',
    sessionId = 'session-1',
    contentType = 'application/json',
  }: { client?: string; sessionId?: string; contentType?: string } = {},
): Promise<DeliveryReply> {
  const query = new URLSearchParams({ client, sessionId })
  const response = await fetch(`${edge.url}/rest/v1/delivery?${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: DeliveryReply['body']
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: parsed,
  }
}

/** Returns a prefetch request for `names`, indexed from 0. */
export function prefetchRequest(
  names: string[],
  tntId?: string,
): DeliveryRequest {
  return {
    ...(tntId ? { id: { tntId } } : {}),
    context: { channel: 'web', address: { url: 'http://localhost/' } },
    prefetch: { mboxes: names.map((name, index) => ({ index, name })) },
  }
}

/** Returns a request that only carries `notifications`. */
export function notificationRequest(
  notifications: unknown[],
  tntId = '0123456789abcdef0123456789abcdef.35_0',
): object {
  return {
    id: { tntId },
    context: { channel: 'web' },
    notifications,
  }
}

/**
 * Prefetches `name` and returns a display notification for its first
 * option, with the issued state and token.
 */
export async function displayNotificationFor(
  edge: TargetEdge,
  name: string,
  client = 'demo',
): Promise<Notification> {
  const reply = await deliver(edge, prefetchRequest([name]), { client })
  const mbox = reply.body?.prefetch?.mboxes?.[0]
  const token = mbox?.options?.[0]?.eventToken
  if (!mbox?.state || !token) {
    throw new Error(`Prefetch of ${name} returned no state or token`)
  }
  return {
    id: `display-${name}-${Math.random().toString(36).slice(2)}`,
    type: 'display',
    timestamp: Date.now(),
    mbox: { name, state: mbox.state },
    tokens: [token],
  }
}
