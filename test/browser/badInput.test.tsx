import { render, screen } from '@testing-library/react'
import { Component, type ReactNode } from 'react'
import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest'
import {
  TargetError,
  TargetMbox,
  TargetProvider,
  type MboxParameters,
  type Notification,
  type TargetClient,
} from 'react-adobe-target'
import {
  edgeHost,
  eventually,
  forgetVisitor,
  notificationsOf,
  recordDeliveries,
  renderWithTarget,
  resetScroll,
  requestsOf,
  setEdgeFault,
  settle,
  uniqueClientCode,
} from './renderWithTarget'

const PREFIX = '[react-adobe-target]'

let deliveries: ReturnType<typeof recordDeliveries>
let warn: MockInstance<typeof console.warn>

beforeEach(() => {
  forgetVisitor()
  resetScroll()
  deliveries = recordDeliveries()
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})

afterEach(() => {
  resetScroll()
  deliveries.stop()
  warn.mockRestore()
})

/** The development messages printed so far. */
const warnings = () => warn.mock.calls.map((call) => String(call[0]))

/** Returns the one message that contains every fragment; fails otherwise. */
function warningWith(...fragments: string[]) {
  const found = warnings().filter((message) =>
    fragments.every((fragment) => message.includes(fragment)),
  )
  expect(found, `a warning with ${fragments.join(' and ')}`).toHaveLength(1)
  expect(found[0]!.startsWith(`${PREFIX} `)).toBe(true)
  return found[0]!
}

/** Checks that every Delivery API request so far got HTTP 200. */
async function expectEveryRequestAccepted() {
  const sent = await deliveries.sent()
  expect(sent.length).toBeGreaterThan(0)
  await eventually(() =>
    expect(sent.map((delivery) => delivery.status)).toEqual(
      sent.map(() => 200),
    ),
  )
}

/** Returns the mboxes of every prefetch request sent so far. */
async function prefetchedMboxes() {
  const sent = await deliveries.sent()
  return sent.flatMap((delivery) => delivery.body.prefetch?.mboxes ?? [])
}

function Hero() {
  return (
    <TargetMbox name="demo-hero">
      <p>default hero</p>
    </TargetMbox>
  )
}

/** Waits for demo-hero's offer and for its display to reach the edge. */
async function expectHeroCounted(client: TargetClient) {
  await eventually(() =>
    expect(screen.queryAllByText('default hero')).toHaveLength(0),
  )
  const displays = await eventually(async () => {
    const logged = await notificationsOf(client)
    expect(logged).toHaveLength(1)
    return logged
  })
  expect(displays[0]!.mbox.name).toBe('demo-hero')
}

