// Scripts this module created; Strict Mode runs effects twice, and the
// second run must not run them again.
const created = new WeakSet<Element>()

/**
 * Runs the `<script>` elements inside `container`, which `innerHTML` left
 * inert, by replacing each with a fresh copy the browser executes.
 */
export function runScripts(container: Element): void {
  for (const inert of container.querySelectorAll('script')) {
    if (created.has(inert)) continue
    const script = document.createElement('script')
    for (const { name, value } of inert.attributes) {
      script.setAttribute(name, value)
    }
    script.textContent = inert.textContent
    created.add(script)
    inert.replaceWith(script)
  }
}
