/**
 * React-query settings for offers: a response is valid for the page view, so
 * it is never refetched on focus, reconnect or remount, and a failure is
 * not retried because the timeout has already passed and defaults show.
 */
export const offerQueryOptions = {
  // An app's QueryClient defaults must not change how offers load: an
  // error shows default content instead of reaching an error boundary,
  // and the request goes out offline too, so that its timeout can end the
  // wait instead of a paused query hiding the mbox for good.
  enabled: true,
  throwOnError: false,
  networkMode: 'always',
  staleTime: Infinity,
  gcTime: Infinity,
  retry: false,
  refetchOnMount: false,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
} as const
