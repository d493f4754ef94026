import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2020',
    // The React entry contains hooks and context, so in React Server
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
    // The server entry has no "use client" banner, so a React Server
    // Component can call it.
    entry: { 'server/index': 'src/server/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2020',
    external: ['react', 'react-dom', '@tanstack/react-query'],
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
