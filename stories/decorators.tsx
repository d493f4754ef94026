import type { Decorator, StoryContext } from '@storybook/react-vite'
import { TargetProvider, type TargetProviderProps } from 'react-adobe-target'
import { EDGE_HOST } from './edgeControl'
import { EdgeLog } from './EdgeLog'

/**
 * Story parameter `target`: the props of the provider that
 * {@link withTargetProvider} wraps a story in. `serverDomain` defaults to
 * the local edge and `secure` to false.
 */
export type TargetParameters = Omit<TargetProviderProps, 'children'>

const DEFAULT_CLIENT_CODE = 'demo'

/**
 * Returns the client code a story talks to Target with: its `clientCode`
 * arg where the story renders its own provider, else the `target`
 * parameter's.
 */
function clientCodeOf(context: StoryContext): string {
  const fromArgs: unknown = context.args.clientCode
  if (typeof fromArgs === 'string') return fromArgs
  const target = context.parameters.target as TargetParameters | undefined
  return target?.clientCode ?? DEFAULT_CLIENT_CODE
}

/** Wraps a story in a `TargetProvider` set by the `target` parameter. */
export const withTargetProvider: Decorator = (Story, context) => {
  const target = context.parameters.target as TargetParameters | undefined
  return (
    <TargetProvider
      serverDomain={EDGE_HOST}
      secure={false}
      {...target}
      clientCode={target?.clientCode ?? DEFAULT_CLIENT_CODE}
    >
      <Story />
    </TargetProvider>
  )
}

/**
 * Shows the story beside the edge's log of what it received for the
 * story's client code. The log stays in view while the story scrolls.
 */
export const withEdgeLog: Decorator = (Story, context) => (
  <div className="demo-frame">
    <main className="demo-frame__story">
      <Story />
    </main>
    <div className="demo-frame__log">
      <EdgeLog clientCode={clientCodeOf(context)} />
    </div>
  </div>
)
