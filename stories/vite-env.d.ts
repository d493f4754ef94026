/// <reference types="vite/client" />

interface ImportMetaEnv {
  /**
   * Host and port of the local Target edge that the stories talk to, such
   * as `127.0.0.1:9400`. Defaults to `127.0.0.1:9310`.
   */
  readonly STORYBOOK_TARGET_EDGE?: string
}
