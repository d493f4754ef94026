// @vitest-environment node
// Runs the edge on the example artifacts that ship with
// @adobe/target-decisioning-engine (test/schema/artifacts) and checks its
// responses against the engine's own test suites (test/schema/models).
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createTargetEdge, type TargetEdge } from '../../src/edge'
import type { DeliveryRequest, Metric, Option } from '../../src/delivery/types'
import { deliver } from './deliver'

const require = createRequire(import.meta.url)
const schemaFolder = join(
  dirname(require.resolve('@adobe/target-decisioning-engine/package.json')),
  'test/schema',
)
const artifactFolder = join(schemaFolder, 'artifacts')
const suiteFolder = join(schemaFolder, 'models')

function artifactPath(name: string): string {
  return join(artifactFolder, `${name}.json`)
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

interface ArtifactFile {
  rules: {
    mboxes: Record<
      string,
      { consequence: { options?: Option[]; metrics?: Metric[] } }[]
    >
  }
}

/** Collects every option and metric event token of an artifact's mbox rules. */
function tokensOf(artifact: ArtifactFile): Set<string> {
  const tokens = new Set<string>()
  for (const rules of Object.values(artifact.rules.mboxes)) {
    for (const { consequence } of rules) {
      for (const item of [
        ...(consequence.options ?? []),
        ...(consequence.metrics ?? []),
      ]) {
        if (item.eventToken) tokens.add(item.eventToken)
      }
    }
  }
  return tokens
}

const edges = new Map<string, Promise<TargetEdge>>()

/** Returns an edge serving the named artifact, started once per file. */
function edgeFor(artifactName: string): Promise<TargetEdge> {
  let edge = edges.get(artifactName)
  if (!edge) {
    edge = createTargetEdge({ artifact: artifactPath(artifactName) })
    edges.set(artifactName, edge)
  }
  return edge
}

afterAll(async () => {
  for (const edge of edges.values()) {
    await (await edge).close()
  }
})

const chromeContext = {
  channel: 'web' as const,
  address: { url: 'http://local-target-test:8080/' },
  userAgent:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.163 Safari/537.36',
}

const artifactNames = readdirSync(artifactFolder)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
  .filter((name) => name !== 'TEST_ARTIFACT_UNSUPPORTED')

describe('Adobe example artifacts', () => {
  it('finds the example artifacts', () => {
    expect(artifactNames.length).toBeGreaterThanOrEqual(15)
  })

  it.each(artifactNames)('prefetches every mbox of %s', async (name) => {
    const artifact = readJson<ArtifactFile>(artifactPath(name))
    const names = [...Object.keys(artifact.rules.mboxes), 'not-in-artifact']
    const edge = await edgeFor(name)
    const reply = await deliver(
      edge,
      {
        id: { tntId: '338e3c1e51f7416a8e1ccba4f81acea0.28_0' },
        context: chromeContext,
        prefetch: {
          mboxes: names.map((mbox, index) => ({ index, name: mbox })),
        },
      },
      { client: 'targettesting' },
    )
    const mboxes = reply.body?.prefetch?.mboxes ?? []
    const knownTokens = tokensOf(artifact)

    expect(reply.status).toBe(200)
    expect(mboxes.map((mbox) => mbox.name)).toEqual(names)
    expect(mboxes.at(-1)).toEqual({
      index: names.length - 1,
      name: 'not-in-artifact',
    })
    for (const mbox of mboxes) {
      if (!mbox.options) {
        expect(mbox, mbox.name).toEqual({ index: mbox.index, name: mbox.name })
        continue
      }
      expect(mbox.state, mbox.name).toEqual(expect.any(String))
      for (const option of mbox.options) {
        expect(knownTokens.has(option.eventToken ?? ''), mbox.name).toBe(true)
      }
    }
  })

  it('rejects the unsupported artifact version', async () => {
    await expect(
      createTargetEdge({ artifact: artifactPath('TEST_ARTIFACT_UNSUPPORTED') }),
    ).rejects.toThrow('has version "99.0.0"')
  })

  it('returns click metrics with selectors for the global mbox', async () => {
    const suite = readJson<SuiteFile>(
      join(suiteFolder, 'TEST_SUITE_PAGELOAD_VEC_AB.json'),
    )
    const { input, output } = suite.test.without_params!
    const expected = (output?.execute ?? output?.prefetch)?.pageLoad as {
      options: Option[]
      metrics: Metric[]
    }
    const edge = await edgeFor('TEST_ARTIFACT_PAGELOAD_VEC_AB')
    const reply = await deliver(
      edge,
      {
        id: input.request.id,
        context: input.request.context,
        prefetch: { mboxes: [{ index: 0, name: 'target-global-mbox' }] },
      },
      { client: suite.conf.client },
    )
    const mboxes = reply.body?.prefetch?.mboxes ?? []
    const options = mboxes[0]?.options ?? []
    // Prefetch keeps options that carry only a display token, which execute
    // drops, so that the client can send the token when it shows the page.
    const withContent = options.filter((option) => option.content !== undefined)
    const tokenOnly = options.filter((option) => option.content === undefined)

    // One entry for the index, though several activities matched.
    expect(mboxes).toHaveLength(1)
    expect(mboxes[0]?.state).toEqual(expect.any(String))
    expect(withContent.map((option) => option.content)).toEqual(
      expected.options.map((option) => option.content),
    )
    for (const option of tokenOnly) {
      expect(option.eventToken).toEqual(expect.any(String))
    }
    expect(mboxes[0]?.metrics).toEqual(expected.metrics)
  })
})

interface SuiteCase {
  description: string
  artifact?: string
  conf?: { client?: string }
  mockDate?: unknown
  input: { request: DeliveryRequest & { trace?: unknown } }
  /** Missing in the telemetry suite, which checks calls, not responses. */
  output?: {
    prefetch?: { mboxes?: ExpectedMbox[]; pageLoad?: unknown }
    execute?: { pageLoad?: unknown }
  }
}

interface ExpectedMbox {
  index?: number
  name: string
  options?: Record<string, unknown>[]
}

interface SuiteFile {
  artifact?: string
  conf: { client: string }
  test: Record<string, SuiteCase>
}

/** Replaces the suites' `"expect.any(Object)"` strings with matchers. */
function withMatchers(value: unknown): unknown {
  if (value === 'expect.any(Object)') return expect.any(Object)
  if (value === 'expect.any(String)') return expect.any(String)
  if (value === 'expect.any(Number)') return expect.any(Number)
  if (Array.isArray(value)) return value.map(withMatchers)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withMatchers(item)]),
    )
  }
  return value
}

