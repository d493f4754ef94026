import { QueryClient } from '@tanstack/react-query'
import { act, cleanup, render, renderHook } from '@testing-library/react'
import { StrictMode, type ReactElement, type ReactNode } from 'react'
import {
  resetIntersectionMocking,
  setupIntersectionMocking,
} from 'react-intersection-observer/test-utils'
import { afterEach, beforeEach, expect, vi, type Mock } from 'vitest'
import { TargetError } from '../../src/delivery/TargetError'
import type {
  DeliveryRequest,
  DeliveryResponse,
  Notification,
  Option,
  PrefetchMboxResponse,
} from '../../src/delivery/types'
import {
  TargetProvider,
  type TargetProviderProps,
} from '../../src/react/TargetProvider'

/** One request that the stubbed `fetch` received. */
export interface DeliveryCall {
  url: URL
  init: RequestInit
  body: DeliveryRequest
}

/** A response body sent as HTTP 200 JSON, or a complete `Response`. */
export type DeliveryReply = DeliveryResponse | Response

/** Computes the reply to one Delivery API request. */
export type DeliveryHandler = (
  body: DeliveryRequest,
  call: DeliveryCall,
) => DeliveryReply | Promise<DeliveryReply>

/** The stubbed `fetch` and the requests it recorded. */
export interface StubbedDelivery {
  fetch: Mock<typeof fetch>
  calls: DeliveryCall[]
  /** The mbox names of each request that had a `prefetch`, in order. */
  prefetchRequests(): string[][]
  /** The requests that carried notifications, in order. */
  notificationRequests(): Notification[][]
  /** Every notification sent, across requests, in order. */
  notifications(): Notification[]
}

/** An mbox of a response without `index` and `name`, which the fake fills in. */
export type MboxFixture = Omit<PrefetchMboxResponse, 'index' | 'name'>

/**
 * Replaces the global `fetch` with a fake Delivery API that records each
 * request and replies with `handler`. A reply that never settles is
 * rejected with an `AbortError` when the request's signal aborts, as a
 * real `fetch` does.
 */
export function stubDelivery(
  handler: DeliveryHandler = serveMboxes({}),
): StubbedDelivery {
  const calls: DeliveryCall[] = []
  const fake = vi.fn(
    async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const call: DeliveryCall = {
        url: new URL(String(input)),
        init,
        body: JSON.parse(String(init.body)) as DeliveryRequest,
      }
      calls.push(call)
      const aborted = new Promise<never>((_, reject) => {
        init.signal?.addEventListener('abort', () =>
          reject(new DOMException('The request was aborted', 'AbortError')),
        )
      })
      const reply = await Promise.race([
        Promise.resolve(handler(call.body, call)),
        aborted,
      ])
      return reply instanceof Response ? reply : jsonResponse(reply)
    },
  )
  vi.stubGlobal('fetch', fake)
  const notificationRequests = () =>
    calls.flatMap((call) =>
      call.body.notifications ? [call.body.notifications] : [],
    )
  return {
    fetch: fake,
    calls,
    prefetchRequests: () =>
      calls.flatMap((call) =>
        call.body.prefetch
          ? [(call.body.prefetch.mboxes ?? []).map((mbox) => mbox.name)]
          : [],
      ),
    notificationRequests,
    notifications: () => notificationRequests().flat(),
  }
}

/** Creates a `Response` with `body` as JSON. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  })
}

/**
 * Returns a handler that responds with each prefetched mbox found in
 * `mboxes`, leaves the others out, and echoes the id of every
 * notification, as Target does for the ones it processed. `extra` is
 * merged into every response.
 */
export function serveMboxes(
  mboxes: Record<string, MboxFixture>,
  extra: Partial<DeliveryResponse> = {},
): DeliveryHandler {
  return (body) => {
    const response: DeliveryResponse = { status: 200, ...extra }
    if (body.prefetch) {
      response.prefetch = {
        mboxes: (body.prefetch.mboxes ?? []).flatMap((mbox) => {
          const fixture = mboxes[mbox.name]
          return fixture
            ? [{ index: mbox.index, name: mbox.name, ...fixture }]
            : []
        }),
      }
    }
    if (body.notifications) {
      response.notifications = body.notifications.map(({ id }) => ({ id }))
    }
    return response
  }
}

/** Builds an mbox with one html option and, if given, a click metric. */
export function htmlMbox(
  content: string,
  eventToken: string,
  clickToken?: string,
): MboxFixture {
  return mboxWith({ type: 'html', content, eventToken }, clickToken)
}

