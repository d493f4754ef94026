import type {
  MboxRequest,
  Metric,
  PrefetchMboxResponse,
} from '../delivery/types'
import type {
  ArtifactTokenIndex,
  EngineResponse,
  StateIssuer,
} from './internalTypes'

type EnginePrefetch = NonNullable<EngineResponse['prefetch']>

/**
 * Adds to the engine's prefetch response what Target's edge returns and the
 * engine leaves out: a `state` for each prefetched mbox and view with
 * content, and each mbox's click `metrics` from the artifact. Every event
 * token in the result is added to `tokenIndex.tokens`, so notifications
 * carrying it are accepted.
 *
 * The result has one entry per requested mbox, in request order. An mbox
 * with no content has just `index` and `name`, as on Target. The engine
 * returns the global mbox as one entry per matching activity, all with the
 * same index, and with no entry when none matches. Here it gets one entry,
 * with every option, so a client matching responses by index gets them all.
 *
 * @example
 * ```ts
 * const prefetch = completePrefetch(
 *   engineResponse.prefetch,
 *   request.prefetch.mboxes,
 *   { states, tokenIndex },
 * )
 * prefetch.mboxes?.[0]?.state // 'eyJ…'
 * ```
 */
export function completePrefetch(
  prefetch: EnginePrefetch,
  requested: MboxRequest[] | undefined,
  known: { states: StateIssuer; tokenIndex: ArtifactTokenIndex },
): EnginePrefetch {
  const result: EnginePrefetch = { ...prefetch }

  if (requested) {
    const decided = mergeByIndex(prefetch.mboxes ?? [])
    result.mboxes = requested.map(({ index, name }) =>
      completeMbox(decided.get(index) ?? { index, name }, known),
    )
  }
  if (prefetch.views) {
    result.views = prefetch.views.map((view) =>
      view.options?.length && view.name !== undefined
        ? { ...view, state: known.states.issue('view', view.name) }
        : view,
    )
  }

  registerTokens(result, known.tokenIndex.tokens)
  return result
}

function completeMbox(
  mbox: PrefetchMboxResponse,
  known: { states: StateIssuer; tokenIndex: ArtifactTokenIndex },
): PrefetchMboxResponse {
  const { index, name, options = [], metrics = [] } = mbox
  if (options.length === 0 || name === undefined) {
    return { index, name }
  }

  const clickMetrics = options.flatMap((option) =>
    option.eventToken === undefined
      ? []
      : known.tokenIndex.clickMetrics(name, option.eventToken),
  )
  const allMetrics = uniqueByToken([...metrics, ...clickMetrics])

  return {
    index,
    name,
    state: known.states.issue('mbox', name),
    options,
    ...(allMetrics.length > 0 ? { metrics: allMetrics } : {}),
  }
}

function mergeByIndex(
  mboxes: PrefetchMboxResponse[],
): Map<number | undefined, PrefetchMboxResponse> {
  const byIndex = new Map<number | undefined, PrefetchMboxResponse>()
  for (const mbox of mboxes) {
    const earlier = byIndex.get(mbox.index)
    if (earlier === undefined) {
      byIndex.set(mbox.index, mbox)
      continue
    }
    byIndex.set(mbox.index, {
      ...earlier,
      options: [...(earlier.options ?? []), ...(mbox.options ?? [])],
      metrics: [...(earlier.metrics ?? []), ...(mbox.metrics ?? [])],
    })
  }
  return byIndex
}

function uniqueByToken(metrics: Metric[]): Metric[] {
  const seen = new Set<string | undefined>()
  return metrics.filter((metric) => {
    if (seen.has(metric.eventToken)) return false
    seen.add(metric.eventToken)
    return true
  })
}

/** Adds every option and metric event token in `prefetch` to `tokens`. */
function registerTokens(prefetch: EnginePrefetch, tokens: Set<string>): void {
  const entries = [
    ...(prefetch.mboxes ?? []),
    ...(prefetch.views ?? []),
    ...(prefetch.pageLoad ? [prefetch.pageLoad] : []),
  ]
  for (const entry of entries) {
    for (const item of [...(entry.options ?? []), ...(entry.metrics ?? [])]) {
      if (item.eventToken) tokens.add(item.eventToken)
    }
  }
}
