/**
 * Returns a short JSON rendering of a value for an error message: at most 60
 * characters and an ellipsis, or `nothing` for undefined.
 *
 * @example
 * ```ts
 * `timestamp must be an integer, got ${describeValue('12')}` // … got "12"
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}
