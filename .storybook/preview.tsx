import type { Preview } from '@storybook/react-vite'
import '../stories/demo.css'

const preview: Preview = {
  parameters: {
    // The stories set their own page layout beside the edge log.
    layout: 'fullscreen',
    controls: { expanded: true },
  },
}

export default preview
