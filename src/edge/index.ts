export { createTargetEdge } from './createTargetEdge'
export type {
  ArtifactRule,
  DecisioningArtifact,
  EdgeFault,
  EdgeLogger,
  EdgeNotificationRecord,
  EdgeRequestRecord,
  TargetEdge,
  TargetEdgeOptions,
} from './types'
