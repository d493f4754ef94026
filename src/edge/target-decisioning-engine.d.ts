// The package ships JSDoc and a types/ folder but no `types` entry, so
// TypeScript cannot find declarations for it. These cover the calls the edge
// makes to version 1.9.3. Requests and responses are Delivery API bodies,
// typed loosely because an ambient module cannot import project types, so
// the caller narrows them.
declare module '@adobe/target-decisioning-engine' {
  interface DecisioningConfig {
    client: string
    organizationId: string
    /** An artifact already loaded, so the engine downloads nothing. */
    artifactPayload: object
    /** 0 turns off the artifact download on an interval. */
    pollingInterval: number
    telemetryEnabled?: boolean
    /** Used for artifact downloads and IP-to-geo lookups. */
    fetchApi?: (url: string, init?: unknown) => Promise<unknown>
    sendNotificationFunc?: (notification: unknown) => Promise<unknown>
  }

  interface GetOffersOptions {
    request: object
    /** Edge cluster appended as `.<hint>_0` to a tntId the engine creates. */
    targetLocationHint?: string
  }

  interface DecisioningEngine {
    /**
     * Returns a Delivery API response, with `status` 206 and
     * `remoteMboxes`/`remoteViews` when some names are not in the artifact.
     */
    getOffers(options: GetOffersOptions): Promise<Record<string, unknown>>
    stopPolling(): void
  }

  /** Telemetry sink. Only artifact downloads report to it. */
  interface TelemetryProvider {
    addArtifactRequestEntry(name: string, entry: unknown): void
  }

  export default function TargetDecisioningEngine(
    config: DecisioningConfig,
    telemetryProvider: TelemetryProvider,
  ): Promise<DecisioningEngine>
}
