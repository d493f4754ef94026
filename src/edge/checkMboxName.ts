import { describeValue } from './describeValue'

/** Target's limit on mbox names. */
const MAX_MBOX_NAME_LENGTH = 250

/**
 * Returns what is wrong with an mbox name in a request or a notification,
 * or undefined when it is valid.
 *
 * @example
 * ```ts
 * checkMboxName('hero-clicked') // 'name must not end in "-clicked" …'
 * ```
 */
export function checkMboxName(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') {
    return `name must be a non-blank string, got ${describeValue(name)}.`
  }
  if (name.length > MAX_MBOX_NAME_LENGTH) {
    return `name is ${name.length} characters long, over the maximum of ${MAX_MBOX_NAME_LENGTH}.`
  }
  if (name.endsWith('-clicked')) {
    return `name "${name}" must not end in "-clicked", which Target reserves for click mboxes.`
  }
  return undefined
}
