import type { MboxParameters } from '../delivery/types'

/**
 * The react-query key of one mbox's response. Parameters are part of the
 * key because Target may decide differently for other parameters;
 * react-query hashes the object with sorted keys, so key order is moot.
 */
export function mboxQueryKey(
  clientCode: string,
  name: string,
  parameters?: MboxParameters,
) {
  return ['react-adobe-target', clientCode, name, parameters ?? {}] as const
}
