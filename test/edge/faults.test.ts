// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createTargetEdge,
  type EdgeFault,
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

/** Sets a fault through the HTTP control API, as tests in a browser do. */
async function putFault(client: string, fault: unknown): Promise<Response> {
  return fetch(`${edge.url}/_edge/faults/${encodeURIComponent(client)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  })
}

const heroAndCard = prefetchRequest(['demo-hero', 'demo-card'])

describe('faults', () => {
  it('responds with the fault status', async () => {
    await putFault('fault-status', { status: 503 })
    const reply = await deliver(edge, heroAndCard, { client: 'fault-status' })

    expect(reply.status).toBe(503)
    expect(reply.body?.status).toBe(503)
    expect(reply.body?.message).toContain('Simulated HTTP 503')
  })

  it('responds with the raw body', async () => {
    await putFault('fault-raw', { rawBody: '<html>gateway</html>' })
    const reply = await deliver(edge, heroAndCard, { client: 'fault-raw' })

    expect(reply.status).toBe(200)
    expect(reply.text).toBe('<html>gateway</html>')
    expect(reply.body).toBeUndefined()
  })

  it('responds 200 with the body status', async () => {
    await putFault('fault-body', { bodyStatus: 400 })
    const reply = await deliver(edge, heroAndCard, { client: 'fault-body' })

    expect(reply.status).toBe(200)
    expect(reply.body?.status).toBe(400)
    expect(reply.body?.message).toEqual(expect.any(String))
    expect(reply.body?.prefetch).toBeUndefined()
  })

  it('responds with an empty prefetch', async () => {
    await putFault('fault-empty', { emptyPrefetch: true })
    const reply = await deliver(edge, heroAndCard, { client: 'fault-empty' })

    expect(reply.status).toBe(200)
    expect(reply.body?.prefetch).toEqual({})
  })

  it('drops the named mboxes', async () => {
    await putFault('fault-drop', { dropMboxes: ['demo-card'] })
    const reply = await deliver(edge, heroAndCard, { client: 'fault-drop' })
    const names = reply.body?.prefetch?.mboxes?.map((mbox) => mbox.name)

    expect(reply.status).toBe(200)
    expect(names).toEqual(['demo-hero'])
  })

  it('responds late by delayMs', async () => {
    await putFault('fault-delay', { delayMs: 200 })
    const startedAt = performance.now()
    const reply = await deliver(edge, heroAndCard, { client: 'fault-delay' })

    expect(reply.status).toBe(200)
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(190)
  })

  it('fails every notification request at rate 1', async () => {
    const display = await displayNotificationFor(edge, 'demo-hero', 'fault-n1')
    await putFault('fault-n1', { notificationFailRate: 1 })
    const reply = await deliver(edge, notificationRequest([display]), {
      client: 'fault-n1',
    })

    expect(reply.status).toBe(500)
    expect(reply.body?.status).toBe(500)
    expect(reply.body?.notifications).toBeUndefined()
    expect(edge.notifications('fault-n1')).toHaveLength(0)
  })

  it('leaves prefetch alone at notification rate 1', async () => {
    await putFault('fault-n2', { notificationFailRate: 1 })
    const reply = await deliver(edge, heroAndCard, { client: 'fault-n2' })

    expect(reply.status).toBe(200)
  })

  it('fails no notification request at rate 0', async () => {
    const display = await displayNotificationFor(edge, 'demo-hero', 'fault-n3')
    await putFault('fault-n3', { notificationFailRate: 0 })
    const reply = await deliver(edge, notificationRequest([display]), {
      client: 'fault-n3',
    })

    expect(reply.status).toBe(200)
    expect(edge.notifications('fault-n3')).toHaveLength(1)
  })

  it('fails about half at rate 0.5', async () => {
    const display = await displayNotificationFor(edge, 'demo-hero', 'fault-n4')
    await putFault('fault-n4', { notificationFailRate: 0.5 })
    const statuses: number[] = []
    for (let i = 0; i < 200; i += 1) {
      const reply = await deliver(
        edge,
        notificationRequest([{ ...display, id: `n-${i}` }]),
        { client: 'fault-n4' },
      )
      statuses.push(reply.status)
    }
    const failed = statuses.filter((status) => status === 500).length

    // Binomial(200, 0.5) falls outside 50..150 with odds below 1e-12.
    expect(failed).toBeGreaterThan(50)
    expect(failed).toBeLessThan(150)
    expect(edge.notifications('fault-n4')).toHaveLength(200 - failed)
  })

  it('applies a fault only times times', async () => {
    await putFault('fault-times', { status: 502, times: 2 })
    const statuses: number[] = []
    for (let i = 0; i < 4; i += 1) {
      const reply = await deliver(edge, heroAndCard, { client: 'fault-times' })
      statuses.push(reply.status)
    }

    expect(statuses).toEqual([502, 502, 200, 200])
  })

  it('leaves other clients alone', async () => {
    await putFault('fault-mine', { status: 500 })
    const other = await deliver(edge, heroAndCard, { client: 'fault-other' })
    const mine = await deliver(edge, heroAndCard, { client: 'fault-mine' })

    expect(other.status).toBe(200)
    expect(mine.status).toBe(500)
  })

  it('combines a delay with a status', async () => {
    await putFault('fault-both', { delayMs: 100, status: 504 })
    const startedAt = performance.now()
    const reply = await deliver(edge, heroAndCard, { client: 'fault-both' })

    expect(reply.status).toBe(504)
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(90)
  })

  it('clears a fault with DELETE', async () => {
    await putFault('fault-clear', { status: 500 })
    const deleted = await fetch(`${edge.url}/_edge/faults/fault-clear`, {
      method: 'DELETE',
    })
    const reply = await deliver(edge, heroAndCard, { client: 'fault-clear' })

    expect(deleted.status).toBe(204)
    expect(reply.status).toBe(200)
  })

  it('clears every fault with DELETE /_edge/faults', async () => {
    await putFault('fault-all-1', { status: 500 })
    await putFault('fault-all-2', { status: 500 })
    await fetch(`${edge.url}/_edge/faults`, { method: 'DELETE' })
    const first = await deliver(edge, heroAndCard, { client: 'fault-all-1' })
    const second = await deliver(edge, heroAndCard, { client: 'fault-all-2' })

    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
  })

  it('returns the stored fault from PUT', async () => {
    const response = await putFault('fault-echo', { status: 503, times: 1 })

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      client: 'fault-echo',
      fault: { status: 503, times: 1 },
    })
  })
})

describe('fault validation', () => {
  const invalid: [string, unknown, string][] = [
    ['unknown field', { stauts: 500 }, 'Unknown fault field stauts'],
    ['status below 400', { status: 200 }, 'status must be an HTTP status'],
    ['fractional delay', { delayMs: 1.5 }, 'delayMs must be an integer'],
    ['rate above 1', { notificationFailRate: 2 }, 'from 0 to 1'],
    ['dropMboxes of numbers', { dropMboxes: [1] }, 'dropMboxes must be'],
    ['zero times', { times: 0 }, 'times must be an integer from 1'],
    ['array body', [], 'A fault must be a JSON object'],
  ]

  it.each(invalid)('rejects %s over HTTP', async (_name, fault, message) => {
    const response = await putFault('fault-invalid', fault)
    const body = await response.json()

    expect(response.status).toBe(400)
    expect(body.status).toBe(400)
    expect(body.message).toContain(message)
  })

  it.each(invalid)('rejects %s in setFault', (_name, fault, message) => {
    expect(() => edge.setFault('fault-invalid', fault as EdgeFault)).toThrow(
      message,
    )
  })

  it('rejects a body that is not JSON', async () => {
    const response = await fetch(`${edge.url}/_edge/faults/fault-invalid`, {
      method: 'PUT',
      body: 'status=500',
    })

    expect(response.status).toBe(400)
    expect((await response.json()).message).toContain('not valid JSON')
  })

  it('rejects GET on a fault', async () => {
    const response = await fetch(`${edge.url}/_edge/faults/fault-invalid`)

    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('PUT, DELETE')
  })
})

describe('fault Node API', () => {
  it('applies setFault', async () => {
    edge.setFault('api-fault', { status: 429 })
    const reply = await deliver(edge, heroAndCard, { client: 'api-fault' })

    expect(reply.status).toBe(429)
  })

  it('clears one client with clearFaults', async () => {
    edge.setFault('api-cleared', { status: 500 })
    edge.setFault('api-kept', { status: 500 })
    edge.clearFaults('api-cleared')
    const cleared = await deliver(edge, heroAndCard, { client: 'api-cleared' })
    const kept = await deliver(edge, heroAndCard, { client: 'api-kept' })

    expect(cleared.status).toBe(200)
    expect(kept.status).toBe(500)
  })

  it('clears every client with clearFaults()', async () => {
    edge.setFault('api-three', { status: 500 })
    edge.clearFaults()
    const reply = await deliver(edge, heroAndCard, { client: 'api-three' })

    expect(reply.status).toBe(200)
  })

  it('clears faults and logs with reset', async () => {
    edge.setFault('api-reset', { status: 500 })
    await deliver(edge, heroAndCard, { client: 'api-reset' })
    edge.reset()

    expect(edge.requests()).toHaveLength(0)
    const reply = await deliver(edge, heroAndCard, { client: 'api-reset' })
    expect(reply.status).toBe(200)
  })
})
