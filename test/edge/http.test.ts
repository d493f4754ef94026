// @vitest-environment node
import { request } from 'node:http'
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

describe('CORS', () => {
  it('responds to a preflight with 204', async () => {
    const response = await fetch(`${edge.url}/rest/v1/delivery?client=demo`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:6006',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    })

    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-headers')).toContain(
      'content-type',
    )
    expect(response.headers.get('access-control-allow-methods')).toContain(
      'POST',
    )
  })

  it('allows any origin on responses', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-card']))

    expect(reply.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('allows any origin on errors', async () => {
    const reply = await deliver(edge, 'not json')

    expect(reply.status).toBe(400)
    expect(reply.headers.get('access-control-allow-origin')).toBe('*')
  })
})

describe('request validation', () => {
  it('rejects a body that is not JSON', async () => {
    const reply = await deliver(edge, '{"context": ')

    expect(reply.status).toBe(400)
    expect(reply.body?.status).toBe(400)
    expect(reply.body?.message).toContain('not valid JSON')
  })

  it('rejects a body without context', async () => {
    const reply = await deliver(edge, { prefetch: { mboxes: [] } })

    expect(reply.status).toBe(400)
    expect(reply.body?.status).toBe(400)
    expect(reply.body?.message).toContain('context is missing')
  })

  it('rejects a context without channel', async () => {
    const reply = await deliver(edge, { context: {} })

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('context.channel must be')
  })

  it('rejects a JSON array body', async () => {
    const reply = await deliver(edge, '[]')

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('must be a JSON object')
  })

  it('rejects a missing client', async () => {
    const response = await fetch(`${edge.url}/rest/v1/delivery?sessionId=s1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(prefetchRequest(['demo-card'])),
    })
    const body = await response.json()

    expect(response.status).toBe(400)
    expect(body.status).toBe(400)
    expect(body.message).toContain('client query parameter is missing')
  })

  it('rejects a missing sessionId', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-card']), {
      sessionId: '',
    })

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain(
      'sessionId query parameter is missing',
    )
  })

  it('rejects a sessionId with a space', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-card']), {
      sessionId: 'two words',
    })

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('"two words" is invalid')
  })

  it('rejects a sessionId over 128 characters', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-card']), {
      sessionId: 's'.repeat(129),
    })

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('is invalid')
  })

  it('rejects an unsupported content type', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-card']), {
      contentType: 'application/x-www-form-urlencoded',
    })

    expect(reply.status).toBe(415)
    expect(reply.body?.status).toBe(415)
    expect(reply.body?.message).toContain(
      'application/x-www-form-urlencoded is not supported',
    )
  })

  it('accepts JSON with a charset', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-card']), {
      contentType: 'application/json; charset=utf-8',
    })

    expect(reply.status).toBe(200)
  })

  it('rejects more than 50 mboxes', async () => {
    const names = Array.from({ length: 51 }, (_, i) => `demo-slot-${i}`)
    const reply = await deliver(edge, prefetchRequest(names))

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('51 prefetch and execute mboxes')
  })

  it('accepts exactly 50 mboxes', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `demo-slot-${i}`)
    const reply = await deliver(edge, prefetchRequest(names))

    expect(reply.status).toBe(200)
    expect(reply.body?.prefetch?.mboxes).toHaveLength(50)
  })

  it('rejects a duplicate mbox index', async () => {
    const reply = await deliver(edge, {
      context: { channel: 'web' },
      prefetch: {
        mboxes: [
          { index: 1, name: 'demo-hero' },
          { index: 1, name: 'demo-card' },
        ],
      },
    })

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('index 1 is used twice')
  })

  it('rejects an mbox without index', async () => {
    const reply = await deliver(edge, {
      context: { channel: 'web' },
      prefetch: { mboxes: [{ name: 'demo-hero' }] },
    })

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('index must be an integer')
  })

  it('rejects an mbox name ending in -clicked', async () => {
    const reply = await deliver(edge, prefetchRequest(['demo-hero-clicked']))

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('must not end in "-clicked"')
  })

  it('rejects an mbox name over 250 characters', async () => {
    const reply = await deliver(edge, prefetchRequest(['m'.repeat(251)]))

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('251 characters long')
  })

  it('rejects a profile. parameter name', async () => {
    const reply = await deliver(edge, {
      context: { channel: 'web' },
      prefetch: {
        mboxes: [
          { index: 0, name: 'demo-hero', parameters: { 'profile.age': '40' } },
        ],
      },
    })

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('must not start with "profile."')
  })

  it('rejects more than 50 parameters', async () => {
    const parameters = Object.fromEntries(
      Array.from({ length: 51 }, (_, i) => [`p${i}`, 'v']),
    )
    const reply = await deliver(edge, {
      context: { channel: 'web' },
      prefetch: { mboxes: [{ index: 0, name: 'demo-hero', parameters }] },
    })

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('has 51 entries')
  })

  it('rejects a parameter value over 5000 characters', async () => {
    const reply = await deliver(edge, {
      context: { channel: 'web' },
      prefetch: {
        mboxes: [
          {
            index: 0,
            name: 'demo-hero',
            profileParameters: { bio: 'b'.repeat(5001) },
          },
        ],
      },
    })

    expect(reply.status).toBe(400)
    expect(reply.body?.message).toContain('5001 characters long')
  })
})

describe('routes', () => {
  it('rejects GET on the delivery path', async () => {
    const response = await fetch(`${edge.url}/rest/v1/delivery`)
    const body = await response.json()

    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect(body.status).toBe(405)
  })

  it('responds 404 to an unknown path', async () => {
    const response = await fetch(`${edge.url}/rest/v2/delivery`)
    const body = await response.json()

    expect(response.status).toBe(404)
    expect(body.message).toContain('No route /rest/v2/delivery')
  })

  it('treats a leading double slash as a path', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request(
        {
          host: '127.0.0.1',
          port: edge.port,
          path: '//example.com/_edge/health',
        },
        (response) => {
          response.resume()
          resolve(response.statusCode)
        },
      )
        .on('error', reject)
        .end()
    })

    expect(status).toBe(404)
  })

  it('stays on 127.0.0.1', () => {
    expect(edge.url).toBe(`http://127.0.0.1:${edge.port}`)
    expect(edge.host).toBe(`127.0.0.1:${edge.port}`)
  })
})

describe(createTargetEdge, () => {
  it('rejects an invalid port', async () => {
    await expect(createTargetEdge({ port: 70000 })).rejects.toThrow(
      'port must be an integer from 0 to 65535',
    )
  })

  it('rejects a port in use', async () => {
    await expect(createTargetEdge({ port: edge.port })).rejects.toThrow(
      `Port ${edge.port} on 127.0.0.1 is already in use`,
    )
  })

  it('rejects a missing artifact file', async () => {
    await expect(
      createTargetEdge({ artifact: '/nonexistent/rules.json' }),
    ).rejects.toThrow('Artifact file /nonexistent/rules.json is not found')
  })

  it('accepts an artifact object', async () => {
    const custom = await createTargetEdge({
      artifact: {
        version: '1.0.0',
        meta: { clientCode: 'custom' },
        rules: {
          mboxes: {
            only: [
              {
                activityId: 1,
                meta: { 'activity.id': 1, 'audience.ids': [] },
                condition: true,
                consequence: {
                  name: 'only',
                  options: [
                    { type: 'html', content: 'hi', eventToken: 'dA==' },
                  ],
                },
              },
            ],
          },
        },
      },
    })
    try {
      const reply = await deliver(custom, prefetchRequest(['only']), {
        client: 'custom',
      })

      expect(reply.body?.prefetch?.mboxes?.[0]?.options?.[0]?.content).toBe(
        'hi',
      )
    } finally {
      await custom.close()
    }
  })

  it('rejects a rule without audience ids', async () => {
    const artifact = {
      version: '1.0.0',
      rules: {
        mboxes: {
          only: [
            { meta: { 'activity.id': 1 }, condition: true, consequence: {} },
          ],
        },
      },
    }

    await expect(createTargetEdge({ artifact })).rejects.toThrow(
      'rules.mboxes["only"][0].meta["audience.ids"] must be an array',
    )
  })

  it('responds 500 and logs engine failures', async () => {
    const errors: string[] = []
    const broken = await createTargetEdge({
      artifact: {
        version: '1.0.0',
        rules: {
          mboxes: {
            broken: [
              {
                activityId: 1,
                meta: { 'activity.id': 1, 'audience.ids': [] },
                // json-logic throws on an operation it does not know.
                condition: { noSuchOperation: [] },
                consequence: { name: 'broken', options: [] },
              },
            ],
          },
        },
      },
      logger: { info: () => undefined, error: (line) => errors.push(line) },
    })
    try {
      const reply = await deliver(broken, prefetchRequest(['broken']))

      expect(reply.status).toBe(500)
      expect(reply.body?.status).toBe(500)
      expect(reply.body?.message).toContain('noSuchOperation')
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain('POST /rest/v1/delivery failed')
    } finally {
      await broken.close()
    }
  })

  it('closes twice without error', async () => {
    const other = await createTargetEdge()
    await other.close()

    await expect(other.close()).resolves.toBeUndefined()
  })

  it('adds latencyMs to every reply', async () => {
    const slow = await createTargetEdge({ latencyMs: 150 })
    try {
      const startedAt = performance.now()
      await deliver(slow, prefetchRequest(['demo-card']))

      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140)
    } finally {
      await slow.close()
    }
  })

  it('drops pending responses on close', async () => {
    const slow = await createTargetEdge({ latencyMs: 5000 })
    const pending = deliver(slow, prefetchRequest(['demo-card']))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const startedAt = performance.now()
    await slow.close()

    await expect(pending).rejects.toThrow()
    expect(performance.now() - startedAt).toBeLessThan(1000)
  })
})
