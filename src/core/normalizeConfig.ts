import type { TargetConfig } from './types'
import { validateClientCode } from './validateClientCode'
import { warnOnce } from './warnOnce'

const DEFAULT_TIMEOUT = 3000

/**
 * Returns the config with its defaults, the client code trimmed, and a
 * timeout that works; throws when the client code cannot work at all.
 */
export function normalizeConfig(config: TargetConfig): TargetConfig {
  const clientCode = validateClientCode(config.clientCode)
  let timeout = config.timeout ?? DEFAULT_TIMEOUT
  if (!Number.isFinite(timeout) || timeout <= 0) {
    if (process.env.NODE_ENV !== 'production')
      warnOnce(
        `timeout:${String(timeout)}`,
        `timeout must be a positive number of milliseconds, got ${String(timeout)}; ${DEFAULT_TIMEOUT} is used.`,
      )
    timeout = DEFAULT_TIMEOUT
  }
  return { ...config, clientCode, timeout }
}
