import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { pageCommands } from './test/browser/pageCommands.ts'

// Debian's Chromium; a test tool's own browser download is not used.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Tests, fixtures and stories import the package by its public name.
    alias: {
      'react-adobe-target': new URL('./src/index.ts', import.meta.url).pathname,
    },
  },
  // Listed so Vite does not discover them mid-run and reload the tests.
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-dev-runtime',
      '@tanstack/react-query',
      'react-intersection-observer',
      '@testing-library/react',
    ],
  },
  test: {
    reporters: ['default', './test/summaryReporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/browser/**', 'test/next/**'],
        },
      },
      {
        extends: true,
        test: {
          // The Next.js example, built once by the global setup, then
          // served by `next start` and driven in Chromium from Node. A cold
          // build took 18 s on 2 cores (AMD EPYC); the log prints it.
          name: 'next',
          environment: 'node',
          include: ['test/next/**/*.test.ts'],
          globalSetup: ['test/next/buildNextExample.ts'],
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          globalSetup: ['test/browser/startEdge.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: chromium,
                args: [
                  '--no-sandbox',
                  '--disable-gpu',
                  '--disable-background-networking',
                  '--disable-component-update',
                  '--disable-sync',
                ],
              },
            }),
            instances: [{ browser: 'chromium' }],
            commands: pageCommands,
          },
        },
      },
    ],
  },
})
