import type { Page } from 'playwright'
import type { BrowserCommand } from 'vitest/node'

// Browser tests run inside one tab that must not navigate. These commands
// run in Node and open other tabs in the same browser context, so a test
// can load a fixture page, reload it or leave it, with shared cookies.
const pages = new Map<number, Page>()
let nextId = 1

const openPage: BrowserCommand<[path: string]> = async (context, path) => {
  const origin = new URL(context.page.url()).origin
  const page = await context.context.newPage()
  await page.goto(origin + path)
  const id = nextId++
  pages.set(id, page)
  return id
}

const pageOf = (id: number) => {
  const page = pages.get(id)
  if (!page) throw new Error(`No page with id ${id}; call openPage first`)
  return page
}

const reloadPage: BrowserCommand<[id: number]> = async (_, id) => {
  await pageOf(id).reload()
}

const textOf: BrowserCommand<[id: number, selector: string]> = async (
  _,
  id,
  selector,
) => (await pageOf(id).locator(selector).first().textContent()) ?? ''

const clickIn: BrowserCommand<[id: number, selector: string]> = async (
  _,
  id,
  selector,
) => {
  await pageOf(id).locator(selector).first().click()
}

const evaluateIn: BrowserCommand<[id: number, script: string]> = async (
  _,
  id,
  script,
) => pageOf(id).evaluate(script)

// Navigating away fires pagehide, which is when queued notifications
// must leave by beacon.
const leavePage: BrowserCommand<[id: number]> = async (_, id) => {
  await pageOf(id).goto('about:blank')
}

// Loads a test-server path in an open tab, so the next page shares the
// tab's sessionStorage, as a visitor's next page in that tab would.
const gotoPage: BrowserCommand<[id: number, path: string]> = async (
  context,
  id,
  path,
) => {
  const origin = new URL(context.page.url()).origin
  await pageOf(id).goto(origin + path)
}

// Closing a tab that is still navigating away can hang in Playwright, so
// the close gets five seconds; the tab goes with the context in any case.
const closePage: BrowserCommand<[id: number]> = async (_, id) => {
  const page = pages.get(id)
  pages.delete(id)
  if (!page) return
  await Promise.race([
    page.close().catch(() => {}),
    new Promise((resolve) => setTimeout(resolve, 5000)),
  ])
}

export const pageCommands = {
  openPage,
  reloadPage,
  textOf,
  clickIn,
  evaluateIn,
  leavePage,
  gotoPage,
  closePage,
}

declare module 'vitest/browser' {
  interface BrowserCommands {
    openPage(path: string): Promise<number>
    reloadPage(id: number): Promise<void>
    textOf(id: number, selector: string): Promise<string>
    clickIn(id: number, selector: string): Promise<void>
    evaluateIn(id: number, script: string): Promise<unknown>
    leavePage(id: number): Promise<void>
    gotoPage(id: number, path: string): Promise<void>
    closePage(id: number): Promise<void>
  }
}
