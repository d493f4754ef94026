import { describe, expect, it } from 'vitest'
import { stripScripts } from '../../../src/core/stripScripts'

describe('stripScripts', () => {
  it.each([
    [
      'a script element',
      '<p>a</p><script>alert(1)</script><p>b</p>',
      '<p>a</p><p>b</p>',
    ],
    ['an unclosed script', '<p>a</p><script>alert(1)', '<p>a</p>'],
    [
      'a quoted handler',
      '<img src="x.png" onerror="alert(1)">',
      '<img src="x.png" >',
    ],
    ['an unquoted handler', '<img src=x onerror=alert(1)>', '<img src=x >'],
    ['a handler after a slash', '<img/onerror=alert(1) src=x>', '<img/ src=x>'],
    ['a single-quoted handler', "<svg onload='alert(1)'>", '<svg >'],
    ['srcdoc', '<iframe srcdoc="<b>x</b>"></iframe>', '<iframe ></iframe>'],
    [
      'a javascript: link',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="#alert(1)">x</a>',
    ],
    [
      'a javascript: form action',
      '<form action=JavaScript:go()>',
      '<form action=#go()>',
    ],
  ])('removes %s', (_, html, expected) => {
    expect(stripScripts(html)).toBe(expected)
  })

  it('keeps markup, styles and text', () => {
    const html =
      '<style>.a{color:red}</style><div class="a" data-on="x">only=5 onward</div>'
    expect(stripScripts(html)).toBe(html)
  })
})
