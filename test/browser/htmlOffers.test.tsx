import { screen } from '@testing-library/react'
import DOMPurify from 'dompurify'
import { StrictMode, type ReactNode } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { TargetMbox, type TargetClient } from 'react-adobe-target'
import { oddMboxes } from './fixtures/oddOffersArtifact'
import {
  eventually,
  forgetVisitor,
  notificationsOf,
  oddOffersEdgeHost,
  renderWithTarget,
  resetScroll,
  settle,
} from './renderWithTarget'

// The offers of the odd offers edge count their runs in these globals.
declare global {
  interface Window {
    offerScriptRuns?: number
    offerHandlerRuns?: number
  }
}

beforeEach(() => {
  forgetVisitor()
  resetScroll()
  delete window.offerScriptRuns
  delete window.offerHandlerRuns
})

/** Waits until the mbox shows its offer, and returns its region. */
async function offerRegion(name: string) {
  return eventually(() => {
    const region = document.querySelector(`[data-mbox="${name}"]`)
    expect(region?.getAttribute('aria-busy')).toBeNull()
    expect(region?.textContent).not.toContain('default')
    return region!
  })
}

/** Fetches the raw content of each mbox's first option, as Target sends it. */
async function rawContents(client: TargetClient, names: string[]) {
  const { response } = await client.getOffers({
    request: {
      prefetch: { mboxes: names.map((name, index) => ({ index, name })) },
    },
  })
  return new Map(
    response.prefetch!.mboxes!.map((mbox) => [
      mbox.name!,
      mbox.options![0]!.content,
    ]),
  )
}

function ScriptOffer({ strict = false }: { strict?: boolean }) {
  const mbox = (
    <TargetMbox name={oddMboxes.script}>
      <p>default script offer</p>
    </TargetMbox>
  )
  return strict ? <StrictMode>{mbox}</StrictMode> : mbox
}

describe('scripts in html offers', () => {
  it('does not run an offer script by default', async () => {
    renderWithTarget(<ScriptOffer />, { serverDomain: oddOffersEdgeHost })
    const region = await offerRegion(oddMboxes.script)
    expect(region.querySelector('.odd-script')).not.toBeNull()
    // Removed, so that a server-rendered page would not run it either.
    expect(region.querySelector('script')).toBeNull()
    await settle(200)
    expect(window.offerScriptRuns).toBeUndefined()
  })

  it('runs an offer script once with allowScripts', async () => {
    const { rerender } = renderWithTarget(<ScriptOffer />, {
      serverDomain: oddOffersEdgeHost,
      allowScripts: true,
    })
    await offerRegion(oddMboxes.script)
    await eventually(() => expect(window.offerScriptRuns).toBe(1))
    rerender(<ScriptOffer />)
    await settle(200)
    expect(window.offerScriptRuns).toBe(1)
  })

  it('runs an offer script once under Strict Mode', async () => {
    const { rerender } = renderWithTarget(<ScriptOffer strict />, {
      serverDomain: oddOffersEdgeHost,
      allowScripts: true,
    })
    await offerRegion(oddMboxes.script)
    await eventually(() => expect(window.offerScriptRuns).toBe(1))
    for (let count = 0; count < 3; count++) rerender(<ScriptOffer strict />)
    await settle(200)
    expect(window.offerScriptRuns).toBe(1)
  })

  it('does not run an inline event handler by default', async () => {
    renderWithTarget(
      <TargetMbox name={oddMboxes.inlineHandler}>
        <p>default handler offer</p>
      </TargetMbox>,
      { serverDomain: oddOffersEdgeHost },
    )
    const region = await offerRegion(oddMboxes.inlineHandler)
    expect(region.querySelector('img')).not.toBeNull()
    expect(region.querySelector('img[onerror]')).toBeNull()
    // The image source is invalid, so its error event fires at once.
    await settle(300)
    expect(window.offerHandlerRuns).toBeUndefined()
  })

  it('runs an inline event handler with allowScripts', async () => {
    renderWithTarget(
      <TargetMbox name={oddMboxes.inlineHandler}>
        <p>default handler offer</p>
      </TargetMbox>,
      { serverDomain: oddOffersEdgeHost, allowScripts: true },
    )
    await offerRegion(oddMboxes.inlineHandler)
    await eventually(() => expect(window.offerHandlerRuns).toBe(1))
  })
})

describe('sanitizeHtml', () => {
  const sanitize = (html: string) => DOMPurify.sanitize(html)

  it('gets every html offer, no json', async () => {
    const sanitizeHtml = vi.fn(sanitize)
    const htmlNames = ['demo-hero', 'demo-slot-1', 'demo-cta']
    const page: ReactNode = (
      <>
        {htmlNames.map((name) => (
          <TargetMbox key={name} name={name}>
            <p>default {name}</p>
          </TargetMbox>
        ))}
        <TargetMbox name="demo-card" render={() => <p>card offer</p>}>
          <p>default card</p>
        </TargetMbox>
      </>
    )
    const { client } = renderWithTarget(page, { sanitizeHtml })
    for (const name of htmlNames) await offerRegion(name)
    expect(screen.getByText('card offer')).toBeVisible()

    const raw = await rawContents(client, [...htmlNames, 'demo-card'])
    const inputs = sanitizeHtml.mock.calls.map(([html]) => html)
    expect(new Set(inputs)).toEqual(
      new Set(htmlNames.map((name) => raw.get(name))),
    )
    for (const name of htmlNames) {
      const region = document.querySelector(`[data-mbox="${name}"]`)!
      expect(region.innerHTML, name).toBe(sanitize(raw.get(name) as string))
    }
    // A sanitized offer still counts when it is seen.
    await eventually(async () =>
      expect(await notificationsOf(client)).toHaveLength(htmlNames.length + 1),
    )
  })

  it('shows only its output', async () => {
    const sanitizeHtml = vi.fn(sanitize)
    const names = [oddMboxes.script, oddMboxes.inlineHandler]
    const { client } = renderWithTarget(
      names.map((name) => (
        <TargetMbox key={name} name={name}>
          <p>default {name}</p>
        </TargetMbox>
      )),
      { serverDomain: oddOffersEdgeHost, sanitizeHtml, allowScripts: true },
    )
    for (const name of names) await offerRegion(name)

    const raw = await rawContents(client, names)
    for (const name of names) {
      const html = raw.get(name) as string
      expect(sanitizeHtml).toHaveBeenCalledWith(html)
      const region = document.querySelector(`[data-mbox="${name}"]`)!
      expect(sanitize(html)).not.toBe(html)
      expect(region.innerHTML, name).toBe(sanitize(html))
    }
    expect(document.querySelector('[data-mbox] script')).toBeNull()
    expect(document.querySelector('[data-mbox] [onerror]')).toBeNull()
    await settle(300)
    expect(window.offerScriptRuns).toBeUndefined()
    expect(window.offerHandlerRuns).toBeUndefined()
  })
})
