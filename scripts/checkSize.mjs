// Checks the size budgets of the browser entry, dist/index.js, so run
// `tsup` first. Minified and gzipped, with the peer dependencies external,
// the whole public API may take 4096 bytes and the smallest useful import
// (the provider and the mbox) 3072 bytes. Exits 1 when a bundle is over
// its budget, and then lists which source files weigh most.
//
//   node scripts/checkSize.mjs [--details]
//
// --details lists the heaviest source files even when within budget.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  BUDGETS,
  largestInputs,
  measureBundle,
} from './bench/measureBundle.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

const BUNDLES = [
  {
    name: 'whole public API',
    exports: '*',
    budget: BUDGETS.wholeApi,
  },
  {
    name: 'TargetProvider + TargetMbox',
    exports: '{ TargetProvider, TargetMbox }',
    budget: BUDGETS.providerAndMbox,
  },
]

if (!existsSync(`${ROOT}dist/index.js`)) {
  console.error(
    'size: dist/index.js is missing. Build the package first with `npx tsup`.',
  )
  process.exit(1)
}

const showDetails = process.argv.includes('--details')
let failed = false

for (const bundle of BUNDLES) {
  const { minified, gzipped } = await measureBundle({
    contents: `export ${bundle.exports} from './dist/index.js'`,
    resolveDir: ROOT,
  })
  const over = gzipped > bundle.budget
  failed ||= over
  const verdict = over
    ? `OVER budget by ${gzipped - bundle.budget} B`
    : `within budget, ${bundle.budget - gzipped} B to spare`
  console.log(
    `size: ${bundle.name}: ${gzipped} B min+gzip (${minified} B minified), budget ${bundle.budget} B: ${verdict}`,
  )
  if (over || showDetails) await printHeaviestSources(bundle.exports)
}

if (failed) {
  console.error(
    'size: a bundle is over budget. Shrink the files listed above, or raise the budget in scripts/checkSize.mjs if the growth is worth it.',
  )
  process.exit(1)
}

// dist/index.js is a single file, so its metafile cannot show which part
// weighs most. The same exports bundled from src/ can, file by file; their
// bytes are minified but not gzipped, so they rank files rather than add up
// to the gzipped total.
async function printHeaviestSources(exports) {
  const { metafile } = await measureBundle({
    contents: `export ${exports} from './src/index.ts'`,
    resolveDir: ROOT,
  })
  console.log('  heaviest source files (minified bytes, before gzip):')
  for (const { path, bytes } of largestInputs(metafile, 8)) {
    console.log(`    ${String(bytes).padStart(6)}  ${path}`)
  }
}
