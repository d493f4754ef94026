import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  cleanParameters,
  mboxNameProblem,
  notificationProblem,
} from '../../../src/core/validation'
import type { Notification } from '../../../src/delivery/types'

afterEach(() => {
  vi.restoreAllMocks()
})

function silenceWarnings() {
  return vi.spyOn(console, 'warn').mockImplementation(() => {})
}

describe('mboxNameProblem', () => {
  it('accepts an ordinary name', () => {
    expect(mboxNameProblem('home-hero')).toBeUndefined()
  })

  it('accepts a name of 250 characters', () => {
    expect(mboxNameProblem('m'.repeat(250))).toBeUndefined()
  })

  it('rejects a name over 250 characters', () => {
    expect(mboxNameProblem('m'.repeat(251))).toContain('at most 250')
  })

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['not a string', 42],
    ['missing', undefined],
  ])('rejects a name that is %s', (_, name) => {
    expect(mboxNameProblem(name)).toContain('non-empty string')
  })

  it('rejects a name ending in -clicked', () => {
    expect(mboxNameProblem('hero-clicked')).toContain('"-clicked"')
  })
})

describe('cleanParameters', () => {
  it('keeps string parameters', () => {
    expect(cleanParameters({ a: '1', b: 'x' }, 'parameters', 'm')).toEqual({
      a: '1',
      b: 'x',
    })
  })

  it('returns undefined for none', () => {
    expect(cleanParameters(undefined, 'parameters', 'm')).toBeUndefined()
    expect(cleanParameters({}, 'parameters', 'm')).toBeUndefined()
  })

  it('turns numbers and booleans into strings and warns', () => {
    const warn = silenceWarnings()

    const clean = cleanParameters(
      { count: 3, vip: true },
      'parameters',
      'typed-mbox',
    )

    expect(clean).toEqual({ count: '3', vip: 'true' })
    expect(warn).toHaveBeenCalledTimes(2)
    expect(warn.mock.calls[0]![0]).toContain('parameters.count')
  })

  it('leaves out other value types and warns', () => {
    const warn = silenceWarnings()

    const clean = cleanParameters(
      { list: ['a'], nothing: null, kept: 'yes' },
      'parameters',
      'object-mbox',
    )

    expect(clean).toEqual({ kept: 'yes' })
    expect(warn).toHaveBeenCalledTimes(2)
  })

  it('leaves out names over 128 characters', () => {
    silenceWarnings()
    const long = 'n'.repeat(129)
    const edge = 'n'.repeat(128)

    const clean = cleanParameters(
      { [long]: 'x', [edge]: 'y' },
      'parameters',
      'long-name-mbox',
    )

    expect(clean).toEqual({ [edge]: 'y' })
  })

  it('leaves out values over 5,000 characters', () => {
    silenceWarnings()

    const clean = cleanParameters(
      { big: 'v'.repeat(5001), fits: 'v'.repeat(5000) },
      'parameters',
      'long-value-mbox',
    )

    expect(Object.keys(clean ?? {})).toEqual(['fits'])
  })

  it('leaves out profile. names in parameters only', () => {
    silenceWarnings()

    expect(
      cleanParameters({ 'profile.age': '30' }, 'parameters', 'p-mbox'),
    ).toBeUndefined()
    expect(
      cleanParameters({ 'profile.age': '30' }, 'profileParameters', 'p-mbox'),
    ).toEqual({ 'profile.age': '30' })
  })

  it('keeps at most 50 entries', () => {
    silenceWarnings()
    const many = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`p${i}`, String(i)]),
    )

    const clean = cleanParameters(many, 'parameters', 'many-mbox')

    expect(Object.keys(clean ?? {})).toHaveLength(50)
    expect(clean?.p49).toBe('49')
    expect(clean?.p50).toBeUndefined()
  })
})

describe('notificationProblem', () => {
  const valid: Notification = {
    id: 'n-1',
    type: 'display',
    timestamp: 1_768_469_400_000,
    mbox: { name: 'home-hero', state: 's' },
    tokens: ['t1'],
  }

  it('accepts a valid notification', () => {
    expect(notificationProblem(valid)).toBeUndefined()
  })

  it.each<[string, Partial<Notification>, string]>([
    ['an empty id', { id: '' }, 'id must be'],
    ['an id over 200 characters', { id: 'i'.repeat(201) }, 'id must be'],
    ['another type', { type: 'view' as 'display' }, 'type must be'],
    ['a timestamp in seconds', { timestamp: 1_768_469_400 }, 'milliseconds'],
    ['a fractional timestamp', { timestamp: 1.5e12 + 0.5 }, 'milliseconds'],
    ['a bad mbox name', { mbox: { name: 'x-clicked' } }, '-clicked'],
    ['no tokens', { tokens: [] }, 'tokens must be'],
    ['an empty token', { tokens: ['t1', ''] }, 'tokens must be'],
    [
      'a timestamp in microseconds',
      { timestamp: 1_768_469_400_000_000 },
      'milliseconds',
    ],
    [
      'an impressionId over 128 characters',
      { impressionId: 'i'.repeat(129) },
      'impressionId',
    ],
    [
      'a state that is not a string',
      { mbox: { name: 'home-hero', state: 7 as unknown as string } },
      'mbox.state',
    ],
  ])('rejects %s', (_, change, expected) => {
    expect(notificationProblem({ ...valid, ...change })).toContain(expected)
  })

  it('accepts an id of 200 characters', () => {
    expect(notificationProblem({ ...valid, id: 'i'.repeat(200) })).toBe(
      undefined,
    )
  })
})

describe('notificationProblem input', () => {
  it('rejects a value that is not an object', () => {
    expect(notificationProblem(null as unknown as Notification)).toContain(
      'must be an object',
    )
  })
})
