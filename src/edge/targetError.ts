import type { EdgeReply } from './internalTypes'

/**
 * Returns a reply with Target's error body, `{ status, message }`, under the
 * same HTTP status.
 *
 * @example
 * ```ts
 * return targetError(400, 'context is missing.')
 * ```
 */
export function targetError(status: number, message: string): EdgeReply {
  return { status, json: { status, message } }
}
