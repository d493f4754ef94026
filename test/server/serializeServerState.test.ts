// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { serializeServerState } from '../../src/server/index'
import type { TargetServerState } from '../../src/server/index'

const state: TargetServerState = {
  clientCode: 'demo',
  dehydratedState: {
    mutations: [],
    queries: [
      {
        queryKey: ['react-adobe-target', 'demo', 'demo-hero', {}],
        queryHash: '["react-adobe-target","demo","demo-hero",{}]',
        dehydratedAt: 0,
        state: {
          data: {
            name: 'demo-hero',
            options: [
              { type: 'html', content: '<b>Sale</b><script>x()</script>' },
            ],
          },
          dataUpdateCount: 1,
          dataUpdatedAt: 0,
          error: null,
          errorUpdateCount: 0,
          errorUpdatedAt: 0,
          fetchFailureCount: 0,
          fetchFailureReason: null,
          fetchMeta: null,
          isInvalidated: false,
          status: 'success',
          fetchStatus: 'idle',
        },
      },
    ],
  },
  cookies: [{ name: 'mbox', value: 'session#s1#1800001860', maxAge: 1860 }],
}

describe('serializeServerState', () => {
  it('leaves no < that could end a script element', () => {
    const text = serializeServerState(state)

    expect(text).not.toContain('<')
    expect(text).toContain('\\u003c/script>')
  })

  it('parses back to the same state', () => {
    expect(JSON.parse(serializeServerState(state))).toEqual(state)
  })
})
