import { screen } from '@testing-library/react'
import { StrictMode } from 'react'
import { beforeEach, describe, expect, it } from 'vitest'
import { TargetMbox } from 'react-adobe-target'
import {
  eventually,
  forgetVisitor,
  notificationsOf,
  renderWithTarget,
  requestsOf,
  settle,
} from './renderWithTarget'

const slots = Array.from({ length: 20 }, (_, i) => `demo-slot-${i + 1}`)

function Spacer() {
  return <div style={{ height: '3000px' }} data-testid="spacer" />
}

beforeEach(() => {
  forgetVisitor()
  window.scrollTo(0, 0)
})

describe('TargetMbox in Chromium', () => {
  it('fetches 22 mboxes in one request', async () => {
    const names = ['demo-hero', 'demo-card', ...slots]
    const { client, container } = renderWithTarget(
      names.map((name) => (
        <TargetMbox key={name} name={name} render={() => <p>json</p>}>
          <p>default</p>
        </TargetMbox>
      )),
    )
    await eventually(() =>
      expect(container.querySelectorAll('[aria-busy]')).toHaveLength(0),
    )
    const requests = await requestsOf(client)
    const prefetches = requests.filter((r) => r.prefetchMboxCount > 0)
    expect(prefetches).toHaveLength(1)
    expect(prefetches[0]!.prefetchMboxCount).toBe(22)
    expect(screen.queryAllByText('default')).toHaveLength(0)
  })

  it('fetches a later mbox alone, never refetching earlier ones', async () => {
    const { client, rerender, container } = renderWithTarget(
      <TargetMbox name="demo-hero">default hero</TargetMbox>,
    )
    await eventually(() =>
      expect(container.querySelector('[aria-busy]')).toBeNull(),
    )
    rerender(
      <>
        <TargetMbox name="demo-hero">default hero</TargetMbox>
        <TargetMbox name="demo-slot-3">default slot</TargetMbox>
      </>,
    )
    await eventually(() =>
      expect(container.querySelector('[aria-busy]')).toBeNull(),
    )
    const requests = await requestsOf(client)
    const names = requests
      .filter((r) => r.prefetchMboxCount > 0)
      .map((r) => r.mboxNames)
    expect(names).toEqual([['demo-hero'], ['demo-slot-3']])
  })

  it('reports a display below the fold only after scrolling', async () => {
    const { client } = renderWithTarget(
      <>
        <Spacer />
        <TargetMbox name="demo-slot-7">
          <p>default slot</p>
        </TargetMbox>
      </>,
    )
    const element = await eventually(() => {
      const found = document.querySelector('[data-mbox="demo-slot-7"]')
      expect(found?.getAttribute('aria-busy')).toBeNull()
      return found!
    })
    await settle()
    expect(await notificationsOf(client)).toHaveLength(0)

    element.scrollIntoView()
    await eventually(async () =>
      expect(await notificationsOf(client)).toHaveLength(1),
    )
    const [display] = await notificationsOf(client)
    expect(display!.type).toBe('display')
    expect(display!.mbox.name).toBe('demo-slot-7')
    expect(display!.mbox.state).toEqual(expect.any(String))
    expect(display!.tokens).toHaveLength(1)
  })

  it('sends one display per placement under Strict Mode', async () => {
    const page = (count: number) => (
      <StrictMode>
        <p>render {count}</p>
        <TargetMbox name="demo-hero">default hero</TargetMbox>
        <TargetMbox name="demo-slot-1">default slot</TargetMbox>
        <TargetMbox name="demo-slot-1" placement="footer">
          default slot again
        </TargetMbox>
      </StrictMode>
    )
    const { client, rerender } = renderWithTarget(page(0))
    await eventually(async () =>
      expect(await notificationsOf(client)).toHaveLength(3),
    )
    for (let count = 1; count <= 5; count++) rerender(page(count))
    window.scrollBy(0, 1)
    await settle()
    const displays = await notificationsOf(client)
    expect(displays).toHaveLength(3)
    const names = displays.map((d) => d.mbox.name).sort()
    expect(names).toEqual(['demo-hero', 'demo-slot-1', 'demo-slot-1'])
    expect(new Set(displays.map((d) => d.id)).size).toBe(3)
  })

  it('sends displays seen together in one request', async () => {
    const { client } = renderWithTarget(
      slots.slice(0, 10).map((name) => (
        <TargetMbox key={name} name={name}>
          default
        </TargetMbox>
      )),
    )
    await eventually(async () =>
      expect(await notificationsOf(client)).toHaveLength(10),
    )
    const requests = await requestsOf(client)
    const notifying = requests.filter((r) => r.notificationCount > 0)
    expect(notifying).toHaveLength(1)
  })

  it('reports nothing for default content', async () => {
    const { client } = renderWithTarget(
      <>
        <TargetMbox name="demo-empty">default empty</TargetMbox>
        <TargetMbox name="demo-card">default card</TargetMbox>
        <TargetMbox name="demo-hero">default hero</TargetMbox>
      </>,
    )
    // The hero's display proves the others had time to report too.
    await eventually(async () =>
      expect(await notificationsOf(client)).toHaveLength(1),
    )
    await settle()
    const displays = await notificationsOf(client)
    expect(displays.map((d) => d.mbox.name)).toEqual(['demo-hero'])
    for (const text of ['default empty', 'default card']) {
      const region = screen.getByText(text)
      expect(getComputedStyle(region).visibility).toBe('visible')
    }
  })

  it('holds the default invisible in its place until the answer', async () => {
    const { container } = renderWithTarget(
      <TargetMbox name="demo-hero">
        <p style={{ height: '120px', margin: 0 }}>default hero</p>
      </TargetMbox>,
    )
    const region = container.querySelector('[data-mbox="demo-hero"]')!
    expect(getComputedStyle(region).visibility).toBe('hidden')
    expect(region.getBoundingClientRect().height).toBe(120)
    await eventually(() => expect(region.getAttribute('aria-busy')).toBeNull())
    expect(getComputedStyle(region).visibility).toBe('visible')
    expect(region.textContent).not.toContain('default hero')
  })

  it('waits for the threshold share to be in view', async () => {
    const { client } = renderWithTarget(
      <>
        <div style={{ height: 'calc(100vh - 5px)' }} />
        <TargetMbox name="demo-slot-9" threshold={1}>
          <p>default</p>
        </TargetMbox>
        <div style={{ height: '100vh' }} />
      </>,
    )
    await eventually(() =>
      expect(
        document.querySelector('[data-mbox="demo-slot-9"][aria-busy]'),
      ).toBeNull(),
    )
    await settle()
    expect(await notificationsOf(client)).toHaveLength(0)

    window.scrollBy(0, 300)
    await eventually(async () =>
      expect(await notificationsOf(client)).toHaveLength(1),
    )
  })
})
