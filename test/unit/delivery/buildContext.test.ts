import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildContext } from '../../../src/delivery/buildContext'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('buildContext', () => {
  it('describes the browser page', () => {
    const context = buildContext()

    expect(context.channel).toBe('web')
    expect(context.address).toEqual({ url: window.location.href })
    expect(context.userAgent).toBe(navigator.userAgent)
    expect(context.browser).toEqual({ host: window.location.hostname })
    expect(context.window).toEqual({
      width: window.innerWidth,
      height: window.innerHeight,
    })
    expect(context.screen?.colorDepth).toBe(window.screen.colorDepth)
    expect(context.timeOffsetInMinutes).toBe(-new Date().getTimezoneOffset())
  })

  it('adds the referrer when there is one', () => {
    vi.spyOn(document, 'referrer', 'get').mockReturnValue(
      'https://search.example/?q=sale',
    )

    expect(buildContext().address?.referringUrl).toBe(
      'https://search.example/?q=sale',
    )
  })

  it('returns only the channel without a window', () => {
    vi.stubGlobal('window', undefined)

    expect(buildContext()).toEqual({ channel: 'web' })
  })
})
