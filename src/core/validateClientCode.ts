/**
 * Throws when the client code cannot work, so a typo fails on the first
 * render instead of as a stream of failed requests.
 */
export function validateClientCode(clientCode: unknown): void {
  if (typeof clientCode !== 'string' || clientCode.trim() === '') {
    throw new Error(
      '[react-adobe-target] clientCode is missing or empty. Pass your Target client code, e.g. <TargetProvider clientCode="acme">; it is shown in Target under Administration > Implementation.',
    )
  }
  if (/\s/.test(clientCode)) {
    throw new Error(
      `[react-adobe-target] clientCode "${clientCode}" contains white space. Remove it: a Target client code is a single word such as "acme".`,
    )
  }
}
