import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it, vi } from 'vitest'
import { subscribeToQuery } from '../../../src/react/subscribeToQuery'

function cacheWithQueries() {
  const queryClient = new QueryClient()
  const cache = queryClient.getQueryCache()
  const hashOf = (key: string) =>
    cache.build(queryClient, { queryKey: [key] }).queryHash
  return { queryClient, cache, hero: hashOf('hero'), card: hashOf('card') }
}

describe('subscribeToQuery', () => {
  it('calls only the listeners of the changed query', () => {
    const { queryClient, cache, hero, card } = cacheWithQueries()
    const onHero = vi.fn()
    const onCard = vi.fn()
    subscribeToQuery(cache, hero, onHero)
    subscribeToQuery(cache, card, onCard)

    queryClient.setQueryData(['hero'], 'offer')

    expect(onHero).toHaveBeenCalled()
    expect(onCard).not.toHaveBeenCalled()
  })

  it('stops calling a listener once stopped', () => {
    const { queryClient, cache, hero } = cacheWithQueries()
    const listening = vi.fn()
    const stopped = vi.fn()
    subscribeToQuery(cache, hero, listening)
    const stop = subscribeToQuery(cache, hero, stopped)

    stop()
    queryClient.setQueryData(['hero'], 'offer')

    expect(listening).toHaveBeenCalled()
    expect(stopped).not.toHaveBeenCalled()
  })

  it('subscribes to each cache once', () => {
    const { cache, hero, card } = cacheWithQueries()
    const subscribe = vi.spyOn(cache, 'subscribe')

    subscribeToQuery(cache, hero, () => {})
    subscribeToQuery(cache, card, () => {})
    subscribeToQuery(cache, hero, () => {})

    expect(subscribe).toHaveBeenCalledTimes(1)
  })
})
