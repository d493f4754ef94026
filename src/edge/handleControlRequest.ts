import type { EdgeReply, EdgeState } from './internalTypes'
import { parseEdgeFault } from './parseEdgeFault'
import { targetError } from './targetError'

/** A request under `/_edge/` as the router read it. */
interface ControlInput {
  method: string
  /** The path after `/_edge/`, such as `faults/demo`. */
  path: string
  query: URLSearchParams
  body: string
}

/**
 * Handles the control API that tests and the Storybook log use:
 *
 * - `GET /_edge/health`: `{ status: 'ok', url, host, clientCode }`.
 * - `GET /_edge/notifications` and `GET /_edge/requests`: the logs as JSON
 *   arrays in arrival order. `?client=<code>` keeps one client's entries.
 * - `DELETE /_edge/log`: clears both logs.
 * - `PUT /_edge/faults/<client>` with a JSON fault: sets the client's fault
 *   and returns `{ client, fault }`.
 * - `DELETE /_edge/faults/<client>`, or `DELETE /_edge/faults` for all.
 *
 * Errors use Target's `{ status, message }` body: 400 for an invalid fault,
 * 404 for an unknown path and 405 for a wrong method.
 *
 * @example
 * ```ts
 * const reply = handleControlRequest(edge, {
 *   method: 'GET',
 *   path: 'notifications',
 *   query: new URLSearchParams('client=demo'),
 *   body: '',
 * })
 * ```
 */
export function handleControlRequest(
  edge: EdgeState,
  input: ControlInput,
): EdgeReply {
  const { method, path, query } = input
  const client = query.get('client')

  switch (path) {
    case 'health':
      return requireMethod(method, 'GET', () => ({
        status: 200,
        json: {
          status: 'ok',
          url: edge.url,
          host: edge.host,
          clientCode: edge.artifactClientCode,
        },
      }))
    case 'notifications':
      return requireMethod(method, 'GET', () => ({
        status: 200,
        json: edge.notifications.filter(
          (entry) => client === null || entry.client === client,
        ),
      }))
    case 'requests':
      return requireMethod(method, 'GET', () => ({
        status: 200,
        json: edge.requests.filter(
          (entry) => client === null || entry.client === client,
        ),
      }))
    case 'log':
      return requireMethod(method, 'DELETE', () => {
        edge.notifications.length = 0
        edge.requests.length = 0
        return { status: 204 }
      })
    case 'faults':
      return requireMethod(method, 'DELETE', () => {
        edge.faults.clear()
        return { status: 204 }
      })
  }

  const faultClient = path.startsWith('faults/')
    ? decodePathSegment(path.slice('faults/'.length))
    : undefined
  if (faultClient) {
    return handleFault(edge, input, faultClient)
  }
  return targetError(
    404,
    `No control route /_edge/${path}. The routes are health, notifications, requests, log and faults/<client>.`,
  )
}

function handleFault(
  edge: EdgeState,
  input: ControlInput,
  client: string,
): EdgeReply {
  if (input.method === 'DELETE') {
    edge.faults.clear(client)
    return { status: 204 }
  }
  if (input.method !== 'PUT') {
    return methodNotAllowed(input.method, 'PUT, DELETE')
  }

  let body: unknown
  try {
    body = JSON.parse(input.body)
  } catch (error) {
    return targetError(
      400,
      `The fault body is not valid JSON: ${(error as Error).message}`,
    )
  }
  try {
    const fault = parseEdgeFault(body)
    edge.faults.set(client, fault)
    return { status: 200, json: { client, fault } }
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    return targetError(400, error.message)
  }
}

/** Returns the decoded segment, or undefined when it is empty or malformed. */
function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment) || undefined
  } catch {
    return undefined
  }
}

function requireMethod(
  method: string,
  allowed: string,
  handle: () => EdgeReply,
): EdgeReply {
  return method === allowed ? handle() : methodNotAllowed(method, allowed)
}

function methodNotAllowed(method: string, allowed: string): EdgeReply {
  return {
    ...targetError(
      405,
      `Method ${method} is not allowed here. Use ${allowed}.`,
    ),
    headers: { Allow: allowed },
  }
}
