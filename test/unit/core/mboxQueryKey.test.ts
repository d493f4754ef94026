import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { mboxQueryKey } from '../../../src/core/mboxQueryKey'

describe('mboxQueryKey', () => {
  it('names the library, client code, mbox and parameters', () => {
    expect(mboxQueryKey('acme', 'hero', { slot: 'top' })).toEqual([
      'react-adobe-target',
      'acme',
      'hero',
      { slot: 'top' },
    ])
  })

  it('uses empty parameters when there are none', () => {
    expect(mboxQueryKey('acme', 'hero')).toEqual([
      'react-adobe-target',
      'acme',
      'hero',
      {},
    ])
  })

  it('finds the same query whatever the parameter order', () => {
    const queryClient = new QueryClient()
    queryClient.setQueryData(
      mboxQueryKey('acme', 'hero', { a: '1', b: '2' }),
      1,
    )

    expect(
      queryClient.getQueryData(
        mboxQueryKey('acme', 'hero', { b: '2', a: '1' }),
      ),
    ).toBe(1)
  })
})
