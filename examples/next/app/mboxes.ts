// Shared by the Server Component page, which prefetches these mboxes, and
// the client component, which renders them. It must not be a client
// module: a Server Component cannot read values exported by one.

/** Target client code of the local edge's demo artifact. */
export const CLIENT_CODE = 'demo'

/** The mbox below the fold, whose display counts only once scrolled to. */
export const BELOW_FOLD_MBOX = 'demo-slot-5'

/** Every mbox the page renders, so the server prefetches them all at once. */
export const PAGE_MBOXES = [
  'demo-hero',
  'demo-card',
  'demo-cta',
  BELOW_FOLD_MBOX,
]
