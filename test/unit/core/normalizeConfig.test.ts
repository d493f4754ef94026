import { afterEach, describe, expect, it, vi } from 'vitest'
import { normalizeConfig } from '../../../src/core/normalizeConfig'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('normalizeConfig', () => {
  it('defaults the timeout to 3000 ms', () => {
    expect(normalizeConfig({ clientCode: 'acme' }).timeout).toBe(3000)
  })

  it('keeps a valid timeout and the other settings', () => {
    const onError = () => {}

    const config = normalizeConfig({
      clientCode: 'acme',
      timeout: 800,
      parameters: { page: 'home' },
      onError,
    })

    expect(config.timeout).toBe(800)
    expect(config.parameters).toEqual({ page: 'home' })
    expect(config.onError).toBe(onError)
  })

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])(
    'replaces the timeout %s with 3000 and warns',
    (timeout) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

      expect(normalizeConfig({ clientCode: 'acme', timeout }).timeout).toBe(
        3000,
      )
      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]![0]).toContain(String(timeout))
    },
  )

  it('trims the clientCode', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})

    expect(normalizeConfig({ clientCode: ' acme ' }).clientCode).toBe('acme')
  })
})
