import TargetDecisioningEngine, {
  type DecisioningEngine,
} from '@adobe/target-decisioning-engine'
import type { EnginePool, EngineResponse } from './internalTypes'
import type { DecisioningArtifact } from './types'

/**
 * Creates one `@adobe/target-decisioning-engine` instance per client code on
 * first use, all reading the same artifact. The client code is part of the
 * allocation hash, so the same visitor can get different experiences under
 * two client codes, as on Target.
 *
 * The engines never reach the network: the artifact is passed in, polling is
 * off, telemetry is off, and IP-to-geo lookups get an empty response.
 *
 * @example
 * ```ts
 * const pool = createEnginePool(await loadArtifact())
 * const response = await pool.getOffers('demo', {
 *   context: { channel: 'web' },
 *   prefetch: { mboxes: [{ index: 0, name: 'demo-hero' }] },
 * })
 * ```
 */
export function createEnginePool(artifact: DecisioningArtifact): EnginePool {
  // The engine reads `rules.views` without checking that it exists.
  const payload = {
    ...artifact,
    rules: { views: {}, ...artifact.rules },
  }
  const engines = new Map<string, Promise<DecisioningEngine>>()

  function engineFor(client: string): Promise<DecisioningEngine> {
    let engine = engines.get(client)
    if (engine === undefined) {
      engine = TargetDecisioningEngine(
        {
          client,
          organizationId: artifact.meta?.organizationId ?? 'local-edge',
          artifactPayload: payload,
          pollingInterval: 0,
          telemetryEnabled: false,
          // Target derives geo from the visitor's IP address, but this edge
          // does not, so a request with only `context.geo.ipAddress` gets no
          // geo.
          fetchApi: async () => ({ json: async () => ({}) }),
          // Execute mboxes make the engine send display notifications.
          sendNotificationFunc: async () => undefined,
        },
        { addArtifactRequestEntry: () => undefined },
      )
      // A failed start is not cached, so the next request tries again.
      engine.catch(() => engines.delete(client))
      engines.set(client, engine)
    }
    return engine
  }

  return {
    async getOffers(client, request) {
      const engine = await engineFor(client)
      // The caller sets a tntId when the request has no visitor id, so the
      // engine never makes up one of its own.
      const response = await engine.getOffers({ request })
      return response as EngineResponse
    },
  }
}
