// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createTargetEdge,
  type EdgeNotificationRecord,
  type EdgeRequestRecord,
  type TargetEdge,
} from '../../src/edge'
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

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${edge.url}/_edge/${path}`)
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

describe('control API', () => {
  it('reports health', async () => {
    const health = await getJson<Record<string, unknown>>('health')

    expect(health).toEqual({
      status: 'ok',
      url: edge.url,
      host: edge.host,
      clientCode: 'demo',
    })
  })

  it('records each delivery request', async () => {
    await deliver(
      edge,
      {
        ...prefetchRequest(['demo-hero', 'demo-card']),
        execute: { mboxes: [{ index: 0, name: 'demo-cta' }] },
      },
      { client: 'log-a', sessionId: 'visit-1' },
    )
    const [record] = await getJson<EdgeRequestRecord[]>('requests')

    expect(record).toEqual({
      client: 'log-a',
      sessionId: 'visit-1',
      prefetchMboxCount: 2,
      executeMboxCount: 1,
      notificationCount: 0,
      mboxNames: ['demo-hero', 'demo-card', 'demo-cta'],
      beacon: false,
      receivedAt: expect.any(Number),
    })
  })

  it('records requests that fail validation', async () => {
    await deliver(edge, 'not json', { client: 'log-bad' })
    const records = edge.requests('log-bad')

    expect(records).toHaveLength(1)
    expect(records[0]?.prefetchMboxCount).toBe(0)
  })

  it('counts notifications and beacons', async () => {
    const display = await displayNotificationFor(edge, 'demo-hero', 'log-b')
    await deliver(
      edge,
      {
        ...notificationRequest([display]),
        context: { channel: 'web', beacon: true },
      },
      { client: 'log-b', contentType: 'text/plain' },
    )
    const records = edge.requests('log-b')

    expect(records).toHaveLength(2)
    expect(records[1]?.notificationCount).toBe(1)
    expect(records[1]?.beacon).toBe(true)
  })

  it('filters requests by client', async () => {
    await deliver(edge, prefetchRequest(['demo-hero']), { client: 'log-c' })
    await deliver(edge, prefetchRequest(['demo-card']), { client: 'log-d' })
    const onlyC = await getJson<EdgeRequestRecord[]>('requests?client=log-c')
    const all = await getJson<EdgeRequestRecord[]>('requests')

    expect(onlyC.map((record) => record.mboxNames)).toEqual([['demo-hero']])
    expect(all).toHaveLength(2)
    expect(edge.requests('log-d')).toHaveLength(1)
  })

  it('filters notifications by client', async () => {
    const first = await displayNotificationFor(edge, 'demo-hero', 'log-e')
    const second = await displayNotificationFor(edge, 'demo-card', 'log-f')
    await deliver(edge, notificationRequest([first]), { client: 'log-e' })
    await deliver(edge, notificationRequest([second]), { client: 'log-f' })
    const onlyE = await getJson<EdgeNotificationRecord[]>(
      'notifications?client=log-e',
    )

    expect(onlyE.map((record) => record.notification.id)).toEqual([first.id])
    expect(edge.notifications()).toHaveLength(2)
    expect(edge.notifications('log-f')[0]?.notification.id).toBe(second.id)
  })

  it('clears both logs with DELETE /_edge/log', async () => {
    const display = await displayNotificationFor(edge, 'demo-hero')
    await deliver(edge, notificationRequest([display]))
    const response = await fetch(`${edge.url}/_edge/log`, { method: 'DELETE' })

    expect(response.status).toBe(204)
    expect(edge.requests()).toHaveLength(0)
    expect(edge.notifications()).toHaveLength(0)
  })

  it('responds 404 to an unknown control path', async () => {
    const response = await fetch(`${edge.url}/_edge/unknown`)
    const body = await response.json()

    expect(response.status).toBe(404)
    expect(body.message).toContain('No control route /_edge/unknown')
  })

  it('rejects a wrong method on the log', async () => {
    const response = await fetch(`${edge.url}/_edge/log`)

    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('DELETE')
  })
})
