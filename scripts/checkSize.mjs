// Checks the size of the browser entry, dist/index.js, so run `tsup`
// first. Minified and gzipped, with the peer dependencies external, the
// goal is 4096 bytes for the whole public API and 3072 bytes for the
// smallest useful import (the provider and the mbox). Until the library
// meets those goals, it fails (exit 1) past the ceilings in
// bench/measureBundle.mjs, which stop any growth, and lists which source
// files weigh most.
//
//   node scripts/checkSize.mjs [--details]
//
// --details lists the heaviest source files even when within budget.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  BUDGETS,
  CEILINGS,
  largestInputs,
  measureBundle,
} from './bench/measureBundle.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

const BUNDLES = [
  {
    name: 'whole public API',
    exports: '*',
    goal: BUDGETS.wholeApi,
    ceiling: CEILINGS.wholeApi,
  },
  {
    name: 'TargetProvider + TargetMbox',
    exports: '{ TargetProvider, TargetMbox }',
    goal: BUDGETS.providerAndMbox,
    ceiling: CEILINGS.providerAndMbox,
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
  const over = gzipped > bundle.ceiling
  failed ||= over
  const verdict = over
    ? `OVER the ceiling of ${bundle.ceiling} B by ${gzipped - bundle.ceiling} B`
    : `under the ceiling of ${bundle.ceiling} B`
  const goal =
    gzipped > bundle.goal
      ? `${gzipped - bundle.goal} B over the goal of ${bundle.goal} B`
      : `within the goal of ${bundle.goal} B`
  console.log(
    `size: ${bundle.name}: ${gzipped} B min+gzip (${minified} B minified), ${verdict}; ${goal}`,
  )
  if (over || showDetails) await printHeaviestSources(bundle.exports)
}

if (failed) {
  console.error(
    'size: a bundle grew past its ceiling. Shrink the files listed above, or raise the ceiling in scripts/bench/measureBundle.mjs in a commit that says what the bytes buy.',
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
