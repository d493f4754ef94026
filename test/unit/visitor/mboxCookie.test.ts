import { describe, expect, it, vi } from 'vitest'
import {
  parseMboxCookie,
  serializeMboxCookie,
} from '../../../src/visitor/mboxCookie'

const NOW = 1_800_000_000

describe('parseMboxCookie', () => {
  it('reads session and PC entries in at.js format', () => {
    const entries = parseMboxCookie(
      `session#abc123#${NOW + 1860}|PC#abc123.35_0#${NOW + 63244800}`,
      NOW,
    )

    expect(entries.get('session')).toEqual({
      value: 'abc123',
      expires: NOW + 1860,
    })
    expect(entries.get('PC')).toEqual({
      value: 'abc123.35_0',
      expires: NOW + 63244800,
    })
    expect(entries.size).toBe(2)
  })

  it('skips expired entries and keeps valid ones', () => {
    const entries = parseMboxCookie(
      `session#old#${NOW - 1}|PC#tnt.35_0#${NOW + 100}|check#true#${NOW}`,
      NOW,
    )

    expect(entries.has('session')).toBe(false)
    expect(entries.has('check')).toBe(false)
    expect(entries.get('PC')?.value).toBe('tnt.35_0')
  })

  it('skips malformed entries and keeps valid ones', () => {
    const entries = parseMboxCookie(
      [
        'garbage',
        'noexpiry#value',
        `#novalue#${NOW + 10}`,
        `empty##${NOW + 10}`,
        'badexpiry#value#soon',
        `session#kept#${NOW + 10}`,
        '',
      ].join('|'),
      NOW,
    )

    expect([...entries.keys()]).toEqual(['session'])
    expect(entries.get('session')?.value).toBe('kept')
  })

  it('passes each malformed entry to onMalformed', () => {
    const onMalformed = vi.fn()

    parseMboxCookie(
      `garbage|session#kept#${NOW + 10}|badexpiry#value#soon|old#x#${NOW - 1}`,
      NOW,
      onMalformed,
    )

    expect(onMalformed.mock.calls).toEqual([
      ['garbage'],
      ['badexpiry#value#soon'],
    ])
  })

  it('returns no entries for a missing cookie', () => {
    expect(parseMboxCookie(undefined, NOW).size).toBe(0)
    expect(parseMboxCookie('', NOW).size).toBe(0)
  })
})

describe('serializeMboxCookie', () => {
  it('writes entries in at.js format', () => {
    const entries = new Map([
      ['session', { value: 's1', expires: NOW + 1860 }],
      ['PC', { value: 't1.35_0', expires: NOW + 63244800 }],
    ])

    expect(serializeMboxCookie(entries)).toBe(
      `session#s1#${NOW + 1860}|PC#t1.35_0#${NOW + 63244800}`,
    )
  })

  it('round-trips through parseMboxCookie', () => {
    const cookie = `session#s1#${NOW + 5}|disable#1#${NOW + 9}`

    expect(serializeMboxCookie(parseMboxCookie(cookie, NOW))).toBe(cookie)
  })
})