describe('invalid mbox names', () => {
  it('skips an empty name and shows its default', async () => {
    const onError = vi.fn()
    const { client } = renderWithTarget(
      <>
        <TargetMbox name="">
          <p>default empty</p>
        </TargetMbox>
        <Hero />
      </>,
      { onError },
    )
    await expectHeroCounted(client)
    expect(screen.getByText('default empty')).toBeVisible()
    warningWith('non-empty string', 'default content')
    expect((await prefetchedMboxes()).map((m) => m.name)).toEqual(['demo-hero'])
    await expectEveryRequestAccepted()
    expect(onError).not.toHaveBeenCalled()
  })

  it('requests a repeated name once', async () => {
    const onError = vi.fn()
    const { client } = renderWithTarget(
      <>
        <Hero />
        <Hero />
      </>,
      { onError, mboxes: ['demo-card', 'demo-card'] },
    )
    await expectHeroCounted(client)
    warningWith('mboxes lists a name more than once', 'Remove the repeats')
    warningWith('"demo-hero" is shown twice', 'placement="footer"')
    const names = (await prefetchedMboxes()).map((m) => m.name)
    expect(names.sort()).toEqual(['demo-card', 'demo-hero'])
    await settle()
    expect(await notificationsOf(client)).toHaveLength(1)
    await expectEveryRequestAccepted()
    expect(onError).not.toHaveBeenCalled()
  })

  it('skips a name ending in -clicked', async () => {
    const onError = vi.fn()
    const { client } = renderWithTarget(
      <>
        <TargetMbox name="demo-hero-clicked">
          <p>default clicked</p>
        </TargetMbox>
        <Hero />
      </>,
      { onError },
    )
    await expectHeroCounted(client)
    expect(screen.getByText('default clicked')).toBeVisible()
    warningWith('"demo-hero-clicked"', '-clicked', 'rename the mbox')
    expect((await prefetchedMboxes()).map((m) => m.name)).toEqual(['demo-hero'])
    await expectEveryRequestAccepted()
    expect(onError).not.toHaveBeenCalled()
  })

  it('limits names to 250 characters', async () => {
    const tooLong = `long-${'x'.repeat(246)}`
    const longest = `long-${'y'.repeat(245)}`
    expect(tooLong).toHaveLength(251)
    expect(longest).toHaveLength(250)
    const onError = vi.fn()
    const { client } = renderWithTarget(
      <>
        <TargetMbox name={tooLong}>
          <p>default too long</p>
        </TargetMbox>
        <TargetMbox name={longest}>
          <p>default longest</p>
        </TargetMbox>
        <Hero />
      </>,
      { onError },
    )
    await expectHeroCounted(client)
    expect(screen.getByText('default too long')).toBeVisible()
    expect(screen.getByText('default longest')).toBeVisible()
    warningWith('251 characters', 'at most 250')
    const names = (await prefetchedMboxes()).map((m) => m.name)
    expect(names.sort()).toEqual(['demo-hero', longest].sort())
    await expectEveryRequestAccepted()
    expect(onError).not.toHaveBeenCalled()
  })

  it('splits 120 mboxes into requests of at most 50', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `bulk-${i + 1}`)
    const onError = vi.fn()
    const { client, container } = renderWithTarget(
      names.map((name) => (
        <TargetMbox key={name} name={name}>
          default
        </TargetMbox>
      )),
      { onError },
    )
    await eventually(() =>
      expect(container.querySelectorAll('[aria-busy]')).toHaveLength(0),
    )
    const requests = (await requestsOf(client)).filter(
      (r) => r.prefetchMboxCount > 0,
    )
    expect(requests).toHaveLength(3)
    for (const request of requests) {
      expect(request.prefetchMboxCount).toBeLessThanOrEqual(50)
    }
    const requested = requests.flatMap((r) => r.mboxNames)
    expect(requested.sort()).toEqual([...names].sort())
    await expectEveryRequestAccepted()
    expect(onError).not.toHaveBeenCalled()
  })
})

describe('parameters over Target limits', () => {
  /**
   * Renders demo-hero with the parameters, waits for its offer and
   * display, and returns the parameters the request carried.
   */
  async function sendHeroWith(parameters: Record<string, unknown>) {
    const onError = vi.fn()
    const { client } = renderWithTarget(
      <TargetMbox name="demo-hero" parameters={parameters as MboxParameters}>
        <p>default hero</p>
      </TargetMbox>,
      { onError },
    )
    await expectHeroCounted(client)
    await expectEveryRequestAccepted()
    expect(onError).not.toHaveBeenCalled()
    const [hero] = await prefetchedMboxes()
    return hero!.parameters ?? {}
  }

  it('keeps the first 50 of 51 parameters', async () => {
    const parameters = Object.fromEntries(
      Array.from({ length: 51 }, (_, i) => [`many${i}`, `value ${i}`]),
    )
    const sent = await sendHeroWith(parameters)
    expect(Object.keys(sent)).toHaveLength(50)
    expect(sent).not.toHaveProperty('many50')
    warningWith('parameters.many50 of mbox "demo-hero"', 'at most 50')
  })

  it('leaves out a value over 5,000 characters', async () => {
    const sent = await sendHeroWith({
      essay: 'z'.repeat(5001),
      fits: 'z'.repeat(5000),
    })
    expect(sent).toEqual({ fits: 'z'.repeat(5000) })
    warningWith('parameters.essay of mbox "demo-hero"', '5001 characters')
  })

  it('leaves out a profile. name', async () => {
    const sent = await sendHeroWith({ 'profile.tier': 'gold', plan: 'pro' })
    expect(sent).toEqual({ plan: 'pro' })
    warningWith('parameters.profile.tier', 'profileParameters')
  })

  it('converts or drops non-string values', async () => {
    const sent = await sendHeroWith({
      quantity: 3,
      member: true,
      nothing: null,
      tags: ['a', 'b'],
      label: 'plain',
    })
    expect(sent).toEqual({ quantity: '3', member: 'true', label: 'plain' })
    warningWith('parameters.quantity', 'sent as the string "3"')
    warningWith('parameters.member', 'sent as the string "true"')
    warningWith('parameters.nothing', 'null', 'Convert it to a string')
    warningWith('parameters.tags', 'a object', 'Convert it to a string')
  })

  it('cleans provider-level parameters too', async () => {
    const onError = vi.fn()
    const { client } = renderWithTarget(<Hero />, {
      onError,
      parameters: { 'profile.city': 'Basel', page: 'home' },
      profileParameters: { visits: 4 as unknown as string, city: 'Basel' },
    })
    await expectHeroCounted(client)
    await expectEveryRequestAccepted()
    expect(onError).not.toHaveBeenCalled()
    const [hero] = await prefetchedMboxes()
    expect(hero!.parameters).toEqual({ page: 'home' })
    expect(hero!.profileParameters).toEqual({ visits: '4', city: 'Basel' })
    warningWith('parameters.profile.city', 'profileParameters')
    warningWith('profileParameters.visits', 'sent as the string "4"')
  })
})

