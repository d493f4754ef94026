/** What went wrong in a call to Target, so a caller can branch on it. */
export type TargetErrorKind =
  'timeout' | 'network' | 'http' | 'status' | 'parse' | 'invalid'

/**
 * An error from a Delivery API call. `kind` says which step failed and
 * `status` carries the HTTP or body status when there was one.
 *
 * @example
 * ```ts
 * if (error instanceof TargetError && error.kind === 'timeout') {
 *   console.info('Target answered after the timeout; defaults shown')
 * }
 * ```
 */
export class TargetError extends Error {
  override readonly name = 'TargetError'
  readonly kind: TargetErrorKind
  readonly status?: number

  constructor(kind: TargetErrorKind, message: string, status?: number) {
    super(message)
    this.kind = kind
    this.status = status
  }
}
