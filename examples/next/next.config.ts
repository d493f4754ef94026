import type { NextConfig } from 'next'
import { fileURLToPath } from 'node:url'

// The example has no package.json or node_modules of its own: it compiles
// the library's source from ../../src through the `paths` in tsconfig.json
// and takes every package from the repository's node_modules. Turbopack
// may only read files under its root, so the root is the repository.
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))

const nextConfig: NextConfig = {
  turbopack: { root: repositoryRoot },
  outputFileTracingRoot: repositoryRoot,
  // Keeps `next dev` from writing an AGENTS.md into the example.
  agentRules: false,
  experimental: { agentUpgrade: false },
}

export default nextConfig
