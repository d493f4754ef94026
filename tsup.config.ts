import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2020',
    // The React entry holds hooks and context, so in React Server
    // Components it must load as a client module.
    banner: { js: '"use client";' },
    external: [
      'react',
      'react-dom',
      '@tanstack/react-query',
      'react-intersection-observer',
    ],
  },
  {
    entry: { 'edge/index': 'src/edge/index.ts', 'edge/cli': 'src/edge/cli.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { 'edge/index': 'src/edge/index.ts' } },
    sourcemap: true,
    platform: 'node',
    target: 'node20',
  },
])
