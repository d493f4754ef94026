// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTargetEdge, type TargetEdge } from '../../src/edge'
import type { Notification } from '../../src/delivery/types'
import {
  deliver,
  displayNotificationFor,
  notificationRequest,
  prefetchRequest,
} from './deliver'

let edge: TargetEdge

beforeAll(async () => {
  edge = await createTargetEdge()
})

afterAll(async () => {
  await edge.close()
})

beforeEach(() => {
  edge.reset()
})

describe('notifications', () => {
  it('accepts a display with issued state and token', async () => {
    const display = await displayNotificationFor(edge, 'demo-hero')
    const tntId = 'aaaabbbbccccddddeeeeffff00001111.35_0'
    const reply = await deliver(edge, notificationRequest([display], tntId), {
      sessionId: 'visit-7',
    })
    const records = edge.notifications()

    expect(reply.status).toBe(200)
    expect(reply.body?.notifications).toEqual([{ id: display.id }])
    expect(reply.body?.prefetch).toBeUndefined()
    expect(records).toHaveLength(1)
    expect(records[0]?.notification).toEqual(display)
    expect(records[0]?.client).toBe('demo')
    expect(records[0]?.sessionId).toBe('visit-7')
    expect(records[0]?.tntId).toBe(tntId)
    expect(records[0]?.receivedAt).toBeGreaterThanOrEqual(display.timestamp)
  })

  it('lists accepted notifications over HTTP', async () => {
    const display = await displayNotificationFor(edge, 'demo-card')
    await deliver(edge, notificationRequest([display]))
    const response = await fetch(`${edge.url}/_edge/notifications`)
    const listed = await response.json()

    expect(response.status).toBe(200)
    expect(listed).toHaveLength(1)
    expect(listed[0].notification.id).toBe(display.id)
  })

  it('accepts a click with the metric token', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-cta']))
    const mbox = reply.body?.prefetch?.mboxes?.[0]
    const click: Notification = {
      id: 'click-1',
      type: 'click',
      timestamp: Date.now(),
      mbox: { name: 'demo-cta', state: mbox?.state },
      tokens: [mbox?.metrics?.[0]?.eventToken ?? 'missing'],
    }
    const clicked = await deliver(edge, notificationRequest([click]))

    expect(clicked.status).toBe(200)
    expect(clicked.body?.notifications).toEqual([{ id: 'click-1' }])
    expect(edge.notifications()[0]?.notification.type).toBe('click')
  })

  it('echoes every id of a batch in order', async () => {
    const hero = await displayNotificationFor(edge, 'demo-hero')
    const card = await displayNotificationFor(edge, 'demo-card')
    const reply = await deliver(edge, notificationRequest([hero, card]))

    expect(reply.body?.notifications).toEqual([
      { id: hero.id },
      { id: card.id },
    ])
    expect(edge.notifications().map((r) => r.notification.id)).toEqual([
      hero.id,
      card.id,
    ])
  })

  it('accepts notifications beside a prefetch', async () => {
    const display = await displayNotificationFor(edge, 'demo-hero')
    const reply = await deliver(edge, {
      ...prefetchRequest(['demo-card']),
      notifications: [display],
    })

    expect(reply.status).toBe(200)
    expect(reply.body?.notifications).toEqual([{ id: display.id }])
    expect(reply.body?.prefetch?.mboxes?.[0]?.name).toBe('demo-card')
    expect(edge.notifications()).toHaveLength(1)
  })

  it('accepts a notification without mbox state', async () => {
    const display = await displayNotificationFor(edge, 'demo-hero')
    const reply = await deliver(
      edge,
      notificationRequest([{ ...display, mbox: { name: 'demo-hero' } }]),
    )

    expect(reply.status).toBe(200)
  })

  it('records a beacon and responds 204', async () => {
    const display = await displayNotificationFor(edge, 'demo-hero')
    const beacon = {
      ...notificationRequest([display]),
      context: { channel: 'web', beacon: true },
    }
    const reply = await deliver(edge, JSON.stringify(beacon), {
      contentType: 'text/plain;charset=UTF-8',
    })

    expect(reply.status).toBe(204)
    expect(reply.text).toBe('')
    expect(edge.notifications()).toHaveLength(1)
    expect(edge.requests().at(-1)?.beacon).toBe(true)
  })

  it('accepts a text/plain body', async () => {
    const display = await displayNotificationFor(edge, 'demo-card')
    const reply = await deliver(
      edge,
      JSON.stringify(notificationRequest([display])),
      { contentType: 'text/plain' },
    )

    expect(reply.status).toBe(200)
    expect(reply.body?.notifications).toEqual([{ id: display.id }])
  })
})

