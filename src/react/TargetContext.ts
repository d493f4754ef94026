import type { QueryClient } from '@tanstack/react-query'
import { createContext, useContext } from 'react'
import type { ClientCore } from '../core/types'

/** Value the provider shares, created once so that consumers do not re-render. */
export interface TargetContextValue {
  client: ClientCore
  queryClient: QueryClient
  threshold: number
  minViewTime: number
  pageView: string
}

export const TargetContext = createContext<TargetContextValue | null>(null)

/** Reads the provider's value, or throws a message naming the fix. */
export function useTargetContext(caller: string): TargetContextValue {
  const value = useContext(TargetContext)
  if (!value) {
    throw new Error(
      `[react-adobe-target] ${caller} must be used within <TargetProvider>.` +
        (process.env.NODE_ENV === 'production'
          ? ''
          : ` Wrap your app, or the part that uses ${caller}, in <TargetProvider clientCode="...">.`),
    )
  }
  return value
}
