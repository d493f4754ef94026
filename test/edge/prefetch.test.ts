// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTargetEdge, type TargetEdge } from '../../src/edge'
import { deliver, prefetchRequest } from './deliver'

let edge: TargetEdge

beforeAll(async () => {
  edge = await createTargetEdge()
})

afterAll(async () => {
  await edge.close()
})

function randomTntId(): string {
  const hex = Array.from({ length: 32 }, () =>
    Math.floor(Math.random() * 16).toString(16),
  ).join('')
  return `${hex}.35_0`
}

describe('prefetch', () => {
  it('returns each mbox with state and offer', async () => {
    const reply = await deliver(
      edge,
      prefetchRequest(['demo-hero', 'demo-card', 'demo-cta', 'demo-slot-3']),
    )
    const mboxes = reply.body?.prefetch?.mboxes ?? []

    expect(reply.status).toBe(200)
    expect(mboxes.map((mbox) => mbox.name)).toEqual([
      'demo-hero',
      'demo-card',
      'demo-cta',
      'demo-slot-3',
    ])
    expect(mboxes.map((mbox) => mbox.index)).toEqual([0, 1, 2, 3])
    for (const mbox of mboxes) {
      expect(mbox.state, mbox.name).toEqual(expect.any(String))
      expect(mbox.options, mbox.name).toHaveLength(1)
      expect(mbox.options?.[0]?.eventToken, mbox.name).toEqual(
        expect.any(String),
      )
    }
    expect(mboxes[0]?.options?.[0]?.type).toBe('html')
    expect(mboxes[0]?.options?.[0]?.content).toContain('class="demo-hero"')
    expect(mboxes[1]?.options?.[0]?.type).toBe('json')
    expect(mboxes[1]?.options?.[0]?.content).toEqual({
      title: 'Trail runner',
      price: 89.9,
      badge: 'New',
    })
    expect(mboxes[2]?.options?.[0]?.content).toContain('class="demo-cta"')
    expect(mboxes[3]?.options?.[0]?.content).toContain('slot 3')
  })

  it('issues a distinct state per mbox', async () => {
    const reply = await deliver(
      edge,
      prefetchRequest(['demo-hero', 'demo-card']),
    )
    const [hero, card] = reply.body?.prefetch?.mboxes ?? []

    expect(hero?.state).not.toBe(card?.state)
  })

  it('returns response tokens from the artifact', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-card']))
    const tokens = reply.body?.prefetch?.mboxes?.[0]?.options?.[0]
      ?.responseTokens as Record<string, unknown>

    expect(tokens['activity.name']).toBe('Demo product card')
    expect(tokens['offer.name']).toBe('Card: trail runner')
  })

  it('adds a click metric to demo-cta only', async () => {
    const reply = await deliver(
      edge,
      prefetchRequest(['demo-cta', 'demo-hero', 'demo-card', 'demo-slot-1']),
    )
    const [cta, ...others] = reply.body?.prefetch?.mboxes ?? []
    const metric = cta?.metrics?.[0]

    expect(cta?.metrics).toHaveLength(1)
    expect(metric?.type).toBe('click')
    expect(metric?.eventToken).toEqual(expect.any(String))
    expect(metric?.eventToken).not.toBe(cta?.options?.[0]?.eventToken)
    for (const mbox of others) {
      expect(mbox.metrics, mbox.name).toBeUndefined()
    }
  })

  it('returns demo-empty with index and name only', async () => {
    const reply = await deliver(
      edge,
      prefetchRequest(['demo-hero', 'demo-empty']),
    )

    expect(reply.body?.prefetch?.mboxes?.[1]).toEqual({
      index: 1,
      name: 'demo-empty',
    })
  })

  it('serves twenty slots in one request', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `demo-slot-${i + 1}`)
    const reply = await deliver(edge, prefetchRequest(names))
    const mboxes = reply.body?.prefetch?.mboxes ?? []

    expect(mboxes).toHaveLength(20)
    mboxes.forEach((mbox, i) => {
      expect(mbox.options?.[0]?.content, mbox.name).toContain(`slot ${i + 1}<`)
      expect(mbox.metrics, mbox.name).toBeUndefined()
    })
  })

  it('fills the top-level response fields', async () => {
    const reply = await deliver(edge, {
      ...prefetchRequest(['demo-card']),
      requestId: 'request-42',
    })

    expect(reply.body?.status).toBe(200)
    expect(reply.body?.requestId).toBe('request-42')
    expect(reply.body?.client).toBe('demo')
    expect(reply.body?.edgeHost).toBe(edge.host)
    expect(reply.body?.edgeHost).toMatch(/^127\.0\.0\.1:\d+$/)
  })

  it('creates a requestId when none is sent', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-card']))

    expect(reply.body?.requestId).toEqual(expect.any(String))
  })

  it('creates a tntId with a cluster suffix', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-hero']))

    expect(reply.body?.id?.tntId).toMatch(/^[0-9a-f]{32}\.35_0$/)
  })

  it('keeps the tntId that was sent', async () => {
    const tntId = randomTntId()
    const reply = await deliver(edge, prefetchRequest(['demo-hero'], tntId))

    expect(reply.body?.id?.tntId).toBe(tntId)
  })

  it('derives a stable tntId from an ECID', async () => {
    const request = {
      ...prefetchRequest(['demo-hero']),
      id: { marketingCloudVisitorId: '07327024324407615852294135870030620007' },
    }
    const first = await deliver(edge, request)
    const second = await deliver(edge, request)

    expect(first.body?.id?.tntId).toMatch(/^[0-9a-f]{32}\.35_0$/)
    expect(second.body?.id?.tntId).toBe(first.body?.id?.tntId)
    expect(first.body?.id?.marketingCloudVisitorId).toBe(
      '07327024324407615852294135870030620007',
    )
  })

  it('allocates demo-hero by visitor', async () => {
    const experiences = new Set<unknown>()
    for (let visitor = 0; visitor < 40; visitor += 1) {
      const reply = await deliver(
        edge,
        prefetchRequest(['demo-hero'], randomTntId()),
      )
      const option = reply.body?.prefetch?.mboxes?.[0]?.options?.[0]
      experiences.add(option?.responseTokens?.['experience.name'])
    }

    // With a 50/50 split, 40 visitors all in one experience has odds 2^-39.
    expect([...experiences].sort()).toEqual(['Experience A', 'Experience B'])
  })

  it('keeps one visitor in one experience', async () => {
    const tntId = randomTntId()
    const tokens = new Set<string | undefined>()
    for (let visit = 0; visit < 5; visit += 1) {
      const reply = await deliver(edge, prefetchRequest(['demo-hero'], tntId))
      tokens.add(reply.body?.prefetch?.mboxes?.[0]?.options?.[0]?.eventToken)
    }

    expect(tokens.size).toBe(1)
  })

  it('returns execute mboxes with click metrics', async () => {
    const reply = await deliver(edge, {
      context: { channel: 'web' },
      execute: {
        mboxes: [
          { index: 0, name: 'demo-cta' },
          { index: 1, name: 'demo-card' },
        ],
      },
    })
    const [cta, card] = reply.body?.execute?.mboxes ?? []

    expect(reply.status).toBe(200)
    expect(reply.body?.prefetch).toBeUndefined()
    expect(cta?.options?.[0]?.content).toContain('demo-cta')
    // Execute counts the impression at once, so options carry no token.
    expect(cta?.options?.[0]?.eventToken).toBeUndefined()
    expect(cta?.metrics?.[0]?.type).toBe('click')
    expect(card?.options?.[0]?.type).toBe('json')
  })

  it('matches responses to requests by index', async () => {
    const reply = await deliver(edge, {
      context: { channel: 'web' },
      prefetch: {
        mboxes: [
          { index: 7, name: 'demo-card' },
          { index: 3, name: 'demo-empty' },
        ],
      },
    })
    const mboxes = reply.body?.prefetch?.mboxes ?? []

    expect(mboxes.map((mbox) => [mbox.index, mbox.name])).toEqual([
      [7, 'demo-card'],
      [3, 'demo-empty'],
    ])
  })
})
