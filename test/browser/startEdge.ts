import { createRequire } from 'node:module'
import type { TestProject } from 'vitest/node'
import { createTargetEdge } from '../../src/edge/index'
import { createOddOffersArtifact } from './fixtures/oddOffersArtifact'

const require = createRequire(import.meta.url)

/**
 * Starts three local edges on free loopback ports for the browser tests.
 * One runs the demo artifact and one the artifact of Adobe's notification
 * suite. The third runs offers the demo lacks: odd option types, a 1 MB
 * html offer and scripts. Tests tell their runs apart by session id, so
 * one edge serves all.
 */
export default async function startEdges(project: TestProject) {
  const demo = await createTargetEdge()
  const adobeSuite = await createTargetEdge({
    artifact:
      require.resolve('@adobe/target-decisioning-engine/test/schema/artifacts/TEST_ARTIFACT_AB_MULTI_SIMPLE.json'),
  })
  const oddOffers = await createTargetEdge({
    artifact: createOddOffersArtifact(),
  })
  project.provide('edgeHost', demo.host)
  project.provide('adobeSuiteEdgeHost', adobeSuite.host)
  project.provide('oddOffersEdgeHost', oddOffers.host)
  return async () => {
    await demo.close()
    await adobeSuite.close()
    await oddOffers.close()
  }
}
