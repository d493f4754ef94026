// The bench page. It mounts mboxes, or plain useInView elements to compare
// with, under one React root. Its steps are exposed as window.bench, which
// scripts/bench/run.mjs drives through Playwright. The page reads the local
// edge's host from the `edge` query parameter, and with `scenario=requests`
// it renders 20 mboxes as soon as it loads.
import {
  Fragment,
  Profiler,
  useEffect,
  useState,
  type ProfilerOnRenderCallback,
  type ReactNode,
} from 'react'
import { QueryClient, useQuery } from '@tanstack/react-query'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { TargetMbox, TargetProvider } from 'react-adobe-target'
import { useInView } from 'react-intersection-observer'

/** Set by the bundler: true when react-dom is its profiling build. */
declare const BENCH_PROFILING: boolean

/** Mboxes `demo-slot-1` to `demo-slot-20` of the edge's demo artifact. */
const SLOT_COUNT = 20

/**
 * Kind of items in a mounted list. `slot-mboxes` cycle through the demo
 * slots, so every one has an offer. `distinct-mboxes` have names of their
 * own, so each has a query of its own and no offer. `in-view` elements use
 * useInView, and `query-in-view` elements also read a cached useQuery, as
 * an mbox built from the two peer hooks would.
 */
export type ItemKind =
  'slot-mboxes' | 'distinct-mboxes' | 'in-view' | 'query-in-view'

/**
 * Provider of a mounted list. `kept` is the provider of the last mount,
 * whose cache already contains the offers. `new` is a new provider, with a
 * new client and cache, so every mbox waits for Target. `none` mounts the
 * list without a provider.
 */
export type ProviderMode = 'kept' | 'new' | 'none'

/** Times of one mount, in milliseconds. */
export interface MountTiming {
  /** React's render, commit and effects, inside one flushSync. */
  scriptMs: number
  /** The same, plus the style and layout that the new DOM forces. */
  layoutMs: number
}

export interface MountOptions {
  /** Wraps each item in a React Profiler that counts its commits. */
  profiled?: boolean
  /** Puts 1.5 viewport heights above each item, so none starts in view. */
  spaced?: boolean
}

interface Tree {
  provider: ProviderMode
  items?: { kind: ItemKind; count: number } & MountOptions
}

const query = new URLSearchParams(location.search)
const edgeHost = query.get('edge')
if (!edgeHost) {
  throw new Error(
    'The bench page needs the local edge: open it with ?edge=127.0.0.1:<port>.',
  )
}

const errors: string[] = []
const renderCounts = new Map<string, number>()
let itemEffectRuns = 0
let providerKey = 0
let rerenderProvider: (() => void) | undefined

const countRender: ProfilerOnRenderCallback = (id) => {
  renderCounts.set(id, (renderCounts.get(id) ?? 0) + 1)
}

function ProviderHost({ children }: { children: ReactNode }) {
  const [, setVersion] = useState(0)
  useEffect(() => {
    rerenderProvider = () => setVersion((version) => version + 1)
  }, [])
  return (
    <TargetProvider
      clientCode="demo"
      serverDomain={edgeHost!}
      secure={false}
      // Inline, as apps write them: new identities on every render.
      parameters={{ page: 'bench' }}
      onError={(error) => errors.push(error.message)}
    >
      {children}
    </TargetProvider>
  )
}

function InViewItem({ index }: { index: number }) {
  const { ref, inView } = useInView({ threshold: 0.5 })
  return (
    <div ref={ref} data-in-view={inView}>
      Default content {index}
    </div>
  )
}

// Contains an offer for each slot from the start, like a provider's cache
// once Target has responded.
const slotQueryClient = new QueryClient()
for (let slot = 1; slot <= SLOT_COUNT; slot++) {
  slotQueryClient.setQueryData(
    ['bench', slot],
    `<div class="demo-slot">Offer for slot ${slot}</div>`,
  )
}

function QueryInViewItem({ index }: { index: number }) {
  const { data } = useQuery(
    {
      queryKey: ['bench', (index % SLOT_COUNT) + 1],
      queryFn: () => '',
      staleTime: Infinity,
    },
    slotQueryClient,
  )
  const { ref, inView } = useInView({ threshold: 0.5 })
  return (
    <div
      ref={ref}
      data-in-view={inView}
      dangerouslySetInnerHTML={{ __html: data ?? '' }}
    />
  )
}

