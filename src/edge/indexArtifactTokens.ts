import type { Metric } from '../delivery/types'
import type { ArtifactTokenIndex } from './internalTypes'
import type { ArtifactRule, DecisioningArtifact } from './types'

/**
 * Indexes the event tokens of an artifact's mbox and view rules, and the
 * click metrics of each mbox rule by the tokens of its options.
 *
 * In an artifact, a rule's `consequence.metrics` contains its click metrics
 * (`{ type: 'click', eventToken, selector? }`) and, for options without an
 * `eventToken`, a display metric at the option's position whose token the
 * engine gives the option. For prefetched mboxes the engine drops
 * `metrics`, so the edge finds the click metrics through this index.
 *
 * @example
 * ```ts
 * const index = indexArtifactTokens(artifact)
 * index.tokens.has(option.eventToken) // true for a token of the artifact
 * index.clickMetrics('demo-cta', option.eventToken) // [{ type: 'click', … }]
 * ```
 */
export function indexArtifactTokens(
  artifact: DecisioningArtifact,
): ArtifactTokenIndex {
  const tokens = new Set<string>()
  const clickMetricsByKey = new Map<string, Metric[]>()

  const addRules = (
    rulesByName: Record<string, ArtifactRule[]>,
    withClickMetrics: boolean,
  ) => {
    for (const [locationName, rules] of Object.entries(rulesByName)) {
      for (const rule of rules) {
        const { options = [], metrics = [] } = rule.consequence ?? {}
        for (const metric of metrics) {
          if (metric.eventToken) tokens.add(metric.eventToken)
        }

        const clicks = metrics.filter(
          (metric) => metric.type === 'click' && metric.eventToken,
        )
        const name = rule.consequence?.name ?? locationName
        options.forEach((option, position) => {
          const token = option.eventToken ?? displayToken(metrics, position)
          if (token === undefined) return
          tokens.add(token)
          if (withClickMetrics && clicks.length > 0) {
            addClickMetrics(clickMetricsByKey, `${name}\n${token}`, clicks)
          }
        })
      }
    }
  }

  addRules(artifact.rules.mboxes, true)
  addRules(artifact.rules.views ?? {}, false)

  return {
    tokens,
    clickMetrics: (mboxName, optionToken) =>
      clickMetricsByKey.get(`${mboxName}\n${optionToken}`) ?? [],
  }
}

function displayToken(metrics: Metric[], position: number): string | undefined {
  const metric = metrics[position]
  return metric?.type === 'display' ? metric.eventToken : undefined
}

/** Adds `clicks` under `key`, skipping event tokens already there. */
function addClickMetrics(
  clickMetricsByKey: Map<string, Metric[]>,
  key: string,
  clicks: Metric[],
): void {
  const existing = clickMetricsByKey.get(key) ?? []
  const known = new Set(existing.map((metric) => metric.eventToken))
  const added = clicks.filter((metric) => !known.has(metric.eventToken))
  clickMetricsByKey.set(key, [...existing, ...added])
}
