/**
 * Returns whether `value` is a non-null object that is not an array, as a
 * parsed JSON object is.
 *
 * @example
 * ```ts
 * isPlainObject(JSON.parse('{"a":1}')) // true
 * isPlainObject(JSON.parse('[1]')) // false
 * ```
 */
export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
