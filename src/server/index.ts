export { prefetchTargetOffers } from './prefetchTargetOffers'
export type {
  PrefetchTargetOffersOptions,
  ServerMbox,
} from './prefetchTargetOffers'
export { formatSetCookie } from './formatSetCookie'
export type { FormatSetCookieOptions } from './formatSetCookie'
export { serializeServerState } from './serializeServerState'
export type { RequestCookies } from './readRequestCookie'
export type { TargetServerState } from '../core/TargetServerState'
export type { TargetCookie } from '../visitor/createVisitor'
export { TargetError } from '../delivery/TargetError'
export type { TargetErrorKind } from '../delivery/TargetError'
