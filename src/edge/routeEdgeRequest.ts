import type { IncomingMessage, ServerResponse } from 'node:http'
import { handleControlRequest } from './handleControlRequest'
import { handleDeliveryRequest } from './handleDeliveryRequest'
import type { EdgeReply, EdgeState } from './internalTypes'
import { targetError } from './targetError'

const DELIVERY_PATH = '/rest/v1/delivery'
const CONTROL_PREFIX = '/_edge/'
/**
 * Largest request body read, in bytes. The number is this edge's choice,
 * far above what Target's limits allow: 50 mboxes of 50 parameters of 5,000
 * characters come to about 12.5 MB. It keeps a runaway client from filling
 * memory.
 */
const MAX_BODY_BYTES = 32 * 1024 * 1024

/** Headers on every response, so pages served from other ports can call. */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type',
  'Access-Control-Max-Age': '600',
}

/**
 * Reads one HTTP request, passes it to the delivery or control handler, and
 * writes the reply with CORS headers and a log line. `OPTIONS` on any path
 * is a CORS preflight and gets 204. An error a handler throws is logged and
 * gets a 500 response in Target's error shape. When the edge closes during a
 * delay, the connection is dropped without a response.
 *
 * @example
 * ```ts
 * const server = createServer((req, res) => void routeEdgeRequest(edge, req, res))
 * ```
 */
export async function routeEdgeRequest(
  edge: EdgeState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const startedAt = Date.now()
  const method = req.method ?? 'GET'
  const path = req.url?.split('?')[0] ?? '/'

  let reply: EdgeReply
  try {
    // Concatenated, so a path such as `//host/x` stays a path.
    const url = new URL(`${edge.url}${req.url ?? '/'}`)
    reply = await route(edge, req, method, url)
  } catch (error) {
    if (edge.signal.aborted) {
      res.destroy()
      return
    }
    edge.logger.error(
      `${method} ${path} failed: ${(error as Error).stack ?? String(error)}`,
    )
    reply = targetError(
      500,
      `The local edge failed: ${(error as Error).message}`,
    )
  }

  writeReply(res, reply)
  const detail = reply.logDetail ? ` ${reply.logDetail}` : ''
  edge.logger.info(
    `${method} ${path}${detail} -> ${reply.status} (${Date.now() - startedAt} ms)`,
  )
}

async function route(
  edge: EdgeState,
  req: IncomingMessage,
  method: string,
  url: URL,
): Promise<EdgeReply> {
  if (method === 'OPTIONS') {
    return { status: 204 }
  }

  if (url.pathname === DELIVERY_PATH) {
    if (method !== 'POST') {
      return {
        ...targetError(405, `Use POST for ${DELIVERY_PATH}.`),
        headers: { Allow: 'POST' },
      }
    }
    const body = await readBody(req)
    if (body === undefined) {
      return targetError(
        413,
        `The request body is over ${MAX_BODY_BYTES} bytes. Split the request.`,
      )
    }
    return handleDeliveryRequest(edge, {
      query: url.searchParams,
      contentType: req.headers['content-type'],
      body,
    })
  }

  if (url.pathname.startsWith(CONTROL_PREFIX)) {
    const body = await readBody(req)
    return handleControlRequest(edge, {
      method,
      path: url.pathname.slice(CONTROL_PREFIX.length),
      query: url.searchParams,
      body: body ?? '',
    })
  }

  return targetError(
    404,
    `No route ${url.pathname}. This edge serves POST ${DELIVERY_PATH} and the control API under ${CONTROL_PREFIX}.`,
  )
}

/**
 * Returns the body as UTF-8 text, or undefined when it is too large. A body
 * over the limit is still read to the end, because leaving the loop early
 * would destroy the socket before the 413 response is written.
 */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer)
  }
  return size > MAX_BODY_BYTES
    ? undefined
    : Buffer.concat(chunks).toString('utf8')
}

function writeReply(res: ServerResponse, reply: EdgeReply): void {
  const headers: Record<string, string> = { ...CORS_HEADERS, ...reply.headers }
  let body: string | undefined
  if (reply.text !== undefined) {
    headers['Content-Type'] = 'text/plain; charset=utf-8'
    body = reply.text
  } else if (reply.json !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8'
    body = JSON.stringify(reply.json)
  }
  res.writeHead(reply.status, headers)
  res.end(body)
}
