import { describe, expect, it } from 'vitest'
import { toOffer } from '../../../src/core/toOffer'
import type {
  OptionType,
  PrefetchMboxResponse,
} from '../../../src/delivery/types'

const HTML_AND_JSON = ['html', 'json'] as const

function mbox(options: PrefetchMboxResponse['options']): PrefetchMboxResponse {
  return { index: 0, name: 'home-hero', state: 'st', options }
}

describe('toOffer', () => {
  it('joins every html option', () => {
    const offer = toOffer(
      mbox([
        {
          type: 'html',
          content: '<h1>Sale</h1>',
          eventToken: 't1',
          responseTokens: { 'activity.id': 1 },
        },
        {
          type: 'html',
          content: '<p>Today only</p>',
          eventToken: 't2',
          responseTokens: { 'activity.id': 2 },
        },
      ]),
      HTML_AND_JSON,
    )

    expect(offer).toEqual({
      name: 'home-hero',
      type: 'html',
      content: '<h1>Sale</h1><p>Today only</p>',
      tokens: ['t1', 't2'],
      responseTokens: [{ 'activity.id': 1 }, { 'activity.id': 2 }],
    })
  })

  it('picks the first json option', () => {
    const offer = toOffer<{ title: string }>(
      mbox([
        { type: 'json', content: { title: 'First' }, eventToken: 't1' },
        { type: 'json', content: { title: 'Second' }, eventToken: 't2' },
      ]),
      HTML_AND_JSON,
    )

    expect(offer?.type).toBe('json')
    expect(offer?.content).toEqual({ title: 'First' })
    expect(offer?.tokens).toEqual(['t1'])
    expect(offer?.responseTokens).toEqual([])
  })

  it('prefers html over json', () => {
    const offer = toOffer(
      mbox([
        { type: 'json', content: { title: 'Card' }, eventToken: 'tj' },
        { type: 'html', content: '<b>Banner</b>', eventToken: 'th' },
      ]),
      HTML_AND_JSON,
    )

    expect(offer?.type).toBe('html')
    expect(offer?.content).toBe('<b>Banner</b>')
    expect(offer?.tokens).toEqual(['th'])
  })

  it.each<[OptionType, unknown]>([
    ['redirect', 'https://example.com/sale'],
    ['dynamic', 'https://example.com/offer.html'],
    ['actions', [{ type: 'setHtml', selector: 'h1', content: 'Hi' }]],
  ])('returns undefined for a %s option', (type, content) => {
    expect(
      toOffer(mbox([{ type, content, eventToken: 't1' }]), HTML_AND_JSON),
    ).toBe(undefined)
  })

  it('skips an html option whose content is not a string', () => {
    const offer = toOffer(
      mbox([{ type: 'html', content: { not: 'html' }, eventToken: 't1' }]),
      HTML_AND_JSON,
    )

    expect(offer).toBeUndefined()
  })

  it('skips a json option without content', () => {
    const offer = toOffer(
      mbox([
        { type: 'json', content: null, eventToken: 't1' },
        { type: 'json', content: { title: 'Kept' }, eventToken: 't2' },
      ]),
      HTML_AND_JSON,
    )

    expect(offer?.content).toEqual({ title: 'Kept' })
    expect(offer?.tokens).toEqual(['t2'])
  })

  it('ignores json when only html is accepted', () => {
    const offer = toOffer(
      mbox([{ type: 'json', content: { title: 'Card' }, eventToken: 't1' }]),
      ['html'],
    )

    expect(offer).toBeUndefined()
  })

  it('ignores html when only json is accepted', () => {
    const offer = toOffer(
      mbox([
        { type: 'html', content: '<b>Banner</b>', eventToken: 'th' },
        { type: 'json', content: { title: 'Card' }, eventToken: 'tj' },
      ]),
      ['json'],
    )

    expect(offer?.type).toBe('json')
    expect(offer?.tokens).toEqual(['tj'])
  })

  it('returns undefined for no mbox or no options', () => {
    expect(toOffer(null, HTML_AND_JSON)).toBeUndefined()
    expect(toOffer(undefined, HTML_AND_JSON)).toBeUndefined()
    expect(toOffer(mbox([]), HTML_AND_JSON)).toBeUndefined()
    expect(toOffer(mbox(undefined), HTML_AND_JSON)).toBeUndefined()
  })

  it('returns undefined for an mbox without a name', () => {
    const nameless: PrefetchMboxResponse = {
      index: 0,
      options: [{ type: 'html', content: '<b>x</b>', eventToken: 't1' }],
    }

    expect(toOffer(nameless, HTML_AND_JSON)).toBeUndefined()
  })

  it('lists only the event tokens present', () => {
    const offer = toOffer(
      mbox([
        { type: 'html', content: '<b>a</b>', eventToken: 't1' },
        { type: 'html', content: '<b>b</b>' },
      ]),
      HTML_AND_JSON,
    )

    expect(offer?.content).toBe('<b>a</b><b>b</b>')
    expect(offer?.tokens).toEqual(['t1'])
  })

  it.each([
    ['a string', 'x'],
    ['a list holding null', [null]],
  ])('finds no offer when options is %s', (_, options) => {
    const mbox = { name: 'hero', options } as unknown as PrefetchMboxResponse
    expect(toOffer(mbox, ['html', 'json'])).toBeUndefined()
  })
})
