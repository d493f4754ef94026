import { useEffect, useLayoutEffect } from 'react'

// Effects do not run on a server, and useLayoutEffect warns there under
// React 18's server renderer, so the server gets useEffect.
export const useIsomorphicLayoutEffect =
  typeof window === 'undefined' ? useEffect : useLayoutEffect