function renderItem(kind: ItemKind, index: number) {
  if (kind === 'in-view') return <InViewItem index={index} />
  if (kind === 'query-in-view') return <QueryInViewItem index={index} />
  const name =
    kind === 'slot-mboxes'
      ? `demo-slot-${(index % SLOT_COUNT) + 1}`
      : `bench-mbox-${index}`
  // Each instance is a placement of its own, as a list of cards would be.
  return (
    <TargetMbox name={name} placement={`placement-${index}`}>
      Default content {index}
    </TargetMbox>
  )
}

function Items({ kind, count, profiled, spaced }: NonNullable<Tree['items']>) {
  // Runs after every item's effects, so a mount can check that its timed
  // flushSync ran them.
  useEffect(() => {
    itemEffectRuns += 1
  })
  const items: ReactNode[] = []
  for (let index = 0; index < count; index++) {
    const item = renderItem(kind, index)
    items.push(
      profiled ? (
        <Profiler key={index} id={String(index)} onRender={countRender}>
          {item}
        </Profiler>
      ) : (
        <Fragment key={index}>{item}</Fragment>
      ),
    )
  }
  return (
    <div id="items" className={spaced ? 'spaced' : undefined}>
      {items}
    </div>
  )
}

const root = createRoot(document.getElementById('root')!)

function renderTree(tree: Tree) {
  const items = tree.items ? <Items {...tree.items} /> : null
  root.render(
    tree.provider === 'none' ? (
      items
    ) : (
      <ProviderHost key={providerKey}>{items}</ProviderHost>
    ),
  )
}

function nextFrame() {
  return new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
}

const bench = {
  profiling: BENCH_PROFILING,
  errors,

  /** Mounts a provider with no mboxes, replacing any earlier one. */
  mountProvider() {
    providerKey += 1
    flushSync(() => renderTree({ provider: 'kept' }))
  },

  /**
   * Mounts `count` items in one synchronous render and times it. The page
   * must be empty, or contain only a provider, so no unmount is timed.
   */
  mount(
    kind: ItemKind,
    count: number,
    provider: ProviderMode,
    options: MountOptions = {},
  ): MountTiming {
    if (provider === 'new') providerKey += 1
    const effectRunsBefore = itemEffectRuns
    const start = performance.now()
    flushSync(() =>
      renderTree({ provider, items: { kind, count, ...options } }),
    )
    const scriptEnd = performance.now()
    // Reading a layout property forces style and layout of the new DOM.
    void document.body.offsetHeight
    const layoutEnd = performance.now()
    if (itemEffectRuns === effectRunsBefore) {
      throw new Error(
        'The items mounted but their effects did not run inside flushSync, so the timing would leave them out.',
      )
    }
    return { scriptMs: scriptEnd - start, layoutMs: layoutEnd - start }
  },

  /** Unmounts the items, and the provider unless `keepProvider`. */
  unmount(keepProvider: boolean) {
    flushSync(() => renderTree({ provider: keepProvider ? 'kept' : 'none' }))
  },

  /** Resolves once no mbox is waiting for Target; rejects after `timeoutMs`. */
  async waitForTarget(timeoutMs = 10_000) {
    const deadline = performance.now() + timeoutMs
    while (document.querySelector('#items [aria-busy]')) {
      if (performance.now() > deadline) {
        throw new Error(
          `Mboxes were still waiting for Target after ${timeoutMs} ms. Errors: ${errors.join('; ') || 'none'}`,
        )
      }
      await nextFrame()
    }
  },

  async frames(count: number) {
    for (let i = 0; i < count; i++) await nextFrame()
  },

  scrollToItem(index: number) {
    const item = document.querySelectorAll('#items > *')[index]
    if (!item) throw new Error(`There is no item ${index} to scroll to.`)
    item.scrollIntoView({ block: 'center' })
  },

  /** Re-renders the provider with props equal in value but new in identity. */
  rerenderProvider() {
    if (!rerenderProvider) throw new Error('No provider is mounted.')
    flushSync(rerenderProvider)
  },

  /** Commits per profiled item since the last reset, by item index. */
  renderCounts(): Record<string, number> {
    return Object.fromEntries(renderCounts)
  },

  resetRenderCounts() {
    renderCounts.clear()
  },
}

declare global {
  interface Window {
    bench: typeof bench
  }
}
window.bench = bench

if (query.get('scenario') === 'requests') {
  bench.mountProvider()
  bench.mount('slot-mboxes', SLOT_COUNT, 'kept')
}
