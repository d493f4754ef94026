import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'

// Stories import the library by its package name, as an app would. The
// alias points that name at the source, so a change shows without a build.
// Only the root entry is aliased, because `react-adobe-target/edge` is a
// Node server and has no place in a browser bundle.
const librarySource = fileURLToPath(new URL('../src/index.ts', import.meta.url))

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.tsx'],
  framework: {
    name: '@storybook/react-vite',
    // Effects run twice on mount, so every demo also shows that displays
    // and clicks are still counted once under Strict Mode.
    options: { strictMode: true },
  },
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite')
    const { default: react } = await import('@vitejs/plugin-react')
    return mergeConfig(viteConfig, {
      plugins: [react()],
      // The preview bundle contains React, react-dom and Storybook's
      // runtime, 1.1 MB minified with Storybook 10.6. It is only served
      // from this machine, so its size does not matter.
      build: { chunkSizeWarningLimit: 1500 },
      resolve: {
        alias: [{ find: /^react-adobe-target$/, replacement: librarySource }],
      },
    })
  },
}

export default config
