// @vitest-environment node
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ENTRY = fileURLToPath(
  new URL('../../src/server/index.ts', import.meta.url),
)

// Import and export-from statements that load a module at run time;
// `import type` and `export type` are erased by the compiler.
const RUNTIME_IMPORT =
  /^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm

/**
 * Follows the relative imports of `entry` through the source tree and
 * returns every package it loads at run time, with the files visited.
 */
function collectRuntimeImports(entry: string) {
  const packages = new Set<string>()
  const files = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const source = readFileSync(file, 'utf8')
    for (const [, specifier] of source.matchAll(RUNTIME_IMPORT)) {
      if (specifier!.startsWith('.')) {
        visit(resolve(dirname(file), `${specifier}.ts`))
      } else {
        packages.add(specifier!)
      }
    }
  }
  visit(entry)
  return { packages: [...packages].sort(), files: [...files] }
}

describe('react-adobe-target/server', () => {
  it('loads no Node built-in module', () => {
    const { packages, files } = collectRuntimeImports(ENTRY)

    const builtins = packages.filter(
      (name) => name.startsWith('node:') || builtinModules.includes(name),
    )
    expect(builtins).toEqual([])
    // Guards the walk itself: it must reach the client and the visitor.
    expect(files.some((file) => file.endsWith('createClientCore.ts'))).toBe(
      true,
    )
    expect(files.some((file) => file.endsWith('createVisitor.ts'))).toBe(true)
  })

  it('loads only React Query from outside the library', () => {
    expect(collectRuntimeImports(ENTRY).packages).toEqual([
      '@tanstack/react-query',
    ])
  })
})
