import type { DeliveryContext } from './types'

/**
 * Builds the `context` Target requires, from the browser when there is one.
 * On a server it returns only the channel; the server path fills in the
 * URL and user agent from the incoming request.
 */
export function buildContext(): DeliveryContext {
  if (typeof window === 'undefined') return { channel: 'web' }
  const { screen, location, navigator, document } = window
  return {
    channel: 'web',
    address: {
      url: location.href,
      ...(document.referrer ? { referringUrl: document.referrer } : {}),
    },
    userAgent: navigator.userAgent,
    screen: {
      width: screen.width,
      height: screen.height,
      colorDepth: screen.colorDepth,
    },
    window: { width: window.innerWidth, height: window.innerHeight },
    browser: { host: location.hostname },
    timeOffsetInMinutes: -new Date().getTimezoneOffset(),
  }
}
