// Builds the bench page from scripts/bench/page/ with esbuild, in memory.
// The build has three files: the instrumentation script, the page bundle
// with React's production build, and the same bundle with react-dom's
// profiling build. That is the only production build that calls
// <Profiler onRender>. The page imports the library as
// 'react-adobe-target', resolved to dist/index.js, so the code measured is
// the code that ships.
import { build } from 'esbuild'

const PAGE_DIR = new URL('./page/', import.meta.url).pathname

/**
 * Resolves with the built files, keyed by URL path, as
 * `{ text, type }` for the page server.
 */
export async function buildPages(root) {
  const [instrument, production, profiling] = await Promise.all([
    bundle({
      entryPoints: [`${PAGE_DIR}instrument.ts`],
      format: 'iife',
    }),
    bundle({
      entryPoints: [`${PAGE_DIR}bench.tsx`],
      format: 'esm',
      define: { BENCH_PROFILING: 'false' },
      plugins: [resolveLibrary(root)],
    }),
    bundle({
      entryPoints: [`${PAGE_DIR}bench.tsx`],
      format: 'esm',
      define: { BENCH_PROFILING: 'true' },
      plugins: [resolveLibrary(root), useProfilingReactDom()],
    }),
  ])
  const js = 'text/javascript; charset=utf-8'
  return {
    '/instrument.js': { text: instrument, type: js },
    '/bench.js': { text: production, type: js },
    '/bench-profiling.js': { text: profiling, type: js },
  }
}

async function bundle({ define, ...options }) {
  const result = await build({
    ...options,
    bundle: true,
    minify: true,
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', ...define },
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0].text
}

// tsconfig.json maps the package name to src/ for the type checker. This
// plugin runs first and points the bundle at the build instead.
function resolveLibrary(root) {
  return {
    name: 'resolve-library',
    setup(build) {
      build.onResolve({ filter: /^react-adobe-target$/ }, () => ({
        path: `${root}dist/index.js`,
      }))
    },
  }
}

// Only the renderer is swapped: the profiling build itself imports
// 'react-dom' for the internals that the renderer and flushSync share.
function useProfilingReactDom() {
  return {
    name: 'profiling-react-dom',
    setup(build) {
      build.onResolve({ filter: /^react-dom\/client$/ }, (args) =>
        build.resolve('react-dom/profiling', {
          kind: args.kind,
          resolveDir: args.resolveDir,
        }),
      )
    },
  }
}