class CatchError extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {}
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  override render() {
    return this.state.error ? (
      <p role="alert">{this.state.error.message}</p>
    ) : (
      this.props.children
    )
  }
}

describe('clientCode with white space', () => {
  it('trims spaces around the client code', async () => {
    const clientCode = uniqueClientCode('padded')
    const onError = vi.fn()
    const { client } = renderWithTarget(<Hero />, {
      clientCode: `  ${clientCode} `,
      onError,
    })
    await expectHeroCounted(client)
    const requests = await requestsOf(client)
    expect(new Set(requests.map((r) => r.client))).toEqual(
      new Set([clientCode]),
    )
    warningWith('white space around it', `"${clientCode}" is used`)
    await expectEveryRequestAccepted()
    expect(onError).not.toHaveBeenCalled()
  })

  it('stores notifications under the trimmed client code', async () => {
    const clientCode = uniqueClientCode('paddedstore')
    await setEdgeFault(clientCode, { notificationFailRate: 1 })
    const { client } = renderWithTarget(<Hero />, {
      clientCode: ` ${clientCode} `,
    })
    // The display fails once, then waits out its backoff.
    await eventually(async () => {
      const requests = await requestsOf(client)
      expect(requests.filter((r) => r.notificationCount > 0)).toHaveLength(1)
    })
    await settle(100)
    window.dispatchEvent(new PageTransitionEvent('pagehide'))

    const trimmedKey = `react-adobe-target:${clientCode}`
    const paddedKey = `react-adobe-target: ${clientCode} `
    const stored = sessionStorage.getItem(trimmedKey)
    const storedPadded = sessionStorage.getItem(paddedKey)
    sessionStorage.removeItem(trimmedKey)
    sessionStorage.removeItem(paddedKey)
    // A page whose provider passes the trimmed code would never claim
    // what is stored under the padded one.
    expect(storedPadded).toBeNull()
    expect(stored).not.toBeNull()
    expect(JSON.parse(stored!) as Notification[]).toHaveLength(1)
  })

  it('throws on a space inside the client code', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const clientCode = 'de mo'
    render(
      <CatchError>
        <TargetProvider
          clientCode={clientCode}
          serverDomain={edgeHost}
          secure={false}
        >
          <Hero />
        </TargetProvider>
      </CatchError>,
    )
    const message = screen.getByRole('alert').textContent!
    error.mockRestore()
    expect(message.startsWith(PREFIX)).toBe(true)
    expect(message).toContain('"de mo" may hold only letters, digits')
    expect(message).toContain('remove the rest')
    await settle(200)
    const response = await fetch(
      `http://${edgeHost}/_edge/requests?client=${encodeURIComponent(clientCode)}`,
    )
    expect(await response.json()).toEqual([])
    expect(await deliveries.sent()).toEqual([])
  })
})

