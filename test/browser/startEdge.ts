import { createRequire } from 'node:module'
import type { TestProject } from 'vitest/node'
import { createTargetEdge } from '../../src/edge/index'

const require = createRequire(import.meta.url)

/**
 * Starts two local edges on free loopback ports for the browser tests:
 * one on the demo artifact, one on the artifact of Adobe's notification
 * suite. Tests tell their runs apart by session id, so one edge serves all.
 */
export default async function startEdges(project: TestProject) {
  const demo = await createTargetEdge()
  const adobeSuite = await createTargetEdge({
    artifact:
      require.resolve('@adobe/target-decisioning-engine/test/schema/artifacts/TEST_ARTIFACT_AB_MULTI_SIMPLE.json'),
  })
  project.provide('edgeHost', demo.host)
  project.provide('adobeSuiteEdgeHost', adobeSuite.host)
  return async () => {
    await demo.close()
    await adobeSuite.close()
  }
}
