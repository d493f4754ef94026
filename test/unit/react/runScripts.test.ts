import { afterEach, describe, expect, it } from 'vitest'
import { runScripts } from '../../../src/react/runScripts'

afterEach(() => {
  document.body.innerHTML = ''
})

function containerWith(html: string): HTMLElement {
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  return container
}

describe('runScripts', () => {
  it('replaces each inert script with a fresh copy', () => {
    const container = containerWith(
      '<p>Offer</p><script data-offer="1">window.offerRan = 1</script>',
    )
    const inert = container.querySelector('script')!

    runScripts(container)

    const fresh = container.querySelector('script')!
    expect(fresh).not.toBe(inert)
    expect(inert.isConnected).toBe(false)
    expect(fresh.getAttribute('data-offer')).toBe('1')
    expect(fresh.textContent).toBe('window.offerRan = 1')
    expect(container.querySelector('p')?.textContent).toBe('Offer')
  })

  it('does not replace its own scripts on a second run', () => {
    const container = containerWith('<script>void 0</script>')

    runScripts(container)
    const fresh = container.querySelector('script')
    runScripts(container)

    expect(container.querySelector('script')).toBe(fresh)
  })

  it('handles every script', () => {
    const container = containerWith(
      '<script>void 1</script><div><script>void 2</script></div>',
    )
    const inert = [...container.querySelectorAll('script')]

    runScripts(container)

    const scripts = [...container.querySelectorAll('script')]
    expect(scripts.map((script) => script.textContent)).toEqual([
      'void 1',
      'void 2',
    ])
    expect(scripts.some((script) => inert.includes(script))).toBe(false)
  })
})
