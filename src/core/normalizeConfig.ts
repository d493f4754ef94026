import type { TargetConfig } from './types'
import { validateClientCode } from './validateClientCode'
import { warnOnce } from './warnOnce'

const DEFAULT_TIMEOUT = 3000
const MAX_TIMEOUT = 2 ** 31 - 1

/**
 * Returns the config with its defaults, the client code trimmed, and a
 * timeout that works; throws when the client code cannot work at all.
 */
export function normalizeConfig(config: TargetConfig): TargetConfig {
  const clientCode = validateClientCode(config.clientCode)
  let timeout = config.timeout ?? DEFAULT_TIMEOUT
  // setTimeout fires at once for delays of 2^31 ms or more.
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT) {
    if (process.env.NODE_ENV !== 'production')
      warnOnce(
        `timeout:${String(timeout)}`,
        `timeout must be a positive number of milliseconds below 2^31, got ${String(timeout)}; ${DEFAULT_TIMEOUT} is used.`,
      )
    timeout = DEFAULT_TIMEOUT
  }
  return { ...config, clientCode, timeout }
}
