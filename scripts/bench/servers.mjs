// The two HTTP servers of a bench run, both on 127.0.0.1 and a free port.
// One serves the bench page. The other forwards the page's requests to the
// local edge and counts them by method, CORS preflights included, because
// the edge's own log leaves those out.
import { createServer, request } from 'node:http'

const HOST = '127.0.0.1'

/** Starts `server` on a free loopback port and resolves with the port. */
function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, HOST, () => resolve(server.address().port))
  })
}

function close(server) {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

/**
 * Serves the built bench page. `files` maps a URL path to its text and
 * content type. `/` returns the HTML page, which loads the instrumentation
 * and then the production bundle, or the profiling one with
 * `?bundle=profiling`.
 */
export async function startPageServer(files) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, `http://${HOST}`)
    if (url.pathname === '/') {
      const bundle =
        url.searchParams.get('bundle') === 'profiling'
          ? '/bench-profiling.js'
          : '/bench.js'
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(pageHtml(bundle))
      return
    }
    const file = files[url.pathname]
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end(`${url.pathname} not found`)
      return
    }
    res.writeHead(200, { 'content-type': file.type })
    res.end(file.text)
  })
  const port = await listen(server)
  return { url: `http://${HOST}:${port}/`, close: () => close(server) }
}

function pageHtml(bundle) {
  return `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>react-adobe-target bench</title>
    <style>
      body { margin: 0; font: 14px/18px sans-serif; }
      #items.spaced > * { margin-top: 150vh; }
    </style>
    <script src="/instrument.js"></script>
    <script type="module" src="${bundle}"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`
}

/**
 * Forwards every request to `target` (host and port) unchanged and counts
 * it: `counts()` returns the number of requests by HTTP method since the
 * last `reset()`.
 */
export async function startCountingProxy(target) {
  let counts = {}
  const server = createServer((req, res) => {
    counts[req.method] = (counts[req.method] ?? 0) + 1
    const [hostname, port] = target.split(':')
    const upstream = request(
      {
        hostname,
        port: Number(port),
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target },
      },
      (reply) => {
        res.writeHead(reply.statusCode, reply.headers)
        reply.pipe(res)
      },
    )
    upstream.on('error', (error) => {
      console.error(`bench: proxy to the edge failed: ${error.message}`)
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`proxy to the edge failed: ${error.message}`)
    })
    req.pipe(upstream)
  })
  const port = await listen(server)
  return {
    host: `${HOST}:${port}`,
    counts: () => ({ ...counts }),
    reset() {
      counts = {}
    },
    close: () => close(server),
  }
}
