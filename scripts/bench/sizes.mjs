// Weighs this library and the packages an app would use instead, each
// bundled the same way (see measureBundle.mjs), from node_modules.
import { readFileSync } from 'node:fs'
import { measureBundle } from './measureBundle.mjs'

/**
 * The bundles to weigh. `package` names the installed package that must
 * show up among the bundle's inputs, so a wrong entry cannot pass as a tiny
 * bundle.
 */
export const SIZE_ENTRIES = [
  {
    id: 'ours',
    package: 'react-adobe-target',
    what: 'whole public API, from dist/index.js',
    contents: "export * from './dist/index.js'",
  },
  {
    id: 'ours-smallest',
    package: 'react-adobe-target',
    what: '`TargetProvider` and `TargetMbox` only',
    contents: "export { TargetProvider, TargetMbox } from './dist/index.js'",
  },
  {
    id: 'alloy',
    package: '@adobe/alloy',
    what: 'whole public API',
    contents: "export * from '@adobe/alloy'",
  },
  {
    id: 'target-nodejs-sdk',
    package: '@adobe/target-nodejs-sdk',
    what: 'browser build',
    contents: "export { default } from '@adobe/target-nodejs-sdk'",
    external: ['punycode', 'crypto', 'https', 'http'],
  },
  {
    id: 'target-react-component',
    package: '@adobe/target-react-component',
    what: 'component factory, without at.js',
    contents: "export { default } from '@adobe/target-react-component'",
  },
  {
    id: 'growthbook-react',
    package: '@growthbook/growthbook-react',
    what: 'whole public API',
    contents: "export * from '@growthbook/growthbook-react'",
  },
]

/**
 * Bundles every entry from `root` and resolves with their sizes and
 * installed versions, in the order of SIZE_ENTRIES.
 */
export async function measureSizes(root) {
  const results = []
  for (const entry of SIZE_ENTRIES) {
    const { minified, gzipped, metafile } = await measureBundle({
      contents: entry.contents,
      resolveDir: root,
      external: entry.external,
    })
    const inputs = Object.keys(metafile.inputs)
    const isOurs = entry.package === 'react-adobe-target'
    const found = isOurs
      ? inputs.includes('dist/index.js')
      : inputs.some((path) => path.includes(`node_modules/${entry.package}/`))
    if (!found) {
      throw new Error(
        `The ${entry.id} bundle does not contain ${entry.package}; its inputs are ${inputs.join(', ')}.`,
      )
    }
    // Read directly: some of these packages do not export package.json.
    const manifest = isOurs
      ? `${root}package.json`
      : `${root}node_modules/${entry.package}/package.json`
    const { version } = JSON.parse(readFileSync(manifest, 'utf8'))
    results.push({ ...entry, version, minified, gzipped })
  }
  return results
}
