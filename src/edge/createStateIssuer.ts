import { createHmac, randomBytes } from 'node:crypto'
import type { StateIssuer } from './internalTypes'

/**
 * Creates a StateIssuer whose states are signed with a key made for this
 * issuer, so the edge recognises its states without storing them and
 * rejects states from another edge process.
 *
 * A state is `<base64url payload>.<base64url HMAC-SHA256>`, where the
 * payload contains the kind, the name and a random nonce.
 *
 * @example
 * ```ts
 * const states = createStateIssuer()
 * const state = states.issue('mbox', 'demo-hero')
 * states.verify('mbox', state) // 'demo-hero'
 * states.verify('mbox', 'made-up') // undefined
 * ```
 */
export function createStateIssuer(): StateIssuer {
  const key = randomBytes(32)

  function sign(payload: string): string {
    return createHmac('sha256', key).update(payload).digest('base64url')
  }

  return {
    issue(kind, name) {
      const nonce = randomBytes(9).toString('base64url')
      const payload = Buffer.from(JSON.stringify([kind, name, nonce])).toString(
        'base64url',
      )
      return `${payload}.${sign(payload)}`
    },

    verify(kind, state) {
      const [payload, signature, ...rest] = state.split('.')
      if (!payload || signature !== sign(payload) || rest.length > 0) {
        return undefined
      }
      const [stateKind, name] = JSON.parse(
        Buffer.from(payload, 'base64url').toString('utf8'),
      ) as [string, string]
      return stateKind === kind ? name : undefined
    },
  }
}
