// Checks the package as npm would publish it, from the build in dist/ (run
// `tsup` first):
//
// 1. `npm pack` into a temporary folder;
// 2. publint on the packed files (every message, suggestions included,
//    counts as a failure);
// 3. @arethetypeswrong/cli on the tarball, with its default (strict)
//    profile, so node10, node16 and bundler resolution must all find types;
// 4. a fresh project installs the tarball and the peer dependencies, from
//    npm's cache when it has them. Then Node imports the package as ESM and
//    CommonJS and renders a provider and an mbox on the server. It loads
//    every subpath of the exports map both ways, starts the local edge from
//    `react-adobe-target/edge` and runs the `target-edge` binary.
//
//   node scripts/checkPackage.mjs [--keep]
//
// Every step runs even after one fails, so one run lists every problem.
// Exits 1 when any step fails. --keep leaves the temporary folder in place.
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PEERS = [
  'react',
  'react-dom',
  '@tanstack/react-query',
  'react-intersection-observer',
]
/** Values the package's main entry must export, with their `typeof`. */
const EXPECTED_EXPORTS = {
  TargetProvider: 'function',
  TargetMbox: 'function',
  useTargetOffer: 'function',
  useTargetClick: 'function',
  useTarget: 'function',
  TargetError: 'function',
}

let work
const failures = []

async function main() {
  if (!existsSync(join(ROOT, 'dist/index.js'))) {
    console.error(
      'check:package: dist/index.js is missing. Build the package first with `npx tsup`.',
    )
    process.exit(1)
  }

  work = mkdtempSync(join(tmpdir(), 'react-adobe-target-package-'))
  const started = performance.now()

  try {
    const tarball = step('npm pack', () => packInto(work))
    if (tarball) {
      await stepAsync('publint', () => runPublint(tarball))
      step('attw', () => runAttw(tarball))
      const app = step('install tarball in a fresh project', () =>
        installInFreshProject(tarball),
      )
      if (app) {
        step('import as ESM', () => runNode(app, 'esm.mjs', ESM_CHECK))
        step('require as CommonJS', () => runNode(app, 'cjs.cjs', CJS_CHECK))
        step('load every subpath of the exports map', () =>
          runNode(app, 'subpaths.mjs', SUBPATH_CHECK),
        )
        step('start the edge from react-adobe-target/edge', () =>
          runNode(app, 'edge.mjs', EDGE_CHECK),
        )
        step('run the target-edge binary', () => runTargetEdgeHelp(app))
      }
    }
  } finally {
    if (process.argv.includes('--keep')) {
      console.log(`check:package: kept ${work}`)
    } else {
      rmSync(work, { recursive: true, force: true })
    }
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (failures.length) {
    console.error(
      `check:package: ${failures.length} step(s) failed in ${seconds} s: ${failures.join('; ')}`,
    )
    process.exit(1)
  }
  console.log(`check:package: every step passed in ${seconds} s`)
}

// Runs one step, prints its outcome and time, and records a failure
// instead of stopping, so later steps still run.
function step(name, run) {
  const start = performance.now()
  try {
    const result = run()
    report(name, start)
    return result
  } catch (error) {
    report(name, start, error)
    return undefined
  }
}

async function stepAsync(name, run) {
  const start = performance.now()
  try {
    const result = await run()
    report(name, start)
    return result
  } catch (error) {
    report(name, start, error)
    return undefined
  }
}

function report(name, start, error) {
  const seconds = ((performance.now() - start) / 1000).toFixed(1)
  if (!error) {
    console.log(`check:package: ok    ${name} (${seconds} s)`)
    return
  }
  failures.push(name)
  console.log(`check:package: FAIL  ${name} (${seconds} s)`)
  console.log(indent(error.message))
}

function indent(text) {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')
}

// Runs a command and returns its stdout. Throws with its output when it
// exits with a status other than 0.
function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: 120_000,
    ...options,
  })
  if (result.error) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.error}`)
  }
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}${result.stderr}`,
    )
  }
  return result.stdout
}

function packInto(folder) {
  const output = run(
    'npm',
    ['pack', '--json', '--silent', '--pack-destination', folder],
    { cwd: ROOT },
  )
  const [{ filename }] = JSON.parse(output)
  return join(folder, filename)
}

// Lints the files inside the tarball rather than the working tree, so
// publint checks exactly what would be published.
async function runPublint(tarball) {
  const unpacked = join(work, 'unpacked')
  mkdirSync(unpacked)
  run('tar', ['-xzf', tarball, '-C', unpacked])
  const pkgDir = join(unpacked, 'package')
  const { messages } = await publint({ pkgDir, pack: false, strict: true })
  if (messages.length) {
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
    const lines = messages.map(
      (message) =>
        `${message.type}: ${formatMessage(message, pkg, { color: false })}`,
    )
    throw new Error(lines.join('\n'))
  }
}

