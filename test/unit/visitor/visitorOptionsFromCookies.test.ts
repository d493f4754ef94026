import { describe, expect, it } from 'vitest'
import { visitorOptionsFromCookies } from '../../../src/visitor/visitorOptionsFromCookies'

describe('visitorOptionsFromCookies', () => {
  it('reads the mbox and mboxEdgeCluster cookies', () => {
    const options = visitorOptionsFromCookies([
      { name: 'mbox', value: 'session#s1#1900000000', maxAge: 1860 },
      { name: 'mboxEdgeCluster', value: '35', maxAge: 1860 },
    ])

    expect(options).toEqual({
      mboxCookie: 'session#s1#1900000000',
      edgeClusterCookie: '35',
    })
  })

  it('leaves out cookies that are missing', () => {
    const options = visitorOptionsFromCookies([
      { name: 'other', value: 'x', maxAge: 1 },
    ])

    expect(options.mboxCookie).toBeUndefined()
    expect(options.edgeClusterCookie).toBeUndefined()
  })
})