describe('notification validation', () => {
  // Each case changes one field of a valid display notification, and names
  // a phrase the 400 message must contain.
  const cases: {
    name: string
    change: (valid: Notification) => Record<string, unknown>
    message: string
  }[] = [
    {
      name: 'missing id',
      change: ({ id: _id, ...rest }) => rest,
      message: 'id is missing',
    },
    {
      name: 'empty id',
      change: (valid) => ({ ...valid, id: '' }),
      message: 'id is missing',
    },
    {
      name: 'id over 200 characters',
      change: (valid) => ({ ...valid, id: 'x'.repeat(201) }),
      message: 'id is 201 characters long, over the maximum of 200',
    },
    {
      name: 'missing type',
      change: ({ type: _type, ...rest }) => rest,
      message: 'type is missing',
    },
    {
      name: 'unknown type',
      change: (valid) => ({ ...valid, type: 'view' }),
      message: 'type "view" is unknown',
    },
    {
      name: 'timestamp in seconds',
      change: (valid) => ({
        ...valid,
        timestamp: Math.floor(valid.timestamp / 1000),
      }),
      message: 'looks like seconds',
    },
    {
      name: 'timestamp in microseconds',
      change: (valid) => ({ ...valid, timestamp: valid.timestamp * 1000 }),
      message: 'looks like microseconds',
    },
    {
      name: 'fractional timestamp',
      change: (valid) => ({ ...valid, timestamp: valid.timestamp + 0.5 }),
      message: 'timestamp must be an integer',
    },
    {
      name: 'timestamp as a string',
      change: (valid) => ({ ...valid, timestamp: String(valid.timestamp) }),
      message: 'timestamp must be an integer',
    },
    {
      name: 'missing timestamp',
      change: ({ timestamp: _timestamp, ...rest }) => rest,
      message: 'timestamp must be an integer',
    },
    {
      name: 'token never issued',
      change: (valid) => ({ ...valid, tokens: ['bm90LWlzc3VlZA=='] }),
      message: 'token "bm90LWlzc3VlZA==" was never issued',
    },
    {
      name: 'tokens not an array',
      change: (valid) => ({ ...valid, tokens: valid.tokens[0] }),
      message: 'tokens must be an array',
    },
    {
      name: 'state never issued',
      change: (valid) => ({
        ...valid,
        mbox: { name: valid.mbox.name, state: 'made-up-state' },
      }),
      message: 'mbox.state "made-up-state" was never issued',
    },
    {
      name: 'state with a forged signature',
      change: (valid) => ({
        ...valid,
        mbox: {
          name: valid.mbox.name,
          state: `${valid.mbox.state?.split('.')[0]}.forged`,
        },
      }),
      message: 'was never issued',
    },
    {
      name: 'state of another mbox',
      change: (valid) => ({
        ...valid,
        mbox: { name: 'demo-card', state: valid.mbox.state },
      }),
      message: 'mbox.state was issued for "demo-hero", not "demo-card"',
    },
    {
      name: 'mbox name ending in -clicked',
      change: (valid) => ({ ...valid, mbox: { name: 'demo-hero-clicked' } }),
      message: 'must not end in "-clicked"',
    },
    {
      name: 'mbox and view together',
      change: (valid) => ({ ...valid, view: { name: 'home' } }),
      message: 'mbox and view are mutually exclusive',
    },
    {
      name: 'impressionId over 128 characters',
      change: (valid) => ({ ...valid, impressionId: 'i'.repeat(129) }),
      message: 'impressionId must be a string of at most 128',
    },
  ]

  it.each(cases)('rejects $name with 400', async ({ change, message }) => {
    const valid = await displayNotificationFor(edge, 'demo-hero')
    const reply = await deliver(edge, notificationRequest([change(valid)]))

    expect(reply.status).toBe(400)
    expect(reply.body?.status).toBe(400)
    expect(reply.body?.message).toContain(message)
    expect(reply.body?.message).toContain('notifications[0]')
    expect(edge.notifications()).toHaveLength(0)
  })

  it('rejects the whole request for one bad notification', async () => {
    const good = await displayNotificationFor(edge, 'demo-hero')
    const bad = { ...good, id: 'bad-1', timestamp: 1_700_000_000 }
    const reply = await deliver(edge, notificationRequest([good, bad]))

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('notifications[1] (id "bad-1")')
    expect(edge.notifications()).toHaveLength(0)
  })

  it('rejects notifications that are not an array', async () => {
    const reply = await deliver(edge, {
      context: { channel: 'web' },
      notifications: { id: 'n1' },
    })

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toBe('notifications must be an array.')
  })

  it('rejects a state issued by another edge', async () => {
    const other = await createTargetEdge()
    try {
      const valid = await displayNotificationFor(other, 'demo-hero')
      const reply = await deliver(edge, notificationRequest([valid]))

      expect(reply.status).toBe(400)
      expect(reply.body?.message).toContain('mbox.state')
    } finally {
      await other.close()
    }
  })
})
