import type { TargetServerState } from '../core/TargetServerState'

/**
 * Serializes server state as JSON that is safe inside an HTML
 * `<script type="application/json">` element. Every `<` is escaped as
 * `\u003c`, so an html offer that contains `</script>` cannot end the
 * element early. `JSON.parse` reads the text back unchanged.
 *
 * @example
 * ```ts
 * const html = `<script id="target-state" type="application/json">${serializeServerState(serverState)}</script>`
 * // In the browser:
 * const state = JSON.parse(document.getElementById('target-state')!.textContent!)
 * ```
 */
export function serializeServerState(state: TargetServerState): string {
  return JSON.stringify(state).replace(/</g, '\\u003c')
}