describe('mbox cookie written by another tool', () => {
  afterEach(forgetVisitor)

  it('ignores broken entries and keeps working', async () => {
    document.cookie = 'mbox=garbage|PC#abc; path=/'
    const onError = vi.fn()
    const { client } = renderWithTarget(<Hero />, { onError })
    await expectHeroCounted(client)
    warningWith('mbox cookie', '"garbage"', 'ignored')
    warningWith('mbox cookie', '"PC#abc"', 'ignored')
    const sent = await deliveries.sent()
    for (const delivery of sent) {
      expect(delivery.body.id?.tntId).not.toBe('abc')
    }
    await expectEveryRequestAccepted()
    expect(onError).not.toHaveBeenCalled()
    // The cookie is rewritten with the valid entries only.
    expect(document.cookie).not.toContain('garbage')
    expect(document.cookie).toMatch(/mbox=session#\w+#\d+\|PC#/)
  })

  it('keeps the valid session entry beside a broken one', async () => {
    const expires = Math.floor(Date.now() / 1000) + 1800
    const sessionId = uniqueClientCode('session')
    document.cookie = `mbox=session#${sessionId}#${expires}|PC##|junk; path=/`
    const { client } = renderWithTarget(<Hero />)
    expect(client.visitor.sessionId).toBe(sessionId)
    await expectHeroCounted(client)
    warningWith('mbox cookie', '"PC##"')
    warningWith('mbox cookie', '"junk"')
    await expectEveryRequestAccepted()
  })
})

describe('sendNotifications with bad input', () => {
  /** Fetches demo-hero for the client's visitor, as a page would. */
  async function heroDisplay(
    client: ReturnType<typeof renderWithTarget>['client'],
  ): Promise<Notification> {
    const { response } = await client.getOffers({
      request: { prefetch: { mboxes: [{ index: 0, name: 'demo-hero' }] } },
    })
    const [mbox] = response.prefetch!.mboxes!
    return {
      id: `own-${Math.random().toString(36).slice(2)}`,
      type: 'display',
      timestamp: Date.now(),
      mbox: { name: mbox!.name!, state: mbox!.state },
      tokens: [mbox!.options![0]!.eventToken!],
    }
  }

  it('rejects only the malformed call', async () => {
    const onError = vi.fn()
    const { client } = renderWithTarget(<p>own notifications</p>, {
      onError,
    })
    const good = await heroDisplay(client)
    const inSeconds = {
      ...good,
      id: `${good.id}-seconds`,
      timestamp: Math.floor(Date.now() / 1000),
    }

    const rejected = client.sendNotifications({
      request: { notifications: [inSeconds] },
    })
    const accepted = client.sendNotifications({
      request: { notifications: [good] },
    })
    await expect(rejected).rejects.toBeInstanceOf(TargetError)
    await expect(rejected).rejects.toMatchObject({ kind: 'invalid' })
    await expect(rejected).rejects.toThrow('Date.now()')
    await accepted

    const logged = await notificationsOf(client)
    expect(logged.map((n) => n.id)).toEqual([good.id])
    const sentIds = (await deliveries.sent()).flatMap((delivery) =>
      (delivery.body.notifications ?? []).map((n) => n.id),
    )
    expect(sentIds).toEqual([good.id])
    await expectEveryRequestAccepted()
    expect(onError).not.toHaveBeenCalled()
  })

  it('delivers a call beside a rejected one', async () => {
    // An event token from another artifact looks valid here, but Target
    // rejects the whole request that carries it.
    const onError = vi.fn()
    const { client } = renderWithTarget(<p>own notifications</p>, {
      onError,
    })
    const good = await heroDisplay(client)
    const staleToken = {
      ...good,
      id: `${good.id}-stale`,
      tokens: ['c3RhbGUgdG9rZW4gZnJvbSBhbm90aGVyIGFydGlmYWN0'],
    }

    const rejected = client.sendNotifications({
      request: { notifications: [staleToken] },
    })
    const accepted = client.sendNotifications({
      request: { notifications: [good] },
    })
    await expect(rejected).rejects.toMatchObject({ status: 400 })
    await expect(accepted).resolves.toBeDefined()
    await eventually(async () =>
      expect((await notificationsOf(client)).map((n) => n.id)).toEqual([
        good.id,
      ]),
    )
  })
})
