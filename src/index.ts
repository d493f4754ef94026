export { TargetProvider } from './react/TargetProvider'
export type { TargetProviderProps } from './react/TargetProvider'
export { TargetMbox } from './react/TargetMbox'
export type { TargetMboxProps } from './react/TargetMbox'
export { useTargetOffer } from './react/useTargetOffer'
export type {
  UseTargetOfferOptions,
  UseTargetOfferResult,
} from './react/useTargetOffer'
export { useTargetClick } from './react/useTargetClick'
export { useTarget } from './react/useTarget'
export { TargetError } from './delivery/TargetError'
export type { TargetErrorKind } from './delivery/TargetError'
export type { TargetOffer } from './core/toOffer'
export type { TargetServerState } from './core/TargetServerState'
export type {
  TargetClient,
  TargetConfig,
  TargetResult,
  GetOffersOptions,
  SendNotificationsOptions,
} from './core/types'
export type * from './delivery/types'
