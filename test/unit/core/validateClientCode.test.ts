import { afterEach, describe, expect, it, vi } from 'vitest'
import { validateClientCode } from '../../../src/core/validateClientCode'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('validateClientCode', () => {
  it('returns a valid clientCode', () => {
    expect(validateClientCode('acme')).toBe('acme')
  })

  it.each([
    ['missing', undefined],
    ['not a string', 42],
    ['empty', ''],
    ['blank', ' \t '],
  ])('throws for a clientCode that is %s', (_, clientCode) => {
    const validate = () => validateClientCode(clientCode)

    expect(validate).toThrow(/^\[react-adobe-target\] clientCode is missing/)
    expect(validate).toThrow('<TargetProvider clientCode="acme">')
  })

  it('throws for white space inside', () => {
    const validate = () => validateClientCode('ac me')

    expect(validate).toThrow('clientCode "ac me" may hold only letters, digits')
    expect(validate).toThrow(/remove/i)
  })

  it.each(['attacker.example/x#', 'acme?x=1', 'a:8080'])(
    'throws for %s, which would change the URL',
    (clientCode) => {
      expect(() => validateClientCode(clientCode)).toThrow('may hold only')
    },
  )

  it('trims white space around it and warns once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    expect(validateClientCode(' acme\n')).toBe('acme')
    expect(validateClientCode(' acme\n')).toBe('acme')
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]![0]).toMatch(/^\[react-adobe-target\] /)
  })
})