/** Builds an mbox with one json option and, if given, a click metric. */
export function jsonMbox(
  content: unknown,
  eventToken: string,
  clickToken?: string,
): MboxFixture {
  return mboxWith({ type: 'json', content, eventToken }, clickToken)
}

function mboxWith(option: Option, clickToken?: string): MboxFixture {
  return {
    state: `state-of-${option.eventToken ?? 'none'}`,
    options: [option],
    ...(clickToken
      ? { metrics: [{ type: 'click' as const, eventToken: clickToken }] }
      : {}),
  }
}

/**
 * Awaits `promise`, expects it to reject with a {@link TargetError}, and
 * returns that error.
 */
export async function catchTargetError(
  promise: Promise<unknown>,
): Promise<TargetError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(TargetError)
  return error as TargetError
}

/** Deletes every cookie of the jsdom document. */
export function clearDocumentCookies(): void {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim()
    if (name) document.cookie = `${name}=; max-age=0; path=/`
  }
}

/** Epoch milliseconds that the fake clock starts at in every test. */
export const START_TIME = Date.UTC(2026, 0, 15, 9, 30)

/**
 * Registers the per-test setup of the React tests: fake timers from
 * {@link START_TIME}, the IntersectionObserver mock, no cookies and an
 * empty sessionStorage, and unmounting and unstubbing afterwards. Vitest
 * runs without globals here, so neither Testing Library nor
 * react-intersection-observer registers its own hooks.
 */
export function setupTargetTests(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: START_TIME })
    setupIntersectionMocking(vi.fn)
    clearDocumentCookies()
    sessionStorage.clear()
    // Testing Library sets this only around its own calls when Vitest
    // runs without globals. The IntersectionObserver mock reads it to
    // wrap its callbacks in `act`, so it must be on for the whole test.
    vi.stubGlobal('IS_REACT_ACT_ENVIRONMENT', true)
  })
  afterEach(() => {
    cleanup()
    resetIntersectionMocking()
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    clearDocumentCookies()
    sessionStorage.clear()
  })
}

/**
 * Advances the fake clock inside `act`, so the batcher's timer, the fake
 * `fetch` and React Query's updates all settle before the next assertion.
 */
export async function advance(ms = 50): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })
}

/** Options of {@link renderWithTarget} and {@link renderHookWithTarget}. */
export interface RenderWithTargetOptions {
  /** Provider props over the defaults `clientCode="acme"` and a spy `onError`. */
  props?: Partial<TargetProviderProps>
  /** Wraps the tree in `<StrictMode>`. */
  strict?: boolean
}

/**
 * Creates a QueryClient and an `onError` spy for one test, and `wrap`,
 * which puts a tree inside a `TargetProvider` that uses them.
 */
function createTargetWrapper({
  props = {},
  strict = false,
}: RenderWithTargetOptions) {
  const queryClient = new QueryClient()
  const onError = vi.fn<(error: TargetError) => void>()
  const wrap = (children: ReactNode): ReactElement => {
    const tree = (
      <TargetProvider
        clientCode="acme"
        queryClient={queryClient}
        onError={onError}
        {...props}
      >
        {children}
      </TargetProvider>
    )
    return strict ? <StrictMode>{tree}</StrictMode> : tree
  }
  return { queryClient, onError, wrap }
}

/**
 * Renders `ui` inside a `TargetProvider` with a QueryClient of its own,
 * so that no two tests share a cache. Returns Testing Library's result,
 * the QueryClient, the `onError` spy and `rerender`, which keeps the
 * provider and its props.
 */
export function renderWithTarget(
  ui: ReactNode,
  options: RenderWithTargetOptions = {},
) {
  const { queryClient, onError, wrap } = createTargetWrapper(options)
  const result = render(wrap(ui))
  return {
    ...result,
    queryClient,
    onError,
    rerender: (next: ReactNode) => result.rerender(wrap(next)),
  }
}

/**
 * Renders `hook` inside a `TargetProvider` with a QueryClient of its own.
 * Returns Testing Library's result, the QueryClient and the `onError` spy.
 */
export function renderHookWithTarget<Result>(
  hook: () => Result,
  options: RenderWithTargetOptions = {},
) {
  const { queryClient, onError, wrap } = createTargetWrapper(options)
  const result = renderHook(hook, {
    wrapper: ({ children }) => wrap(children),
  })
  return { ...result, queryClient, onError }
}
