// Attributes that take a URL a browser may run as script.
const URL_ATTRIBUTES = 'href|src|action|formaction|data|xlink:href'

/**
 * Removes what would run as script from an html offer: `<script>`
 * elements, `on…` event attributes, `srcdoc`, and `javascript:` URLs. It
 * works on text, the same on a server and in a browser, so server HTML
 * and hydration agree. It is a best-effort filter for offers written by
 * your own marketers, not a sanitizer for untrusted html: pass one, such
 * as DOMPurify, as `sanitizeHtml` for that.
 */
export function stripScripts(html: string): string {
  return (
    html
      .replace(/<script\b[\s\S]*?(<\/script\s*>|$)/gi, '')
      // A tag, reading quoted attribute values whole, since they may hold `>`.
      .replace(/<[a-z](?:[^>"']|"[^"]*"|'[^']*')*>/gi, (tag) =>
        tag
          .replace(
            /([\s/])(on[a-z]+|srcdoc)\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/gi,
            '$1',
          )
          .replace(
            new RegExp(
              `(${URL_ATTRIBUTES})\\s*=\\s*(["']?)\\s*javascript:`,
              'gi',
            ),
            '$1=$2#',
          ),
      )
  )
}
