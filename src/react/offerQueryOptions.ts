/**
 * React-query settings for offers: an answer holds for the page view, so
 * it is never refetched on focus, reconnect or remount, and a failure is
 * not retried because the timeout has already passed and defaults show.
 */
export const offerQueryOptions = {
  staleTime: Infinity,
  gcTime: Infinity,
  retry: false,
  refetchOnMount: false,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
} as const
