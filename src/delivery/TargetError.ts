/** Kind of failure of a call to Target, for a caller to branch on. */
export type TargetErrorKind =
  'timeout' | 'network' | 'http' | 'status' | 'parse' | 'invalid'

/**
 * An error from a Delivery API call. `kind` names the step that failed and
 * `status` carries the HTTP or body status when there was one.
 *
 * @example
 * ```ts
 * if (error instanceof TargetError && error.kind === 'timeout') {
 *   console.info('Target timed out; default content is shown')
 * }
 * ```
 */
export class TargetError extends Error {
  // Declared and set in the constructor, not as class fields, which the
  // bundle would compile into a define-property helper.
  declare readonly name: 'TargetError'
  declare readonly kind: TargetErrorKind
  declare readonly status?: number

  constructor(kind: TargetErrorKind, message: string, status?: number) {
    super(message)
    Object.assign(this, { name: 'TargetError', kind, status })
  }
}