/**
 * Suite cases that prefetch mboxes and expect content. Cases that mock the
 * clock or request a trace are left out: the edge runs on the real clock and
 * drops traces.
 */
const suiteCases = readdirSync(suiteFolder)
  .filter((file) => file.endsWith('.json'))
  .flatMap((file) => {
    const suite = readJson<SuiteFile>(join(suiteFolder, file))
    return Object.entries(suite.test).map(([key, testCase]) => ({
      label: `${file.replace(/\.json$/, '')} ${key}`,
      artifact: testCase.artifact ?? suite.artifact,
      client: testCase.conf?.client ?? suite.conf.client,
      testCase,
    }))
  })
  .filter(
    ({ artifact, testCase }) =>
      typeof artifact === 'string' &&
      testCase.mockDate === undefined &&
      testCase.input.request.trace === undefined &&
      testCase.input.request.prefetch?.mboxes !== undefined &&
      (testCase.output?.prefetch?.mboxes?.length ?? 0) > 0,
  )

describe('Adobe decisioning suites', () => {
  it('finds prefetch cases', () => {
    expect(suiteCases.length).toBeGreaterThanOrEqual(12)
  })

  it.each(suiteCases)('matches $label', async (suiteCase) => {
    const { artifact, client, testCase } = suiteCase
    const edge = await edgeFor(artifact as string)
    const reply = await deliver(edge, testCase.input.request, { client })
    const actual = reply.body?.prefetch?.mboxes ?? []

    expect(reply.status).toBe(200)
    for (const expected of testCase.output?.prefetch?.mboxes ?? []) {
      const mbox = actual.find((candidate) =>
        expected.index === undefined
          ? candidate.name === expected.name
          : candidate.index === expected.index,
      )
      expect(mbox?.name).toBe(expected.name)
      if (expected.options === undefined) {
        expect(mbox?.options, expected.name).toBeUndefined()
        expect(mbox?.state, expected.name).toBeUndefined()
      } else {
        expect(mbox?.options, expected.name).toMatchObject(
          withMatchers(expected.options) as object[],
        )
        expect(mbox?.state, expected.name).toEqual(expect.any(String))
      }
    }
  })
})
