import { afterEach, describe, expect, it, vi } from 'vitest'
import { WARNING_PREFIX, warnOnce } from '../../../src/core/warnOnce'

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('warnOnce', () => {
  it('prints the message with the prefix once per key', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    warnOnce('key-a', 'first message')
    warnOnce('key-a', 'second message')
    warnOnce('key-b', 'other key')

    expect(warn.mock.calls).toEqual([
      ['[react-adobe-target] first message'],
      ['[react-adobe-target] other key'],
    ])
    expect(WARNING_PREFIX).toBe('[react-adobe-target]')
  })

  it('prints nothing in production', () => {
    vi.stubEnv('NODE_ENV', 'production')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    warnOnce('key-production', 'hidden')

    expect(warn).not.toHaveBeenCalled()
  })
})
