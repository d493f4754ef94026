import { createHash, randomBytes } from 'node:crypto'
import type { VisitorId } from '../delivery/types'

/**
 * The edge cluster in the tntIds this edge creates. The value is arbitrary,
 * and the suffix has the format of Target's `.<cluster>_<node>`.
 */
const EDGE_CLUSTER_SUFFIX = '.35_0'

/**
 * Returns the visitor ids to give the decisioning engine and the tntId to
 * send back in `response.id.tntId`.
 *
 * The engine allocates by `marketingCloudVisitorId`, else `tntId`, else
 * `thirdPartyId`, and by a fresh random id when none is set. So:
 * - A request with a tntId keeps it.
 * - One with an ECID or a thirdPartyId goes to the engine unchanged, and gets
 *   a tntId derived from that id, the same on every request.
 * - One with only an authenticated customer id gets a tntId derived from it,
 *   which the engine then allocates by.
 * - One with no id gets a random tntId, which the client should send back.
 *
 * @example
 * ```ts
 * const { id, tntId } = resolveVisitor('demo', request.id)
 * // tntId is like '0f3c…9a1b.35_0'
 * ```
 */
export function resolveVisitor(
  client: string,
  id: VisitorId | undefined,
): { id: VisitorId; tntId: string } {
  const visitor = { ...id }

  if (visitor.tntId) {
    return { id: visitor, tntId: visitor.tntId }
  }

  const allocationId = visitor.marketingCloudVisitorId || visitor.thirdPartyId
  if (allocationId) {
    return { id: visitor, tntId: deriveTntId(client, allocationId) }
  }

  const customerId = visitor.customerIds?.find(
    (customer) => customer.authenticatedState === 'authenticated',
  )?.id
  const tntId = customerId
    ? deriveTntId(client, customerId)
    : `${randomBytes(16).toString('hex')}${EDGE_CLUSTER_SUFFIX}`
  return { id: { ...visitor, tntId }, tntId }
}

function deriveTntId(client: string, visitorId: string): string {
  const hash = createHash('sha256').update(`${client}\n${visitorId}`)
  return `${hash.digest('hex').slice(0, 32)}${EDGE_CLUSTER_SUFFIX}`
}
