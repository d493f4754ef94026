import type { OptionType, PrefetchMboxResponse } from '../delivery/types'

/**
 * The content chosen for an mbox, ready to render. Every mbox of the same
 * response receives the same object, so treat it as read-only.
 */
export interface TargetOffer<TContent = unknown> {
  /** The mbox name. */
  name: string
  /** `html` or `json`; other option types fall back to default content. */
  type: Extract<OptionType, 'html' | 'json'>
  /** HTML text for `html`, the parsed object for `json`. */
  content: TContent
  /** The event tokens reported when this offer is displayed. */
  tokens: string[]
  /** Response tokens of the options shown, e.g. `activity.id`. */
  responseTokens: Record<string, unknown>[]
}

/** Option types an mbox can render. */
export type RenderedType = TargetOffer['type']

/**
 * Picks what to render from an mbox's response: every html option joined,
 * or else the first json option, among the types the caller can render.
 * Returns undefined when nothing fits, so the default content stays.
 */
export function toOffer<TContent>(
  mbox: PrefetchMboxResponse | null | undefined,
  types: readonly RenderedType[],
): TargetOffer<TContent> | undefined {
  // A proxy or a broken edge can return any shape, and only a list of objects
  // can hold an offer.
  const options = Array.isArray(mbox?.options)
    ? mbox.options.filter((option) => option && typeof option === 'object')
    : []
  const html = options.filter(
    (option) =>
      types.includes('html') &&
      option.type === 'html' &&
      typeof option.content === 'string',
  )
  const json = options.find(
    (option) =>
      types.includes('json') &&
      option.type === 'json' &&
      option.content != null,
  )
  // Every html option joined, or else the first json option.
  let shown = html
  if (!shown.length) shown = json ? [json] : []
  if (!mbox?.name || !shown.length) return undefined
  return {
    name: mbox.name,
    type: html.length ? 'html' : 'json',
    content: (html.length
      ? html.map((option) => option.content).join('')
      : json!.content) as TContent,
    tokens: shown.flatMap((option) =>
      typeof option.eventToken === 'string' ? [option.eventToken] : [],
    ),
    responseTokens: shown.flatMap((option) =>
      option.responseTokens ? [option.responseTokens] : [],
    ),
  }
}