function runAttw(tarball) {
  const attw = join(ROOT, 'node_modules/.bin/attw')
  run(attw, [tarball, '--format', 'ascii', '--no-color'], { cwd: work })
}

// Installs the tarball with the peer versions this repository tests with,
// so npm finds them in its cache. It falls back to the registry otherwise.
function installInFreshProject(tarball) {
  const app = join(work, 'app')
  mkdirSync(app)
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'package-check', private: true }),
  )
  const peers = PEERS.map((name) => {
    const manifest = join(ROOT, 'node_modules', name, 'package.json')
    return `${name}@${JSON.parse(readFileSync(manifest, 'utf8')).version}`
  })
  run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      tarball,
      ...peers,
    ],
    { cwd: app },
  )
  return app
}

function runNode(app, file, source) {
  writeFileSync(join(app, file), source)
  run(process.execPath, [file], { cwd: app, timeout: 30_000 })
}

function runTargetEdgeHelp(app) {
  const output = run(join(app, 'node_modules/.bin/target-edge'), ['--help'], {
    cwd: app,
    timeout: 30_000,
  })
  if (!output.includes('Usage: target-edge')) {
    throw new Error(`target-edge --help printed no usage:\n${output}`)
  }
}

// The checks below run inside the fresh project, so they resolve
// 'react-adobe-target' the way an app does.

const CHECK_EXPORTS = `
function checkExports(api, loader) {
  const expected = ${JSON.stringify(EXPECTED_EXPORTS)}
  for (const [name, type] of Object.entries(expected)) {
    if (typeof api[name] !== type) {
      throw new Error(\`\${loader}: export \${name} is \${typeof api[name]}, expected \${type}\`)
    }
  }
}

function checkServerRender(api, React, server, loader) {
  const html = server.renderToString(
    React.createElement(
      api.TargetProvider,
      { clientCode: 'demo' },
      React.createElement(api.TargetMbox, { name: 'demo-hero' }, 'default'),
    ),
  )
  if (!html.includes('data-mbox="demo-hero"') || !html.includes('default')) {
    throw new Error(\`\${loader}: unexpected server render: \${html}\`)
  }
}
`

const ESM_CHECK = `${CHECK_EXPORTS}
const api = await import('react-adobe-target')
checkExports(api, 'import')
const React = await import('react')
const server = await import('react-dom/server')
checkServerRender(api, React, server, 'import')
`

const CJS_CHECK = `${CHECK_EXPORTS}
const api = require('react-adobe-target')
checkExports(api, 'require')
checkServerRender(api, require('react'), require('react-dom/server'), 'require')
const edge = require('react-adobe-target/edge')
if (typeof edge.createTargetEdge !== 'function') {
  throw new Error('require: react-adobe-target/edge has no createTargetEdge')
}
`

// Imports and requires each subpath that the installed package.json
// exports, so a subpath added later is checked too.
const SUBPATH_CHECK = `
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const manifest = JSON.parse(
  readFileSync('node_modules/react-adobe-target/package.json', 'utf8'),
)
for (const subpath of Object.keys(manifest.exports)) {
  if (subpath.endsWith('.json')) continue
  const specifier = 'react-adobe-target' + subpath.slice(1)
  for (const [loader, load] of [
    ['import', (s) => import(s)],
    ['require', async (s) => require(s)],
  ]) {
    const api = await load(specifier)
    if (Object.keys(api).length === 0) {
      throw new Error(\`\${loader}('\${specifier}') loaded no exports\`)
    }
  }
}
`

// Starts the edge on a free loopback port and requests one mbox from it.
const EDGE_CHECK = `
import { createTargetEdge } from 'react-adobe-target/edge'
const edge = await createTargetEdge({ port: 0 })
try {
  const response = await fetch(
    \`\${edge.url}/rest/v1/delivery?client=demo&sessionId=package-check\`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        context: { channel: 'web' },
        prefetch: { mboxes: [{ index: 0, name: 'demo-hero' }] },
      }),
    },
  )
  const body = await response.json()
  if (response.status !== 200 || body.prefetch?.mboxes?.[0]?.name !== 'demo-hero') {
    throw new Error(\`edge responded with \${response.status}: \${JSON.stringify(body)}\`)
  }
} finally {
  await edge.close()
}
`

await main()
